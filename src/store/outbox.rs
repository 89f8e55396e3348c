//! The outbox: every message before anything is sent, its state moving forward
//! only, with indexes by due time (pending) and by the provider's message id
//! (delivery reports), and the list of messages in flight (sending).

use super::keys::{KeyBuilder, Packed};
use super::{Batch, Result, Snapshot, StoreError, tables::*};
use crate::codec;
use crate::domain::outbox::{OutboxKey, OutboxState, check_move};
use crate::domain::{Channel, CountyCode, MessageKind, StatusCode};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub state: OutboxState,
    /// Tries so far that ended in a transient failure.
    pub attempt: u16,
    /// Not before this time, seconds since the epoch.
    pub due: i64,
    pub county: CountyCode,
    /// When the change the message tells of took effect.
    pub event_at: i64,
    /// The ballot's status code then (the reason in Not Accepted messages).
    pub code: Option<StatusCode>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The provider's id for the message, once accepted.
    pub provider_id: Option<String>,
    /// Why the last try failed, or why the message was withdrawn.
    pub note: Option<String>,
}

pub fn encode_key(k: &OutboxKey) -> [u8; 21] {
    KeyBuilder::new()
        .u128(k.voter)
        .u16(k.election)
        .u8(kind_index(k.kind))
        .u8(k.round)
        .u8(channel_index(k.channel))
        .build()
}

fn kind_index(k: MessageKind) -> u8 {
    MessageKind::ALL
        .iter()
        .position(|x| *x == k)
        .expect("listed") as u8
}

fn channel_index(c: Channel) -> u8 {
    Channel::ALL.iter().position(|x| *x == c).expect("listed") as u8
}

/// The meta entry listing the outbox keys in the sending state, 21 bytes
/// each, in key order.
const SENDING: &str = "outbox_sending";

fn in_flight(bytes: &[u8]) -> impl Iterator<Item = [u8; 21]> + '_ {
    bytes
        .chunks_exact(21)
        .map(|c| c.try_into().expect("21 bytes"))
}

/// The messages in a key range, decoded.
fn rows_in(
    t: &impl ReadableTable<Packed<21>, &'static [u8]>,
    lo: [u8; 21],
    hi: [u8; 21],
) -> Result<Vec<(OutboxKey, OutboxRow)>> {
    let mut out = Vec::new();
    for row in t.range(lo..=hi)? {
        let (k, v) = row?;
        out.push((decode_key(&k.value()), codec::decode(v.value())?));
    }
    Ok(out)
}

/// Messages with their rows, and the last due-index entry read.
type DueRows = (Vec<(OutboxKey, OutboxRow)>, Option<[u8; 29]>);

/// Pending messages due by `until`, from the due index, and the last due
/// entry read (stale entries, whose message is gone, included).
fn due_rows(
    due: &impl ReadableTable<Packed<29>, ()>,
    rows: &impl ReadableTable<Packed<21>, &'static [u8]>,
    until: i64,
    limit: usize,
) -> Result<DueRows> {
    let mut out = Vec::new();
    let mut last = None;
    for entry in due.iter()? {
        let (k, _) = entry?;
        let k = k.value();
        if due_of(&k) > until || out.len() == limit {
            break;
        }
        let key: [u8; 21] = k[8..].try_into().expect("21");
        if let Some(v) = rows.get(key)? {
            out.push((decode_key(&key), codec::decode(v.value())?));
        }
        last = Some(k);
    }
    Ok((out, last))
}

/// The key range of one voter's messages.
fn voter_range(voter: u128) -> ([u8; 21], [u8; 21]) {
    (
        KeyBuilder::new().u128(voter).bytes(&[0; 5]).build(),
        KeyBuilder::new().u128(voter).bytes(&[0xff; 5]).build(),
    )
}

pub fn decode_key(b: &[u8]) -> OutboxKey {
    OutboxKey {
        voter: u128::from_be_bytes(b[..16].try_into().expect("16")),
        election: u16::from_be_bytes([b[16], b[17]]),
        kind: MessageKind::ALL[b[18] as usize],
        round: b[19],
        channel: Channel::ALL[b[20] as usize],
    }
}

