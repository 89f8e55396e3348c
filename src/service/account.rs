//! What a signed-in voter may do, and through which contacts. A code
//! confirms one contact and proves nothing more: whoever signed in through
//! a contact may set that contact's language and hours, stop it or remove
//! it, and add a contact on a channel nobody uses; the voter's other
//! contacts are theirs' who confirmed them.

use super::portal::{
    CodeRules, Codes, challenges_for, check_countries, confirm_key, waiting_addresses,
};
use super::{Result, ServiceError, secs};
use crate::domain::subscription::ContactSettings;
use crate::domain::{Channel, Contact, Hours, Language, Subscription, VoterId};
use crate::notify::planner;
use crate::signer::Grant;
use crate::store::Store;

/// Changes of a signed-in voter's choices. Contacts that change wait for
/// their code; contacts left as they were stay confirmed.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub language: Option<Language>,
    pub hours: Option<Hours>,
    pub time_zone: Option<String>,
    /// Per channel: `Some(None)` removes the contact, `Some(Some(a))` sets it.
    pub contacts: Vec<(Channel, Option<String>)>,
}

/// Whether the grant may change `channel` of `sub`: its own contact, or a
/// channel nobody has.
pub fn may_change(grant: &Grant, sub: &Subscription, channel: Channel) -> bool {
    grant.owns(channel) || sub.contact(channel).is_none()
}

/// The settings of the grant's contacts: the first one's.
pub fn own_settings(grant: &Grant, sub: &Subscription) -> ContactSettings {
    let owned = Channel::ALL
        .into_iter()
        .find(|c| grant.owns(*c) && sub.contact(*c).is_some());
    match owned {
        Some(c) => ContactSettings {
            language: sub.language_for(c),
            hours: sub.hours_for(c),
            time_zone: sub.time_zone_for(c).to_string(),
        },
        None => sub.settings(),
    }
}

/// Applies `changes` to the grant's own contacts (and channels nobody has);
/// returns the codes to send for new contacts. Another's contact is left as
/// it is, whatever the form said.
pub fn change(
    store: &Store,
    grant: &Grant,
    changes: &Changes,
    rules: &CodeRules,
    now: jiff::Timestamp,
) -> Result<Codes> {
    let now = secs(now);
    let voter = VoterId::from_key(grant.voter);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let Some(mut sub) = b.subscription_get(voter.key())? else {
            return Err(ServiceError::NotFound("no subscription".into()));
        };
        let before = own_settings(grant, &sub);
        let settings = ContactSettings {
            language: changes.language.unwrap_or(before.language),
            hours: changes.hours.unwrap_or(before.hours),
            time_zone: changes.time_zone.clone().unwrap_or(before.time_zone),
        };
        let mut fresh = sub.clone();
        fresh.language = settings.language;
        fresh.email = None;
        fresh.sms = None;
        fresh.voice = None;
        let mut moved = Vec::new();
        for (channel, address) in &changes.contacts {
            if !may_change(grant, &sub, *channel) {
                continue;
            }
            let same = sub.contact(*channel).map(|c| &c.address) == address.as_ref();
            if same {
                continue;
            }
            moved.push(*channel);
            planner::withdraw_pending(b, voter.key(), Some(*channel), now, "the contact changed")?;
            let contact = address.as_ref().map(|a| Contact::new(a.clone(), false));
            *sub.contact_slot(*channel) = contact.clone();
            *fresh.contact_slot(*channel) = contact;
        }
        // The new settings are the grant's contacts' and the new ones'.
        for channel in Channel::ALL {
            let mine = grant.owns(channel) || fresh.contact(channel).is_some();
            if let (true, Some(c)) = (mine, sub.contact_mut(channel)) {
                c.settings = Some(settings.clone());
            }
        }
        if Channel::ALL.iter().all(|c| sub.contact(*c).is_none()) {
            return Err(ServiceError::Invalid(
                "contacts: at least one contact must stay".into(),
            ));
        }
        check_countries(&fresh, rules)?;
        b.subscription_put(&sub)?;
        // A changed or removed contact: sign-ins and links through it die.
        b.contact_epochs_bump(voter.key(), &moved)?;
        b.audit(
            now,
            "voter",
            &format!(
                "voter {voter} changed their choices through {}",
                names(&owned(grant))
            ),
        )?;
        challenges_for(b, &secret, &fresh, &rules.caps, now)
    })
}

fn owned(grant: &Grant) -> Vec<Channel> {
    grant.through.iter().map(|(c, _)| *c).collect()
}

