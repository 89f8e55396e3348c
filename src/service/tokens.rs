//! API tokens: random, shown once, stored only as a hash.

use super::{Actor, Result, ServiceError, secs};
use crate::store::{Store, TokenRecord, TokenScope};

/// Creates a token for `scope`; returns the token, which is not stored and
/// cannot be shown again.
pub fn create(
    store: &Store,
    actor: &Actor,
    scope: TokenScope,
    label: &str,
    now: jiff::Timestamp,
) -> Result<String> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may create API tokens".to_string(),
        ));
    }
    let label = label.trim();
    if label.is_empty() || label.len() > 100 {
        return Err(ServiceError::Invalid(
            "token label must be 1-100 characters".to_string(),
        ));
    }
    let token = hex::encode(rand::random::<[u8; 32]>());
    let record = TokenRecord {
        scope,
        label: label.to_string(),
        created_at: secs(now),
    };
    store.write(true, |b| {
        b.token_put(&token, &record)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("created API token {label:?} for {}", scope_name(scope)),
        )
    })?;
    Ok(token)
}

/// The actor a presented token stands for, if it is known.
pub fn authenticate(store: &Store, token: &str) -> Result<Option<Actor>> {
    Ok(store
        .read()?
        .token_get(token)?
        .map(|r| Actor::token(&r.label, r.scope)))
}

pub fn scope_name(scope: TokenScope) -> String {
    match scope {
        TokenScope::State => "the state".to_string(),
        TokenScope::County(c) => format!("county {c} ({})", c.name()),
    }
}

/// Revokes a token (the service's own local-CLI token at shutdown).
pub fn revoke(
    store: &Store,
    actor: &Actor,
    token: &str,
    label: &str,
    now: jiff::Timestamp,
) -> Result<bool> {
    Ok(store.write(true, |b| {
        let existed = b.token_remove(token)?;
        if existed {
            b.audit(
                secs(now),
                &actor.name,
                &format!("revoked API token {label:?}"),
            )?;
        }
        Ok(existed)
    })?)
}
