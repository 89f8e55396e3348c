//! The application layer between the command line or the web and the store and
//! domain: each staff action is one function here, checked against the actor's
//! scope and written to the audit log. No HTTP and no printing.
//!
//! Time always comes in as an argument (`now`), never from the clock.

pub mod account;
pub mod backups;
pub mod ballots;
mod caps;
pub mod contact_notices;
pub mod elections;
pub mod imports;
pub mod inbound;
pub mod languages;
pub mod notices;
pub mod portal;
pub mod subscriptions;
pub mod tokens;

use crate::domain::CountyCode;
use crate::ingest::IngestError;
use crate::store::{StoreError, TokenScope};

/// Who is acting: the local operator, or the holder of an API token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// For the audit log: `operator` or `token:<label>`.
    pub name: String,
    pub scope: TokenScope,
}

impl Actor {
    /// Someone at the machine's command line: they hold the database, so state scope.
    pub fn operator() -> Self {
        Self {
            name: "operator".to_string(),
            scope: TokenScope::State,
        }
    }

    pub fn token(label: &str, scope: TokenScope) -> Self {
        Self {
            name: format!("token:{label}"),
            scope,
        }
    }

    /// Whether the actor may see or change `county`'s data.
    pub fn covers(&self, county: CountyCode) -> bool {
        match self.scope {
            TokenScope::State => true,
            TokenScope::County(c) => c == county,
        }
    }

    pub fn is_state(&self) -> bool {
        self.scope == TokenScope::State
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// What was asked for does not exist (or is not the actor's to see).
    #[error("{0}")]
    NotFound(String),
    /// It exists already.
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Forbidden(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
}

pub type Result<T> = std::result::Result<T, ServiceError>;

/// Seconds since the epoch, as the store records times.
pub(crate) fn secs(t: jiff::Timestamp) -> i64 {
    t.as_second()
}