/// An outbox key from its 21 bytes, if they are one.
pub fn parse_key(b: &[u8]) -> Option<OutboxKey> {
    if b.len() != 21
        || usize::from(b[18]) >= MessageKind::ALL.len()
        || usize::from(b[20]) >= Channel::ALL.len()
    {
        return None;
    }
    Some(decode_key(b))
}

/// Due times sort as unsigned big-endian: offset so that negatives order too.
fn due_key(due: i64, key: &[u8; 21]) -> [u8; 29] {
    KeyBuilder::new()
        .u64((due as u64) ^ (1 << 63))
        .bytes(key)
        .build()
}

fn due_of(b: &[u8]) -> i64 {
    (u64::from_be_bytes(b[..8].try_into().expect("8")) ^ (1 << 63)) as i64
}

impl Batch<'_> {
    pub fn outbox_get(&self, key: &OutboxKey) -> Result<Option<OutboxRow>> {
        Ok(match self.outbox.get(encode_key(key))? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Adds a new message; returns `false` (and changes nothing) if one with
    /// this key already exists, so a message is never queued twice.
    pub fn outbox_insert(&mut self, key: &OutboxKey, row: &OutboxRow) -> Result<bool> {
        let k = encode_key(key);
        if self.outbox.get(k)?.is_some() {
            return Ok(false);
        }
        self.outbox.insert(k, codec::encode(row).as_slice())?;
        self.index(&k, None, row, true)?;
        Ok(true)
    }

    /// Replaces a message's row, refusing a move backwards; keeps the indexes.
    pub fn outbox_update(&mut self, key: &OutboxKey, row: &OutboxRow) -> Result<()> {
        self.outbox_update_with(key, row, true)
    }

    /// `outbox_update`; `by_provider_id: false` skips the provider-id index
    /// (for providers that never report back).
    pub fn outbox_update_with(
        &mut self,
        key: &OutboxKey,
        row: &OutboxRow,
        by_provider_id: bool,
    ) -> Result<()> {
        let k = encode_key(key);
        // One B-tree walk: the insert hands back the row it replaced.
        let encoded = codec::encode(row);
        let old: Option<OutboxRow> = match self.outbox.insert(k, encoded.as_slice())? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        };
        let Some(old) = old else {
            self.outbox.remove(k)?;
            return Err(StoreError::Missing("outbox message"));
        };
        if (old.attempt, old.state) != (row.attempt, row.state)
            && let Err(e) = check_move((old.attempt, old.state), (row.attempt, row.state))
        {
            self.outbox.insert(k, codec::encode(&old).as_slice())?;
            return Err(e.into());
        }
        self.index(&k, Some(&old), row, by_provider_id)
    }

    /// `outbox_update_with` for a caller that knows the stored row is `old`
    /// (it read it in this transaction, or is its only writer): skips
    /// reading it back.
    pub fn outbox_advance(
        &mut self,
        key: &OutboxKey,
        old: &OutboxRow,
        row: &OutboxRow,
        by_provider_id: bool,
    ) -> Result<()> {
        self.advance(key, old, row, by_provider_id, true)
    }

    /// `outbox_advance` for a message `outbox_take_due` handed out: its due
    /// entry is already gone.
    pub fn outbox_advance_taken(
        &mut self,
        key: &OutboxKey,
        old: &OutboxRow,
        row: &OutboxRow,
        by_provider_id: bool,
    ) -> Result<()> {
        debug_assert_eq!(old.state, OutboxState::Pending);
        self.advance(key, old, row, by_provider_id, false)
    }

    fn advance(
        &mut self,
        key: &OutboxKey,
        old: &OutboxRow,
        row: &OutboxRow,
        by_provider_id: bool,
        old_indexed: bool,
    ) -> Result<()> {
        if (old.attempt, old.state) != (row.attempt, row.state) {
            check_move((old.attempt, old.state), (row.attempt, row.state))?;
        }
        let k = encode_key(key);
        self.outbox.insert(k, codec::encode(row).as_slice())?;
        self.index(&k, old_indexed.then_some(old), row, by_provider_id)
    }

    fn index(
        &mut self,
        k: &[u8; 21],
        old: Option<&OutboxRow>,
        new: &OutboxRow,
        by_provider_id: bool,
    ) -> Result<()> {
        if let Some(o) = old {
            match o.state {
                OutboxState::Pending => {
                    self.outbox_due.remove(due_key(o.due, k))?;
                }
                OutboxState::Sending => self.sending_moves.push((*k, false)),
                OutboxState::Held if new.state != OutboxState::Held => {
                    self.outbox_held.remove(*k)?;
                }
                _ => {}
            }
        }
        match new.state {
            OutboxState::Pending => {
                self.outbox_due.insert(due_key(new.due, k), ())?;
            }
            OutboxState::Sending => self.sending_moves.push((*k, true)),
            OutboxState::Held => {
                self.outbox_held.insert(*k, ())?;
            }
            _ => {}
        }
        if let Some(id) = &new.provider_id
            && by_provider_id
            && old.and_then(|o| o.provider_id.as_ref()) != Some(id)
        {
            self.outbox_by_provider_id.insert(id.as_str(), *k)?;
        }
        Ok(())
    }

    /// Every message of one voter's ballot in one election.
    pub fn outbox_for_ballot(
        &self,
        voter: u128,
        election: u16,
    ) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let lo = KeyBuilder::new()
            .u128(voter)
            .u16(election)
            .bytes(&[0; 3])
            .build();
        let hi = KeyBuilder::new()
            .u128(voter)
            .u16(election)
            .bytes(&[0xff; 3])
            .build();
        rows_in(&self.outbox, lo, hi)
    }

    /// Every message of one voter.
    pub fn outbox_for_voter(&self, voter: u128) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let (lo, hi) = voter_range(voter);
        rows_in(&self.outbox, lo, hi)
    }

    /// Pending messages due at or before `until`, earliest first, at most
    /// `limit`, taking the messages off the due index in one sweep (they
    /// are next to each other at its start). Each must then move on with
    /// `outbox_advance_taken`, which puts it back if it stays pending.
    pub fn outbox_take_due(
        &mut self,
        until: i64,
        limit: usize,
    ) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let (out, last) = due_rows(&self.outbox_due, &self.outbox, until, limit)?;
        if let Some(last) = last {
            self.outbox_due.retain_in(..=last, |_, _| false)?;
        }
        Ok(out)
    }

    /// Applies the batch's moves into and out of the sending state to the
    /// in-flight list: one value rewritten per batch instead of two index
    /// updates per message (the list holds a round or two of messages).
    pub(crate) fn flush_sending(&mut self) -> Result<()> {
        if self.sending_moves.is_empty() {
            return Ok(());
        }
        let mut keys: std::collections::BTreeSet<[u8; 21]> = match self.meta.get(SENDING)? {
            Some(v) => in_flight(v.value()).collect(),
            None => Default::default(),
        };
        for (k, into) in std::mem::take(&mut self.sending_moves) {
            if into {
                keys.insert(k);
            } else {
                keys.remove(&k);
            }
        }
        let bytes: Vec<u8> = keys.iter().flatten().copied().collect();
        self.meta.insert(SENDING, bytes.as_slice())?;
        Ok(())
    }

    /// Schema 3: the sending index table becomes the in-flight list.
    pub(crate) fn outbox_sending_upgrade(&mut self) -> Result<()> {
        let mut keys = Vec::new();
        for row in self.outbox_sending.iter()? {
            keys.push(row?.0.value());
        }
        self.outbox_sending.retain(|_, _| false)?;
        self.sending_moves
            .extend(keys.into_iter().map(|k| (k, true)));
        self.flush_sending()
    }

    /// Pending messages of one election whose kind `kinds` accepts and
    /// whose county is `county`, in due order. Only the due index's keys are
    /// read for the others, so a county's hold walks no other message rows.
    pub fn outbox_pending_of(
        &self,
        election: u16,
        county: CountyCode,
        kinds: impl Fn(MessageKind) -> bool,
    ) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let mut out = Vec::new();
        for entry in self.outbox_due.iter()? {
            let (k, _) = entry?;
            let key: [u8; 21] = k.value()[8..].try_into().expect("21");
            let decoded = decode_key(&key);
            if decoded.election != election || !kinds(decoded.kind) {
                continue;
            }
            if let Some(v) = self.outbox.get(key)? {
                let row: OutboxRow = codec::decode(v.value())?;
                if row.county == county && row.state == OutboxState::Pending {
                    out.push((decoded, row));
                }
            }
        }
        Ok(out)
    }

    /// The message a provider's id refers to.
    pub fn outbox_by_provider_id(&self, id: &str) -> Result<Option<OutboxKey>> {
        Ok(self
            .outbox_by_provider_id
            .get(id)?
            .map(|k| decode_key(&k.value())))
    }
}

