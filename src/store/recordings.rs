//! Recordings for voice messages in languages without text-to-speech.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{Language, MessageKind};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

/// One uploaded recording of a message kind in a language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// MP3 audio, as the provider fetches it.
    pub audio: Vec<u8>,
    pub at: i64,
    pub actor: String,
}

fn key(lang: Language, kind: MessageKind) -> String {
    format!("{}/{}", lang.code(), kind.name())
}

impl Batch<'_> {
    pub fn recording_put(
        &mut self,
        lang: Language,
        kind: MessageKind,
        recording: &Recording,
    ) -> Result<()> {
        self.recordings.insert(
            key(lang, kind).as_str(),
            codec::encode(recording).as_slice(),
        )?;
        Ok(())
    }

    pub fn recording_exists(&self, lang: Language, kind: MessageKind) -> Result<bool> {
        Ok(self.recordings.get(key(lang, kind).as_str())?.is_some())
    }

    /// Whether there was one to remove.
    pub fn recording_remove(&mut self, lang: Language, kind: MessageKind) -> Result<bool> {
        Ok(self.recordings.remove(key(lang, kind).as_str())?.is_some())
    }
}

impl Snapshot {
    pub fn recording_exists(&self, lang: Language, kind: MessageKind) -> Result<bool> {
        Ok(self
            .table(RECORDINGS)?
            .get(key(lang, kind).as_str())?
            .is_some())
    }

    pub fn recording(&self, lang: Language, kind: MessageKind) -> Result<Option<Recording>> {
        Ok(
            match self.table(RECORDINGS)?.get(key(lang, kind).as_str())? {
                Some(v) => Some(codec::decode(v.value())?),
                None => None,
            },
        )
    }

    /// Every recording's `lang/kind`, size in bytes, time and uploader.
    pub fn recordings(&self) -> Result<Vec<(String, usize, i64, String)>> {
        let mut out = Vec::new();
        for row in self.table(RECORDINGS)?.iter()? {
            let (k, v) = row?;
            let r: Recording = codec::decode(v.value())?;
            out.push((k.value().to_string(), r.audio.len(), r.at, r.actor));
        }
        Ok(out)
    }
}
