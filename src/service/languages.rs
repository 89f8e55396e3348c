//! Languages added while the service runs: a code, the language's own name,
//! the voice provider's text-to-speech language (or recordings), its message
//! catalog and, optionally, its voter pages' texts. Checked whole before it
//! is stored: a language is never half there.

use super::notices::{check_renders, stored_catalog};
use super::{Actor, Result, ServiceError, secs};
use crate::domain::{CountyCode, Language, LanguageProfile};
use crate::store::{AddedLanguage, Store};

/// What an operator gives to add (or replace) a language.
#[derive(Clone, Debug, Default)]
pub struct NewLanguage {
    pub code: String,
    pub endonym: String,
    pub tts: Option<String>,
    pub rtl: bool,
    /// The message catalog (`messages.ftl`).
    pub messages: String,
    /// The voter pages' texts (`portal.ftl`); without them the pages are not
    /// offered in the language, but messages are.
    pub pages: Option<String>,
}

/// Every language messages can be sent in: the ten built in, then the added.
pub fn spoken(store: &Store) -> Result<Vec<Language>> {
    let mut out = Language::ALL.to_vec();
    out.extend(store.read()?.language_codes()?);
    Ok(out)
}

pub fn added(store: &Store) -> Result<Vec<AddedLanguage>> {
    Ok(store.read()?.languages_added()?)
}

fn invalid(field: &str, why: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid(format!("{field}: {why}"))
}

/// Checks a language whole (its messages render on every channel in every
/// county, text messages within their segments, the pages' texts complete)
/// and stores it. State only.
pub fn add(
    store: &Store,
    actor: &Actor,
    new: NewLanguage,
    now: jiff::Timestamp,
) -> Result<AddedLanguage> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may add languages".into(),
        ));
    }
    let language = Language::parse_code(new.code.trim()).ok_or_else(|| {
        invalid(
            "code",
            format!(
                "{:?} is not a language code (two or three letters, then an optional script or region: hy, pa-Arab)",
                new.code
            ),
        )
    })?;
    if language.is_builtin() {
        return Err(invalid(
            "code",
            format!("{language} is built in; override its texts one by one instead"),
        ));
    }
    let endonym = new.endonym.trim();
    if endonym.is_empty() || endonym.chars().count() > 40 {
        return Err(invalid(
            "name",
            "the language's own name, as voters know it, of 1 to 40 characters",
        ));
    }
    let tts = match new.tts.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(
            Language::parse_code(t)
                .ok_or_else(|| {
                    invalid(
                        "tts",
                        format!("{t:?} is not a text-to-speech language (e.g. hy-AM)"),
                    )
                })?
                .to_string(),
        ),
        None => None,
    };
    let profile = LanguageProfile {
        language,
        endonym: endonym.to_string(),
        tts,
        rtl: new.rtl,
    };
    let mut catalog = stored_catalog(store)?;
    catalog
        .add_language(profile.clone(), &new.messages)
        .map_err(|e| invalid("messages", e))?;
    let counties: Vec<CountyCode> = CountyCode::all().collect();
    check_renders(
        &catalog,
        language,
        &counties,
        &format!("messages ({language})"),
    )?;
    if let Some(pages) = &new.pages {
        crate::ftl::translation(language, pages, crate::ftl::ENGLISH_PAGES)
            .map_err(|e| invalid("pages", format!("the {language} pages {e}")))?;
    }
    let added = AddedLanguage {
        profile,
        messages: new.messages,
        pages: new.pages,
        at: secs(now),
        actor: actor.name.clone(),
    };
    store.write(true, |b| {
        b.language_put(&added)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("added the language {language} ({endonym})"),
        )
    })?;
    Ok(added)
}
