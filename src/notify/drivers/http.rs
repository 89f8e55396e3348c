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

#[cfg(test)]
mod tests {
    use super::*;

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
