//! JSON API handlers: parse, call the service, render.

use super::App;
use super::error::{ApiError, Body};
use crate::domain::{CountyCode, ElectionKind, ImbUse};
use crate::service::{Actor, ballots, elections};
use crate::web::Incoming;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Request, Response, StatusCode, header};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// JSON request bodies are small; anything larger is a mistake or an attack.
const MAX_JSON: usize = 64 * 1024;

pub fn json<T: serde::Serialize>(
    status: StatusCode,
    value: &T,
) -> Result<Response<Body>, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// A whole request body of at most `max` bytes; `what` names it in the
/// answer to a larger one.
pub async fn read_body(req: Request<Incoming>, max: usize, what: &str) -> Result<Bytes, ApiError> {
    Ok(Limited::new(req.into_body(), max)
        .collect()
        .await
        .map_err(|e| match e.downcast::<http_body_util::LengthLimitError>() {
            Ok(_) => ApiError::PayloadTooLarge(format!("{what} is larger than {max} bytes")),
            Err(e) => ApiError::BadRequest(format!("reading the body: {e}")),
        })?
        .to_bytes())
}

pub async fn read_json<T: DeserializeOwned>(req: Request<Incoming>) -> Result<T, ApiError> {
    read_json_up_to(req, MAX_JSON).await
}

/// `read_json` for bodies that may be larger than most (whole catalogs).
pub async fn read_json_up_to<T: DeserializeOwned>(
    req: Request<Incoming>,
    max: usize,
) -> Result<T, ApiError> {
    let bytes = read_body(req, max, "the JSON body").await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("invalid JSON body: {e}")))
}

pub async fn healthz(app: &Arc<App>) -> Result<Response<Body>, ApiError> {
    app.blocking(|store| Ok(store.read()?.elections()?.len()))
        .await?;
    json(StatusCode::OK, &serde_json::json!({"status": "ok"}))
}

pub async fn ballot(
    app: &Arc<App>,
    actor: Actor,
    id: &str,
    election: &str,
) -> Result<Response<Body>, ApiError> {
    let (id, election) = (id.to_string(), election.to_string());
    let mut views = app
        .blocking(move |store| ballots::show(store, &actor, &id, Some(&election)))
        .await?;
    json(StatusCode::OK, &views.remove(0))
}

pub async fn elections(app: &Arc<App>) -> Result<Response<Body>, ApiError> {
    json(StatusCode::OK, &app.blocking(elections::list).await?)
}

pub async fn election(app: &Arc<App>, code: &str) -> Result<Response<Body>, ApiError> {
    let code = code.to_string();
    json(
        StatusCode::OK,
        &app.blocking(move |store| elections::show(store, &code))
            .await?,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewElection {
    code: String,
    name: String,
    date: String,
    kind: String,
    /// Days before election day messages start (default 29).
    #[serde(default)]
    window_start_days: Option<i32>,
    /// Days after election day messages stop (default 30).
    #[serde(default)]
    window_end_days: Option<i32>,
}

/// Both ends of a message window, or neither.
fn window(start: Option<i32>, end: Option<i32>) -> Result<Option<(i32, i32)>, ApiError> {
    match (start, end) {
        (Some(s), Some(e)) => Ok(Some((s, e))),
        (None, None) => Ok(None),
        _ => Err(ApiError::Unprocessable(
            "window_start_days and window_end_days go together".into(),
        )),
    }
}

pub async fn create_election(
    app: &Arc<App>,
    actor: Actor,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let new: NewElection = read_json(req).await?;
    let date = new
        .date
        .parse()
        .map_err(|_| ApiError::Unprocessable(format!("date {:?} is not YYYY-MM-DD", new.date)))?;
    let kind = ElectionKind::parse(&new.kind).ok_or_else(|| {
        ApiError::Unprocessable(format!(
            "kind {:?} is not statewide, special or local",
            new.kind
        ))
    })?;
    let window = window(new.window_start_days, new.window_end_days)?;
    let now = app.now();
    let view = app
        .blocking(move |store| {
            let n = elections::NewElection {
                code: &new.code,
                name: &new.name,
                date,
                kind,
                window,
            };
            elections::create(store, &actor, &n, now)
        })
        .await?;
    json(StatusCode::CREATED, &view)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountyChange {
    county: String,
    imb: Option<String>,
    /// The state approves a sign-up with fewer than 90 days left...
    #[serde(default)]
    approve_late: bool,
    /// ...for this reason (audited).
    #[serde(default)]
    reason: Option<String>,
}

fn county(s: &str) -> Result<CountyCode, ApiError> {
    CountyCode::parse(s)
        .ok_or_else(|| ApiError::Unprocessable(format!("county {s:?} is not a county code 01-58")))
}

pub async fn opt_out(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: CountyChange = read_json(req).await?;
    let c = county(&body.county)?;
    let (code, now) = (code.to_string(), app.now());
    json(
        StatusCode::OK,
        &app.blocking(move |store| elections::opt_out(store, &actor, &code, c, now))
            .await?,
    )
}

pub async fn sign_up(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: CountyChange = read_json(req).await?;
    let c = county(&body.county)?;
    let imb = body.imb.as_deref().unwrap_or("none");
    let imb = ImbUse::parse(imb).ok_or_else(|| {
        ApiError::Unprocessable(format!(
            "imb {imb:?} is not none, outbound, inbound or both"
        ))
    })?;
    let late = match (body.approve_late, body.reason) {
        (true, Some(r)) => Some(r),
        (false, None) => None,
        _ => {
            return Err(ApiError::Unprocessable(
                "approve_late and reason go together".into(),
            ));
        }
    };
    let (code, now) = (code.to_string(), app.now());
    json(
        StatusCode::OK,
        &app.blocking(move |store| match &late {
            Some(r) => elections::sign_up_late(store, &actor, &code, c, imb, r, now),
            None => elections::sign_up(store, &actor, &code, c, imb, now),
        })
        .await?,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowChange {
    start_days: i32,
    end_days: i32,
}

/// `PUT /api/v1/elections/{code}/window`: the state sets the message window.
pub async fn set_window(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: WindowChange = read_json(req).await?;
    let (code, now) = (code.to_string(), app.now());
    let w = (body.start_days, body.end_days);
    json(
        StatusCode::OK,
        &app.blocking(move |store| elections::set_window(store, &actor, &code, w, now))
            .await?,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackingStart {
    on: String,
}

/// `PUT|DELETE /api/v1/elections/{code}/tracking-start/{county}`.
pub async fn tracking_start(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    county_code: &str,
    req: Option<Request<Incoming>>,
) -> Result<Response<Body>, ApiError> {
    let c = county(county_code)?;
    let on = match req {
        Some(req) => {
            let body: TrackingStart = read_json(req).await?;
            Some(body.on.parse().map_err(|_| {
                ApiError::Unprocessable(format!("on {:?} is not YYYY-MM-DD", body.on))
            })?)
        }
        None => None,
    };
    let (code, now) = (code.to_string(), app.now());
    json(
        StatusCode::OK,
        &app.blocking(move |store| elections::set_tracking_start(store, &actor, &code, c, on, now))
            .await?,
    )
}
