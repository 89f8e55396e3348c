//! State and county overrides of message texts, every version kept.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

/// One version of an override. An empty text withdraws the override.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideVersion {
    pub version: u32,
    pub text: String,
    pub at: i64,
    pub actor: String,
}

impl Batch<'_> {
    /// Adds a version of the override under `key`; returns its number.
    pub fn catalog_override_add(
        &mut self,
        key: &str,
        text: &str,
        at: i64,
        actor: &str,
    ) -> Result<u32> {
        let mut versions: Vec<OverrideVersion> = match self.catalog_overrides.get(key)? {
            Some(v) => codec::decode(v.value())?,
            None => Vec::new(),
        };
        let version = versions.last().map_or(1, |v| v.version + 1);
        versions.push(OverrideVersion {
            version,
            text: text.to_string(),
            at,
            actor: actor.to_string(),
        });
        self.catalog_overrides
            .insert(key, codec::encode(&versions).as_slice())?;
        Ok(version)
    }
}

impl Snapshot {
    /// Every override key with all its versions, oldest first.
    pub fn catalog_overrides(&self) -> Result<Vec<(String, Vec<OverrideVersion>)>> {
        let mut out = Vec::new();
        for row in self.table(CATALOG_OVERRIDES)?.iter()? {
            let (k, v) = row?;
            out.push((k.value().to_string(), codec::decode(v.value())?));
        }
        Ok(out)
    }
}
