//! Message catalogs: the Fluent files under `i18n/<lang>/`, built into the
//! binary, and the state's and counties' stored overrides of any text.

use crate::domain::{CountyCode, Language, LanguageProfile};
use crate::ftl::Bundle;
use crate::store::{AddedLanguage, OverrideVersion};
use fluent_bundle::{FluentArgs, FluentValue};
use foldhash::HashMap;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::RwLock;

/// The built-in catalogs, by language.
const BUILTIN: [(Language, &str); 10] = [
    (Language::EN, crate::ftl::ENGLISH_MESSAGES),
    (Language::ES, include_str!("../../i18n/es/messages.ftl")),
    (Language::ZH, include_str!("../../i18n/zh/messages.ftl")),
    (Language::HI, include_str!("../../i18n/hi/messages.ftl")),
    (Language::JA, include_str!("../../i18n/ja/messages.ftl")),
    (Language::KM, include_str!("../../i18n/km/messages.ftl")),
    (Language::KO, include_str!("../../i18n/ko/messages.ftl")),
    (Language::TL, include_str!("../../i18n/tl/messages.ftl")),
    (Language::TH, include_str!("../../i18n/th/messages.ftl")),
    (Language::VI, include_str!("../../i18n/vi/messages.ftl")),
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
        let language = Language::parse_code(parts.next()?)?;
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
    /// A file that does not parse, or a translation lacking texts.
    Invalid { lang: String, errors: String },
    #[error("catalog {lang} has no text {id}")]
    Missing { lang: String, id: String },
    #[error("catalog {lang}, text {id}: {errors}")]
    Format {
        lang: String,
        id: String,
        errors: String,
    },
    /// A text would go out with a part left out: never sent.
    #[error("the {lang} text {id} would be sent with ${variable} empty")]
    EmptyVariable {
        lang: String,
        id: String,
        variable: String,
    },
    #[error("the {lang} text {id} uses ${variable}, which this message does not have")]
    MissingVariable {
        lang: String,
        id: String,
        variable: String,
    },
    /// An override as staff wrote it: the line, column and problem.
    #[error("{text_id}: {problems}")]
    Text { text_id: String, problems: String },
    #[error("{0:?} is not a text of the catalog (use e.g. outbound.sms)")]
    UnknownText(String),
    #[error("no catalog speaks {0} (add the language first)")]
    UnknownLanguage(String),
    #[error("{0} is built in; override its texts one by one instead")]
    Builtin(String),
}

pub struct Catalog {
    bundles: BTreeMap<Language, Bundle>,
    /// Every language spoken, built-in first, in the order pickers list them.
    profiles: Vec<LanguageProfile>,
    overrides: BTreeMap<OverrideKey, Bundle>,
    /// Dates written out so far: a ballot page shows a dozen, each two
    /// Fluent formats; a change of the texts starts it afresh.
    dates: RwLock<HashMap<DateKey, String>>,
}

/// A date as one language writes it for one county (or the state).
type DateKey = (Language, Option<CountyCode>, Date);

/// Dates kept written out, at most (a few elections' calendars in every
/// language and county is far less).
const MAX_DATES: usize = 20_000;

fn bundle(lang: Language, source: String) -> Result<Bundle, CatalogError> {
    crate::ftl::bundle(lang, source).map_err(|errors| CatalogError::Invalid {
        lang: lang.to_string(),
        errors,
    })
}

/// An override's text as a one-message Fluent resource.
fn override_source(text: &str) -> String {
    crate::ftl::text_source(text)
}

impl Catalog {
    /// The built-in catalogs.
    pub fn builtin() -> Result<Self, CatalogError> {
        let mut bundles = BTreeMap::new();
        for (lang, src) in BUILTIN {
            bundles.insert(lang, bundle(lang, src.to_string())?);
        }
        Ok(Self {
            bundles,
            profiles: LanguageProfile::builtin(),
            overrides: BTreeMap::new(),
            dates: Default::default(),
        })
    }

    /// The built-in catalogs, the added languages and the newest version of
    /// each stored override.
    pub fn with_stored(
        languages: &[AddedLanguage],
        stored: &[(String, Vec<OverrideVersion>)],
    ) -> Result<Self, CatalogError> {
        let mut c = Self::builtin()?;
        for added in languages {
            c.add_stored_language(added.profile.clone(), &added.messages)?;
        }
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
        if !self.speaks(key.language) {
            return Err(CatalogError::UnknownLanguage(key.language.to_string()));
        }
        if !self.has_text(key.language, &key.text_id) {
            return Err(CatalogError::UnknownText(key.text_id));
        }
        self.dates_changed();
        if text.trim().is_empty() {
            self.overrides.remove(&key);
            return Ok(());
        }
        let b = bundle(key.language, override_source(text))?;
        self.overrides.insert(key, b);
        Ok(())
    }

    /// Puts a language's catalog in force (or replaces it) after checking it
    /// parses and has every text the English catalog has.
    pub fn add_language(
        &mut self,
        profile: LanguageProfile,
        source: &str,
    ) -> Result<(), CatalogError> {
        let lang = profile.language;
        if lang.is_builtin() {
            return Err(CatalogError::Builtin(lang.to_string()));
        }
        let b = crate::ftl::translation(lang, source, crate::ftl::ENGLISH_MESSAGES).map_err(
            |errors| CatalogError::Invalid {
                lang: lang.to_string(),
                errors,
            },
        )?;
        self.dates_changed();
        self.bundles.insert(lang, b);
        self.profiles.retain(|p| p.language != lang);
        self.profiles.push(profile);
        Ok(())
    }

