//! One-time codes sent, and sign-ups waiting for their contacts to be
//! confirmed. Both are short-lived: a code lives 15 minutes, a pending
//! sign-up a day; stale ones are swept.

use super::{Batch, Result};
use crate::codec;
use crate::domain::Subscription;
use crate::domain::challenge::{Challenge, CodesSent};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

/// How long a sign-up waits for a confirmed contact.
pub const PENDING_SECONDS: i64 = 24 * 3600;

/// A sign-up as chosen, before any contact is confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignUp {
    pub subscription: Subscription,
    pub created_at: i64,
}

impl Batch<'_> {
    pub fn challenge_put(&mut self, key: [u8; 16], c: &Challenge) -> Result<()> {
        self.challenges.insert(key, codec::encode(c).as_slice())?;
        Ok(())
    }

    pub fn challenge_get(&self, key: [u8; 16]) -> Result<Option<Challenge>> {
        Ok(match self.challenges.get(key)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn challenge_remove(&mut self, key: [u8; 16]) -> Result<()> {
        self.challenges.remove(key)?;
        Ok(())
    }

    pub fn pending_signup_put(&mut self, p: &PendingSignUp) -> Result<()> {
        self.pending_signups
            .insert(p.subscription.voter.key(), codec::encode(p).as_slice())?;
        Ok(())
    }

    /// The voter's pending sign-up, unless it is older than a day.
    pub fn pending_signup_get(&self, voter: u128, now: i64) -> Result<Option<PendingSignUp>> {
        Ok(match self.pending_signups.get(voter)? {
            Some(v) => Some(codec::decode::<PendingSignUp>(v.value())?)
                .filter(|p| now < p.created_at + PENDING_SECONDS),
            None => None,
        })
    }

    pub fn pending_signup_remove(&mut self, voter: u128) -> Result<()> {
        self.pending_signups.remove(voter)?;
        Ok(())
    }

    /// When codes went to the destination named by `key` lately.
    pub fn codes_sent_get(&self, key: [u8; 16]) -> Result<CodesSent> {
        Ok(match self.codes_sent.get(key)? {
            Some(v) => codec::decode(v.value())?,
            None => CodesSent::default(),
        })
    }

    pub fn codes_sent_put(&mut self, key: [u8; 16], sent: &CodesSent) -> Result<()> {
        self.codes_sent
            .insert(key, codec::encode(sent).as_slice())?;
        Ok(())
    }

    /// Removes expired codes and stale pending sign-ups; returns how many.
    pub fn sweep_challenges(&mut self, now: i64) -> Result<u64> {
        let mut gone = 0;
        let mut stale = Vec::new();
        for row in self.challenges.iter()? {
            let (k, v) = row?;
            let c: Challenge = codec::decode(v.value())?;
            if c.expires_at <= now {
                stale.push(k.value());
            }
        }
        for k in stale {
            self.challenges.remove(k)?;
            gone += 1;
        }
        let mut stale = Vec::new();
        for row in self.pending_signups.iter()? {
            let (k, v) = row?;
            let p: PendingSignUp = codec::decode(v.value())?;
            if p.created_at + PENDING_SECONDS <= now {
                stale.push(k.value());
            }
        }
        for k in stale {
            self.pending_signups.remove(k)?;
            gone += 1;
        }
        // Send records whose last code is a day old hold nothing back.
        let mut stale = Vec::new();
        for row in self.codes_sent.iter()? {
            let (k, v) = row?;
            let s: CodesSent = codec::decode(v.value())?;
            if s.at.last().is_none_or(|t| *t + 24 * 3600 <= now) {
                stale.push(k.value());
            }
        }
        for k in stale {
            self.codes_sent.remove(k)?;
        }
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::challenge::{CODE_SECONDS, Challenge, Purpose};
    use crate::domain::{Contact, CountyCode, Hours, Language, Subscription, VoterId};
    use crate::store::{PendingSignUp, Store};

    #[test]
    fn the_sweep_deletes_expired_codes_and_sign_ups_nobody_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("bt.redb")).unwrap();
        let voter = VoterId::parse("CA0000000001").unwrap();
        let pending = PendingSignUp {
            subscription: Subscription {
                voter,
                county: CountyCode::parse("02").unwrap(),
                language: Language::ES,
                hours: Hours::new(9 * 60, 18 * 60).unwrap(),
                time_zone: "America/Los_Angeles".into(),
                email: Some(Contact::new("ana@example.org".into(), false)),
                sms: None,
                voice: None,
                created_at: 1000,
                since_event: 0,
            },
            created_at: 1000,
        };
        store
            .write(true, |b| {
                b.challenge_put(
                    [1; 16],
                    &Challenge::new(Purpose::SignIn { voter: 1 }, [9; 16], 1000),
                )?;
                b.challenge_put(
                    [2; 16],
                    &Challenge::new(Purpose::SignIn { voter: 1 }, [9; 16], 5000),
                )?;
                b.pending_signup_put(&pending)
            })
            .unwrap();
        let sweep = |now: i64| store.write(true, |b| b.sweep_challenges(now)).unwrap();
        assert_eq!(sweep(1000 + CODE_SECONDS - 1), 0);
        // The first code expired; the second and the sign-up wait.
        assert_eq!(sweep(1000 + CODE_SECONDS), 1);
        assert_eq!(sweep(1000 + super::PENDING_SECONDS), 2);
        let r = store.write(true, |b| {
            Ok((
                b.challenge_get([2; 16])?,
                b.pending_signup_get(voter.key(), 0)?,
            ))
        });
        assert_eq!(r.unwrap(), (None, None));
    }
}
