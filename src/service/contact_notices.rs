//! A voter's confirmed contacts hear of every contact that joins their
//! sign-up, and may remove it through the notice's link. Knowing a voter's
//! name, birth date and ZIP lets a stranger add a contact of their own;
//! this is how the voter finds out and undoes it.

use super::caps::{keyed, may_send_to};
use super::{Result, secs};
use crate::domain::challenge::CodeCaps;
use crate::domain::contact_notice::notices_for;
use crate::domain::{Channel, Subscription, VoterId};
use crate::notify::planner;
use crate::signer::Grant;
use crate::store::{Batch, Store};

/// Queues, in the transaction where `joined` joined the voter's sign-up, a
/// notice to each other confirmed contact. A contact told too often lately
/// (the caps of codes, counted apart) is not told again: a stranger adding
/// and removing contacts cannot flood the voter.
pub(super) fn queue(
    b: &mut Batch<'_>,
    secret: &[u8],
    voter: VoterId,
    joined: &[Channel],
    caps: &CodeCaps,
    at: jiff::Timestamp,
) -> Result<()> {
    if joined.is_empty() {
        return Ok(());
    }
    let Some(sub) = b.subscription_get(voter.key())? else {
        return Ok(());
    };
    let epochs = b.contact_epochs(voter.key())?;
    // Counts only: contacts a voter adds one after the other are each told.
    let caps = CodeCaps {
        backoff_seconds: 0,
        ..*caps
    };
    let mut told = Vec::new();
    let mut held = Vec::new();
    for n in notices_for(&sub, joined, &epochs, at) {
        let address = sub.contact(n.told).map(|c| c.address.as_str());
        let allowed = if told.contains(&n.told) {
            true
        } else if held.contains(&n.told) {
            false
        } else if may_send_notice(b, secret, address.unwrap_or(""), &caps, secs(at))? {
            told.push(n.told);
            true
        } else {
            held.push(n.told);
            false
        };
        if allowed {
            b.contact_notice_put(&n)?;
        }
    }
    let mut said = Vec::new();
    if !told.is_empty() {
        said.push(format!(
            "{} told that {} joined",
            names(&told),
            names(joined)
        ));
    }
    if !held.is_empty() {
        said.push(format!(
            "{} not told that {} joined (told too often lately)",
            names(&held),
            names(joined)
        ));
    }
    if !said.is_empty() {
        b.audit(
            secs(at),
            "voter",
            &format!("voter {voter}: {}", said.join("; ")),
        )?;
    }
    Ok(())
}

/// Removes the contacts a notice's link names, while each is still the one
/// that joined: the link works once, and not after the contact changed.
/// Returns the channels removed (none: the link no longer holds). A
/// sign-up left with no contact ends.
pub fn remove_added(store: &Store, link: &Grant, at: jiff::Timestamp) -> Result<Vec<Channel>> {
    let now = secs(at);
    let voter = VoterId::from_key(link.voter);
    store.write_as(true, |b| {
        let epochs = b.contact_epochs(link.voter)?;
        let Some(mut sub) = b.subscription_get(link.voter)? else {
            return Ok(Vec::new());
        };
        let gone: Vec<Channel> = link
            .through
            .iter()
            .filter(|(c, e)| epochs.get(*c) == *e && sub.contact(*c).is_some())
            .map(|(c, _)| *c)
            .collect();
        if gone.is_empty() {
            return Ok(gone);
        }
        for c in &gone {
            *sub.contact_slot(*c) = None;
            planner::withdraw_pending(b, link.voter, Some(*c), now, "the contact was removed")?;
        }
        if has_contacts(&sub) {
            b.subscription_put(&sub)?;
        } else {
            planner::end_subscription(b, &sub, now)?;
        }
        // Every sign-in and link that came through the removed contacts dies.
        b.contact_epochs_bump(link.voter, &gone)?;
        b.audit(
            now,
            "voter",
            &format!(
                "voter {voter}: the {} contact that joined was removed through the notice to the voter's other contacts",
                names(&gone)
            ),
        )?;
        Ok(gone)
    })
}

fn has_contacts(sub: &Subscription) -> bool {
    Channel::ALL.iter().any(|c| sub.contact(*c).is_some())
}

fn names(channels: &[Channel]) -> String {
    channels
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a notice of an added contact may go to `address` under the
/// caps (counted apart from codes, so that notices never hold back the
/// codes its owner signs in with); if so, counts it.
fn may_send_notice(
    b: &mut Batch<'_>,
    secret: &[u8],
    address: &str,
    caps: &CodeCaps,
    now: i64,
) -> Result<bool> {
    let key = keyed(secret, &[b"notices-to", address.to_lowercase().as_bytes()]);
    may_send_to(b, key, caps, now)
}
