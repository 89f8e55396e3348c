//! Sends the notices that tell a voter's confirmed contacts another contact
//! joined their sign-up (`domain::contact_notice`): when due, in the told
//! contact's language, with a sealed link that removes the new contact.
//!
//! A notice is taken off its table only after the provider answered, so a
//! crash in between sends it again (with the same message id) rather than
//! never: a voter told twice is better than a voter not told.

use super::dispatch::{DispatchError, Dispatcher};
use super::drivers::{Outcome, Outgoing};
use super::planner::NO_ELECTION;
use super::render;
use crate::domain::contact_notice::{self, ContactNotice, MAX_ATTEMPTS};
use crate::domain::outbox::OutboxKey;
use crate::domain::{MessageKind, Subscription};
use crate::store::{Store, StoreError};
use std::sync::Arc;

/// How long a removal link works (unless used or the contact changed).
pub const REMOVE_LINK_SECONDS: i64 = 30 * 24 * 3600;
/// Notices taken per round at most.
const ROUND: usize = 100;

/// What became of one due notice.
enum Next {
    /// Sent, refused for good, or no longer called for: off the table.
    Done,
    /// To try again at this time.
    Later(i64),
}

/// Sends the notices due now; returns how many were handed over.
pub async fn send_due(d: &Dispatcher) -> Result<usize, DispatchError> {
    let now = d.clock().now();
    let store = d.store().clone();
    let due = blocking(&store, move |s| {
        let r = s.read()?;
        let notices = r.contact_notices_due(now.as_second(), ROUND)?;
        let mut out = Vec::with_capacity(notices.len());
        for n in notices {
            let sub = r.subscription(n.voter)?;
            let epochs = r.contact_epochs(n.voter)?;
            out.push((n, sub, epochs));
        }
        Ok(out)
    })
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let mut sent = 0;
    let mut outcomes = Vec::with_capacity(due.len());
    for (n, sub, epochs) in due {
        let next = match sub.filter(|s| still_called_for(s, &n, epochs.get(n.added))) {
            None => Next::Done,
            Some(s) => {
                let when = contact_notice::when(&s, n.told, now);
                if when > now.as_second() {
                    // The told contact's hours changed since: wait for them.
                    Next::Later(when)
                } else {
                    let next = send(d, &s, &n, now).await;
                    sent += usize::from(matches!(next, Next::Done));
                    next
                }
            }
        };
        outcomes.push((n, next));
    }
    blocking(&store, move |s| {
        s.write(true, |b| {
            for (n, next) in &outcomes {
                b.contact_notice_remove(n)?;
                if let Next::Later(due) = next {
                    let mut again = n.clone();
                    again.due = *due;
                    b.contact_notice_put(&again)?;
                }
            }
            Ok(())
        })
    })
    .await?;
    Ok(sent)
}

/// Whether the notice still says something true: the told contact still
/// takes messages, and the added one is still the one that joined.
fn still_called_for(sub: &Subscription, n: &ContactNotice, added_epoch: u32) -> bool {
    sub.contact(n.told).is_some_and(|c| c.reachable())
        && sub.contact(n.added).is_some()
        && added_epoch == n.added_epoch
}

async fn send(d: &Dispatcher, sub: &Subscription, n: &ContactNotice, now: jiff::Timestamp) -> Next {
    let (Some(told), Some(added)) = (sub.contact(n.told), sub.contact(n.added)) else {
        return Next::Done;
    };
    let lang = sub.language_for(n.told);
    let expires = (now.as_second() + REMOVE_LINK_SECONDS).clamp(0, i64::from(u32::MAX));
    let token = d
        .signer()
        .seal_contact(n.voter, n.added, n.added_epoch, expires as u32);
    let url = format!("{}/contact-added/{}/{token}", d.public_url(), lang.code());
    let content = {
        let catalog = d.catalog().read().unwrap_or_else(|e| e.into_inner());
        render::render_contact_added(&catalog, lang, n.told, n.added, &added.address, &url)
    };
    let content = match content {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "a notice of an added contact cannot be rendered");
            return Next::Done;
        }
    };
    let m = Outgoing {
        // No outbox row: this key only names the channel.
        key: OutboxKey {
            voter: 0,
            election: NO_ELECTION,
            kind: MessageKind::Confirmation,
            round: 0,
            channel: n.told,
        },
        idempotency_key: message_id(d, n),
        to: told.address.clone(),
        language: lang,
        content,
        unsubscribe_url: String::new(),
    };
    match d.send_now(&m).await {
        Outcome::Accepted { .. } => Next::Done,
        Outcome::Permanent(e) => {
            tracing::warn!(channel = %n.told, error = %redacted(&e, &told.address), "a notice of an added contact was refused");
            Next::Done
        }
        Outcome::Transient(e) if n.attempts + 1 < MAX_ATTEMPTS => {
            tracing::info!(channel = %n.told, error = %redacted(&e, &told.address), "a notice of an added contact will be tried again");
            Next::Later(now.as_second() + 60 * (1 << n.attempts))
        }
        Outcome::Transient(e) => {
            tracing::warn!(channel = %n.told, error = %redacted(&e, &told.address), "a notice of an added contact was given up");
            Next::Done
        }
    }
}

fn redacted(e: &str, address: &str) -> String {
    super::codes::without_recipient(e, address)
}

/// The same id on every attempt of one notice, naming no one.
fn message_id(d: &Dispatcher, n: &ContactNotice) -> String {
    let key = OutboxKey {
        voter: n.voter,
        election: NO_ELECTION,
        kind: MessageKind::Confirmation,
        round: n.added_epoch as u8,
        channel: n.told,
    };
    format!(
        "notice-{}-{}-{}",
        n.added.name(),
        n.added_epoch,
        d.idempotency_key(&key)
    )
}

async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, DispatchError> {
    let store = store.clone();
    Ok(tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| DispatchError::Task(e.to_string()))??)
}
