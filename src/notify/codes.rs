//! Sending one-time codes: rendered in the voter's language and handed to
//! the channel's provider at once (within its rate), not queued: the voter
//! is waiting on the page, and a lost code is simply asked for again.

use super::drivers::{Outcome, Outgoing};
use super::engine::Notifier;
use super::planner::NO_ELECTION;
use super::render;
use crate::domain::outbox::OutboxKey;
use crate::domain::{Channel, Language, MessageKind};

#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    #[error("the {0} channel is off")]
    ChannelOff(Channel),
    #[error("cannot render the code message: {0}")]
    Render(String),
    #[error("the provider did not take the code: {0}")]
    NotSent(String),
}

/// Sends `code` to `address` on `channel`.
pub async fn send(
    notifier: &Notifier,
    channel: Channel,
    address: &str,
    language: Language,
    code: &str,
) -> Result<(), CodeError> {
    if !notifier.dispatcher.has_channel(channel) {
        return Err(CodeError::ChannelOff(channel));
    }
    let content = {
        let catalog = notifier.catalog.read().unwrap_or_else(|e| e.into_inner());
        render::render_code(&catalog, language, channel, code)
            .map_err(|e| CodeError::Render(e.to_string()))?
    };
    let m = Outgoing {
        // Codes have no outbox row: this key only names the channel.
        key: OutboxKey {
            voter: 0,
            election: NO_ELECTION,
            kind: MessageKind::Confirmation,
            round: 0,
            channel,
        },
        // Every code is its own message: never merged with another by a receiver.
        idempotency_key: format!("code-{}", hex::encode(rand::random::<[u8; 16]>())),
        to: address.to_string(),
        language,
        content,
        unsubscribe_url: String::new(),
    };
    match notifier.dispatcher.send_now(&m).await {
        Outcome::Accepted { .. } => Ok(()),
        Outcome::Transient(e) | Outcome::Permanent(e) => Err(CodeError::NotSent(e)),
    }
}
