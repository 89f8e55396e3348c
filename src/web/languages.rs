//! Languages while the service runs: which it speaks, and adding one with
//! its catalogs (in force for the next message and page).

use super::App;
use super::api::{json, read_json_up_to};
use super::error::{ApiError, Body};
use crate::domain::Language;
use crate::service::{Actor, languages};
use crate::web::Incoming;
use hyper::{Request, Response, StatusCode};
use serde::Deserialize;
use std::sync::Arc;

/// Two catalogs of a few hundred texts each, in any script.
const MAX_LANGUAGE_BYTES: usize = 1 << 20;

/// `GET /api/v1/languages`: every language messages go out in, with whether
/// the voter pages speak it too.
pub async fn list(app: &Arc<App>) -> Result<Response<Body>, ApiError> {
    let added = app.blocking(languages::added).await?;
    let profiles = app
        .notifier
        .catalog
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .languages()
        .to_vec();
    let texts = app.portal.texts();
    let list: Vec<_> = profiles
        .iter()
        .map(|p| {
            let a = added.iter().find(|a| a.profile.language == p.language);
            serde_json::json!({
                "code": p.language,
                "name": p.endonym,
                "text_to_speech": p.tts,
                "rtl": p.rtl,
                "built_in": p.language.is_builtin(),
                "pages": texts.speaks(p.language),
                "added_at": a.and_then(|a| jiff::Timestamp::from_second(a.at).ok()).map(|t| t.to_string()),
                "added_by": a.map(|a| a.actor.clone()),
            })
        })
        .collect();
    json(StatusCode::OK, &serde_json::json!({"languages": list}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageBody {
    /// The language's own name (`Հայերեն`).
    name: String,
    /// The voice provider's text-to-speech language; none: calls play recordings.
    #[serde(default)]
    text_to_speech: Option<String>,
    #[serde(default)]
    rtl: bool,
    /// The message catalog, `messages.ftl`.
    messages: String,
    /// The voter pages' texts, `portal.ftl`.
    #[serde(default)]
    pages: Option<String>,
}

/// `PUT /api/v1/languages/{code}`: adds (or replaces) a language, checked
/// whole, stored, and in force at once.
pub async fn put(
    app: &Arc<App>,
    actor: Actor,
    code: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let body: LanguageBody = read_json_up_to(req, MAX_LANGUAGE_BYTES).await?;
    let new = languages::NewLanguage {
        code: code.to_string(),
        endonym: body.name,
        tts: body.text_to_speech,
        rtl: body.rtl,
        messages: body.messages,
        pages: body.pages,
    };
    let now = app.now();
    let (added, all) = app
        .blocking(move |store| {
            let added = languages::add(store, &actor, new, now)?;
            Ok((added, languages::added(store)?))
        })
        .await?;
    app.notifier
        .catalog
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .add_language(added.profile.clone(), &added.messages)
        .map_err(|e| ApiError::Internal(format!("the checked language did not apply: {e}")))?;
    let texts = super::portal::text::Texts::with_added(&all)
        .map_err(|e| ApiError::Internal(format!("the checked pages did not apply: {e}")))?;
    app.portal.set_texts(texts);
    let lang: Language = added.profile.language;
    json(
        StatusCode::OK,
        &serde_json::json!({
            "code": lang,
            "name": added.profile.endonym,
            "pages": added.pages.is_some(),
        }),
    )
}
