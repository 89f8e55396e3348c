//! Provider requests already applied: Twilio's delivery reports, by message
//! or call id and status, and inbound texts, by message id. Twilio signs a
//! request but dates nothing in it, so a captured request stays genuine
//! forever; each is applied once, and remembered for `KEPT_DAYS`.

use super::{Batch, Result, Snapshot, tables::*};
use redb::ReadableTable;
use sha2::{Digest, Sha256};

/// How long an applied request is remembered. Longer than an election's
/// message window, so a replay within one election changes nothing.
pub const KEPT_DAYS: i64 = 120;

/// Expired entries removed per request at most: forgetting stays a small,
/// bounded part of each.
const FORGET_PER_CALL: usize = 64;

/// The key of a request: what it is about and what it says.
fn report_key(id: &str, what: &str) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update((id.len() as u32).to_be_bytes());
    h.update(id.as_bytes());
    h.update(what.as_bytes());
    h.finalize()[..16].try_into().expect("16 bytes")
}

fn by_time_key(at: i64, key: &[u8; 16]) -> [u8; 24] {
    let mut k = [0u8; 24];
    k[..8].copy_from_slice(&(at.max(0) as u64).to_be_bytes());
    k[8..].copy_from_slice(key);
    k
}

impl Batch<'_> {
    /// Records that the request about `id` saying `what` is applied at `now`
    /// (seconds); `false` if it was already, within `KEPT_DAYS`.
    pub fn provider_report_first(&mut self, id: &str, what: &str, now: i64) -> Result<bool> {
        self.provider_reports_forget(now)?;
        let key = report_key(id, what);
        if self.provider_reports.get(key)?.is_some() {
            return Ok(false);
        }
        self.provider_reports.insert(key, now)?;
        self.provider_reports_by_time
            .insert(by_time_key(now, &key), ())?;
        Ok(true)
    }

    /// Forgets a few of the requests older than `KEPT_DAYS`, oldest first.
    fn provider_reports_forget(&mut self, now: i64) -> Result<()> {
        let before = by_time_key(now - KEPT_DAYS * 86_400, &[0; 16]);
        let mut old = Vec::new();
        for row in self.provider_reports_by_time.range(..before)? {
            old.push(row?.0.value());
            if old.len() == FORGET_PER_CALL {
                break;
            }
        }
        for k in old {
            self.provider_reports_by_time.remove(k)?;
            let key: [u8; 16] = k[8..].try_into().expect("16 bytes");
            self.provider_reports.remove(key)?;
        }
        Ok(())
    }
}

impl Snapshot {
    /// Whether the request about `id` saying `what` was applied.
    pub fn provider_report_seen(&self, id: &str, what: &str) -> Result<bool> {
        Ok(self
            .table(PROVIDER_REPORTS)?
            .get(report_key(id, what))?
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn a_request_is_applied_once_and_forgotten_after_the_kept_days() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let first = |id: &'static str, what: &'static str, at: i64| {
            store
                .write(true, |b| b.provider_report_first(id, what, at))
                .unwrap()
        };
        assert!(first("SM1", "delivered", 1_000));
        assert!(!first("SM1", "delivered", 2_000));
        assert!(first("SM1", "failed", 2_000));
        assert!(first("SM2", "delivered", 2_000));
        assert!(
            store
                .read()
                .unwrap()
                .provider_report_seen("SM1", "failed")
                .unwrap()
        );
        assert!(
            !store
                .read()
                .unwrap()
                .provider_report_seen("SM3", "failed")
                .unwrap()
        );
        let later = 1_000 + super::KEPT_DAYS * 86_400 + 1;
        // Any request forgets the expired ones; "SM1 failed" is not yet expired.
        assert!(first("SM9", "delivered", later));
        assert!(first("SM1", "delivered", later + 1));
        assert!(!first("SM1", "failed", later + 1));
    }
}
