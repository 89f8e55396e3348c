//! `POST /api/v1/backups`: the service takes an encrypted backup of its
//! database into its backup directory (`[backup] dir`), reads it back and
//! checks it, and answers with the file's name, size, SHA-256 and manifest
//! (tables, row counts and digests: no personal data). The local CLI's
//! `backup FILE` copies the file from there.

use super::App;
use super::api::json;
use super::error::{ApiError, Body};
use crate::service::{Actor, backups};
use hyper::{Response, StatusCode};
use std::sync::Arc;

pub async fn post(app: &Arc<App>, actor: Actor) -> Result<Response<Body>, ApiError> {
    let settings = app.backups.clone();
    let now = jiff::Timestamp::now();
    tracing::info!(actor = %actor.name, "backup over the API");
    let taken = app
        .blocking(move |store| backups::take_into_dir(store, &actor, &settings, now))
        .await?;
    json(StatusCode::CREATED, &taken)
}
