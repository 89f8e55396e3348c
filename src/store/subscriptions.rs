//! Subscriptions, with indexes by county and by contact address.

use super::keys::{KeyBuilder, read_u128};
use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::subscription::{ContactEpochs, ContactSettings};
use crate::domain::{Channel, Contact, CountyCode, Subscription};
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

/// Subscriptions as schema 3 kept them: contacts without settings of their own.
mod v3 {
    use crate::domain::{CountyCode, Hours, Language, VoterId};
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    pub struct Contact {
        pub address: String,
        pub verified: bool,
        pub opted_out: bool,
        pub bad: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Subscription {
        pub voter: VoterId,
        pub county: CountyCode,
        pub language: Language,
        pub hours: Hours,
        pub time_zone: String,
        pub email: Option<Contact>,
        pub sms: Option<Contact>,
        pub voice: Option<Contact>,
        pub created_at: i64,
        pub since_event: u64,
    }

    #[derive(Serialize, Deserialize)]
    pub struct PendingSignUp {
        pub subscription: Subscription,
        pub created_at: i64,
    }
}

/// A schema-3 subscription with each contact given `settings` (the
/// subscription's, for a confirmed one; none, for one waiting for its code).
fn upgraded(old: v3::Subscription, settings: Option<ContactSettings>) -> Subscription {
    let contact = |c: Option<v3::Contact>| {
        c.map(|c| Contact {
            address: c.address,
            verified: c.verified,
            opted_out: c.opted_out,
            bad: c.bad,
            settings: settings.clone(),
        })
    };
    Subscription {
        voter: old.voter,
        county: old.county,
        language: old.language,
        hours: old.hours,
        time_zone: old.time_zone,
        email: contact(old.email),
        sms: contact(old.sms),
        voice: contact(old.voice),
        created_at: old.created_at,
        since_event: old.since_event,
    }
}

impl Batch<'_> {
    /// Schema 5: each contact has its own language, hours and time zone;
    /// the contacts of stored subscriptions get their subscription's.
    pub(crate) fn subscriptions_contact_settings_upgrade(&mut self) -> Result<()> {
        let mut subs = Vec::new();
        for row in self.subscriptions.iter()? {
            let (k, v) = row?;
            subs.push((k.value(), codec::decode::<v3::Subscription>(v.value())?));
        }
        for (voter, old) in subs {
            let settings = ContactSettings {
                language: old.language,
                hours: old.hours,
                time_zone: old.time_zone.clone(),
            };
            let new = upgraded(old, Some(settings));
            self.subscriptions
                .insert(voter, codec::encode(&new).as_slice())?;
        }
        let mut pending = Vec::new();
        for row in self.pending_signups.iter()? {
            let (k, v) = row?;
            pending.push((k.value(), codec::decode::<v3::PendingSignUp>(v.value())?));
        }
        for (voter, old) in pending {
            let new = super::PendingSignUp {
                subscription: upgraded(old.subscription, None),
                created_at: old.created_at,
            };
            self.pending_signups
                .insert(voter, codec::encode(&new).as_slice())?;
        }
        Ok(())
    }
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

    /// The voter's contacts' sign-in generations (all 0 until one moves on).
    pub fn contact_epochs(&self, voter: u128) -> Result<ContactEpochs> {
        Ok(match self.contact_epochs.get(voter)? {
            Some(v) => codec::decode(v.value())?,
            None => ContactEpochs::default(),
        })
    }

    /// Moves the generation of each of `channels` on: every sign-in and
    /// link that came through them dies.
    pub fn contact_epochs_bump(&mut self, voter: u128, channels: &[Channel]) -> Result<()> {
        if channels.is_empty() {
            return Ok(());
        }
        let mut e = self.contact_epochs(voter)?;
        for c in channels {
            e.bump(*c);
        }
        self.contact_epochs
            .insert(voter, codec::encode(&e).as_slice())?;
        Ok(())
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

    /// The voter's contacts' sign-in generations; read for every signed-in page.
    pub fn contact_epochs(&self, voter: u128) -> Result<ContactEpochs> {
        Ok(match self.contact_epochs_table()?.get(voter)? {
            Some(v) => codec::decode(v.value())?,
            None => ContactEpochs::default(),
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

#[cfg(test)]
mod tests {
    use super::v3;
    use crate::codec;
    use crate::domain::{Channel, CountyCode, Hours, Language, VoterId};
    use crate::store::Store;

    #[test]
    fn schema_3_contacts_get_their_subscriptions_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bt.redb");
        let voter = VoterId::parse("CA0000000001").unwrap();
        let old = || v3::Subscription {
            voter,
            county: CountyCode::parse("02").unwrap(),
            language: Language::VI,
            hours: Hours::new(9 * 60, 18 * 60).unwrap(),
            time_zone: "America/Denver".into(),
            email: Some(v3::Contact {
                address: "ana@example.org".into(),
                verified: true,
                opted_out: true,
                bad: None,
            }),
            sms: None,
            voice: None,
            created_at: 5,
            since_event: 7,
        };
        {
            let store = Store::open(&path).unwrap();
            store
                .write(true, |b| {
                    b.subscriptions
                        .insert(voter.key(), codec::encode(&old()).as_slice())?;
                    let p = v3::PendingSignUp {
                        subscription: old(),
                        created_at: 9,
                    };
                    b.pending_signups
                        .insert(voter.key(), codec::encode(&p).as_slice())?;
                    b.meta.insert("schema", 3u32.to_be_bytes().as_slice())?;
                    Ok(())
                })
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let sub = store
            .read()
            .unwrap()
            .subscription(voter.key())
            .unwrap()
            .unwrap();
        let email = sub.email.as_ref().unwrap();
        assert!(email.verified && email.opted_out);
        assert_eq!(email.settings, Some(sub.settings()));
        assert_eq!(sub.language_for(Channel::Email), Language::VI);
        assert_eq!(sub.time_zone_for(Channel::Email), "America/Denver");
        assert_eq!(sub.since_event, 7);
        let pending = store
            .write(true, |b| b.pending_signup_get(voter.key(), 10))
            .unwrap()
            .unwrap();
        assert_eq!(pending.subscription.email.unwrap().settings, None);
    }
}
