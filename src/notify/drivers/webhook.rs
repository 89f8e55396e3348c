//! Messages as signed JSON POSTs to an integrator's URL, which sends them on
//! its own way. The body is signed with HMAC-SHA256 under the configured
//! key, and every attempt of one message carries the same `Idempotency-Key`.

use super::http::{HttpClient, check_base};
use super::{BoxFuture, Driver, Outcome, Outgoing};
use crate::config::ProviderConfig;
use crate::domain::Channel;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::Full;
use hyper::{Method, Request, StatusCode, header};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "X-Ballot-Tracker-Signature";
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

#[derive(Debug, thiserror::Error)]
pub enum WebhookSetupError {
    #[error("[{channel}] api_base: {problem}")]
    Url {
        channel: &'static str,
        problem: String,
    },
    #[error("[{channel}] auth_token (the signing key) is required for provider = \"webhook\"")]
    MissingKey { channel: &'static str },
}

pub struct WebhookDriver {
    http: HttpClient,
    url: String,
    key: Vec<u8>,
}

impl WebhookDriver {
    pub fn new(cfg: &ProviderConfig, channel: Channel) -> Result<Self, WebhookSetupError> {
        let url = check_base(&cfg.api_base).map_err(|problem| WebhookSetupError::Url {
            channel: channel.name(),
            problem,
        })?;
        if cfg.auth_token.is_empty() {
            return Err(WebhookSetupError::MissingKey {
                channel: channel.name(),
            });
        }
        Ok(Self {
            http: HttpClient::new(),
            url,
            key: cfg.auth_token.as_bytes().to_vec(),
        })
    }

    async fn post(&self, m: &Outgoing) -> Outcome {
        let body = serde_json::to_vec(&payload(m)).expect("JSON values serialize");
        let req = Request::builder()
            .method(Method::POST)
            .uri(&self.url)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, USER_AGENT)
            .header(IDEMPOTENCY_HEADER, &m.idempotency_key)
            .header(SIGNATURE_HEADER, signature(&self.key, &body))
            .body(Full::new(Bytes::from(body)))
            .expect("the URL was checked at start");
        match self.http.send(req).await {
            Ok((status, reply)) => outcome(status, &reply, &m.idempotency_key),
            Err(e) => Outcome::Transient(format!("webhook: {e}")),
        }
    }
}

const USER_AGENT: &str = concat!("ballot-tracker/", env!("CARGO_PKG_VERSION"));

/// `sha256=<hex HMAC-SHA256 of the body>`: the receiver checks it with the shared key.
pub fn signature(key: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The JSON a receiver gets: the same as the file driver's lines.
pub fn payload(m: &Outgoing) -> serde_json::Value {
    super::message_json(m)
}

fn outcome(status: StatusCode, reply: &[u8], idempotency_key: &str) -> Outcome {
    let text: String = String::from_utf8_lossy(reply).chars().take(300).collect();
    let note = format!("webhook HTTP {}: {text}", status.as_u16());
    if status.is_success() {
        let id = serde_json::from_slice::<serde_json::Value>(reply)
            .ok()
            .and_then(|v| v["id"].as_str().map(str::to_string))
            .filter(|id| !id.is_empty());
        return Outcome::Accepted {
            provider_id: id.unwrap_or_else(|| idempotency_key.to_string()),
        };
    }
    match status.as_u16() {
        // Timeouts and throttling pass; credentials and a wrong URL are our
        // configuration, which must not mark every voter unreachable.
        408 | 429 | 401 | 403 | 404 | 405 => Outcome::Transient(note),
        400..=499 => Outcome::Permanent(note),
        _ => Outcome::Transient(note),
    }
}

impl Driver for WebhookDriver {
    fn name(&self) -> &'static str {
        "webhook"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(self.post(m))
    }
    // No lookup: the receiver dedupes on the idempotency key, so after a
    // crash the message is simply posted again.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_outcomes() {
        assert_eq!(
            outcome(StatusCode::OK, br#"{"id": "r-1"}"#, "k"),
            Outcome::Accepted {
                provider_id: "r-1".into()
            }
        );
        assert_eq!(
            outcome(StatusCode::ACCEPTED, b"", "k"),
            Outcome::Accepted {
                provider_id: "k".into()
            }
        );
        assert!(matches!(
            outcome(StatusCode::UNPROCESSABLE_ENTITY, b"bad number", "k"),
            Outcome::Permanent(_)
        ));
        for s in [408, 429, 401, 403, 404, 500, 502, 503] {
            let s = StatusCode::from_u16(s).unwrap();
            assert!(matches!(outcome(s, b"", "k"), Outcome::Transient(_)), "{s}");
        }
    }

    #[test]
    fn signature_is_hex_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
