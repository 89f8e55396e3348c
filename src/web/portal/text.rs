//! The voter pages' texts: `i18n/<lang>/portal.ftl`, built into the binary,
//! and those of languages added while the service runs.

use crate::domain::{Language, LanguageProfile};
use crate::ftl::Bundle;
use crate::store::AddedLanguage;
use crate::web::kit::escape::{escape_into, escaped};
use fluent_bundle::FluentArgs;
// Looked up on every page view, by ids the code names (not by anything a
// client sends): a fast hash is enough.
use foldhash::HashMap;

const SOURCES: [(Language, &str); 10] = [
    (Language::EN, crate::ftl::ENGLISH_PAGES),
    (Language::ES, include_str!("../../../i18n/es/portal.ftl")),
    (Language::ZH, include_str!("../../../i18n/zh/portal.ftl")),
    (Language::HI, include_str!("../../../i18n/hi/portal.ftl")),
    (Language::JA, include_str!("../../../i18n/ja/portal.ftl")),
    (Language::KM, include_str!("../../../i18n/km/portal.ftl")),
    (Language::KO, include_str!("../../../i18n/ko/portal.ftl")),
    (Language::TL, include_str!("../../../i18n/tl/portal.ftl")),
    (Language::TH, include_str!("../../../i18n/th/portal.ftl")),
    (Language::VI, include_str!("../../../i18n/vi/portal.ftl")),
];

/// One language's page texts.
struct PageTexts {
    bundle: Bundle,
    /// Texts without placeholders, formatted once: a page uses dozens.
    plain: HashMap<String, String>,
    /// The same, escaped for HTML once.
    escaped: HashMap<String, String>,
    /// Texts whose placeholders are plain variables, cut once around them:
    /// filling one in is a copy, not a Fluent format.
    templates: HashMap<String, Vec<Part>>,
}

/// A piece of a cut text: words (as written, and escaped for HTML), or the
/// variable that goes there.
enum Part {
    Words { plain: String, html: String },
    Var(String),
}

/// The page texts of every language the pages speak, and the page frames
/// made from them (a new language makes new texts, and so new frames).
pub struct Texts {
    /// Built-in first, in the order the language picker lists them.
    profiles: Vec<LanguageProfile>,
    langs: HashMap<Language, PageTexts>,
    pub(super) shells: super::layout::Shells,
}

impl Texts {
    pub fn builtin() -> Result<Self, String> {
        Self::with_added(&[])
    }

    /// The built-in texts and those of the added languages that have pages.
    pub fn with_added(added: &[AddedLanguage]) -> Result<Self, String> {
        let mut texts = Self {
            profiles: Vec::new(),
            langs: HashMap::default(),
            shells: Default::default(),
        };
        let ids = texts.ids();
        let builtin = LanguageProfile::builtin().into_iter().map(|p| {
            let src = SOURCES
                .iter()
                .find(|(l, _)| *l == p.language)
                .map(|(_, s)| *s);
            (p, src.unwrap_or_default().to_string())
        });
        let added = added
            .iter()
            .filter_map(|a| Some((a.profile.clone(), a.pages.clone()?)));
        for (profile, src) in builtin.chain(added) {
            let lang = profile.language;
            let bundle = crate::ftl::bundle(lang, src)
                .map_err(|e| format!("i18n/{lang}/portal.ftl: {e}"))?;
            let mut page = PageTexts {
                bundle,
                plain: HashMap::default(),
                escaped: HashMap::default(),
                templates: HashMap::default(),
            };
            for id in &ids {
                if let Some(t) = cut(&page.bundle, id) {
                    page.templates.insert(id.clone(), t);
                } else if let Some(s) = format(&page.bundle, id, &[]) {
                    page.escaped.insert(id.clone(), escaped(&s));
                    page.plain.insert(id.clone(), s);
                }
            }
            texts.langs.insert(lang, page);
            texts.profiles.retain(|p| p.language != lang);
            texts.profiles.push(profile);
        }
        Ok(texts)
    }

    /// Every text id of the English pages.
    pub fn ids(&self) -> Vec<String> {
        crate::ftl::text_ids(crate::ftl::ENGLISH_PAGES)
    }

    /// The languages the pages speak, built-in first.
    pub fn languages(&self) -> &[LanguageProfile] {
        &self.profiles
    }