impl Snapshot {
    pub fn outbox_get(&self, key: &OutboxKey) -> Result<Option<OutboxRow>> {
        Ok(match self.table(OUTBOX)?.get(encode_key(key))? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Pending messages due at or before `until`, earliest first, at most `limit`.
    pub fn outbox_due(&self, until: i64, limit: usize) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        Ok(due_rows(&self.table(OUTBOX_DUE)?, &self.table(OUTBOX)?, until, limit)?.0)
    }

    /// The earliest due time of any pending message.
    pub fn outbox_next_due(&self) -> Result<Option<i64>> {
        Ok(self
            .table(OUTBOX_DUE)?
            .first()?
            .map(|(k, _)| due_of(&k.value())))
    }

    /// Messages handed to a provider whose outcome was not recorded.
    pub fn outbox_sending(&self) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let keys: Vec<[u8; 21]> = match self.table(META)?.get(SENDING)? {
            Some(v) => in_flight(v.value()).collect(),
            None => Vec::new(),
        };
        let rows = self.table(OUTBOX)?;
        let mut out = Vec::new();
        for k in keys {
            if let Some(v) = rows.get(k)? {
                out.push((decode_key(&k), codec::decode(v.value())?));
            }
        }
        Ok(out)
    }

    /// Every message of one voter, in key order.
    pub fn outbox_for_voter(&self, voter: u128) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let (lo, hi) = voter_range(voter);
        rows_in(&self.table(OUTBOX)?, lo, hi)
    }

    /// Held messages in key order, after `after` (a page's last key), at
    /// most `limit`.
    pub fn outbox_held(
        &self,
        after: Option<&OutboxKey>,
        limit: usize,
    ) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let held = self.table(OUTBOX_HELD)?;
        let rows = self.table(OUTBOX)?;
        let range = match after {
            Some(a) => held.range(encode_key(a)..)?,
            None => held.iter()?,
        };
        let mut out = Vec::new();
        for entry in range {
            let k = entry?.0.value();
            if after.is_some_and(|a| encode_key(a) == k) {
                continue;
            }
            if out.len() == limit {
                break;
            }
            if let Some(v) = rows.get(k)? {
                out.push((decode_key(&k), codec::decode(v.value())?));
            }
        }
        Ok(out)
    }

    /// Every message, in key order (reports and tests; a full scan).
    pub fn outbox_all(&self) -> Result<Vec<(OutboxKey, OutboxRow)>> {
        let mut out = Vec::new();
        for row in self.table(OUTBOX)?.iter()? {
            let (k, v) = row?;
            out.push((decode_key(&k.value()), codec::decode(v.value())?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use redb::ReadableTableMetadata;

    fn row(state: OutboxState) -> OutboxRow {
        OutboxRow {
            state,
            attempt: 0,
            due: 100,
            county: CountyCode::parse("02").unwrap(),
            event_at: 50,
            code: None,
            created_at: 50,
            updated_at: 50,
            provider_id: None,
            note: None,
        }
    }

    #[test]
    fn messages_in_flight_are_listed_until_their_outcome_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bt.redb");
        let key = |voter: u128| OutboxKey {
            voter,
            election: 1,
            kind: MessageKind::Outbound,
            round: 0,
            channel: Channel::Email,
        };
        {
            // A store of schema 2 with one message in its sending index.
            let store = Store::open(&path).unwrap();
            store
                .write(true, |b| {
                    let k = encode_key(&key(1));
                    b.outbox
                        .insert(k, codec::encode(&row(OutboxState::Sending)).as_slice())?;
                    b.outbox_sending.insert(k, ())?;
                    b.meta.insert("schema", 2u32.to_be_bytes().as_slice())?;
                    Ok(())
                })
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let sending = |s: &Store| -> Vec<u128> {
            let r = s.read().unwrap();
            r.outbox_sending()
                .unwrap()
                .iter()
                .map(|(k, _)| k.voter)
                .collect()
        };
        assert_eq!(sending(&store), vec![1]);
        let old_index = store
            .read()
            .unwrap()
            .table(OUTBOX_SENDING)
            .unwrap()
            .len()
            .unwrap();
        assert_eq!(old_index, 0, "the old index is emptied");

        // Two more claimed in one batch; the first one's outcome recorded.
        store
            .write(true, |b| {
                for v in [3, 2] {
                    assert!(b.outbox_insert(&key(v), &row(OutboxState::Pending))?);
                }
                for (k, old) in b.outbox_take_due(100, 10)? {
                    b.outbox_advance_taken(&k, &old, &row(OutboxState::Sending), true)?;
                }
                let sent = OutboxRow {
                    provider_id: Some("p-1".into()),
                    ..row(OutboxState::Sent)
                };
                b.outbox_advance(&key(1), &row(OutboxState::Sending), &sent, true)
            })
            .unwrap();
        assert_eq!(sending(&store), vec![2, 3]);
        let r = store.read().unwrap();
        assert_eq!(
            r.outbox_get(&key(1)).unwrap().unwrap().state,
            OutboxState::Sent
        );
        assert!(r.outbox_due(i64::MAX, 10).unwrap().is_empty(), "all taken");
    }

    #[test]
    fn held_messages_are_listed_by_page_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("bt.redb")).unwrap();
        let key = |voter: u128| OutboxKey {
            voter,
            election: 1,
            kind: MessageKind::ContactCounty,
            round: 0,
            channel: Channel::Sms,
        };
        store
            .write(true, |b| {
                for v in 1..=5 {
                    assert!(b.outbox_insert(&key(v), &row(OutboxState::Pending))?);
                }
                for (k, old) in b.outbox_take_due(100, 10)? {
                    let next = if k.voter % 2 == 1 {
                        OutboxState::Held
                    } else {
                        OutboxState::Sending
                    };
                    b.outbox_advance_taken(&k, &old, &row(next), true)?;
                }
                Ok(())
            })
            .unwrap();
        let voters = |after: Option<u128>, limit| -> Vec<u128> {
            let r = store.read().unwrap();
            r.outbox_held(after.map(key).as_ref(), limit)
                .unwrap()
                .iter()
                .map(|(k, _)| k.voter)
                .collect()
        };
        assert_eq!(voters(None, 10), vec![1, 3, 5]);
        assert_eq!(voters(None, 2), vec![1, 3]);
        assert_eq!(voters(Some(3), 2), vec![5]);
        assert!(voters(Some(5), 2).is_empty());
        // Released: a new attempt, pending again and off the list.
        store
            .write(true, |b| {
                let released = OutboxRow {
                    attempt: 1,
                    ..row(OutboxState::Pending)
                };
                b.outbox_update(&key(3), &released)
            })
            .unwrap();
        assert_eq!(voters(None, 10), vec![1, 5]);
        let back = store.write(true, |b| {
            b.outbox_update(&key(1), &row(OutboxState::Pending))
        });
        assert!(
            back.is_err(),
            "a held message cannot go back within its attempt"
        );
        assert_eq!(
            store
                .read()
                .unwrap()
                .outbox_due(i64::MAX, 10)
                .unwrap()
                .len(),
            1
        );
    }
}
