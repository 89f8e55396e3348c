//! Security headers set on every answer, whatever produced it.

use hyper::header::{self, HeaderMap, HeaderValue};

/// No scripts, no framing, nothing from elsewhere: the pages are plain HTML forms.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// Made once (checking a value's bytes is not free, and CSP is long).
const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");
const DENY: HeaderValue = HeaderValue::from_static("DENY");
const NO_REFERRER: HeaderValue = HeaderValue::from_static("no-referrer");
const CSP_VALUE: HeaderValue = HeaderValue::from_static(CSP);
const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");
const HSTS: HeaderValue = HeaderValue::from_static("max-age=63072000; includeSubDomains");

pub fn apply(h: &mut HeaderMap, tls: bool) {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    h.insert(header::X_FRAME_OPTIONS, DENY);
    h.insert(header::REFERRER_POLICY, NO_REFERRER);
    h.insert(header::CONTENT_SECURITY_POLICY, CSP_VALUE);
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, NO_STORE);
    }
    // Only meaningful over TLS: over plain HTTP a browser ignores it.
    if tls {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
}
