//! A message on its way to a voter: one per (voter, election, message kind,
//! round, channel), with a state that only moves forward.

use super::message::MessageKind;
use super::subscription::Channel;
use serde::{Deserialize, Serialize};

/// Where a message is. Each attempt moves `Pending → Sending → Sent →
/// Delivered`, or ends in `Failed`, `Cancelled` or `Superseded`; a transient
/// failure starts the next attempt (`Pending` with a higher attempt number),
/// so `(attempt, state)` only ever increases. A message whose text would go
/// out with an empty or missing part is `Held` (from `Pending` or `Sending`)
/// instead of sent; it leaves `Held` only by a new attempt: released
/// (`Pending`), or withdrawn (`Cancelled`, `Superseded`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    Pending,
    /// Handed to the provider; the outcome is not yet recorded.
    Sending,
    /// The provider accepted it.
    Sent,
    /// The provider reported it delivered.
    Delivered,
    /// Permanently failed (bad address, or retries exhausted).
    Failed,
    /// It could not go out inside the election's window, or the contact
    /// stopped messages.
    Cancelled,
    /// A newer status of the same ballot replaced it before it went out.
    Superseded,
    /// Not sent: its text would have an empty or missing part (a date, a
    /// phone number). A state admin sees why and releases it once fixed.
    /// Last, so that stored rows keep their meaning.
    Held,
}

impl OutboxState {
    pub const ALL: [OutboxState; 8] = [
        Self::Pending,
        Self::Sending,
        Self::Sent,
        Self::Delivered,
        Self::Failed,
        Self::Cancelled,
        Self::Superseded,
        Self::Held,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Superseded => "superseded",
            Self::Held => "held",
        }
    }

    /// No further change, except a delivery report for a sent message.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Delivered | Self::Failed | Self::Cancelled | Self::Superseded
        )
    }

    /// Whether a message in this state may still be replaced or withdrawn.
    pub fn is_waiting(self) -> bool {
        self == Self::Pending
    }

    /// Whether `self → next` is a forward move within one attempt.
    pub fn can_become(self, next: OutboxState) -> bool {
        use OutboxState::*;
        matches!(
            (self, next),
            (Pending, Sending | Cancelled | Superseded | Failed | Held)
                | (Sending, Sent | Failed | Held)
                | (Sent, Delivered | Failed)
        )
    }
}

/// Which outbox row: the key under which a message exists at most once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OutboxKey {
    pub voter: u128,
    pub election: u16,
    pub kind: MessageKind,
    /// 0 for most kinds; the reminder number for reminders and the ballot
    /// sequence for a reissue, so each is its own message.
    pub round: u8,
    pub channel: Channel,
}

/// A transition that would move a message backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "an outbox message cannot go from {from:?} (attempt {from_attempt}) to {to:?} (attempt {to_attempt})"
)]
pub struct BackwardMove {
    pub from: OutboxState,
    pub from_attempt: u16,
    pub to: OutboxState,
    pub to_attempt: u16,
}

/// Checks a move of `(attempt, state)`: within an attempt, forward by
/// [`OutboxState::can_become`]; a new attempt only from `Sending` (the try
/// failed transiently) to `Pending`, or from `Held` to `Pending` (released),
/// `Cancelled` or `Superseded` (withdrawn).
pub fn check_move(from: (u16, OutboxState), to: (u16, OutboxState)) -> Result<(), BackwardMove> {
    use OutboxState::*;
    let ok = if to.0 == from.0 {
        from.1.can_become(to.1)
    } else {
        to.0 == from.0 + 1
            && matches!(
                (from.1, to.1),
                (Sending, Pending) | (Held, Pending | Cancelled | Superseded)
            )
    };
    if ok {
        Ok(())
    } else {
        Err(BackwardMove {
            from: from.1,
            from_attempt: from.0,
            to: to.1,
            to_attempt: to.0,
        })
    }
}

/// Delay before retry `attempt` (1-based) after a transient failure:
/// exponential from 30 s, capped at one hour, with `jitter` in `0.0..1.0`
/// spreading retries over the upper half so a recovered provider is not hit
/// by every message at once.
pub fn retry_delay_seconds(attempt: u16, jitter: f64) -> i64 {
    let base = 30i64.saturating_mul(1 << attempt.saturating_sub(1).min(10));
    let capped = base.min(3600);
    capped / 2 + ((capped as f64 / 2.0) * jitter.clamp(0.0, 1.0)) as i64
}

/// Transient failures allowed before a message is given up as failed: with
/// the delays above, about a day of provider outage.
pub const MAX_ATTEMPTS: u16 = 60;

#[cfg(test)]
mod tests {
    use super::OutboxState::*;
    use super::*;

    #[test]
    fn states_only_move_forward() {
        for a in OutboxState::ALL {
            for b in OutboxState::ALL {
                if a.can_become(b) {
                    assert!(a < b, "{a:?} -> {b:?} goes backwards");
                }
            }
            assert!(!a.can_become(a));
        }
        assert!(check_move((0, Pending), (0, Sending)).is_ok());
        assert!(check_move((0, Sending), (1, Pending)).is_ok());
        assert!(check_move((0, Sent), (0, Pending)).is_err());
        assert!(check_move((1, Pending), (0, Sending)).is_err());
        assert!(check_move((0, Pending), (1, Pending)).is_err());
        assert!(check_move((0, Delivered), (0, Failed)).is_err());
    }

    #[test]
    fn a_held_message_leaves_only_by_a_new_attempt() {
        assert!(check_move((0, Pending), (0, Held)).is_ok());
        assert!(check_move((2, Sending), (2, Held)).is_ok());
        for to in [Pending, Cancelled, Superseded] {
            assert!(check_move((0, Held), (1, to)).is_ok(), "{to:?}");
            assert!(check_move((0, Held), (0, to)).is_err(), "{to:?}");
        }
        for to in [Sending, Sent, Delivered, Failed, Held] {
            assert!(check_move((0, Held), (1, to)).is_err(), "{to:?}");
        }
        assert!(check_move((0, Sent), (0, Held)).is_err());
        assert!(check_move((1, Held), (1, Sending)).is_err());
        assert!(!Held.is_final() && !Held.is_waiting());
    }

    #[test]
    fn retries_back_off_with_jitter_and_cap() {
        assert_eq!(retry_delay_seconds(1, 0.0), 15);
        assert_eq!(retry_delay_seconds(1, 1.0), 30);
        assert_eq!(retry_delay_seconds(2, 1.0), 60);
        assert_eq!(retry_delay_seconds(20, 1.0), 3600);
        assert_eq!(retry_delay_seconds(20, 0.0), 1800);
        let total: i64 = (1..MAX_ATTEMPTS).map(|a| retry_delay_seconds(a, 0.0)).sum();
        assert!(total > 24 * 3600, "gives up after {total}s");
    }
}
