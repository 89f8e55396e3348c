//! The print vendor's IMB crosswalk and the USPS scans waiting for it.

use super::keys::KeyBuilder;
use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::CountyCode;
use crate::domain::ballot::{BallotRow, Direction};
use crate::domain::imb::TrackingCode;
use redb::{ReadableTable, ReadableTableMetadata};
use serde::{Deserialize, Serialize};

/// Which ballot envelope a tracking code is printed on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImbRecord {
    pub voter: u128,
    pub election: u16,
    pub direction: Direction,
    pub seq: u16,
}

/// A scan whose tracking code was not yet in any crosswalk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingScan {
    pub row: BallotRow,
    /// The county whose token uploaded it; `None` for the state (and for
    /// scans kept before uploaders were recorded: the state then loaded them all).
    pub uploader: Option<CountyCode>,
}

/// A pending scan as stored before its uploader was recorded.
#[derive(Deserialize)]
struct PendingScanBefore {
    row: BallotRow,
}

/// Reads a pending scan of either shape: the old one lacks the trailing
/// uploader, so reading it as the new one runs out of bytes.
fn decode_pending(bytes: &[u8]) -> Result<PendingScan> {
    match codec::decode::<PendingScan>(bytes) {
        Ok(p) => Ok(p),
        Err(_) => {
            let old: PendingScanBefore = codec::decode(bytes)?;
            Ok(PendingScan {
                row: old.row,
                uploader: None,
            })
        }
    }
}

fn pending_key(t: TrackingCode, n: u64) -> [u8; 24] {
    KeyBuilder::new().u128(t.key()).u64(n).build()
}

impl Batch<'_> {
    pub fn imb_get(&self, t: TrackingCode) -> Result<Option<ImbRecord>> {
        Ok(match self.imbs.get(t.key())? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn imb_put(&mut self, t: TrackingCode, r: &ImbRecord) -> Result<()> {
        self.imbs.insert(t.key(), codec::encode(r).as_slice())?;
        Ok(())
    }

    /// Keeps a scan aside; returns false when the same scan is already kept.
    pub fn pending_scan_add(&mut self, t: TrackingCode, scan: &PendingScan) -> Result<bool> {
        if self.pending_scans_of(t)?.contains(scan) {
            return Ok(false);
        }
        let n = self
            .pending_scans
            .range(pending_key(t, 0)..=pending_key(t, u64::MAX))?
            .next_back()
            .transpose()?
            .map_or(0, |(k, _)| {
                u64::from_be_bytes(k.value()[16..].try_into().expect("8")) + 1
            });
        self.pending_scans
            .insert(pending_key(t, n), codec::encode(scan).as_slice())?;
        Ok(true)
    }

    fn pending_scans_of(&self, t: TrackingCode) -> Result<Vec<PendingScan>> {
        let mut out = Vec::new();
        for row in self
            .pending_scans
            .range(pending_key(t, 0)..=pending_key(t, u64::MAX))?
        {
            out.push(decode_pending(row?.1.value())?);
        }
        Ok(out)
    }

    /// Removes and returns the scans kept for a tracking code.
    pub fn pending_scans_take(&mut self, t: TrackingCode) -> Result<Vec<PendingScan>> {
        let out = self.pending_scans_of(t)?;
        if !out.is_empty() {
            self.pending_scans
                .retain_in(pending_key(t, 0)..=pending_key(t, u64::MAX), |_, _| false)?;
        }
        Ok(out)
    }
}

impl Snapshot {
    pub fn pending_scan_count(&self) -> Result<u64> {
        Ok(self.table(PENDING_SCANS)?.len()?)
    }

    pub fn imb_get(&self, t: TrackingCode) -> Result<Option<ImbRecord>> {
        Ok(match self.table(IMBS)?.get(t.key())? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ballot::RowKind;

    #[test]
    fn scans_kept_before_uploaders_were_recorded_count_as_the_states() {
        let row = BallotRow {
            at: 1_790_000_000,
            seq: 1,
            kind: RowKind::Scan {
                direction: Direction::Outbound,
                event_code: "SD".into(),
            },
            detail: "SACRAMENTO CA".into(),
        };
        #[derive(Serialize)]
        struct Before<'a> {
            row: &'a BallotRow,
        }
        let old = codec::encode(&Before { row: &row });
        let read = decode_pending(&old).unwrap();
        assert_eq!((read.row, read.uploader), (row.clone(), None));
        let new = PendingScan {
            row,
            uploader: CountyCode::parse("02"),
        };
        assert_eq!(decode_pending(&codec::encode(&new)).unwrap(), new);
    }
}
