//! Texts and calls through Twilio's REST API (2010-04-01), or any service
//! that speaks it: `Messages.json` for SMS, `Calls.json` with inline TwiML
//! for voice, delivery reports to `<public_url>/hooks/twilio/status`, and the
//! signature Twilio puts on its requests to us.

use super::http::{HttpClient, check_base};
use super::{BoxFuture, Driver, Outcome, Outgoing};
use crate::config::ProviderConfig;
use crate::domain::Channel;
use crate::notify::render::Content;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::Full;
use hyper::{Method, Request, StatusCode, header};
use serde::Deserialize;
use sha1::Sha1;

/// Twilio error codes that say the number itself cannot take the message:
/// not a valid number, not a mobile, the recipient replied STOP to this
/// sender, unreachable by the carrier, a region the account may not send to.
pub const PERMANENT_SEND_CODES: [u32; 5] = [21211, 21614, 21610, 21612, 21408];

/// Pages of the message list read when looking for a message after a crash.
const LOOKUP_PAGES: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum TwilioSetupError {
    #[error("twilio sends sms and voice, not {0}")]
    Channel(Channel),
    #[error("[{channel}] {key} is required for provider = \"twilio\"")]
    Missing {
        channel: &'static str,
        key: &'static str,
    },
    #[error("[{channel}] account_sid {sid:?} is not a Twilio account SID")]
    AccountSid { channel: &'static str, sid: String },
    #[error("[{channel}] api_base: {problem}")]
    ApiBase {
        channel: &'static str,
        problem: String,
    },
    #[error("public_url {0:?} must be an http(s) URL Twilio can reach")]
    PublicUrl(String),
}

/// A request's form parameters, in order.
type Form<'a> = Vec<(&'a str, String)>;

pub struct TwilioDriver {
    http: HttpClient,
    channel: Channel,
    /// `{api_base}/2010-04-01/Accounts/{sid}`.
    account_url: String,
    api_base: String,
    authorization: String,
    from: String,
    status_callback: String,
    recordings_url: String,
}

impl TwilioDriver {
    pub fn new(
        cfg: &ProviderConfig,
        channel: Channel,
        public_url: &str,
    ) -> Result<Self, TwilioSetupError> {
        if channel == Channel::Email {
            return Err(TwilioSetupError::Channel(channel));
        }
        let section = channel.name();
        let required = |key: &'static str, v: &str| {
            if v.trim().is_empty() {
                Err(TwilioSetupError::Missing {
                    channel: section,
                    key,
                })
            } else {
                Ok(v.trim().to_string())
            }
        };
        let sid = required("account_sid", &cfg.account_sid)?;
        // It goes into the URL path.
        if !sid.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(TwilioSetupError::AccountSid {
                channel: section,
                sid,
            });
        }
        let token = required("auth_token", &cfg.auth_token)?;
        let from = required("from_number", &cfg.from_number)?;
        let api_base = check_base(&cfg.api_base).map_err(|problem| TwilioSetupError::ApiBase {
            channel: section,
            problem,
        })?;
        let public = public_url.trim().trim_end_matches('/');
        let public_ok = public
            .parse::<hyper::Uri>()
            .is_ok_and(|u| matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some());
        if !public_ok {
            return Err(TwilioSetupError::PublicUrl(public_url.to_string()));
        }
        let recordings_url = match cfg.recordings_url.trim().trim_end_matches('/') {
            "" => format!("{public}/recordings"),
            r => r.to_string(),
        };
        Ok(Self {
            http: HttpClient::new(),
            channel,
            account_url: format!("{api_base}/2010-04-01/Accounts/{sid}"),
            api_base,
            authorization: format!("Basic {}", BASE64.encode(format!("{sid}:{token}"))),
            from,
            status_callback: format!("{public}/hooks/twilio/status"),
            recordings_url,
        })
    }

    /// The resource and form of the request that sends `m`.
    fn request_form(&self, m: &Outgoing) -> Result<(&'static str, Form<'_>), String> {
        let mut form = vec![("To", m.to.clone()), ("From", self.from.clone())];
        let resource = match (&m.content, self.channel) {
            (Content::Sms { text }, Channel::Sms) => {
                form.push(("Body", text.clone()));
                "Messages.json"
            }
            (Content::Voice { script, tts }, Channel::Voice) => {
                form.push(("Twiml", self.twiml(m, script, tts.as_deref())));
                "Calls.json"
            }
            _ => {
                return Err(format!(
                    "the twilio {} driver cannot send this content",
                    self.channel
                ));
            }
        };
        form.push(("StatusCallback", self.status_callback.clone()));
        Ok((resource, form))
    }

    /// What the call plays: the script read by Twilio's text-to-speech, or
    /// the uploaded recording for a language it has no voice for.
    fn twiml(&self, m: &Outgoing, script: &str, tts: Option<&str>) -> String {
        match tts {
            Some(lang) => format!(
                "<Response><Say language=\"{}\">{}</Say></Response>",
                xml_escape(lang),
                xml_escape(script)
            ),
            None => format!(
                "<Response><Play>{}</Play></Response>",
                xml_escape(&format!(
                    "{}/{}/{}.mp3",
                    self.recordings_url,
                    m.language.code(),
                    m.key.kind.name()
                ))
            ),
        }
    }

    fn request(&self, method: Method, url: &str, form: Option<String>) -> Request<Full<Bytes>> {
        let mut b = Request::builder()
            .method(method)
            .uri(url)
            .header(header::AUTHORIZATION, &self.authorization)
            .header(header::ACCEPT, "application/json")
            .header(header::USER_AGENT, USER_AGENT);
        if form.is_some() {
            b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        b.body(Full::new(Bytes::from(form.unwrap_or_default())))
            .expect("the URL was checked at start")
    }

    async fn post(&self, m: &Outgoing) -> Outcome {
        let (resource, form) = match self.request_form(m) {
            Ok(x) => x,
            // Not the voter's fault: never mark the contact bad for it.
            Err(e) => return Outcome::Transient(e),
        };
        let url = format!("{}/{resource}", self.account_url);
        let req = self.request(
            Method::POST,
            &url,
            Some(
                form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&form)
                    .finish(),
            ),
        );
        match self.http.send(req).await {
            Ok((status, body)) => send_outcome(status, &body, &m.idempotency_key),
            Err(e) => Outcome::Transient(format!("twilio: {e}")),
        }
    }

    /// The newest message from our number to `m.to` with exactly our text,
    /// sent in the last two days.
    async fn find_message(&self, m: &Outgoing) -> Option<String> {
        let Content::Sms { text } = &m.content else {
            return None;
        };
        let since = jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_hours(48))
            .ok()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        let query = form_pairs(&[
            ("To", m.to.as_str()),
            ("From", self.from.as_str()),
            ("DateSent>", &since.to_string()),
            ("PageSize", "100"),
        ]);
        let mut url = format!("{}/Messages.json?{query}", self.account_url);
        for _ in 0..LOOKUP_PAGES {
            let req = self.request(Method::GET, &url, None);
            let (status, body) = self.http.send(req).await.ok()?;
            if !status.is_success() {
                tracing::warn!(%status, "twilio: cannot list messages to recover one");
                return None;
            }
            let page: MessagePage = serde_json::from_slice(&body).ok()?;
            if let Some(found) = page.messages.into_iter().find(|x| x.body == *text) {
                return Some(found.sid);
            }
            url = format!("{}{}", self.api_base, page.next_page_uri?);
        }
        None
    }
}

