//! Message settings while the service runs: the state's and counties'
//! overrides of message texts (in force at once), previews, an election's
//! message timing, Outbound holds, county offices, and the recordings calls
//! play in languages without text-to-speech.

use super::App;
use super::api::{json, read_body, read_json};
use super::error::{ApiError, Body};
use crate::domain::county_office::CountyOffice;
use crate::domain::{Channel, CountyCode, Language, MessageKind};
use crate::notify::catalog::OverrideKey;
use crate::notify::render::Content;
use crate::service::{Actor, notices};
use crate::web::Incoming;
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, header};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A language messages are sent in (built-in or added).
fn language(app: &App, s: &str) -> Result<Language, ApiError> {
    let catalog = app.notifier.catalog.read();
    let catalog = catalog.unwrap_or_else(|e| e.into_inner());
    catalog.find(s).ok_or_else(|| {
        let codes: Vec<&str> = catalog
            .languages()
            .iter()
            .map(|p| p.language.code())
            .collect();
        ApiError::NotFound(format!(
            "{s:?} is not one of the languages ({})",
            codes.join(", ")
        ))
    })
}

fn kind(s: &str) -> Result<MessageKind, ApiError> {
    MessageKind::parse(s).ok_or_else(|| ApiError::NotFound(format!("{s:?} is not a message kind")))
}

fn county(s: &str) -> Result<CountyCode, ApiError> {
    CountyCode::parse(s).ok_or_else(|| ApiError::NotFound(format!("no county {s:?}")))
}

