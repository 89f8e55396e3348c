//! The voter pages' texts: `i18n/<lang>/portal.ftl`, built into the binary.

use crate::domain::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Bundle = FluentBundle<FluentResource>;

const SOURCES: [(Language, &str); 10] = [
    (Language::En, include_str!("../../../i18n/en/portal.ftl")),
    (Language::Es, include_str!("../../../i18n/es/portal.ftl")),
    (Language::Zh, include_str!("../../../i18n/zh/portal.ftl")),
    (Language::Hi, include_str!("../../../i18n/hi/portal.ftl")),
    (Language::Ja, include_str!("../../../i18n/ja/portal.ftl")),
    (Language::Km, include_str!("../../../i18n/km/portal.ftl")),
    (Language::Ko, include_str!("../../../i18n/ko/portal.ftl")),
    (Language::Tl, include_str!("../../../i18n/tl/portal.ftl")),
    (Language::Th, include_str!("../../../i18n/th/portal.ftl")),
    (Language::Vi, include_str!("../../../i18n/vi/portal.ftl")),
];

pub struct Texts {
    bundles: BTreeMap<Language, Bundle>,
    /// Texts without placeholders, formatted once: a page uses dozens.
    plain: BTreeMap<Language, std::collections::HashMap<String, String>>,
    /// The same, escaped for HTML once.
    escaped: BTreeMap<Language, std::collections::HashMap<String, String>>,
}

/// The built-in texts, parsed once.
pub fn texts() -> &'static Texts {
    static TEXTS: OnceLock<Texts> = OnceLock::new();
    TEXTS.get_or_init(|| Texts::builtin().expect("the built-in page texts parse (tested)"))
}

impl Texts {
    pub fn builtin() -> Result<Self, String> {
        let mut bundles = BTreeMap::new();
        for (lang, src) in SOURCES {
            let res = FluentResource::try_new(src.to_string())
                .map_err(|(_, e)| format!("i18n/{}/portal.ftl: {e:?}", lang.code()))?;
            let id: unic_langid::LanguageIdentifier =
                lang.code().parse().expect("valid language code");
            let mut b = Bundle::new_concurrent(vec![id]);
            b.set_use_isolating(false);
            b.add_resource(res)
                .map_err(|e| format!("i18n/{}/portal.ftl: {e:?}", lang.code()))?;
            bundles.insert(lang, b);
        }
        let mut texts = Self {
            bundles,
            plain: Default::default(),
            escaped: Default::default(),
        };
        let ids = texts.ids();
        for lang in Language::ALL {
            for id in &ids {
                if let Some(s) = texts.try_get(lang, id, &[]) {
                    let html = maud::html! { (s) }.into_string();
                    texts
                        .escaped
                        .entry(lang)
                        .or_default()
                        .insert(id.clone(), html);
                    texts.plain.entry(lang).or_default().insert(id.clone(), s);
                }
            }
        }
        Ok(texts)
    }

    /// Every text id of the English pages.
    pub fn ids(&self) -> Vec<String> {
        SOURCES[0]
            .1
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .filter(|id| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .map(str::to_string)
            .collect()
    }

    /// A text, in `lang`, English if `lang` lacks it (never expected: tested).
    pub fn get(&self, lang: Language, id: &str, args: &[(&str, &str)]) -> String {
        if args.is_empty()
            && let Some(s) = self.plain.get(&lang).and_then(|m| m.get(id))
        {
            return s.clone();
        }
        self.try_get(lang, id, args)
            .or_else(|| self.try_get(Language::En, id, args))
            .unwrap_or_else(|| id.to_string())
    }

    /// A text without placeholders as HTML, escaped once when loaded.
    pub fn html(&self, lang: Language, id: &str) -> maud::PreEscaped<std::borrow::Cow<'_, str>> {
        match self.escaped.get(&lang).and_then(|m| m.get(id)) {
            Some(s) => maud::PreEscaped(std::borrow::Cow::Borrowed(s.as_str())),
            None => maud::PreEscaped(std::borrow::Cow::Owned(
                maud::html! { (self.get(lang, id, &[])) }.into_string(),
            )),
        }
    }

    pub fn try_get(&self, lang: Language, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let b = self.bundles.get(&lang)?;
        let pattern = b.get_message(id)?.value()?;
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, *v);
        }
        let mut errors = Vec::new();
        let s = b.format_pattern(pattern, Some(&fargs), &mut errors);
        errors.is_empty().then(|| s.into_owned())
    }
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
                if lang != Language::En {
                    let en = t.get(Language::En, id, &args);
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
            let mut own: Vec<&str> = src
                .lines()
                .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
                .filter(|id| !id.is_empty() && !id.starts_with('#') && !id.starts_with(' '))
                .collect();
            own.sort();
            let mut en: Vec<&str> = ids.iter().map(String::as_str).collect();
            en.sort();
            assert_eq!(own, en, "{} has the same texts as English", lang.code());
        }
    }
}
