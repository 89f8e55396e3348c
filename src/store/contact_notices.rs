//! Notices to a voter's confirmed contacts that another contact joined,
//! waiting for their time (`domain::contact_notice`).

use super::keys::KeyBuilder;
use super::tables::CONTACT_NOTICES;
use super::{Batch, Result, Snapshot};
use crate::codec;
use crate::domain::Channel;
use crate::domain::contact_notice::ContactNotice;

fn channel_byte(c: Channel) -> u8 {
    Channel::ALL
        .iter()
        .position(|x| *x == c)
        .expect("a channel") as u8
}

/// Due time (offset so that negatives sort too), voter, told and added channel.
fn key(n: &ContactNotice) -> [u8; 26] {
    KeyBuilder::new()
        .u64((n.due as u64) ^ (1 << 63))
        .u128(n.voter)
        .u8(channel_byte(n.told))
        .u8(channel_byte(n.added))
        .build()
}

impl Batch<'_> {
    pub fn contact_notice_put(&mut self, n: &ContactNotice) -> Result<()> {
        self.contact_notices
            .insert(key(n), codec::encode(n).as_slice())?;
        Ok(())
    }

    pub fn contact_notice_remove(&mut self, n: &ContactNotice) -> Result<()> {
        self.contact_notices.remove(key(n))?;
        Ok(())
    }
}

impl Snapshot {
    /// Notices due at `now` or before, oldest first, at most `limit`.
    pub fn contact_notices_due(&self, now: i64, limit: usize) -> Result<Vec<ContactNotice>> {
        let table = self.table(CONTACT_NOTICES)?;
        let hi = KeyBuilder::<26>::new()
            .u64((now as u64) ^ (1 << 63))
            .bytes(&[0xff; 18])
            .build();
        let mut out = Vec::new();
        for row in table.range(..=hi)?.take(limit) {
            out.push(codec::decode(row?.1.value())?);
        }
        Ok(out)
    }
}
