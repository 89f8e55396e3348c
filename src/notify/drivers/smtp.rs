//! Email through an SMTP server (lettre): plain, STARTTLS or implicit TLS as
//! `[email] smtp_url` says, optionally trusting extra CAs from `ca_file`.

use super::{BoxFuture, Driver, Outcome, Outgoing};
use crate::config::EmailConfig;
use crate::notify::render::Content;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::{AsyncSmtpTransportBuilder, PoolConfig};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::path::PathBuf;
use std::sync::OnceLock;

/// lettre's header parse error type (its alias is private).
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Longest server reply kept in an outbox note.
const MAX_REPLY: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum SmtpSetupError {
    #[error("[email] smtp_url is not set")]
    NoUrl,
    // lettre's message names the problem, never the URL (it may hold a password).
    #[error(
        "[email] smtp_url: {0} (expected e.g. smtps://host:465 or smtp://host:587?tls=required)"
    )]
    Url(String),
    #[error(
        "[email] from: {value:?} is not an address like `Elections Office <ballots@example.gov>`: {err}"
    )]
    From { value: String, err: String },
    #[error("[email] ca_file: cannot read {path}: {err}")]
    CaRead { path: PathBuf, err: std::io::Error },
    #[error("[email] ca_file: {path}: {problem}")]
    CaInvalid { path: PathBuf, problem: String },
    #[error(
        "[email] ca_file is set but smtp_url asks for no TLS: use smtps://host:465 or smtp://host:587?tls=required"
    )]
    CaWithoutTls,
}

pub struct SmtpDriver {
    builder: AsyncSmtpTransportBuilder,
    /// Built on first send: lettre's pool spawns a task, which needs the
    /// runtime that `new` may be called outside of.
    transport: OnceLock<Built>,
    from: Mailbox,
    /// The From address's domain, for Message-IDs.
    domain: String,
}

struct Built {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// lettre's pool spawns a task when dropped, which panics outside a runtime.
    runtime: tokio::runtime::Handle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TlsMode {
    None,
    Opportunistic,
    Required,
    Wrapper,
}

impl SmtpDriver {
    pub fn new(cfg: &EmailConfig) -> Result<Self, SmtpSetupError> {
        let url = cfg.smtp_url.as_deref().ok_or(SmtpSetupError::NoUrl)?;
        let from: Mailbox = cfg.from.parse().map_err(|e| SmtpSetupError::From {
            value: cfg.from.clone(),
            err: format!("{e}"),
        })?;
        let domain = from.email.domain().to_string();
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SmtpSetupError::Url(e.to_string()))?;
        let (mode, host) = tls_mode(url);
        if let Some(path) = &cfg.ca_file {
            if mode == TlsMode::None {
                return Err(SmtpSetupError::CaWithoutTls);
            }
            let tls = tls_parameters(path, &host)?;
            builder = builder.tls(match mode {
                TlsMode::None | TlsMode::Opportunistic => Tls::Opportunistic(tls),
                TlsMode::Required => Tls::Required(tls),
                TlsMode::Wrapper => Tls::Wrapper(tls),
            });
        }
        if mode == TlsMode::None && !is_loopback(&host) {
            tracing::warn!(
                "[email] smtp_url asks for no TLS: messages cross the network unencrypted \
                 (use smtps:// or ?tls=required)"
            );
        }
        let pool = PoolConfig::new().max_size(u32::try_from(cfg.concurrency.max(1)).unwrap_or(64));
        Ok(Self {
            builder: builder.pool_config(pool),
            transport: OnceLock::new(),
            from,
            domain,
        })
    }

    /// Stable over retries, so receivers can drop a second copy.
    fn message_id(&self, m: &Outgoing) -> String {
        format!("<{}@{}>", m.idempotency_key, self.domain)
    }

    fn message(&self, m: &Outgoing, message_id: &str) -> Result<Message, Outcome> {
        let Content::Email {
            subject,
            text,
            html,
        } = &m.content
        else {
            // A wiring bug, not the contact's fault: do not mark it bad.
            return Err(Outcome::Transient(
                "the SMTP driver was given a message that is not an email".into(),
            ));
        };
        let to: Address = m.to.parse().map_err(|_| {
            Outcome::Permanent("the email address cannot be used in an SMTP envelope".into())
        })?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            .subject(subject.clone())
            .message_id(Some(message_id.to_string()))
            .header(ContentLanguage(m.language.code().to_string()));
        // A one-time code is not a mailing: it has no list to leave, and an
        // empty `<>` would send a mail client's unsubscribe button nowhere.
        if !m.unsubscribe_url.is_empty() {
            builder = builder
                .header(ListUnsubscribe(format!("<{}>", m.unsubscribe_url)))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                text.clone(),
                html.clone(),
            ))
            .map_err(|e| Outcome::Transient(format!("cannot build the email: {e}")))
    }
}

