//! The one place where failures become HTTP answers: `application/problem+json`
//! (RFC 9457) with `type`, `title`, `status` and `detail`.

use crate::ingest::{IngestError, Summary};
use crate::service::ServiceError;
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Response, StatusCode, header};
use serde::Serialize;

pub type Body = Full<Bytes>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("a valid bearer token is required")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unprocessable(String),
    /// A `strict` import refused because rows were rejected: the summary says which.
    #[error("{detail}")]
    RowsRejected {
        detail: String,
        summary: Box<Summary>,
    },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// The request (its body) came too slowly; the connection is closed.
    #[error("{0}")]
    RequestTimeout(String),
    /// Details are logged, never shown.
    #[error("internal error")]
    Internal(String),
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
}

/// What a 429 answer tells the client to wait, in seconds, unless the
/// limit that refused it says otherwise.
pub const RETRY_AFTER_SECONDS: &str = "60";

/// The problem type of a strict import's refusal.
pub const ROWS_REJECTED: &str = "urn:ballot-tracker:problem:rows-rejected";

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unprocessable(_) | Self::RowsRejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn into_response(self) -> Response<Body> {
        let status = self.status();
        if let Self::Internal(why) = &self {
            tracing::error!(error = %why, "request failed");
        }
        let (kind, summary) = match &self {
            Self::RowsRejected { summary, .. } => (ROWS_REJECTED, Some(summary.as_ref())),
            _ => ("about:blank", None),
        };
        let problem = Problem {
            kind,
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.to_string(),
            summary,
        };
        let body = serde_json::to_vec(&problem).expect("problem serializes");
        let mut r = Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/problem+json");
        if status == StatusCode::UNAUTHORIZED {
            r = r.header(header::WWW_AUTHENTICATE, "Bearer");
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            r = r.header(header::RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if status == StatusCode::REQUEST_TIMEOUT {
            r = r.header(header::CONNECTION, "close");
        }
        r.body(Full::new(Bytes::from(body)))
            .expect("valid response")
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound(m) => Self::NotFound(m),
            ServiceError::Conflict(m) => Self::Conflict(m),
            ServiceError::Invalid(m) => Self::Unprocessable(m),
            ServiceError::Forbidden(m) => Self::Forbidden(m),
            ServiceError::Store(e) => Self::Internal(e.to_string()),
            ServiceError::Ingest(e) => e.into(),
        }
    }
}

impl From<IngestError> for ApiError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Strict { summary, .. } => {
                let detail = format!(
                    "{} rows rejected; with strict nothing was applied",
                    summary.rejected
                );
                Self::RowsRejected { detail, summary }
            }
            e @ (IngestError::File { .. }
            | IngestError::MassRemoval { .. }
            | IngestError::Refused { .. }) => Self::Unprocessable(e.to_string()),
            e @ (IngestError::Io { .. } | IngestError::Truncated { .. }) => {
                Self::BadRequest(e.to_string())
            }
            e @ IngestError::TooLarge { .. } => Self::PayloadTooLarge(e.to_string()),
            e @ (IngestError::Stopped { .. } | IngestError::Store(_)) => {
                Self::Internal(e.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_limit_says_when_to_retry_and_a_timeout_closes_the_connection() {
        let limited = ApiError::TooManyRequests("too many".into()).into_response();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers()[header::RETRY_AFTER], RETRY_AFTER_SECONDS);
        let slow = ApiError::RequestTimeout("too slowly".into()).into_response();
        assert_eq!(slow.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(slow.headers()[header::CONNECTION], "close");
        let other = ApiError::BadRequest("no".into()).into_response();
        assert!(other.headers().get(header::RETRY_AFTER).is_none());
    }
}