    pub fn speaks(&self, lang: Language) -> bool {
        self.langs.contains_key(&lang)
    }

    /// The language of `code`, if the pages speak it.
    pub fn find(&self, code: &str) -> Option<Language> {
        Language::parse_code(code).filter(|l| self.speaks(*l))
    }

    /// The pages' language for someone who reads `lang`: it, or English for
    /// a language with messages but no pages.
    pub fn page_language(&self, lang: Language) -> Language {
        if self.speaks(lang) {
            lang
        } else {
            Language::EN
        }
    }

    /// The profile of a language the pages speak (English's otherwise).
    pub fn profile(&self, lang: Language) -> &LanguageProfile {
        self.profiles
            .iter()
            .find(|p| p.language == lang)
            .unwrap_or(&self.profiles[0])
    }

    /// A text, in `lang`, English if `lang` lacks it (never expected: tested).
    pub fn get(&self, lang: Language, id: &str, args: &[(&str, &str)]) -> String {
        if args.is_empty()
            && let Some(s) = self.langs.get(&lang).and_then(|p| p.plain.get(id))
        {
            return s.clone();
        }
        self.try_get(lang, id, args)
            .or_else(|| self.try_get(Language::EN, id, args))
            .unwrap_or_else(|| id.to_string())
    }

    /// A text without placeholders as HTML, escaped once when loaded.
    pub fn html(&self, lang: Language, id: &str) -> maud::PreEscaped<std::borrow::Cow<'_, str>> {
        match self.langs.get(&lang).and_then(|p| p.escaped.get(id)) {
            Some(s) => maud::PreEscaped(std::borrow::Cow::Borrowed(s.as_str())),
            None => maud::PreEscaped(std::borrow::Cow::Owned(self.html_with(lang, id, &[]).0)),
        }
    }

    /// A text with its placeholders filled in, as HTML: the words were
    /// escaped when loaded, the values are escaped now.
    pub fn html_with(
        &self,
        lang: Language,
        id: &str,
        args: &[(&str, &str)],
    ) -> maud::PreEscaped<String> {
        let cut = |lang| {
            let parts = self.langs.get(&lang)?.templates.get(id)?;
            fill_as(parts, args, true)
        };
        if let Some(html) = cut(lang) {
            return maud::PreEscaped(html);
        }
        maud::PreEscaped(escaped(&self.get(lang, id, args)))
    }

    pub fn try_get(&self, lang: Language, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let page = self.langs.get(&lang)?;
        if let Some(parts) = page.templates.get(id)
            && let Some(s) = fill(parts, args)
        {
            return Some(s);
        }
        format(&page.bundle, id, args)
    }
}

/// A text with placeholders cut around them, if every placeholder is a
/// plain variable and filling the cut text in gives what Fluent gives.
fn cut(b: &Bundle, id: &str) -> Option<Vec<Part>> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let pattern = b.get_message(id)?.value()?;
    let mut parts = Vec::new();
    for e in &pattern.elements {
        parts.push(match e {
            PatternElement::TextElement { value } => Part::Words {
                plain: value.to_string(),
                html: escaped(value),
            },
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => Part::Var(id.name.to_string()),
            _ => return None,
        });
    }
    if !parts.iter().any(|p| matches!(p, Part::Var(_))) {
        return None;
    }
    // Fluent also trims and joins lines; the cut text must agree with it.
    let names: Vec<String> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Var(n) => Some(format!("\u{1}{n}\u{2}")),
            Part::Words { .. } => None,
        })
        .collect();
    let vars: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Var(n) => Some(n.as_str()),
            Part::Words { .. } => None,
        })
        .collect();
    let sample: Vec<(&str, &str)> = vars
        .iter()
        .zip(&names)
        .map(|(v, n)| (*v, n.as_str()))
        .collect();
    (fill(&parts, &sample)? == format(b, id, &sample)?).then_some(parts)
}

/// A cut text filled in; `None` when an argument is missing (Fluent then
/// says so its own way).
fn fill(parts: &[Part], args: &[(&str, &str)]) -> Option<String> {
    fill_as(parts, args, false)
}