impl Driver for SmtpDriver {
    fn name(&self) -> &'static str {
        "smtp"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let message_id = self.message_id(m);
            let message = match self.message(m, &message_id) {
                Ok(x) => x,
                Err(o) => return o,
            };
            let built = self.transport.get_or_init(|| Built {
                transport: self.builder.clone().build(),
                runtime: tokio::runtime::Handle::current(),
            });
            match built.transport.send(message).await {
                Ok(_) => Outcome::Accepted {
                    provider_id: message_id,
                },
                Err(e) => classify(&e),
            }
        })
    }
}

impl Drop for SmtpDriver {
    fn drop(&mut self) {
        if let Some(b) = self.transport.take() {
            let _in_runtime = b.runtime.enter();
            drop(b.transport);
        }
    }
}

/// Only a 5xx reply that says the recipient is bad is permanent: a 5xx about
/// us (authentication, sender, size, policy) would otherwise mark every
/// voter's address bad. Those are retried, and fail when retries run out.
fn classify(e: &lettre::transport::smtp::Error) -> Outcome {
    let Some(code) = e.status() else {
        // Connection, TLS, timeout, protocol: lettre's text names no recipient.
        return Outcome::Transient(format!("SMTP: {e}"));
    };
    let code = u16::from(code);
    let reply = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    let reply = truncate(reply.trim(), MAX_REPLY);
    if e.is_permanent() && recipient_rejected(code, reply) {
        Outcome::Permanent(format!(
            "the SMTP server refused the recipient: {code} {reply}"
        ))
    } else {
        Outcome::Transient(format!("the SMTP server replied {code} {reply}"))
    }
}

/// RFC 3463 enhanced codes when the server gives one (X.1.1-4, X.1.6, X.1.10:
/// bad destination address; X.2.1: mailbox disabled); else the classic
/// "mailbox unavailable" replies 550, 551 and 553.
fn recipient_rejected(code: u16, reply: &str) -> bool {
    let enhanced = reply.split_whitespace().next().and_then(|t| {
        let mut p = t.split('.').map(|x| x.parse::<u16>().ok());
        match (p.next(), p.next(), p.next(), p.next()) {
            (Some(Some(5)), Some(Some(s)), Some(Some(d)), None) => Some((s, d)),
            _ => None,
        }
    });
    match enhanced {
        Some((subject, detail)) => {
            matches!((subject, detail), (1, 1..=4 | 6 | 10) | (2, 1))
        }
        None => matches!(code, 550 | 551 | 553),
    }
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The TLS mode lettre's `from_url` chose, and the host it verifies, read
/// the same way (`from_url` already rejected malformed URLs).
fn tls_mode(url: &str) -> (TlsMode, String) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query.split('#').next().unwrap_or("");
    let authority = before_query
        .split(['/', '#'])
        .next()
        .unwrap_or(before_query);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .split_inclusive(']')
            .next()
            .unwrap_or(host_port)
            .to_string()
    } else {
        host_port.split(':').next().unwrap_or(host_port).to_string()
    };
    let tls = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("tls="))
        .unwrap_or("");
    let mode = match (scheme.to_ascii_lowercase().as_str(), tls) {
        ("smtps", _) => TlsMode::Wrapper,
        (_, "required") => TlsMode::Required,
        (_, "opportunistic") => TlsMode::Opportunistic,
        _ => TlsMode::None,
    };
    (mode, host)
}

fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The usual web roots plus every certificate in `path`.
fn tls_parameters(path: &PathBuf, host: &str) -> Result<TlsParameters, SmtpSetupError> {
    let pem = std::fs::read(path).map_err(|err| SmtpSetupError::CaRead {
        path: path.clone(),
        err,
    })?;
    let invalid = |problem: String| SmtpSetupError::CaInvalid {
        path: path.clone(),
        problem,
    };
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid(format!("not PEM: {e}")))?;
    if certs.is_empty() {
        return Err(invalid("holds no PEM certificate".into()));
    }
    let mut b = TlsParameters::builder(host.to_string());
    for der in certs {
        let cert = Certificate::from_der(der.to_vec()).map_err(|e| invalid(e.to_string()))?;
        b = b.add_root_certificate(cert);
    }
    b.build().map_err(|e| invalid(e.to_string()))
}