fn names(channels: &[Channel]) -> String {
    channels
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Stops (or restarts) one of the grant's own contacts.
pub fn set_stopped(
    store: &Store,
    grant: &Grant,
    channel: Channel,
    stopped: bool,
    now: jiff::Timestamp,
) -> Result<()> {
    if !grant.owns(channel) {
        return Err(ServiceError::Forbidden(format!(
            "the {channel} contact is not the signed-in contact's"
        )));
    }
    let now = secs(now);
    let voter = VoterId::from_key(grant.voter);
    store.write_as(true, |b| {
        let Some(mut sub) = b.subscription_get(voter.key())? else {
            return Err(ServiceError::NotFound("no subscription".into()));
        };
        let Some(c) = sub.contact_mut(channel) else {
            return Err(ServiceError::NotFound(format!("no {channel} contact")));
        };
        c.opted_out = stopped;
        b.subscription_put(&sub)?;
        if stopped {
            planner::withdraw_pending(
                b,
                voter.key(),
                Some(channel),
                now,
                "the voter stopped messages",
            )?;
        }
        let what = if stopped { "stopped" } else { "restarted" };
        b.audit(
            now,
            "voter",
            &format!("voter {voter} {what} {channel} messages"),
        )?;
        Ok(())
    })
}

/// "Delete my data" through a grant. When the grant owns every contact of
/// the sign-up, everything kept about it goes: the subscription, a pending
/// sign-up and messages not yet sent (the voter record and ballots, the
/// county's, stay). Otherwise only the grant's own contacts go, with their
/// messages; the others stay their owners'.
pub fn delete(store: &Store, grant: &Grant, now: jiff::Timestamp) -> Result<()> {
    let now = secs(now);
    let voter = VoterId::from_key(grant.voter);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let sub = b.subscription_get(voter.key())?;
        let others = sub.as_ref().is_some_and(|s| {
            Channel::ALL
                .into_iter()
                .any(|c| s.contact(c).is_some() && !grant.owns(c))
        });
        if let (true, Some(mut sub)) = (others, sub) {
            let mine = owned(grant);
            for c in &mine {
                *sub.contact_slot(*c) = None;
                planner::withdraw_pending(
                    b,
                    voter.key(),
                    Some(*c),
                    now,
                    "the contact was removed",
                )?;
            }
            b.subscription_put(&sub)?;
            b.contact_epochs_bump(voter.key(), &mine)?;
            b.audit(
                now,
                "voter",
                &format!("voter {voter} removed their {} contact", names(&mine)),
            )?;
            return Ok(());
        }
        for (channel, address) in waiting_addresses(b, voter, now)? {
            b.challenge_remove(confirm_key(&secret, voter.key(), channel, &address))?;
        }
        if let Some(sub) = b.subscription_get(voter.key())? {
            planner::end_subscription(b, &sub, now)?;
        }
        b.pending_signup_remove(voter.key())?;
        // Every sign-in and link of the voter dies with the sign-up.
        b.contact_epochs_bump(voter.key(), &Channel::ALL)?;
        b.audit(
            now,
            "voter",
            &format!("voter {voter} deleted their sign-up"),
        )?;
        Ok(())
    })
}

/// The grants of a sealed token that still hold: for each voter, the
/// contacts whose sign-in generation is still the one sealed. A voter none
/// of whose contacts hold is left out.
pub fn current_grants(store: &Store, grants: Vec<Grant>) -> Result<Vec<Grant>> {
    let r = store.latest()?;
    let mut out = Vec::with_capacity(grants.len());
    for mut g in grants {
        let epochs = r.contact_epochs(g.voter)?;
        g.through.retain(|(c, e)| epochs.get(*c) == *e);
        if !g.through.is_empty() {
            out.push(g);
        }
    }
    Ok(out)
}

/// Signs out everywhere through the contacts of `grants`: every session
/// and manage link given through them dies.
pub fn sign_out(store: &Store, grants: &[Grant], now: jiff::Timestamp) -> Result<()> {
    let now = secs(now);
    store.write_as(true, |b| {
        for g in grants {
            let channels = owned(g);
            b.contact_epochs_bump(g.voter, &channels)?;
            b.audit(
                now,
                "voter",
                &format!(
                    "voter {} signed out everywhere through {}",
                    VoterId::from_key(g.voter),
                    names(&channels)
                ),
            )?;
        }
        Ok(())
    })
}
