//! The restore fence: for a while after a restored instance first starts,
//! each message is looked up at its provider before it is handed over, so
//! what the old instance sent after the snapshot is not sent again (see
//! ARCHITECTURE.md, "Backups and the fallback instance").

use crate::store::{Snapshot, Store, StoreError};

/// When a restored instance stops looking up messages at their provider
/// before sending them (see ARCHITECTURE.md, "Backups and the fallback
/// instance"): two days, the window the providers' lookups cover.
pub const RESTORE_FENCE_SECONDS: i64 = 48 * 3600;
/// Meta keys: the snapshot a restored store came from, and its fence's end.
pub(super) const RESTORED_SNAPSHOT_AT: &str = "restored_snapshot_at";
pub(super) const RESTORE_FENCE_UNTIL: &str = "restore_fence_until";

impl Store {
    /// At the first start after a restore, sets the fence's end, from `now`:
    /// until then every message is looked up at its provider before it is
    /// handed over. Returns the fence's end while one is in force.
    pub fn restore_fence_begin(&self, now: i64) -> Result<Option<i64>, StoreError> {
        let r = self.read()?;
        if r.counter(RESTORED_SNAPSHOT_AT)? == 0 {
            return Ok(None);
        }
        let until = match r.counter(RESTORE_FENCE_UNTIL)? {
            0 => {
                let until = now + RESTORE_FENCE_SECONDS;
                self.write(true, |b| b.counter_put(RESTORE_FENCE_UNTIL, until as u64))?;
                until
            }
            set => set as i64,
        };
        Ok((until > now).then_some(until))
    }
}

impl Snapshot {
    /// Whether the restore fence is in force at `now`.
    pub fn restore_fenced(&self, now: i64) -> Result<bool, StoreError> {
        Ok(self.counter(RESTORED_SNAPSHOT_AT)? > 0
            && self.counter(RESTORE_FENCE_UNTIL)? as i64 > now)
    }

    /// The snapshot time of the backup this store was restored from.
    pub fn restored_from(&self) -> Result<Option<i64>, StoreError> {
        Ok(match self.counter(RESTORED_SNAPSHOT_AT)? {
            0 => None,
            t => Some(t as i64),
        })
    }
}