const USER_AGENT: &str = concat!("ballot-tracker/", env!("CARGO_PKG_VERSION"));

#[derive(Deserialize)]
struct Created {
    sid: Option<String>,
}

#[derive(Deserialize)]
struct TwilioError {
    code: Option<u32>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct MessagePage {
    #[serde(default)]
    messages: Vec<ListedMessage>,
    next_page_uri: Option<String>,
}

#[derive(Deserialize)]
struct ListedMessage {
    sid: String,
    #[serde(default)]
    body: String,
}

/// What Twilio's answer to a create request means for the message.
fn send_outcome(status: StatusCode, body: &[u8], idempotency_key: &str) -> Outcome {
    if status.is_success() {
        return match serde_json::from_slice::<Created>(body)
            .ok()
            .and_then(|c| c.sid)
        {
            Some(sid) => Outcome::Accepted { provider_id: sid },
            // Accepted all the same: sending it again would send it twice.
            None => {
                tracing::warn!(%status, "twilio accepted a message without giving its sid");
                Outcome::Accepted {
                    provider_id: idempotency_key.to_string(),
                }
            }
        };
    }
    let err = serde_json::from_slice::<TwilioError>(body).ok();
    let code = err.as_ref().and_then(|e| e.code);
    let message: String = err
        .and_then(|e| e.message)
        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned())
        .chars()
        .take(300)
        .collect();
    let note = match code {
        Some(c) => format!("twilio {c} (HTTP {}): {message}", status.as_u16()),
        None => format!("twilio HTTP {}: {message}", status.as_u16()),
    };
    match status {
        // Our credentials or account: no voter should be marked unreachable for it.
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            tracing::error!(%status, ?code, "twilio refused the account's credentials");
            Outcome::Transient(note)
        }
        StatusCode::TOO_MANY_REQUESTS => Outcome::Transient(note),
        s if s.is_client_error() && code.is_some_and(|c| PERMANENT_SEND_CODES.contains(&c)) => {
            Outcome::Permanent(note)
        }
        // Other refusals are about our request or account, not the number.
        s => {
            if s.is_client_error() {
                tracing::warn!(%status, ?code, "twilio refused a message");
            }
            Outcome::Transient(note)
        }
    }
}

impl Driver for TwilioDriver {
    fn reports_delivery(&self) -> bool {
        true
    }