/// `Content-Language` (RFC 3282): the language the voter chose.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, BoxError> {
        Ok(Self(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe` (RFC 2369): `<https://…>`.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, BoxError> {
        Ok(Self(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// RFC 8058: the link unsubscribes with one POST, no page to click through.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, BoxError> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tls_mode_as_lettre_does() {
        assert_eq!(
            tls_mode("smtp://u:p@mail.example.gov:587?tls=required"),
            (TlsMode::Required, "mail.example.gov".into())
        );
        assert_eq!(
            tls_mode("smtps://mail.example.gov"),
            (TlsMode::Wrapper, "mail.example.gov".into())
        );
        assert_eq!(
            tls_mode("smtp://127.0.0.1:25/ehlo.example?tls=opportunistic"),
            (TlsMode::Opportunistic, "127.0.0.1".into())
        );
        assert_eq!(tls_mode("smtp://[::1]:25"), (TlsMode::None, "[::1]".into()));
    }

    #[test]
    fn only_a_bad_recipient_is_permanent() {
        assert!(recipient_rejected(550, "5.1.1 <a@b.example>: User unknown"));
        assert!(recipient_rejected(550, "Mailbox unavailable"));
        assert!(recipient_rejected(554, "5.2.1 Mailbox disabled"));
        // About us: authentication, sender, policy, size.
        assert!(!recipient_rejected(535, "5.7.8 Authentication failed"));
        assert!(!recipient_rejected(550, "5.7.1 Sender not authorized"));
        assert!(!recipient_rejected(553, "5.1.8 Bad sender address"));
        assert!(!recipient_rejected(552, "5.3.4 Message too big"));
        assert!(!recipient_rejected(
            530,
            "Must issue a STARTTLS command first"
        ));
    }

    #[test]
    fn setup_errors_name_the_key() {
        let cfg = |url: &str| EmailConfig {
            smtp_url: Some(url.into()),
            ..EmailConfig::default()
        };
        let err = |c: EmailConfig| SmtpDriver::new(&c).err().unwrap().to_string();
        assert!(err(cfg("gopher://x")).starts_with("[email] smtp_url:"));
        assert!(
            err(EmailConfig {
                from: "not an address".into(),
                ..cfg("smtps://x")
            })
            .starts_with("[email] from:")
        );
        assert!(
            err(EmailConfig {
                ca_file: Some("/nonexistent/ca.pem".into()),
                ..cfg("smtps://x")
            })
            .starts_with("[email] ca_file:")
        );
        assert_eq!(
            err(EmailConfig {
                ca_file: Some(file!().into()),
                ..cfg("smtp://x")
            }),
            SmtpSetupError::CaWithoutTls.to_string()
        );
        assert_eq!(
            err(EmailConfig {
                ca_file: Some(file!().into()),
                ..cfg("smtps://x")
            }),
            "[email] ca_file: src/notify/drivers/smtp.rs: holds no PEM certificate"
        );
    }

    fn email(unsubscribe_url: &str) -> Outgoing {
        use crate::domain::outbox::OutboxKey;
        use crate::domain::{Channel, Language, MessageKind};
        Outgoing {
            key: OutboxKey {
                voter: 1,
                election: 0,
                kind: MessageKind::Confirmation,
                round: 0,
                channel: Channel::Email,
            },
            idempotency_key: "k".into(),
            to: "voter@example.org".into(),
            language: Language::EN,
            content: Content::Email {
                subject: "s".into(),
                text: "t".into(),
                html: "h".into(),
            },
            unsubscribe_url: unsubscribe_url.into(),
        }
    }

    #[test]
    fn an_email_without_an_unsubscribe_link_has_no_list_headers() {
        let driver = SmtpDriver::new(&EmailConfig {
            smtp_url: Some("smtp://127.0.0.1:25".into()),
            ..EmailConfig::default()
        })
        .unwrap();
        let headers = |url: &str| {
            let m = driver.message(&email(url), "<id@x>").ok().unwrap();
            let text = String::from_utf8(m.formatted()).unwrap();
            text[..text.find("\r\n\r\n").unwrap()].to_string()
        };
        let code = headers("");
        assert!(!code.contains("List-Unsubscribe"), "{code}");
        let ballot = headers("https://example.gov/u");
        assert!(
            ballot.contains("List-Unsubscribe: <https://example.gov/u>"),
            "{ballot}"
        );
        assert!(ballot.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    }

    #[test]
    fn outlives_its_runtime_and_fails_transiently_when_nothing_listens() {
        use crate::domain::outbox::OutboxKey;
        use crate::domain::{Channel, Language, MessageKind};
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = SmtpDriver::new(&EmailConfig {
            smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
            ..EmailConfig::default()
        })
        .unwrap();
        let m = Outgoing {
            key: OutboxKey {
                voter: 1,
                election: 0,
                kind: MessageKind::Confirmation,
                round: 0,
                channel: Channel::Email,
            },
            idempotency_key: "k".into(),
            to: "voter@example.org".into(),
            language: Language::EN,
            content: Content::Email {
                subject: "s".into(),
                text: "t".into(),
                html: "h".into(),
            },
            unsubscribe_url: "https://example.gov/u".into(),
        };
        let rt = tokio::runtime::Runtime::new().unwrap();
        let outcome = rt.block_on(driver.send(&m));
        assert!(
            matches!(&outcome, Outcome::Transient(e) if !e.contains("voter@")),
            "{outcome:?}"
        );
        drop(rt);
        // lettre's pool spawns a task on drop: this must not panic.
        drop(driver);
    }
}
