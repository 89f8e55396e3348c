//! Fluent files: a bundle from a file with parse errors that name the line,
//! the texts a file has, and which of the English texts a translation lacks.

use crate::domain::Language;
use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;

pub type Bundle = FluentBundle<FluentResource>;

/// The English message catalog: every other language has each of its texts.
pub const ENGLISH_MESSAGES: &str = include_str!("../i18n/en/messages.ftl");
/// The English voter pages' texts, likewise.
pub const ENGLISH_PAGES: &str = include_str!("../i18n/en/portal.ftl");

/// A bundle of one file in `lang`. The error says the line and what is wrong.
pub fn bundle(lang: Language, source: String) -> Result<Bundle, String> {
    let res = FluentResource::try_new(source).map_err(|(res, e)| describe(res.source(), &e))?;
    // A code unic-langid cannot read only loses its plural rules to the root's.
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = Bundle::new_concurrent(vec![id]);
    // Unicode isolation marks would turn every SMS into UCS-2, confuse
    // text-to-speech and show up in page titles.
    b.set_use_isolating(false);
    b.add_resource(res).map_err(|e| {
        e.iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    Ok(b)
}

/// Every text of a file: `message` for a message with a value and
/// `message.attribute` for each attribute. Terms are not texts.
pub fn text_ids(source: &str) -> Vec<String> {
    let res = match FluentResource::try_new(source.to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in res.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                out.push(m.id.name.to_string());
            }
            for a in &m.attributes {
                out.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    out
}

/// The texts of `ids` that `b` lacks.
pub fn missing(b: &Bundle, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|t| {
            let (id, attr) = match t.split_once('.') {
                Some((id, a)) => (id, Some(a)),
                None => (t.as_str(), None),
            };
            let m = b.get_message(id);
            match attr {
                Some(a) => m.and_then(|m| m.get_attribute(a)).is_none(),
                None => m.and_then(|m| m.value()).is_none(),
            }
        })
        .cloned()
        .collect()
}

/// A translation of `english` in `lang`: its bundle, if it parses and has
/// every text of the English file; else what is wrong (the line, or the
/// missing texts).
pub fn translation(lang: Language, source: &str, english: &str) -> Result<Bundle, String> {
    let b = bundle(lang, source.to_string())?;
    let missing = missing(&b, &text_ids(english));
    if missing.is_empty() {
        Ok(b)
    } else {
        Err(format!(
            "lacks {} of the English texts: {}",
            missing.len(),
            missing.join(", ")
        ))
    }
}

/// Parse errors as a person reads them: the line, what is wrong, and the
/// line's start.
fn describe(source: &str, errors: &[fluent_syntax::parser::ParserError]) -> String {
    errors
        .iter()
        .take(5)
        .map(|e| {
            // The broken entry's first line (the error itself may be past
            // its end, where the parser gave up).
            let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
            let at = at.min(source.len());
            let line = source.as_bytes()[..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let text: String = source
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .trim()
                .chars()
                .take(60)
                .collect();
            format!("line {line}: {} ({text:?})", e.kind)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line_and_missing_texts_are_listed() {
        let hy = Language::parse_code("hy").expect("code");
        let e = bundle(hy, "a = one\nb = two\nc = { $x\n".into())
            .err()
            .expect("a bad placeable");
        assert!(e.starts_with("line 3:"), "{e}");
        let b = bundle(hy, "a = one\nb =\n    .x = two\n".into()).expect("parses");
        let ids = text_ids("a = 1\nb = 2\n    .x = 3\n    .y = 4\n-term = 5\n");
        assert_eq!(ids, ["a", "b", "b.x", "b.y"]);
        assert_eq!(missing(&b, &ids), ["b", "b.y"]);
    }
}