    fn name(&self) -> &'static str {
        "twilio"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(self.post(m))
    }

    /// Texts: the message list filtered by number and date, matched on the
    /// body. Calls are not looked up: a call's TwiML is not in the call list,
    /// so a call cannot be told from another to the same number; it is
    /// placed again.
    fn lookup<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            match self.channel {
                Channel::Sms => self.find_message(m).await,
                _ => None,
            }
        })
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn signature_mac(auth_token: &str, url: &str, params: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut mac = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("any key length");
    mac.update(url.as_bytes());
    for (k, v) in sorted {
        mac.update(k.as_bytes());
        mac.update(v.as_bytes());
    }
    mac
}

/// Twilio's `X-Twilio-Signature` of a request to `url` (the full URL it
/// called, query included) with POST parameters `params`: base64 of
/// HMAC-SHA1, keyed by the auth token, over the URL followed by each
/// parameter's name and value, sorted by name.
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    BASE64.encode(
        signature_mac(auth_token, url, params)
            .finalize()
            .into_bytes(),
    )
}

/// Whether `given` is Twilio's signature of the request. Like Twilio's own
/// validators, accepts the URL with or without its scheme's default port
/// (Twilio signs the URL as configured, proxies may add or drop the port).
pub fn verify_signature(
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
    given: &str,
) -> bool {
    if auth_token.is_empty() {
        return false;
    }
    let Ok(tag) = BASE64.decode(given.trim()) else {
        return false;
    };
    url_variants(url).iter().any(|u| {
        // Constant time: `verify_slice` compares without an early exit.
        signature_mac(auth_token, u, params)
            .verify_slice(&tag)
            .is_ok()
    })
}

/// The URL as given, and with its default port removed or added.
fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_string()];
    let Some((scheme, rest)) = url.split_once("://") else {
        return out;
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return out,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => authority.split_at(i + 1),
        None => ("", authority),
    };
    // The port is after the last colon, unless that colon is inside an IPv6 literal.
    let port_at = hostport
        .rfind(':')
        .filter(|&i| !hostport[i..].contains(']'));
    let other = match port_at {
        Some(i) if &hostport[i + 1..] == default_port => hostport[..i].to_string(),
        Some(_) => return out,
        None => format!("{hostport}:{default_port}"),
    };
    out.push(format!("{scheme}://{userinfo}{other}{tail}"));
    out
}

/// `application/x-www-form-urlencoded`, as Twilio reads and writes it.
fn form_pairs(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn outcomes_follow_status_and_error_code() {
        let err = |code: u32| format!(r#"{{"code": {code}, "message": "m", "status": 400}}"#);
        let created = br#"{"sid": "SM123", "status": "queued"}"#;
        assert_eq!(
            send_outcome(StatusCode::CREATED, created, "k"),
            Outcome::Accepted {
                provider_id: "SM123".into()
            }
        );
        for code in PERMANENT_SEND_CODES {
            assert!(matches!(
                send_outcome(StatusCode::BAD_REQUEST, err(code).as_bytes(), "k"),
                Outcome::Permanent(n) if n.starts_with(&format!("twilio {code}"))
            ));
        }
        // Our own mistakes and outages are never the number's fault.
        for (status, body) in [
            (StatusCode::BAD_REQUEST, err(21606)),
            (StatusCode::UNAUTHORIZED, err(20003)),
            (StatusCode::FORBIDDEN, err(21211)),
            (StatusCode::TOO_MANY_REQUESTS, err(20429)),
            (StatusCode::SERVICE_UNAVAILABLE, "<html>down</html>".into()),
        ] {
            assert!(
                matches!(
                    send_outcome(status, body.as_bytes(), "k"),
                    Outcome::Transient(_)
                ),
                "{status}"
            );
        }
    }

    #[test]
    fn ports_are_optional_in_signed_urls() {
        assert_eq!(
            url_variants("https://x.example/hooks?a=1"),
            [
                "https://x.example/hooks?a=1",
                "https://x.example:443/hooks?a=1"
            ]
        );
        assert_eq!(
            url_variants("https://x.example:443/h"),
            ["https://x.example:443/h", "https://x.example/h"]
        );
        assert_eq!(url_variants("http://[::1]:8080/h"), ["http://[::1]:8080/h"]);
        assert_eq!(url_variants("http://[::1]/h")[1], "http://[::1]:80/h");
        let params = p(&[("b", "2"), ("a", "1")]);
        let sig = signature("t", "https://x.example:443/h", &params);
        assert!(verify_signature("t", "https://x.example/h", &params, &sig));
        assert!(!verify_signature(
            "t",
            "https://x.example/h2",
            &params,
            &sig
        ));
        assert!(!verify_signature("", "https://x.example/h", &params, &sig));
        assert!(!verify_signature(
            "t",
            "https://x.example/h",
            &params,
            "not base64!"
        ));
    }

    #[test]
    fn twiml_escapes_the_script() {
        assert_eq!(
            xml_escape(r#"a < b & "c" 'd'"#),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos;"
        );
    }
}
