//! Import records: the resumable checkpoint of an import in progress, and the
//! summary of a finished one, keyed by the SHA-256 of the file's content.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

/// How far an import got: every row whose sort key is at most `through` is applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub through: Vec<u8>,
    /// The sign-up lookup index lags the voters table until the import ends.
    pub lookup_index_stale: bool,
    /// Counts so far, so a resumed import reports the whole file.
    pub counts: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub feed: String,
    pub mode: String,
    pub started_at: i64,
    pub checkpoint: Option<Checkpoint>,
    /// The summary as JSON, once finished.
    pub finished: Option<(i64, String)>,
}

impl Batch<'_> {
    pub fn import_get(&self, hash: &[u8; 32]) -> Result<Option<ImportRecord>> {
        Ok(match self.imports.get(*hash)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn import_put(&mut self, hash: &[u8; 32], r: &ImportRecord) -> Result<()> {
        self.imports.insert(*hash, codec::encode(r).as_slice())?;
        Ok(())
    }

    /// Any import left unfinished (a crash), with its content hash.
    pub fn imports_unfinished(&self) -> Result<Vec<([u8; 32], ImportRecord)>> {
        let mut out = Vec::new();
        for row in self.imports.iter()? {
            let (k, v) = row?;
            let r: ImportRecord = codec::decode(v.value())?;
            if r.finished.is_none() {
                out.push((k.value(), r));
            }
        }
        Ok(out)
    }
}

impl Snapshot {
    pub fn import_get(&self, hash: &[u8; 32]) -> Result<Option<ImportRecord>> {
        Ok(match self.table(IMPORTS)?.get(*hash)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }
}
