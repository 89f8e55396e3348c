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
        Outcome::Transient(e) | Outcome::Permanent(e) => {
            Err(CodeError::NotSent(without_recipient(&e, address)))
        }
    }
}

/// A provider's refusal without the recipient in it: SMTP servers and
/// Twilio name the address or number they refuse, and the caller logs
/// this text.
pub(super) fn without_recipient(text: &str, address: &str) -> String {
    let mut out = text.to_string();
    let digits: String = address.chars().filter(char::is_ascii_digit).collect();
    // The address as given, and a number without its `+` or country code.
    let mut forms = vec![address.trim().to_string(), digits.clone()];
    if let Some(national) = digits.strip_prefix('1').filter(|n| n.len() == 10) {
        forms.push(national.to_string());
    }
    for form in forms.iter().filter(|f| f.len() >= 4) {
        out = replace_ignoring_case(&out, form, "<recipient>");
    }
    out
}

fn replace_ignoring_case(text: &str, what: &str, with: &str) -> String {
    let (lower, what) = (text.to_ascii_lowercase(), what.to_ascii_lowercase());
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(at) = lower[from..].find(&what) {
        out.push_str(&text[from..from + at]);
        out.push_str(with);
        from += at + what.len();
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_do_not_name_the_recipient() {
        let smtp = "the SMTP server refused the recipient: 550 <Voter@Example.com>: unknown";
        let t = without_recipient(smtp, "voter@example.com");
        assert_eq!(
            t,
            "the SMTP server refused the recipient: 550 <<recipient>>: unknown"
        );
        let twilio = "twilio 21211 (HTTP 400): The 'To' number +15305550103 is not valid";
        assert!(!without_recipient(twilio, "+15305550103").contains("5550103"));
        let bare = "number 5305550103 unreachable";
        assert!(!without_recipient(bare, "+15305550103").contains("5550103"));
        assert_eq!(without_recipient("timed out", "+15305550103"), "timed out");
    }
}
