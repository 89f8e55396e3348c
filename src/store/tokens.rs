//! API bearer tokens, stored only as their SHA-256.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::CountyCode;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenScope {
    /// The Secretary of State: every county.
    State,
    /// One county's staff: that county's rows only.
    County(CountyCode),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    pub scope: TokenScope,
    pub label: String,
    pub created_at: i64,
}

pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Batch<'_> {
    pub fn token_put(&mut self, token: &str, r: &TokenRecord) -> Result<()> {
        self.tokens
            .insert(token_hash(token), codec::encode(r).as_slice())?;
        Ok(())
    }

    /// Revokes every token with `label` and `scope`; returns how many there were.
    pub fn tokens_remove_labelled(&mut self, label: &str, scope: TokenScope) -> Result<usize> {
        let mut found = Vec::new();
        for row in self.tokens.iter()? {
            let (k, v) = row?;
            let r: TokenRecord = codec::decode(v.value())?;
            if r.label == label && r.scope == scope {
                found.push(k.value());
            }
        }
        for k in &found {
            self.tokens.remove(k)?;
        }
        Ok(found.len())
    }

    /// Revokes a token; returns whether it existed.
    pub fn token_remove(&mut self, token: &str) -> Result<bool> {
        Ok(self.tokens.remove(token_hash(token))?.is_some())
    }
}

impl Snapshot {
    pub fn token_get(&self, token: &str) -> Result<Option<TokenRecord>> {
        Ok(match self.table(TOKENS)?.get(token_hash(token))? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }
}
