//! What providers send back: Twilio's delivery status callbacks and inbound
//! text messages (STOP, START, HELP), each verified by its request signature
//! and applied once (a replayed request is answered and changes nothing).

use super::App;
use super::error::{ApiError, Body};
use crate::notify::drivers::twilio::verify_signature;
use crate::notify::receipts;
use crate::service::ServiceError;
use crate::service::inbound;
use crate::web::Incoming;
use crate::web::kit::form;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Request, Response, StatusCode, header};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Provider callbacks are small forms.
const MAX_FORM: usize = 16 * 1024;

/// A form's fields and the signature that vouched for them.
struct SignedForm {
    params: Vec<(String, String)>,
    signature: String,
}

/// Reads a Twilio form post and checks `X-Twilio-Signature` against every
/// configured Twilio account (SMS and voice may use different ones).
async fn twilio_form(app: &Arc<App>, req: Request<Incoming>) -> Result<SignedForm, ApiError> {
    let signature = req
        .headers()
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let url = match req.uri().query() {
        Some(q) => format!("{}{}?{q}", app.notifier.public_url, req.uri().path()),
        None => format!("{}{}", app.notifier.public_url, req.uri().path()),
    };
    let body = Limited::new(req.into_body(), MAX_FORM)
        .collect()
        .await
        .map_err(|e| ApiError::BadRequest(format!("reading the body: {e}")))?
        .to_bytes();
    let params = form::pairs(&body);
    let genuine = app
        .twilio_tokens
        .iter()
        .any(|t| verify_signature(t, &url, &params, &signature));
    if !genuine {
        // Anyone can send these: one line a minute, however many come.
        if let Some(unlogged) = UNSIGNED_LOG.admit(Instant::now()) {
            tracing::warn!(
                url,
                not_logged_since_last = unlogged,
                "a Twilio callback with a wrong or missing signature"
            );
        }
        return Err(ApiError::Forbidden(
            "the request signature does not match".into(),
        ));
    }
    Ok(SignedForm { params, signature })
}

/// Callbacks with a wrong signature: logged at most once a minute.
static UNSIGNED_LOG: LogLimit = LogLimit::new(Duration::from_secs(60));

/// Lets one log line through per period, counting the ones held back.
struct LogLimit {
    period: Duration,
    /// When the last line was logged, and how many were held back since.
    state: Mutex<(Option<Instant>, u64)>,
}

impl LogLimit {
    const fn new(period: Duration) -> Self {
        Self {
            period,
            state: Mutex::new((None, 0)),
        }
    }

    /// `Some(held back since the last line)` when a line may be logged now.
    fn admit(&self, now: Instant) -> Option<u64> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match s.0 {
            Some(last) if now.saturating_duration_since(last) < self.period => {
                s.1 += 1;
                None
            }
            _ => {
                let held = s.1;
                *s = (Some(now), 0);
                Some(held)
            }
        }
    }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `POST /hooks/twilio/status`: a message's or call's delivery status.
pub async fn twilio_status(
    app: &Arc<App>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let params = twilio_form(app, req).await?.params;
    let id = param(&params, "MessageSid")
        .or_else(|| param(&params, "CallSid"))
        .ok_or_else(|| ApiError::BadRequest("no MessageSid or CallSid".into()))?
        .to_string();
    let status = param(&params, "MessageStatus")
        .or_else(|| param(&params, "CallStatus"))
        .ok_or_else(|| ApiError::BadRequest("no MessageStatus or CallStatus".into()))?
        .to_string();
    let code = param(&params, "ErrorCode").map(str::to_string);
    let now = app.now();
    app.blocking(move |store| {
        receipts::apply_status(store, &id, &status, code.as_deref(), now)
            .map_err(ServiceError::from)
    })
    .await?;
    // Unknown ids and late reports are answered 200 too: Twilio would retry otherwise.
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Full::new(Bytes::new()))
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// `POST /hooks/twilio/sms`: a text from a voter; STOP, START and HELP are
/// answered in the voter's language with TwiML.
pub async fn twilio_sms(
    app: &Arc<App>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let form = twilio_form(app, req).await?;
    let params = &form.params;
    let from = param(params, "From").unwrap_or("").to_string();
    let body = param(params, "Body").unwrap_or("").to_string();
    // Twilio names every text; a request without a name is known by its
    // signature, which a replay repeats.
    let text_id = param(params, "MessageSid")
        .or_else(|| param(params, "SmsSid"))
        .map_or_else(|| format!("signature {}", form.signature), str::to_string);
    let (now, notifier) = (app.now(), app.notifier.clone());
    let reply = app
        .blocking(move |store| {
            let catalog = notifier.catalog.read().unwrap_or_else(|e| e.into_inner());
            inbound::handle_sms_once(store, &catalog, &text_id, &from, &body, now)
        })
        .await?;
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/xml; charset=utf-8")
        .body(Full::new(Bytes::from(twiml_reply(reply.as_deref()))))
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// TwiML answering an inbound text: the reply, or nothing.
pub fn twiml_reply(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("<Response><Message>{}</Message></Response>", xml_escape(t)),
        None => "<Response/>".to_string(),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_a_period_with_the_count_held_back() {
        let limit = LogLimit::new(Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!(limit.admit(t0), Some(0));
        for i in 1..200u64 {
            assert_eq!(limit.admit(t0 + Duration::from_millis(i)), None);
        }
        assert_eq!(limit.admit(t0 + Duration::from_secs(60)), Some(199));
        assert_eq!(limit.admit(t0 + Duration::from_secs(61)), None);
        assert_eq!(limit.admit(t0 + Duration::from_secs(200)), Some(1));
    }

    #[test]
    fn replies_are_escaped_twiml() {
        assert_eq!(twiml_reply(None), "<Response/>");
        assert_eq!(
            twiml_reply(Some("Q&A <here>")),
            "<Response><Message>Q&amp;A &lt;here&gt;</Message></Response>"
        );
    }
}
