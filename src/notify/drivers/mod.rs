//! Providers behind one trait: each takes a rendered message for one contact
//! and says whether the provider accepted it.

pub mod file;
pub mod http;
pub mod smtp;
pub mod twilio;
pub mod webhook;

use super::render::Content;
use crate::domain::Language;
use crate::domain::outbox::OutboxKey;
use std::future::Future;
use std::pin::Pin;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A message ready to hand over.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub key: OutboxKey,
    /// The same for every attempt of one message: providers and receivers that
    /// honour it never deliver a message twice.
    pub idempotency_key: String,
    /// The email address or E.164 phone number.
    pub to: String,
    pub language: Language,
    pub content: Content,
    /// One-click unsubscribe link (email `List-Unsubscribe`).
    pub unsubscribe_url: String,
}

/// What the provider said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, under the provider's id for the message.
    Accepted { provider_id: String },
    /// Try again later (timeouts, 5xx, throttling, connection refused).
    Transient(String),
    /// This contact cannot be reached this way (bad number, rejected address).
    Permanent(String),
}

pub trait Driver: Send + Sync {
    /// A short name for logs and reports.
    fn name(&self) -> &'static str;

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome>;

    /// Whether the provider reports delivery back by its message id (then
    /// the outbox indexes that id).
    fn reports_delivery(&self) -> bool {
        false
    }

    /// After a crash, whether the provider already has this message (a
    /// message recorded as sending whose outcome was not recorded). `None`:
    /// it does not, or this provider cannot tell.
    fn lookup<'a>(&'a self, _m: &'a Outgoing) -> BoxFuture<'a, Option<String>> {
        Box::pin(async { None })
    }
}

/// A message as JSON: what the file driver writes and a webhook receives.
pub fn message_json(m: &Outgoing) -> serde_json::Value {
    let content = match &m.content {
        Content::Email {
            subject,
            text,
            html,
        } => serde_json::json!({
            "subject": subject, "text": text, "html": html, "list_unsubscribe": m.unsubscribe_url
        }),
        Content::Sms { text } => serde_json::json!({ "text": text }),
        Content::Voice { script, tts } => serde_json::json!({ "script": script, "tts": tts }),
    };
    serde_json::json!({
        "id": m.idempotency_key,
        "channel": m.key.channel.name(),
        "kind": m.key.kind.name(),
        "language": m.language.code(),
        "to": m.to,
        "content": content,
    })
}

/// Accepts everything and keeps nothing (benchmarks).
pub struct NullDriver;

impl Driver for NullDriver {
    fn name(&self) -> &'static str {
        "null"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            Outcome::Accepted {
                provider_id: m.idempotency_key.clone(),
            }
        })
    }
}
