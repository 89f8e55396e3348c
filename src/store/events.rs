//! The event log: every ballot change that calls for a message, and every end
//! of a voter's tracking, in the order recorded. The notification engine reads
//! it from a cursor it stores in the same transaction as what it derives, so
//! each entry is consumed exactly once.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{CountyCode, MessageKind};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventLogKind {
    /// A ballot change calling for this message.
    Message { election: u16, kind: MessageKind },
    /// The voter moved county or left the roll: their subscription ends.
    TrackingEnded { moved_to: Option<CountyCode> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLogEntry {
    pub voter: u128,
    pub county: CountyCode,
    pub kind: EventLogKind,
    /// When the change took effect.
    pub at: i64,
    /// When the system recorded it.
    pub recorded_at: i64,
}

impl Batch<'_> {
    pub fn log_event(&mut self, e: &EventLogEntry) -> Result<u64> {
        let n = self.event_log.last()?.map_or(1, |(k, _)| k.value() + 1);
        self.event_log.insert(n, codec::encode(e).as_slice())?;
        Ok(n)
    }
}

impl Snapshot {
    /// Entries with sequence greater than `after`, at most `limit`.
    pub fn events_after(&self, after: u64, limit: usize) -> Result<Vec<(u64, EventLogEntry)>> {
        let t = self.table(EVENT_LOG)?;
        let mut out = Vec::new();
        for row in t.range(after.saturating_add(1)..)?.take(limit) {
            let (k, v) = row?;
            out.push((k.value(), codec::decode(v.value())?));
        }
        Ok(out)
    }
}
