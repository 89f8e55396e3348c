//! Routes a request to its handler; adds the security headers and counts
//! the answer (logged by route, never with personal data).

use super::error::{ApiError, Body};
use super::{
    App, api, auth, backups, headers, hooks, imports, languages, notices, portal, subscriptions,
};
use crate::web::Incoming;
use hyper::{Method, Request, Response};
use std::sync::Arc;
use std::time::Instant;

pub async fn handle(
    app: Arc<App>,
    req: Request<Incoming>,
    client: std::net::IpAddr,
) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().clone();
    // Logged by route, never by path: API paths hold voter ids.
    let (route, result) = route(&app, req, client).await;
    let mut resp = result.unwrap_or_else(ApiError::into_response);
    headers::apply(resp.headers_mut(), app.tls);
    let status = resp.status().as_u16();
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    app.traffic.record(status, ms);
    // Counted, and logged a minute at a time; one by one only when wanted.
    // A server error was logged with its cause where it became a response.
    tracing::debug!(%method, route, status, ms, "answered");
    resp
}

type Routed = (&'static str, Result<Response<Body>, ApiError>);

async fn route(app: &Arc<App>, req: Request<Incoming>, client: std::net::IpAddr) -> Routed {
    let path = req.uri().path().to_string();
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let method = req.method().clone();
    if let Some(texts) = portal::owns(app, &segs) {
        return match portal::route(app, texts, req, client, &segs).await {
            Some((route, resp)) => (route, Ok(resp)),
            None => ("(unknown)", Err(not_found())),
        };
    }
    match segs.as_slice() {
        ["healthz"] => (
            "/healthz",
            match only(&method, Method::GET) {
                Ok(()) => api::healthz(app).await,
                Err(e) => Err(e),
            },
        ),
        ["hooks", "twilio", "status"] => (
            "/hooks/twilio/status",
            match only(&method, Method::POST) {
                Ok(()) => hooks::twilio_status(app, req).await,
                Err(e) => Err(e),
            },
        ),
        ["hooks", "twilio", "sms"] => (
            "/hooks/twilio/sms",
            match only(&method, Method::POST) {
                Ok(()) => hooks::twilio_sms(app, req).await,
                Err(e) => Err(e),
            },
        ),
        ["recordings", lang, file] => (
            "/recordings/{lang}/{kind}.mp3",
            match only(&method, Method::GET) {
                Ok(()) => notices::serve_recording(app, lang, file).await,
                Err(e) => Err(e),
            },
        ),
        ["unsubscribe", token] => match method {
            Method::GET | Method::HEAD => (
                "/unsubscribe/{token}",
                subscriptions::confirm_page(app, token),
            ),
            Method::POST => (
                "/unsubscribe/{token}",
                subscriptions::unsubscribe(app, token).await,
            ),
            _ => (
                "/unsubscribe/{token}",
                Err(ApiError::MethodNotAllowed(format!(
                    "{method} is not allowed here"
                ))),
            ),
        },
        ["api", "v1", rest @ ..] => {
            let actor = match auth::actor(app, &req).await {
                Ok(a) => a,
                Err(e) => return ("/api/v1 (unauthenticated)", Err(e)),
            };
            match (&method, rest) {
                (&Method::POST, ["backups"]) => {
                    ("/api/v1/backups", backups::post(app, actor).await)
                }
                (&Method::POST, ["imports", feed]) => (
                    "/api/v1/imports/{feed}",
                    imports::post(app, actor, feed, req).await,
                ),
                (&Method::GET, ["voters", id, "ballots", election]) => (
                    "/api/v1/voters/{id}/ballots/{election}",
                    api::ballot(app, actor, id, election).await,
                ),
                (&Method::GET, ["elections"]) => ("/api/v1/elections", api::elections(app).await),
                (&Method::POST, ["subscriptions"]) => (
                    "/api/v1/subscriptions",
                    subscriptions::create(app, actor, req).await,
                ),
                (&Method::GET, ["subscriptions"]) => (
                    "/api/v1/subscriptions",
                    subscriptions::list(app, actor, req.uri().query().unwrap_or("")).await,
                ),
                (&Method::GET, ["subscriptions", id]) => (
                    "/api/v1/subscriptions/{id}",
                    subscriptions::show(app, actor, id).await,
                ),
                (&Method::DELETE, ["subscriptions", id]) => (
                    "/api/v1/subscriptions/{id}",
                    subscriptions::remove(app, actor, id).await,
                ),
                (&Method::POST, ["elections"]) => (
                    "/api/v1/elections",
                    api::create_election(app, actor, req).await,
                ),
                (&Method::GET, ["elections", code]) => {
                    ("/api/v1/elections/{code}", api::election(app, code).await)
                }
                (&Method::POST, ["elections", code, "opt-out"]) => (
                    "/api/v1/elections/{code}/opt-out",
                    api::opt_out(app, actor, code, req).await,
                ),
                (&Method::POST, ["elections", code, "sign-up"]) => (
                    "/api/v1/elections/{code}/sign-up",
                    api::sign_up(app, actor, code, req).await,
                ),
                (&Method::PUT, ["elections", code, "window"]) => (
                    "/api/v1/elections/{code}/window",
                    api::set_window(app, actor, code, req).await,
                ),
                (&Method::PUT, ["elections", code, "tracking-start", county]) => (
                    "/api/v1/elections/{code}/tracking-start/{county}",
                    api::tracking_start(app, actor, code, county, Some(req)).await,
                ),
                (&Method::DELETE, ["elections", code, "tracking-start", county]) => (
                    "/api/v1/elections/{code}/tracking-start/{county}",
                    api::tracking_start(app, actor, code, county, None).await,
                ),
                (&Method::PUT, ["elections", code, "notices"]) => (
                    "/api/v1/elections/{code}/notices",
                    notices::set_notices(app, actor, code, req).await,
                ),
                (&Method::PUT, ["elections", code, "outbound-hold", county]) => (
                    "/api/v1/elections/{code}/outbound-hold/{county}",
                    notices::hold(app, actor, code, county, Some(req)).await,
                ),
                (&Method::DELETE, ["elections", code, "outbound-hold", county]) => (
                    "/api/v1/elections/{code}/outbound-hold/{county}",
                    notices::hold(app, actor, code, county, None).await,
                ),
                (&Method::GET, ["catalog", "overrides"]) => {
                    ("/api/v1/catalog/overrides", notices::overrides(app).await)
                }
                (&Method::PUT, ["catalog", "overrides", scope, lang, text]) => (
                    "/api/v1/catalog/overrides/{scope}/{lang}/{text}",
                    notices::put_override(app, actor, [scope, lang, text], req).await,
                ),
                (&Method::GET, ["catalog", "preview"]) => (
                    "/api/v1/catalog/preview",
                    notices::preview(app, req.uri().query().unwrap_or("")).await,
                ),
                (&Method::GET, ["counties", county, "office"]) => (
                    "/api/v1/counties/{county}/office",
                    notices::office(app, county).await,
                ),
                (&Method::PUT, ["counties", county, "office"]) => (
                    "/api/v1/counties/{county}/office",
                    notices::set_office(app, actor, county, req).await,
                ),
                (&Method::GET, ["outbox", "held"]) => (
                    "/api/v1/outbox/held",
                    notices::held(app, actor, req.uri().query().unwrap_or("")).await,
                ),
                (&Method::POST, ["outbox", "held", id, "release"]) => (
                    "/api/v1/outbox/held/{id}/release",
                    notices::release(app, actor, id).await,
                ),
                (&Method::GET, ["languages"]) => ("/api/v1/languages", languages::list(app).await),
                (&Method::PUT, ["languages", code]) => (
                    "/api/v1/languages/{code}",
                    languages::put(app, actor, code, req).await,
                ),
                (&Method::GET, ["recordings"]) => {
                    ("/api/v1/recordings", notices::recordings(app).await)
                }
                (&Method::PUT, ["recordings", lang, kind]) => (
                    "/api/v1/recordings/{lang}/{kind}",
                    notices::put_recording(app, actor, lang, kind, Some(req)).await,
                ),
                (&Method::DELETE, ["recordings", lang, kind]) => (
                    "/api/v1/recordings/{lang}/{kind}",
                    notices::put_recording(app, actor, lang, kind, None).await,
                ),
                (
                    _,
                    ["imports", _]
                    | ["backups"]
                    | ["catalog", "overrides" | "preview", ..]
                    | ["counties", _, "office"]
                    | ["recordings"]
                    | ["recordings", _, _]
                    | ["outbox", "held"]
                    | ["outbox", "held", _, "release"]
                    | ["languages"]
                    | ["languages", _]
                    | ["voters", _, "ballots", _]
                    | ["elections"]
                    | ["elections", _, ..]
                    | ["subscriptions"]
                    | ["subscriptions", _],
                ) => (
                    "/api/v1 (method)",
                    Err(ApiError::MethodNotAllowed(format!(
                        "{method} is not allowed here"
                    ))),
                ),
                _ => ("/api/v1 (unknown)", Err(not_found())),
            }
        }
        _ => ("(unknown)", Err(not_found())),
    }
}

fn only(method: &Method, allowed: Method) -> Result<(), ApiError> {
    if *method == allowed || (*method == Method::HEAD && allowed == Method::GET) {
        Ok(())
    } else {
        Err(ApiError::MethodNotAllowed(format!(
            "{method} is not allowed here"
        )))
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("no such page".to_string())
}
