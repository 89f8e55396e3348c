//! The subscriptions API for integrators' own sign-up pages, and the voter's
//! one-click unsubscribe link.

use super::App;
use super::api::{json, read_json};
use super::error::{ApiError, Body};
use crate::domain::subscription;
use crate::domain::{Channel, CountyCode, VoterId};
use crate::service::{Actor, ServiceError, subscriptions};
use crate::signer;
use crate::store::Store;
use crate::web::Incoming;
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, header};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Subscriptions listed per request at most.
const MAX_LIMIT: usize = 1000;

/// What an add by staff or an integrator (API, CLI) must satisfy beyond the
/// fields: its contacts are confirmed already (nothing could confirm them
/// later: only the voter pages send codes), and it does not silently replace
/// contacts the voter confirmed.
pub fn check_staff_add(
    store: &Store,
    actor: &Actor,
    req: &subscriptions::SubscriptionRequest,
) -> Result<(), ServiceError> {
    if !req.confirmed {
        return Err(ServiceError::Invalid(
            "confirmed: contacts added by staff or an integrator must be confirmed already \
             (\"confirmed\": true, after your own check with the voter); otherwise send the voter \
             to the voter pages, where each contact is confirmed by a code"
                .into(),
        ));
    }
    let Some(id) = VoterId::parse(req.votecal_id.trim()) else {
        return Ok(()); // the add names the bad id
    };
    let Some(existing) = store.read()?.subscription(id.key())? else {
        return Ok(());
    };
    // Another county's voter: the add answers as if there were none.
    if !actor.covers(existing.county) {
        return Ok(());
    }
    // Each given contact, as it would be stored; a malformed one is left
    // for the add to name.
    let mut asked: BTreeMap<Channel, String> = BTreeMap::new();
    for c in Channel::ALL {
        let given = match c {
            Channel::Email => req.email.as_deref(),
            Channel::Sms => req.sms.as_deref(),
            Channel::Voice => req.voice.as_deref(),
        };
        let Some(v) = given.map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        let parsed = match c {
            Channel::Email => subscription::parse_email(v),
            _ => subscription::parse_phone(v),
        };
        match parsed {
            Ok(a) => asked.insert(c, a),
            Err(_) => return Ok(()),
        };
    }
    let replaced: Vec<&str> = Channel::ALL
        .into_iter()
        .filter(|c| {
            existing
                .contact(*c)
                .is_some_and(|x| x.verified && asked.get(c) != Some(&x.address))
        })
        .map(Channel::name)
        .collect();
    if replaced.is_empty() {
        return Ok(());
    }
    Err(ServiceError::Conflict(format!(
        "voter {id} has confirmed contacts this would replace ({}): remove the subscription \
         first (DELETE /api/v1/subscriptions/{id}, or `subscription remove`), or include them unchanged",
        replaced.join(", ")
    )))
}

pub async fn create(
    app: &Arc<App>,
    actor: Actor,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: subscriptions::SubscriptionRequest = read_json(req).await?;
    let (defaults, now) = (app.defaults.clone(), app.now());
    let (view, report) = app
        .blocking(move |store| {
            check_staff_add(store, &actor, &body)?;
            subscriptions::add(store, &actor, &body, &defaults, now)
        })
        .await?;
    json(
        StatusCode::CREATED,
        &serde_json::json!({"subscription": view, "messages_queued": report.queued}),
    )
}

pub async fn show(app: &Arc<App>, actor: Actor, id: &str) -> Result<Response<Body>, ApiError> {
    let id = id.to_string();
    json(
        StatusCode::OK,
        &app.blocking(move |store| subscriptions::get(store, &actor, &id))
            .await?,
    )
}

pub async fn remove(app: &Arc<App>, actor: Actor, id: &str) -> Result<Response<Body>, ApiError> {
    let (id, now) = (id.to_string(), app.now());
    let withdrawn = app
        .blocking(move |store| subscriptions::remove(store, &actor, &id, now))
        .await?;
    json(
        StatusCode::OK,
        &serde_json::json!({"withdrawn_messages": withdrawn}),
    )
}

/// `?county=01&after=ID&limit=100`.
pub async fn list(app: &Arc<App>, actor: Actor, query: &str) -> Result<Response<Body>, ApiError> {
    let (mut county, mut after, mut limit) = (None, None, 100usize);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "county" => {
                county = Some(CountyCode::parse(v).ok_or_else(|| {
                    ApiError::BadRequest(format!("county {v:?} is not a county code 01-58"))
                })?)
            }
            "after" => after = Some(v.to_string()),
            "limit" => {
                limit = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| ApiError::BadRequest(format!("limit must be 1-{MAX_LIMIT}")))?
            }
            _ => {
                return Err(ApiError::BadRequest(format!(
                    "unknown query parameter {k:?}"
                )));
            }
        }
    }
    json(
        StatusCode::OK,
        &app.blocking(move |store| {
            subscriptions::list(store, &actor, county, after.as_deref(), limit)
        })
        .await?,
    )
}

fn page(status: StatusCode, title: &str, body: maud::Markup) -> Result<Response<Body>, ApiError> {
    let html = maud::html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; meta name="viewport" content="width=device-width, initial-scale=1"; title { (title) } }
            body { main { h1 { (title) } (body) } }
        }
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Full::new(Bytes::from(html.into_string())))
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /unsubscribe/{token}`: a button, so that link scanners that follow
/// every link in an email do not unsubscribe anyone.
pub fn confirm_page(app: &Arc<App>, token: &str) -> Result<Response<Body>, ApiError> {
    Ok(super::portal::unsubscribe::localized(app, token))
}

/// `POST /unsubscribe/{token}`: the RFC 8058 one-click unsubscribe (the mail
/// client posts `List-Unsubscribe=One-Click`), or the confirm page's button.
pub async fn unsubscribe(app: &Arc<App>, token: &str) -> Result<Response<Body>, ApiError> {
    let Some((voter, channel)) = signer::verify(app.store.keys(), token) else {
        return page(
            StatusCode::NOT_FOUND,
            "This link is not valid",
            maud::html! {},
        );
    };
    let now = app.now();
    app.blocking(move |store| subscriptions::unsubscribe(store, voter, channel, now))
        .await?;
    page(
        StatusCode::OK,
        "You will get no more of these messages",
        maud::html! { p { "Your ballot messages to this address have stopped." } },
    )
}