    /// A language added before the English catalog gained texts: it is put in
    /// force as stored, and a message needing a text it lacks is held (with
    /// that reason) rather than the whole catalog refused at start.
    fn add_stored_language(
        &mut self,
        profile: LanguageProfile,
        source: &str,
    ) -> Result<(), CatalogError> {
        let lang = profile.language;
        if lang.is_builtin() {
            return Err(CatalogError::Builtin(lang.to_string()));
        }
        let b = bundle(lang, source.to_string())?;
        self.dates_changed();
        self.bundles.insert(lang, b);
        self.profiles.retain(|p| p.language != lang);
        self.profiles.push(profile);
        Ok(())
    }

    /// Checks an override's text as staff wrote it: it parses, and uses only
    /// variables its message always has (`allowed`). The error names the
    /// line, the column and the problem.
    pub fn check_override_text(
        key: &OverrideKey,
        text: &str,
        allowed: &[&str],
    ) -> Result<(), CatalogError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        crate::ftl::check_text(text, allowed).map_err(|problems| CatalogError::Text {
            text_id: key.text_id.clone(),
            problems,
        })
    }

    fn dates_changed(&mut self) {
        self.dates
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// A date as the language writes it in full (`date-long` with the
    /// month's name), for a county's messages or, without one, the state's.
    pub fn long_date(
        &self,
        lang: Language,
        county: Option<CountyCode>,
        d: Date,
    ) -> Result<String, CatalogError> {
        let key = (lang, county, d);
        if let Some(s) = self
            .dates
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(s.clone());
        }
        let month = self.text(
            lang,
            county,
            &format!("month-{}", d.month()),
            &FluentArgs::new(),
        )?;
        let mut args = FluentArgs::new();
        args.set("month", month);
        args.set("day", d.day().to_string());
        args.set("year", d.year().to_string());
        let s = self.text(lang, county, "date-long", &args)?;
        let mut dates = self.dates.write().unwrap_or_else(|e| e.into_inner());
        if dates.len() >= MAX_DATES {
            dates.clear();
        }
        dates.insert(key, s.clone());
        Ok(s)
    }

    /// Every language with a catalog, built-in first.
    pub fn languages(&self) -> &[LanguageProfile] {
        &self.profiles
    }

    pub fn profile(&self, lang: Language) -> Option<&LanguageProfile> {
        self.profiles.iter().find(|p| p.language == lang)
    }

    /// The `lang` attribute of an email in `lang`.
    pub fn html_lang(&self, lang: Language) -> String {
        self.profile(lang)
            .map_or_else(|| lang.to_string(), |p| p.html_lang().to_string())
    }

    /// The language of `code`, if there is a catalog for it.
    pub fn find(&self, code: &str) -> Option<Language> {
        Language::parse_code(code).filter(|l| self.speaks(*l))
    }

    /// Whether there is a catalog for `lang`.
    pub fn speaks(&self, lang: Language) -> bool {
        self.bundles.contains_key(&lang)
    }

    /// The voice provider's text-to-speech language for `lang`, if it has one.
    pub fn tts(&self, lang: Language) -> Option<&str> {
        self.profile(lang).and_then(|p| p.tts.as_deref())
    }

    fn has_text(&self, lang: Language, text_id: &str) -> bool {
        let (id, attr) = split_id(text_id);
        let Some(m) = self.bundles[&Language::EN].get_message(id) else {
            return false;
        };
        if !self.speaks(lang) {
            return false;
        }
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
        let b = self
            .bundles
            .get(&lang)
            .ok_or_else(|| CatalogError::UnknownLanguage(lang.to_string()))?;
        format(b, lang, id, attr, text_id, args)
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
        lang: lang.to_string(),
        id: text_id.to_string(),
    };
    let m = b.get_message(id).ok_or_else(missing)?;
    let pattern = match attr {
        Some(a) => m.get_attribute(a).ok_or_else(missing)?.value(),
        None => m.value().ok_or_else(missing)?,
    };
    // A part left empty or missing would send "…by 8 pm on." : refused
    // before anything is written, naming the part.
    for r in crate::ftl::references(pattern) {
        let crate::ftl::Reference::Variable(v) = r else {
            continue;
        };
        let (lang, id) = (lang.to_string(), text_id.to_string());
        match args.get(v.clone()) {
            None => {
                return Err(CatalogError::MissingVariable {
                    lang,
                    id,
                    variable: v,
                });
            }
            Some(FluentValue::String(s)) if s.trim().is_empty() => {
                return Err(CatalogError::EmptyVariable {
                    lang,
                    id,
                    variable: v,
                });
            }
            Some(FluentValue::None | FluentValue::Error) => {
                return Err(CatalogError::EmptyVariable {
                    lang,
                    id,
                    variable: v,
                });
            }
            Some(_) => {}
        }
    }
    let mut errors = Vec::new();
    let s = b.format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        return Err(CatalogError::Format {
            lang: lang.to_string(),
            id: text_id.to_string(),
            errors: errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    Ok(s.into_owned())
}
