//! Languages an operator added at run time, with their catalogs.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{Language, LanguageProfile};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

/// One added language: its profile, its message catalog and, if the voter
/// pages speak it too, their catalog (Fluent sources, as uploaded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedLanguage {
    pub profile: LanguageProfile,
    pub messages: String,
    pub pages: Option<String>,
    pub at: i64,
    pub actor: String,
}

impl Batch<'_> {
    /// Adds a language or replaces what was stored for it.
    pub fn language_put(&mut self, added: &AddedLanguage) -> Result<()> {
        self.languages.insert(
            added.profile.language.code(),
            codec::encode(added).as_slice(),
        )?;
        Ok(())
    }
}

impl Snapshot {
    /// The codes of the added languages, without reading their catalogs.
    pub fn language_codes(&self) -> Result<Vec<Language>> {
        let mut out = Vec::new();
        for row in self.table(LANGUAGES)?.iter()? {
            out.extend(Language::parse_code(row?.0.value()));
        }
        Ok(out)
    }

    /// Every added language, by code.
    pub fn languages_added(&self) -> Result<Vec<AddedLanguage>> {
        let mut out = Vec::new();
        for row in self.table(LANGUAGES)?.iter()? {
            out.push(codec::decode(row?.1.value())?);
        }
        Ok(out)
    }
}
