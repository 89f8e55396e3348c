//! The HTTP client the phone and webhook drivers share: hyper with rustls
//! (Mozilla's roots), plain HTTP only to loopback addresses (test servers and
//! local relays), a deadline on every request and a cap on reply sizes.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Request, StatusCode, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// A provider that has not answered by then is treated as down (and retried).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Replies are small JSON documents; anything bigger is not one.
const MAX_REPLY_BYTES: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("request failed: {0}")]
    Request(String),
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("reading the reply: {0}")]
    Body(String),
}

#[derive(Clone)]
pub struct HttpClient {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    timeout: Duration,
}

impl Default for HttpClient {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpClient {
    pub fn new() -> Self {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(CONNECT_TIMEOUT));
        http.set_nodelay(true);
        // The provider is explicit so the process-wide default never matters.
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .expect("ring supports the default protocol versions")
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Self {
            client: Client::builder(TokioExecutor::new()).build(https),
            timeout: REQUEST_TIMEOUT,
        }
    }

    /// Sends a request and reads the whole reply.
    pub async fn send(&self, req: Request<Full<Bytes>>) -> Result<(StatusCode, Bytes), HttpError> {
        let work = async {
            let res = self
                .client
                .request(req)
                .await
                .map_err(|e| HttpError::Request(error_chain(&e)))?;
            let status = res.status();
            let body = Limited::new(res.into_body(), MAX_REPLY_BYTES)
                .collect()
                .await
                .map_err(|e| HttpError::Body(e.to_string()))?
                .to_bytes();
            Ok((status, body))
        };
        tokio::time::timeout(self.timeout, work)
            .await
            .unwrap_or(Err(HttpError::Timeout(self.timeout)))
    }
}

/// hyper's top-level error says only "client error (Connect)": the cause is below.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Checks a provider base URL: `https`, or `http` to a loopback address
/// (credentials never cross a network in clear). Returns it without a
/// trailing slash.
pub fn check_base(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let uri: Uri = trimmed
        .parse()
        .map_err(|e| format!("{url:?} is not a URL: {e}"))?;
    let host = uri.host().ok_or_else(|| format!("{url:?} has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(trimmed.to_string()),
        Some("http") if is_loopback(host) => Ok(trimmed.to_string()),
        Some("http") => Err(format!(
            "{url:?}: plain http is allowed only to loopback addresses; use https"
        )),
        _ => Err(format!("{url:?} is not an http(s) URL")),
    }
}

fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `application/x-www-form-urlencoded`, as Twilio reads and writes it.
pub fn form_encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(&mut out, k.as_ref());
        out.push('=');
        encode_component(&mut out, v.as_ref());
    }
    out
}

fn encode_component(out: &mut String, s: &str) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// Parses a form body or query string into its pairs, in order (Twilio's
/// callbacks; the signature needs every pair).
pub fn form_decode(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn decode_component(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| (b[j] as char).to_digit(16);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip() {
        let pairs = [
            ("Body", "Hola, ¿qué tal? 50% & more+"),
            ("To", "+19165550101"),
        ];
        let s = form_encode(&pairs);
        assert_eq!(
            s,
            "Body=Hola%2C+%C2%BFqu%C3%A9+tal%3F+50%25+%26+more%2B&To=%2B19165550101"
        );
        let back = form_decode(&s);
        assert_eq!(back[0], ("Body".into(), pairs[0].1.into()));
        assert_eq!(back[1], ("To".into(), "+19165550101".into()));
        // A stray percent sign is kept as it is.
        assert_eq!(
            form_decode("a=100%&b=%4"),
            [("a".into(), "100%".into()), ("b".into(), "%4".into())]
        );
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert_eq!(
            check_base("https://api.twilio.com/").unwrap(),
            "https://api.twilio.com"
        );
        assert!(check_base("http://127.0.0.1:8080").is_ok());
        assert!(check_base("http://[::1]:8080").is_ok());
        assert!(check_base("http://localhost:8080").is_ok());
        assert!(check_base("http://api.twilio.com").is_err());
        assert!(check_base("ftp://127.0.0.1").is_err());
        assert!(check_base("not a url").is_err());
    }
}
