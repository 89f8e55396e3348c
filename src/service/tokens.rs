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
    if label == LOCAL_CLI {
        return Err(ServiceError::Invalid(format!(
            "the label {LOCAL_CLI:?} is kept for the running service's own token"
        )));
    }
    let token = new_token();
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

/// The label of the state token the running service makes for the local
/// command line (it leaves it in `service.json`).
pub const LOCAL_CLI: &str = "local-cli";

/// A fresh local command-line token, revoking every earlier one in the same
/// transaction: a service killed without its clean shutdown (SIGKILL, power
/// loss) cannot revoke its own, and a copy of an old `service.json` must not
/// keep working.
pub fn renew_local(store: &Store, actor: &Actor, now: jiff::Timestamp) -> Result<String> {
    let token = new_token();
    let record = TokenRecord {
        scope: TokenScope::State,
        label: LOCAL_CLI.to_string(),
        created_at: secs(now),
    };
    store.write(true, |b| {
        let revoked = b.tokens_remove_labelled(LOCAL_CLI, TokenScope::State)?;
        if revoked > 0 {
            b.audit(
                secs(now),
                &actor.name,
                &format!("revoked {revoked} earlier API token(s) {LOCAL_CLI:?}"),
            )?;
        }
        b.token_put(&token, &record)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("created API token {LOCAL_CLI:?} for the state"),
        )
    })?;
    Ok(token)
}

fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_local_token_revokes_the_earlier_ones_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let (op, now) = (Actor::operator(), jiff::Timestamp::now());
        let first = renew_local(&store, &op, now).unwrap();
        let other = create(&store, &op, TokenScope::State, "county upload", now).unwrap();
        assert!(authenticate(&store, &first).unwrap().is_some());
        let second = renew_local(&store, &op, now).unwrap();
        assert!(authenticate(&store, &first).unwrap().is_none());
        assert!(authenticate(&store, &second).unwrap().is_some());
        assert!(authenticate(&store, &other).unwrap().is_some());
        // Nobody else may take the label and have their token revoked with it.
        assert!(matches!(
            create(&store, &op, TokenScope::State, LOCAL_CLI, now),
            Err(ServiceError::Invalid(_))
        ));
    }
}
