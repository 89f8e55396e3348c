//! The event log: every ballot change that calls for a message, and every end
//! of a voter's tracking, in the order recorded. The notification engine reads
//! it from a cursor it stores in the same transaction as what it derives, so
//! each entry is consumed exactly once.
//!
//! Entries are stored a block per write transaction (one B-tree insert for a
//! whole import batch); an entry's position is `block << 24 | index`.

use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{CountyCode, MessageKind, StatusCode};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventLogKind {
    /// A ballot change calling for this message.
    Message {
        election: u16,
        kind: MessageKind,
        /// The ballot's VoteCal status code then (the reason of a Not Accepted
        /// or Contact County message).
        code: Option<StatusCode>,
        /// Which message of its kind this is for the ballot (reissues).
        round: u8,
    },
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

/// Entries in one block at most (the index part of a position).
const BLOCK_BITS: u32 = 24;

impl Batch<'_> {
    /// Appends an entry; it is written with the batch. Returns its position.
    pub fn log_event(&mut self, e: &EventLogEntry) -> Result<u64> {
        let block = match self.next_event {
            Some(b) => b,
            None => {
                let b = self.event_log.last()?.map_or(1, |(k, _)| k.value() + 1);
                self.next_event = Some(b);
                b
            }
        };
        if self.events_new.len() + 1 >= 1 << BLOCK_BITS {
            self.flush_events()?;
            return self.log_event(e);
        }
        self.events_new.push(e.clone());
        Ok((block << BLOCK_BITS) | (self.events_new.len() as u64 - 1))
    }

    /// A position at or after every entry committed so far (entries logged
    /// later in this transaction come after it).
    pub fn event_log_position(&self) -> Result<u64> {
        Ok(match self.event_log.last()? {
            Some((k, _)) => (k.value() << BLOCK_BITS) | ((1 << BLOCK_BITS) - 1),
            None => 0,
        })
    }

    /// Writes the pending entries as one block.
    pub(crate) fn flush_events(&mut self) -> Result<()> {
        if self.events_new.is_empty() {
            return Ok(());
        }
        let block = self.next_event.expect("set by log_event");
        self.event_log
            .insert(block, codec::encode(&self.events_new).as_slice())?;
        self.events_new.clear();
        self.next_event = Some(block + 1);
        Ok(())
    }
}

impl Snapshot {
    /// Entries after position `after` (0 for the start), at most `limit`, with their positions.
    pub fn events_after(&self, after: u64, limit: usize) -> Result<Vec<(u64, EventLogEntry)>> {
        let t = self.table(EVENT_LOG)?;
        let mut out = Vec::new();
        let (first_block, skip) = (after >> BLOCK_BITS, after & ((1 << BLOCK_BITS) - 1));
        for row in t.range(first_block.max(1)..)? {
            let (k, v) = row?;
            let block = k.value();
            let entries: Vec<EventLogEntry> = codec::decode(v.value())?;
            for (i, e) in entries.into_iter().enumerate() {
                let pos = (block << BLOCK_BITS) | i as u64;
                if after != 0 && block == first_block && (i as u64) <= skip {
                    continue;
                }
                if out.len() == limit {
                    return Ok(out);
                }
                out.push((pos, e));
            }
        }
        Ok(out)
    }
}