/// A cut text filled in, as written or as HTML (its values escaped).
fn fill_as(parts: &[Part], args: &[(&str, &str)], as_html: bool) -> Option<String> {
    let mut out = String::with_capacity(128);
    for p in parts {
        match p {
            Part::Words { html, .. } if as_html => out.push_str(html),
            Part::Words { plain, .. } => out.push_str(plain),
            Part::Var(name) => {
                let value = args.iter().find(|(k, _)| k == name)?.1;
                if as_html {
                    escape_into(value, &mut out);
                } else {
                    out.push_str(value);
                }
            }
        }
    }
    Some(out)
}

fn format(b: &Bundle, id: &str, args: &[(&str, &str)]) -> Option<String> {
    let pattern = b.get_message(id)?.value()?;
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(*k, *v);
    }
    let mut errors = Vec::new();
    let s = b.format_pattern(pattern, Some(&fargs), &mut errors);
    errors.is_empty().then(|| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_text_is_in_every_language_with_its_placeholders() {
        let t = Texts::builtin().expect("parse");
        let ids = t.ids();
        assert!(ids.len() > 150, "{} ids", ids.len());
        let args = [
            ("contact", "name@example.com"),
            ("name", "Ana"),
            ("county", "Alameda"),
            ("election", "General"),
            ("date", "11/03/2026"),
            ("phone", "(916) 555-0100"),
            ("channel", "Email"),
        ];
        for lang in Language::ALL {
            for id in &ids {
                let s = t
                    .try_get(lang, id, &args)
                    .unwrap_or_else(|| panic!("{} lacks {id}", lang.code()));
                assert!(!s.trim().is_empty(), "{} {id} is empty", lang.code());
                if lang != Language::EN {
                    let en = t.get(Language::EN, id, &args);
                    // Texts made only of names, codes and examples may be equal.
                    let words = en
                        .split_whitespace()
                        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()) && w.len() > 3)
                        .count();
                    if words >= 3 {
                        assert_ne!(s, en, "{} {id} is still English", lang.code());
                    }
                }
            }
            // No text of another language's file is missing here, either.
            let src = SOURCES.iter().find(|(l, _)| *l == lang).expect("listed").1;
            let mut own = crate::ftl::text_ids(src);
            own.sort();
            let mut en = ids.clone();
            en.sort();
            assert_eq!(own, en, "{} has the same texts as English", lang.code());
        }
    }

    #[test]
    fn cut_texts_read_as_fluent_writes_them() {
        let t = Texts::builtin().expect("parse");
        let args = [
            ("name", "Ana María"),
            ("county", "San Luis Obispo"),
            ("date", "3 de noviembre de 2026"),
            ("phone", "(805) 781-5228"),
            ("election", "General"),
            ("contact", "ana@example.org"),
            ("channel", "SMS"),
        ];
        let mut cut = 0;
        for lang in Language::ALL {
            let page = &t.langs[&lang];
            for (id, parts) in &page.templates {
                cut += 1;
                let names: Vec<(&str, &str)> = parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Var(n) => args.iter().find(|(k, _)| k == n).copied(),
                        Part::Words { .. } => None,
                    })
                    .collect();
                assert_eq!(
                    fill(parts, &names),
                    format(&page.bundle, id, &names),
                    "{lang} {id}"
                );
            }
        }
        assert!(cut >= 10 * 10, "{cut} texts cut");
    }

    #[test]
    fn html_texts_are_the_texts_escaped_as_maud_escapes_them() {
        let t = Texts::builtin().expect("parse");
        let args = [
            ("contact", "<b>\"x\"@example.com</b>"),
            ("name", "Ana & <i>María</i>"),
            ("county", "San Luis Obispo"),
            ("election", "General <2026>"),
            ("date", "11/03/2026"),
            ("phone", "(916) 555-0100"),
            ("channel", "Email"),
        ];
        for lang in Language::ALL {
            for id in t.ids() {
                let plain = t.get(lang, &id, &args);
                let expected = maud::html! { (plain) }.into_string();
                assert_eq!(t.html_with(lang, &id, &args).0, expected, "{lang} {id}");
                if !plain.contains('<') {
                    assert_eq!(
                        t.html(lang, &id).0,
                        maud::html! { (t.get(lang, &id, &[])) }.into_string()
                    );
                }
            }
        }
    }
}
