//! Fluent files: a bundle from a file with parse errors that name the line,
//! the texts a file has, and which of the English texts a translation lacks.

use crate::domain::Language;
use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

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

/// What a text names besides its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    Variable(String),
    Message(String),
    Term(String),
    Function(String),
}

/// Everything a pattern names, in every variant of its choices.
pub fn references(p: &Pattern<&str>) -> Vec<Reference> {
    let mut out = Vec::new();
    pattern_refs(p, &mut out);
    out
}

fn pattern_refs(p: &Pattern<&str>, out: &mut Vec<Reference>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_refs(expression, out);
        }
    }
}

fn expression_refs(e: &Expression<&str>, out: &mut Vec<Reference>) {
    match e {
        Expression::Inline(i) => inline_refs(i, out),
        Expression::Select { selector, variants } => {
            inline_refs(selector, out);
            for v in variants {
                pattern_refs(&v.value, out);
            }
        }
    }
}

fn inline_refs(i: &InlineExpression<&str>, out: &mut Vec<Reference>) {
    let args = |a: &fluent_syntax::ast::CallArguments<&str>, out: &mut Vec<Reference>| {
        for p in &a.positional {
            inline_refs(p, out);
        }
        for n in &a.named {
            inline_refs(&n.value, out);
        }
    };
    match i {
        InlineExpression::VariableReference { id } => out.push(Reference::Variable(id.name.into())),
        InlineExpression::MessageReference { id, .. } => {
            out.push(Reference::Message(id.name.into()))
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            out.push(Reference::Term(id.name.into()));
            if let Some(a) = arguments {
                args(a, out);
            }
        }
        InlineExpression::FunctionReference { id, arguments } => {
            out.push(Reference::Function(id.name.into()));
            args(arguments, out);
        }
        InlineExpression::Placeable { expression } => expression_refs(expression, out),
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}

/// A text staff write (an override) as a one-message Fluent resource: its
/// lines indented under `override =`.
pub fn text_source(text: &str) -> String {
    let mut s = String::from("override =");
    for line in text.lines() {
        s.push_str("\n    ");
        s.push_str(line);
    }
    s.push('\n');
    s
}

/// Checks a text as staff write it, before it is stored: it must parse and
/// name nothing but the variables in `allowed` (each always given, never
/// empty, for this text). Each problem is told as "line L, column C: what".
pub fn check_text(text: &str, allowed: &[&str]) -> Result<(), String> {
    let source = text_source(text);
    let res = match FluentResource::try_new(source.clone()) {
        Ok(r) => r,
        Err((_, errors)) => {
            let problems: Vec<String> = errors
                .iter()
                .take(5)
                .map(|e| {
                    let (line, col) = text_position(&source, e.pos.start);
                    format!("line {line}, column {col}: {}", plain_parse_error(&e.kind))
                })
                .collect();
            return Err(problems.join("; "));
        }
    };
    let mut problems = Vec::new();
    for entry in res.entries() {
        let fluent_syntax::ast::Entry::Message(m) = entry else {
            continue;
        };
        let Some(p) = &m.value else {
            return Err("line 1, column 1: the text is empty".into());
        };
        for r in references(p) {
            if let Some(problem) = reference_problem(text, &r, allowed)
                && !problems.contains(&problem)
            {
                problems.push(problem);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn reference_problem(text: &str, r: &Reference, allowed: &[&str]) -> Option<String> {
    let vars = if allowed.is_empty() {
        "it has no variables".to_string()
    } else {
        let list: Vec<String> = allowed.iter().map(|v| format!("${v}")).collect();
        format!("it can use {}", list.join(", "))
    };
    let (needle, what) = match r {
        Reference::Variable(v) if allowed.contains(&v.as_str()) => return None,
        Reference::Variable(v) => (
            format!("${v}"),
            format!("${v} is not a part of this text ({vars})"),
        ),
        Reference::Message(m) if allowed.contains(&m.as_str()) => (
            m.clone(),
            format!("{{ {m} }} lacks its $: write {{ ${m} }}"),
        ),
        Reference::Message(m) => (
            m.clone(),
            format!("{{ {m} }} is not a part of this text ({vars}; a variable starts with $)"),
        ),
        Reference::Term(t) => (
            format!("-{t}"),
            format!("-{t}: an override cannot use terms ({vars})"),
        ),
        Reference::Function(f) => (
            format!("{f}("),
            format!("{f}(): an override cannot use functions ({vars})"),
        ),
    };
    let (line, col) = find_in_text(text, &needle);
    Some(format!("line {line}, column {col}: {what}"))
}

/// Where `needle` first stands in `text` as a whole name, as (line, column),
/// both from 1, columns in characters.
fn find_in_text(text: &str, needle: &str) -> (usize, usize) {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before_ok = !needle.starts_with(ident) || !text[..at].ends_with(ident);
        let after_ok = needle.ends_with('(') || !text[end..].starts_with(ident);
        if before_ok && after_ok {
            return position(text, at);
        }
        from = end;
    }
    (1, 1)
}

fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A position in `text_source(text)` as the line and column of `text`.
fn text_position(source: &str, at: usize) -> (usize, usize) {
    // Past the end (where the parser gave up): the end of the last line.
    let mut at = at.min(source.trim_end_matches('\n').len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let (line, col) = position(source, at);
    // The first line is `override =`; every other is indented by four.
    if line <= 1 {
        (1, 1)
    } else {
        (line - 1, col.saturating_sub(4).max(1))
    }
}

fn plain_parse_error(kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind as K;
    match kind {
        K::ExpectedToken('}') => "a { is not closed by }".into(),
        K::ExpectedToken(c) => format!("{c:?} is missing here"),
        K::UnbalancedClosingBrace => {
            "a } has no { before it (to write a brace as text: {\"{\"} or {\"}\"})".into()
        }
        K::ExpectedInlineExpression => "a { } needs a variable inside, such as { $county }".into(),
        K::MissingDefaultVariant => {
            "a choice needs a default variant, marked *, such as *[other]".into()
        }
        K::ExpectedMessageField { .. } | K::MissingValue => "the text is empty".into(),
        K::UnterminatedStringLiteral => "a quoted text is not closed by \"".into(),
        other => {
            let s = other.to_string();
            let mut c = s.chars();
            c.next()
                .map_or(s.clone(), |f| f.to_lowercase().chain(c).collect())
        }
    }
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

    #[test]
    fn a_staff_text_is_checked_with_its_line_column_and_problem_in_plain_words() {
        let vars = ["county", "election_date"];
        assert_eq!(check_text("Vote by { $election_date }.", &vars), Ok(()));
        let e = check_text("Return it\nby 8 pm on { $election_day }.", &vars).unwrap_err();
        assert_eq!(
            e,
            "line 2, column 14: $election_day is not a part of this text (it can use $county, $election_date)"
        );
        let e = check_text("{ county } County: vote", &vars).unwrap_err();
        assert_eq!(
            e,
            "line 1, column 3: { county } lacks its $: write { $county }"
        );
        let e = check_text("one\ntwo { $county", &vars).unwrap_err();
        assert!(e.starts_with("line 2, column "), "{e}");
        assert!(e.contains("a { is not closed by }"), "{e}");
        assert!(!e.contains("ParserError") && !e.contains("kind:"), "{e}");
        let e = check_text("{ NUMBER($county) } x", &vars).unwrap_err();
        assert!(
            e.contains("NUMBER(): an override cannot use functions"),
            "{e}"
        );
        let e = check_text("oops }", &vars).unwrap_err();
        assert!(e.starts_with("line 1, column "), "{e}");
    }
}
