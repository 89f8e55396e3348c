//! Delivery reports: Twilio's status callbacks for texts and calls move a
//! sent message to delivered or failed, and a failure that says the number
//! can never be reached stops further messages to it.

use super::dispatch::mark_contact_bad;
use crate::domain::outbox::OutboxState;
use crate::store::{Store, StoreError};
use jiff::Timestamp;

/// Error codes of undelivered texts that say the number itself cannot take
/// them: unknown destination, landline, the recipient opted out (STOP to the
/// carrier). Not 30003 (handset off or out of coverage, often for a day) nor
/// 30007 (carrier filtering): neither is the voter's doing.
pub const PERMANENT_DELIVERY_CODES: [&str; 3] = ["30005", "30006", "21610"];

/// What a provider status means for an outbox row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Report {
    Delivered,
    Failed,
    /// Still on its way (or a status we do not act on).
    InFlight,
}

fn report(status: &str) -> Report {
    match status.trim().to_ascii_lowercase().as_str() {
        // `completed`: a call that was answered (by a person or a machine).
        "delivered" | "read" | "completed" => Report::Delivered,
        // `busy`, `no-answer`: calls; `canceled`: a queued text or call withdrawn.
        "undelivered" | "failed" | "busy" | "no-answer" | "canceled" => Report::Failed,
        _ => Report::InFlight,
    }
}

/// Applies a provider's status report for the message it calls `provider_id`.
/// Returns whether the message's row changed: `false` for an unknown id, a
/// status still in flight, a report that would move the message backwards
/// (a late `sent` after `delivered`: reports arrive in any order), or one
/// already applied (a replayed request).
pub fn apply_status(
    store: &Store,
    provider_id: &str,
    status: &str,
    error_code: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let next = match report(status) {
        Report::Delivered => OutboxState::Delivered,
        Report::Failed => OutboxState::Failed,
        Report::InFlight => return Ok(false),
    };
    let now_s = now.as_second();
    let code = error_code.map(str::trim).filter(|c| !c.is_empty());
    let said = status.trim().to_ascii_lowercase();
    store.write(true, |b| {
        if !b.provider_report_first(provider_id, &said, now_s)? {
            return Ok(false);
        }
        let Some(key) = b.outbox_by_provider_id(provider_id)? else {
            return Ok(false);
        };
        let Some(mut row) = b.outbox_get(&key)? else {
            return Ok(false);
        };
        // A row may be re-sent under a new id; an old id's report is stale then.
        if row.provider_id.as_deref() != Some(provider_id) || !row.state.can_become(next) {
            return Ok(false);
        }
        row.state = next;
        row.updated_at = now_s;
        if next == OutboxState::Failed {
            let note = match code {
                Some(c) => format!("provider reported {status} (error {c})"),
                None => format!("provider reported {status}"),
            };
            if code.is_some_and(|c| PERMANENT_DELIVERY_CODES.contains(&c)) {
                mark_contact_bad(b, key.voter, key.channel, &note, now_s)?;
            }
            row.note = Some(note);
        }
        b.outbox_update(&key, &row)?;
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_of_texts_and_calls() {
        for s in ["delivered", "Delivered", "completed", "read"] {
            assert_eq!(report(s), Report::Delivered, "{s}");
        }
        for s in ["undelivered", "failed", "busy", "no-answer", "canceled"] {
            assert_eq!(report(s), Report::Failed, "{s}");
        }
        for s in [
            "queued",
            "accepted",
            "sending",
            "sent",
            "initiated",
            "ringing",
            "in-progress",
            "",
        ] {
            assert_eq!(report(s), Report::InFlight, "{s}");
        }
    }
}
