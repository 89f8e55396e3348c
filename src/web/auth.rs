//! Bearer tokens: `Authorization: Bearer <token>`, checked against the store.

use super::App;
use super::error::ApiError;
use crate::service::{Actor, tokens};
use hyper::{Request, header};
use std::sync::Arc;

pub async fn actor<B>(app: &Arc<App>, req: &Request<B>) -> Result<Actor, ApiError> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::Unauthorized)?;
    let actor = app
        .blocking(move |store| tokens::authenticate(store, &token))
        .await?;
    actor.ok_or(ApiError::Unauthorized)
}