/// `GET /api/v1/catalog/overrides`: every override with all its versions.
pub async fn overrides(app: &Arc<App>) -> Result<Response<Body>, ApiError> {
    let all = app.blocking(notices::overrides).await?;
    let list: Vec<_> = all
        .into_iter()
        .map(|(key, versions)| serde_json::json!({"key": key, "versions": versions}))
        .collect();
    json(StatusCode::OK, &serde_json::json!({"overrides": list}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideBody {
    text: String,
}

/// `PUT /api/v1/catalog/overrides/{scope}/{lang}/{text_id}` with
/// `{"text": "…"}`: a new version, checked, stored and in force for the next
/// message sent; an empty text withdraws the override.
pub async fn put_override(
    app: &Arc<App>,
    actor: Actor,
    path: [&str; 3],
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let key_s = path.join("/");
    let key = OverrideKey::parse(&key_s).ok_or_else(|| {
        ApiError::NotFound(format!(
            "{key_s:?}: expected state/LANG/TEXT or county-CC/LANG/TEXT"
        ))
    })?;
    let body: OverrideBody = read_json(req).await?;
    let now = app.now();
    let (k, text) = (key.clone(), body.text.clone());
    let version = app
        .blocking(move |store| notices::override_text(store, &actor, &k, &text, now))
        .await?;
    app.notifier
        .catalog
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .set_override(key, &body.text)
        .map_err(|e| ApiError::Internal(format!("the checked override did not apply: {e}")))?;
    json(
        StatusCode::OK,
        &serde_json::json!({"key": key_s, "version": version}),
    )
}

/// `GET /api/v1/catalog/preview?language=es&county=19&kind=outbound&channel=sms`,
/// and `&on=2026-12-03` for the message as it would go out that day.
pub async fn preview(app: &Arc<App>, query: &str) -> Result<Response<Body>, ApiError> {
    let q = crate::web::kit::form::pairs(query.as_bytes());
    let get = |name: &str| {
        q.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| ApiError::BadRequest(format!("the query needs {name}=")))
    };
    let bad = |name: &str, v: &str| ApiError::BadRequest(format!("{name}={v:?} is not known"));
    let lang = get("language")?;
    let lang = language(app, lang)?;
    let c = q
        .iter()
        .find(|(k, _)| k == "county")
        .map_or("01", |(_, v)| v.as_str());
    let c = CountyCode::parse(c).ok_or_else(|| bad("county", c))?;
    let k = get("kind")?;
    let k = MessageKind::parse(k).ok_or_else(|| bad("kind", k))?;
    let ch = get("channel")?;
    let ch = Channel::parse(ch).ok_or_else(|| bad("channel", ch))?;
    let on = match q.iter().find(|(k, _)| k == "on") {
        Some((_, v)) => Some(
            v.parse::<jiff::civil::Date>()
                .map_err(|_| ApiError::BadRequest(format!("on={v:?} is not YYYY-MM-DD")))?,
        ),
        None => None,
    };
    // The running engine's catalog: what would go out now, overrides included.
    let catalog = app.notifier.catalog.clone();
    let content = app
        .blocking(move |store| {
            let catalog = catalog.read().unwrap_or_else(|e| e.into_inner());
            notices::preview_in(&catalog, store, lang, c, (k, ch), on)
        })
        .await?;
    let v = match content {
        Content::Email {
            subject,
            text,
            html,
        } => {
            serde_json::json!({"channel": "email", "subject": subject, "text": text, "html": html})
        }
        Content::Sms { text } => {
            let segments = crate::domain::sms::segments(&text).segments;
            serde_json::json!({"channel": "sms", "text": text, "segments": segments})
        }
        Content::Voice { script, tts } => {
            serde_json::json!({"channel": "voice", "script": script, "text_to_speech": tts})
        }
    };
    json(StatusCode::OK, &v)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticesBody {
    /// Message kind → `immediately`, `after 90m`, `after 2h` or `at 09:00`.
    #[serde(default)]
    rules: BTreeMap<String, String>,
    return_reminder_days: Option<Vec<u16>>,
    cure_reminder_days: Option<Vec<u16>>,
}

/// `PUT /api/v1/elections/{code}/notices`: when each kind of message goes.
pub async fn set_notices(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: NoticesBody = read_json(req).await?;
    let mut change = notices::NoticesChange {
        return_reminder_days: body.return_reminder_days,
        cure_reminder_days: body.cure_reminder_days,
        ..Default::default()
    };
    for (k, rule) in &body.rules {
        let kind = MessageKind::parse(k).ok_or_else(|| {
            ApiError::Unprocessable(format!("rules: {k:?} is not a message kind"))
        })?;
        let rule = rule
            .parse()
            .map_err(|e: String| ApiError::Unprocessable(format!("rules.{k}: {e}")))?;
        change.rules.push((kind, rule));
    }
    let (code, now) = (code.to_string(), app.now());
    let view = app
        .blocking(move |store| notices::set_notices(store, &actor, &code, &change, now))
        .await?;
    json(StatusCode::OK, &view)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoldBody {
    /// The day the county's ballots really go in the mail (YYYY-MM-DD).
    until: String,
}

/// `PUT /api/v1/elections/{code}/outbound-hold/{county}` with `{"until":
/// "2026-10-07"}` holds Outbound messages; `DELETE` releases the hold.
pub async fn hold(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    c: &str,
    req: Option<Request<Incoming>>,
) -> Result<Response<Body>, ApiError> {
    let c = county(c)?;
    let until = match req {
        Some(req) => {
            let body: HoldBody = read_json(req).await?;
            Some(body.until.parse().map_err(|_| {
                ApiError::Unprocessable(format!("until {:?} is not YYYY-MM-DD", body.until))
            })?)
        }
        None => None,
    };
    let (code, now) = (code.to_string(), app.now());
    let view = app
        .blocking(move |store| notices::hold_outbound(store, &actor, &code, c, until, now))
        .await?;
    json(StatusCode::OK, &view)
}

/// `GET /api/v1/counties/{cc}/office`.
pub async fn office(app: &Arc<App>, c: &str) -> Result<Response<Body>, ApiError> {
    let c = county(c)?;
    let office = app
        .blocking(move |store| notices::county_office(store, c))
        .await?;
    json(StatusCode::OK, &office)
}

/// `PUT /api/v1/counties/{cc}/office` with the whole office.
pub async fn set_office(
    app: &Arc<App>,
    actor: Actor,
    c: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let c = county(c)?;
    let office: CountyOffice = read_json(req).await?;
    let now = app.now();
    let office = app
        .blocking(move |store| notices::set_county_office(store, &actor, c, &office, now))
        .await?;
    json(StatusCode::OK, &office)
}

/// `GET /api/v1/recordings`: what is uploaded, and what calls still lack.
pub async fn recordings(app: &Arc<App>) -> Result<Response<Body>, ApiError> {
    let voiceless: Vec<Language> = app
        .notifier
        .catalog
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .languages()
        .iter()
        .filter(|p| p.tts.is_none())
        .map(|p| p.language)
        .collect();
    let (have, missing) = app
        .blocking(move |store| {
            let have = store.read()?.recordings()?;
            let mut missing = Vec::new();
            for lang in voiceless {
                for k in notices::missing_recordings(store, lang)? {
                    missing.push(format!("{}/{}", lang.code(), k.name()));
                }
            }
            Ok((have, missing))
        })
        .await?;
    let have: Vec<_> = have
        .into_iter()
        .map(|(key, bytes, at, actor)| {
            serde_json::json!({"key": key, "bytes": bytes, "at": at, "actor": actor})
        })
        .collect();
    json(
        StatusCode::OK,
        &serde_json::json!({"recordings": have, "missing": missing}),
    )
}

/// `PUT /api/v1/recordings/{lang}/{kind}` with the MP3 as the body;
/// `DELETE` removes it.
pub async fn put_recording(
    app: &Arc<App>,
    actor: Actor,
    lang: &str,
    k: &str,
    req: Option<Request<Incoming>>,
) -> Result<Response<Body>, ApiError> {
    let (lang, k) = (language(app, lang)?, kind(k)?);
    let now = app.now();
    let Some(req) = req else {
        app.blocking(move |store| notices::remove_recording(store, &actor, lang, k, now))
            .await?;
        return json(StatusCode::OK, &serde_json::json!({"removed": true}));
    };
    let audio = read_body(req, notices::MAX_RECORDING_BYTES, "the recording")
        .await?
        .to_vec();
    let bytes = app
        .blocking(move |store| notices::upload_recording(store, &actor, lang, k, audio, now))
        .await?;
    json(StatusCode::OK, &serde_json::json!({"bytes": bytes}))
}

/// `GET /recordings/{lang}/{kind}.mp3`, public: the voice provider fetches
/// it while the call is up. It says what a message of that kind says to
/// everyone, nothing about a voter.
pub async fn serve_recording(
    app: &Arc<App>,
    lang: &str,
    file: &str,
) -> Result<Response<Body>, ApiError> {
    let lang = language(app, lang)?;
    let k = file
        .strip_suffix(".mp3")
        .ok_or_else(|| ApiError::NotFound("recordings end in .mp3".into()))?;
    let k = kind(k)?;
    let audio = app
        .blocking(move |store| notices::recording(store, lang, k))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!("no {} recording of {}", lang.code(), k.name()))
        })?;
    Response::builder()
        .header(header::CONTENT_TYPE, "audio/mpeg")
        .header(header::CACHE_CONTROL, "public, max-age=300")
        .body(Full::new(Bytes::from(audio)))
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /api/v1/outbox/held?after=ID&limit=N` (state tokens): messages not
/// sent because their text would have had an empty or missing part, with
/// why; `next` is the `after` of the next page.
pub async fn held(app: &Arc<App>, actor: Actor, query: &str) -> Result<Response<Body>, ApiError> {
    let q = crate::web::kit::form::pairs(query.as_bytes());
    let get = |name: &str| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let limit = match get("limit") {
        Some(v) => v.parse::<usize>().map_err(|_| {
            ApiError::BadRequest(format!("limit={v:?} is not a number of messages"))
        })?,
        None => 100,
    };
    let after = get("after");
    let (list, next) = app
        .blocking(move |store| notices::held_messages(store, &actor, after.as_deref(), limit))
        .await?;
    json(
        StatusCode::OK,
        &serde_json::json!({"held": list, "next": next}),
    )
}

/// `POST /api/v1/outbox/held/{id}/release` (state tokens): renders the
/// message again with the texts and office details now in force; it goes
/// out (back in the queue) or, still unsendable, stays held: 409 with why.
pub async fn release(app: &Arc<App>, actor: Actor, id: &str) -> Result<Response<Body>, ApiError> {
    let (id, now) = (id.to_string(), app.now());
    let catalog = app.notifier.catalog.clone();
    let view = app
        .blocking(move |store| {
            let catalog = catalog.read().unwrap_or_else(|e| e.into_inner());
            notices::release_held(store, &catalog, &actor, &id, now)
        })
        .await?;
    if view.state == "held" {
        return Err(ApiError::Conflict(format!(
            "message {} stays held: {}",
            view.id,
            view.reason
                .as_deref()
                .unwrap_or("its text still cannot be made")
        )));
    }
    json(StatusCode::OK, &view)
}
