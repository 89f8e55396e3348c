//! Message catalogs: the Fluent files under `i18n/<lang>/`, built into the
//! binary, and the state's and counties' stored overrides of any text.

use crate::domain::{CountyCode, Language};
use crate::store::OverrideVersion;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::BTreeMap;
use std::fmt;

type Bundle = FluentBundle<FluentResource>;

/// The built-in catalogs, by language.
const BUILTIN: [(Language, &str); 10] = [
    (Language::En, include_str!("../../i18n/en/messages.ftl")),
    (Language::Es, include_str!("../../i18n/es/messages.ftl")),
    (Language::Zh, include_str!("../../i18n/zh/messages.ftl")),
    (Language::Hi, include_str!("../../i18n/hi/messages.ftl")),
    (Language::Ja, include_str!("../../i18n/ja/messages.ftl")),
    (Language::Km, include_str!("../../i18n/km/messages.ftl")),
    (Language::Ko, include_str!("../../i18n/ko/messages.ftl")),
    (Language::Tl, include_str!("../../i18n/tl/messages.ftl")),
    (Language::Th, include_str!("../../i18n/th/messages.ftl")),
    (Language::Vi, include_str!("../../i18n/vi/messages.ftl")),
];

/// Whose override a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    State,
    County(CountyCode),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::State => f.write_str("state"),
            Scope::County(c) => write!(f, "county-{}", c.code()),
        }
    }
}

/// Which text an override replaces: `scope/lang/message.attribute`, e.g.
/// `county-01/es/outbound.sms`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct OverrideKey {
    pub scope: Scope,
    pub language: Language,
    /// `message` or `message.attribute`.
    pub text_id: String,
}

impl fmt::Display for OverrideKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.scope,
            self.language.code(),
            self.text_id
        )
    }
}

impl OverrideKey {
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.splitn(3, '/');
        let scope = match parts.next()? {
            "state" => Scope::State,
            c => Scope::County(CountyCode::parse(c.strip_prefix("county-")?)?),
        };
        let language = Language::parse(parts.next()?)?;
        let text_id = parts.next()?.to_string();
        Some(Self {
            scope,
            language,
            text_id,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog {lang}: {errors}")]
    Syntax { lang: String, errors: String },
    #[error("catalog {lang} has no text {id}")]
    Missing { lang: &'static str, id: String },
    #[error("catalog {lang}, text {id}: {errors}")]
    Format {
        lang: &'static str,
        id: String,
        errors: String,
    },
    #[error("{0:?} is not a text of the catalog (use e.g. outbound.sms)")]
    UnknownText(String),
}

pub struct Catalog {
    builtin: BTreeMap<Language, Bundle>,
    overrides: BTreeMap<OverrideKey, Bundle>,
}

fn bundle(lang: Language, source: String) -> Result<Bundle, CatalogError> {
    let syntax = |errors: String| CatalogError::Syntax {
        lang: lang.code().to_string(),
        errors,
    };
    let res = FluentResource::try_new(source).map_err(|(_, e)| syntax(format!("{e:?}")))?;
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language code");
    let mut b = Bundle::new_concurrent(vec![id]);
    // Unicode isolation marks would turn every SMS into UCS-2 and confuse TTS.
    b.set_use_isolating(false);
    b.add_resource(res).map_err(|e| syntax(format!("{e:?}")))?;
    Ok(b)
}

/// An override's text as a one-message Fluent resource.
fn override_source(text: &str) -> String {
    let mut s = String::from("override =");
    for line in text.lines() {
        s.push_str("\n    ");
        s.push_str(line);
    }
    s.push('\n');
    s
}

impl Catalog {
    /// The built-in catalogs.
    pub fn builtin() -> Result<Self, CatalogError> {
        let mut builtin = BTreeMap::new();
        for (lang, src) in BUILTIN {
            builtin.insert(lang, bundle(lang, src.to_string())?);
        }
        Ok(Self {
            builtin,
            overrides: BTreeMap::new(),
        })
    }

    /// The built-in catalogs with the newest version of each stored override.
    pub fn with_overrides(stored: &[(String, Vec<OverrideVersion>)]) -> Result<Self, CatalogError> {
        let mut c = Self::builtin()?;
        for (key, versions) in stored {
            let (Some(k), Some(v)) = (OverrideKey::parse(key), versions.last()) else {
                continue;
            };
            c.set_override(k, &v.text)?;
        }
        Ok(c)
    }

    /// Checks an override's text and puts it in force; an empty text withdraws it.
    pub fn set_override(&mut self, key: OverrideKey, text: &str) -> Result<(), CatalogError> {
        if !self.has_text(key.language, &key.text_id) {
            return Err(CatalogError::UnknownText(key.text_id));
        }
        if text.trim().is_empty() {
            self.overrides.remove(&key);
            return Ok(());
        }
        let b = bundle(key.language, override_source(text))?;
        self.overrides.insert(key, b);
        Ok(())
    }

    fn has_text(&self, lang: Language, text_id: &str) -> bool {
        let (id, attr) = split_id(text_id);
        let Some(m) = self.builtin[&Language::En].get_message(id) else {
            return false;
        };
        let _ = lang;
        match attr {
            Some(a) => m.get_attribute(a).is_some(),
            None => m.value().is_some(),
        }
    }

    /// A text in a language: the county's override, else the state's, else the
    /// built-in catalog. `text_id` is `message` or `message.attribute`.
    pub fn text(
        &self,
        lang: Language,
        county: Option<CountyCode>,
        text_id: &str,
        args: &FluentArgs,
    ) -> Result<String, CatalogError> {
        let mut scopes = Vec::with_capacity(2);
        if let Some(c) = county {
            scopes.push(Scope::County(c));
        }
        scopes.push(Scope::State);
        for scope in scopes {
            let key = OverrideKey {
                scope,
                language: lang,
                text_id: text_id.to_string(),
            };
            if let Some(b) = self.overrides.get(&key) {
                return format(b, lang, "override", None, text_id, args);
            }
        }
        let (id, attr) = split_id(text_id);
        format(&self.builtin[&lang], lang, id, attr, text_id, args)
    }

    /// Every `message.attribute` and attribute-less message id of the English
    /// catalog, which the others must match.
    pub fn text_ids(&self) -> Vec<String> {
        let src = BUILTIN[0].1;
        let res = FluentResource::try_new(src.to_string()).expect("checked at start");
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
}

fn split_id(text_id: &str) -> (&str, Option<&str>) {
    match text_id.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (text_id, None),
    }
}

fn format(
    b: &Bundle,
    lang: Language,
    id: &str,
    attr: Option<&str>,
    text_id: &str,
    args: &FluentArgs,
) -> Result<String, CatalogError> {
    let missing = || CatalogError::Missing {
        lang: lang.code(),
        id: text_id.to_string(),
    };
    let m = b.get_message(id).ok_or_else(missing)?;
    let pattern = match attr {
        Some(a) => m.get_attribute(a).ok_or_else(missing)?.value(),
        None => m.value().ok_or_else(missing)?,
    };
    let mut errors = Vec::new();
    let s = b.format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        return Err(CatalogError::Format {
            lang: lang.code(),
            id: text_id.to_string(),
            errors: format!("{errors:?}"),
        });
    }
    Ok(s.into_owned())
}
