//! Subscriptions, with indexes by county and by contact address.

use super::keys::{KeyBuilder, read_u128};
use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{Channel, CountyCode, Subscription};
use redb::{ReadableTable, ReadableTableMetadata};
use sha2::{Digest, Sha256};

fn county_key(county: CountyCode, voter: u128) -> [u8; 17] {
    KeyBuilder::new().u8(county.number()).u128(voter).build()
}

/// Addresses are indexed by hash: fixed width, and no second plain copy.
fn contact_hash(address: &str) -> [u8; 16] {
    let h = Sha256::digest(address.to_lowercase().as_bytes());
    h[..16].try_into().expect("16 bytes")
}

fn contact_key(address: &str, voter: u128) -> [u8; 32] {
    KeyBuilder::new()
        .bytes(&contact_hash(address))
        .u128(voter)
        .build()
}

fn addresses(s: &Subscription) -> impl Iterator<Item = &str> {
    Channel::ALL
        .into_iter()
        .filter_map(|c| s.contact(c).map(|c| c.address.as_str()))
}

impl Batch<'_> {
    pub fn subscription_get(&self, voter: u128) -> Result<Option<Subscription>> {
        Ok(match self.subscriptions.get(voter)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Stores a subscription, replacing the voter's earlier one and its index entries.
    pub fn subscription_put(&mut self, s: &Subscription) -> Result<()> {
        let voter = s.voter.key();
        self.subscription_unindex(voter)?;
        self.subscriptions
            .insert(voter, codec::encode(s).as_slice())?;
        self.subscriptions_by_county
            .insert(county_key(s.county, voter), ())?;
        for a in addresses(s) {
            self.subscriptions_by_contact
                .insert(contact_key(a, voter), ())?;
        }
        Ok(())
    }

    /// Removes a voter's subscription; returns it if there was one.
    pub fn subscription_remove(&mut self, voter: u128) -> Result<Option<Subscription>> {
        let old = self.subscription_unindex(voter)?;
        if old.is_some() {
            self.subscriptions.remove(voter)?;
        }
        Ok(old)
    }

    fn subscription_unindex(&mut self, voter: u128) -> Result<Option<Subscription>> {
        let Some(old) = self.subscription_get(voter)? else {
            return Ok(None);
        };
        self.subscriptions_by_county
            .remove(county_key(old.county, voter))?;
        for a in addresses(&old) {
            self.subscriptions_by_contact
                .remove(contact_key(a, voter))?;
        }
        Ok(Some(old))
    }

    /// Voters who gave this phone number or email address.
    pub fn subscribers_by_contact(&self, address: &str) -> Result<Vec<u128>> {
        let h = contact_hash(address);
        let lo = KeyBuilder::new().bytes(&h).u128(0).build();
        let hi = KeyBuilder::new().bytes(&h).u128(u128::MAX).build();
        let mut out = Vec::new();
        for row in self.subscriptions_by_contact.range(lo..=hi)? {
            out.push(read_u128(&row?.0.value()[16..]));
        }
        Ok(out)
    }
}

impl Snapshot {
    pub fn subscription(&self, voter: u128) -> Result<Option<Subscription>> {
        Ok(match self.subscriptions_table()?.get(voter)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Subscriptions in voter order after `after` (exclusive), at most `limit`,
    /// of one county or of all.
    pub fn subscriptions(
        &self,
        county: Option<CountyCode>,
        after: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Subscription>> {
        let mut out = Vec::new();
        // The first voter to list; nothing comes after the greatest key.
        let first = match after {
            Some(u128::MAX) => return Ok(out),
            Some(a) => a + 1,
            None => 0,
        };
        match county {
            Some(c) => {
                let by_county = self.table(SUBSCRIPTIONS_BY_COUNTY)?;
                let subs = self.subscriptions_table()?;
                let (lo, hi) = (county_key(c, first), county_key(c, u128::MAX));
                for row in by_county.range(lo..=hi)? {
                    let voter = read_u128(&row?.0.value()[1..]);
                    if out.len() == limit {
                        break;
                    }
                    if let Some(v) = subs.get(voter)? {
                        out.push(codec::decode(v.value())?);
                    }
                }
            }
            None => {
                let subs = self.subscriptions_table()?;
                for row in subs.range(first..)? {
                    if out.len() == limit {
                        break;
                    }
                    out.push(codec::decode(row?.1.value())?);
                }
            }
        }
        Ok(out)
    }

    pub fn subscription_count(&self) -> Result<u64> {
        Ok(self.subscriptions_table()?.len()?)
    }
}
