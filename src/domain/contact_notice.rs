//! Telling a voter's confirmed contacts that another contact joined their
//! sign-up. Knowing a voter's name, birth date and ZIP is enough to add a
//! contact of one's own, so each contact the voter already confirmed hears
//! of it, in its own language, with a link that removes the new one.
//!
//! An email goes at once. A text or a call waits for the told contact's
//! hours: a security notice is no reason to ring a phone at 2 a.m.

use super::schedule::next_allowed;
use super::subscription::{Channel, ContactEpochs, Subscription};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Attempts before a notice the provider keeps refusing for a while is
/// given up (the audit log still records the contact that joined).
pub const MAX_ATTEMPTS: u8 = 8;

/// One contact to tell about one added contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactNotice {
    pub voter: u128,
    /// The confirmed contact that is told.
    pub told: Channel,
    /// The contact that joined.
    pub added: Channel,
    /// The added contact's sign-in generation when it joined: the removal
    /// link holds while it does, so it works once, and not after the
    /// contact changed.
    pub added_epoch: u32,
    /// When it may go (seconds).
    pub due: i64,
    /// Attempts the provider did not take.
    pub attempts: u8,
}

/// The notices `added` calls for: each other confirmed contact that can be
/// reached (not stopped, not bad) is told of each added contact.
pub fn notices_for(
    sub: &Subscription,
    added: &[Channel],
    epochs: &ContactEpochs,
    now: Timestamp,
) -> Vec<ContactNotice> {
    let told = sub
        .reachable_channels()
        .filter(|c| !added.contains(c))
        .collect::<Vec<_>>();
    let mut out = Vec::new();
    for t in told {
        let due = when(sub, t, now);
        for a in added {
            out.push(ContactNotice {
                voter: sub.voter.key(),
                told: t,
                added: *a,
                added_epoch: epochs.get(*a),
                due,
                attempts: 0,
            });
        }
    }
    out
}

/// When a notice to `told` may go: an email now; a text or call at the
/// first moment of the contact's hours from now.
pub fn when(sub: &Subscription, told: Channel, now: Timestamp) -> i64 {
    match told {
        Channel::Email => now.as_second(),
        _ => next_allowed(now, sub.hours_for(told), &sub.tz_for(told)).as_second(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::subscription::ContactSettings;
    use crate::domain::{Contact, CountyCode, Hours, Language, VoterId};

    fn sub() -> Subscription {
        let mut s = Subscription {
            voter: VoterId::parse("CA46001").unwrap(),
            county: CountyCode::parse("46").unwrap(),
            email: Some(Contact::new("mj@example.org".into(), true)),
            sms: Some(Contact::new("+19165550100".into(), true)),
            voice: None,
            language: Language::EN,
            hours: Hours::new(8 * 60, 20 * 60).unwrap(),
            time_zone: "America/Los_Angeles".into(),
            created_at: 0,
            since_event: 0,
        };
        s.sms.as_mut().unwrap().settings = Some(ContactSettings {
            language: Language::ES,
            hours: Hours::new(9 * 60, 17 * 60).unwrap(),
            time_zone: "America/Los_Angeles".into(),
        });
        s
    }

    #[test]
    fn every_other_reachable_contact_is_told_and_texts_wait_for_their_hours() {
        let mut s = sub();
        s.voice = Some(Contact::new("+19165550199".into(), true));
        let mut epochs = ContactEpochs::default();
        epochs.bump(Channel::Voice);
        // 02:00 in California.
        let now: Timestamp = "2026-10-10T09:00:00Z".parse().unwrap();
        let n = notices_for(&s, &[Channel::Voice], &epochs, now);
        assert_eq!(n.len(), 2);
        let email = n.iter().find(|x| x.told == Channel::Email).unwrap();
        assert_eq!(email.due, now.as_second());
        assert_eq!((email.added, email.added_epoch), (Channel::Voice, 1));
        let sms = n.iter().find(|x| x.told == Channel::Sms).unwrap();
        let nine: Timestamp = "2026-10-10T16:00:00Z".parse().unwrap();
        assert_eq!(sms.due, nine.as_second(), "the text's own hours, 09:00");
    }

    #[test]
    fn stopped_bad_and_unconfirmed_contacts_are_not_told() {
        let mut s = sub();
        s.sms.as_mut().unwrap().opted_out = true;
        s.voice = Some(Contact::new("+19165550199".into(), false));
        let now: Timestamp = "2026-10-10T18:00:00Z".parse().unwrap();
        let n = notices_for(&s, &[Channel::Voice], &ContactEpochs::default(), now);
        assert_eq!(
            n.iter().map(|x| x.told).collect::<Vec<_>>(),
            [Channel::Email]
        );
        s.email.as_mut().unwrap().bad = Some("550 no such user".into());
        assert!(notices_for(&s, &[Channel::Voice], &ContactEpochs::default(), now).is_empty());
    }

    #[test]
    fn contacts_added_together_do_not_tell_each_other() {
        let mut s = sub();
        s.voice = Some(Contact::new("+19165550199".into(), true));
        let now: Timestamp = "2026-10-10T18:00:00Z".parse().unwrap();
        let n = notices_for(
            &s,
            &[Channel::Sms, Channel::Voice],
            &ContactEpochs::default(),
            now,
        );
        assert_eq!(n.len(), 2);
        assert!(n.iter().all(|x| x.told == Channel::Email));
    }
}
