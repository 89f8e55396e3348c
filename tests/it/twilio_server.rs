//! A local stand-in for Twilio's REST API (2010-04-01), enough for the
//! drivers: creating messages and calls, listing messages with the To, From
//! and DateSent filters and paging, basic auth, Twilio-shaped errors for
//! special numbers; and a webhook receiver. Every request is recorded.
#![allow(dead_code)]

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use jiff::Timestamp;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const TOKEN: &str = "test-auth-token";
/// Refused with 400 and error 21211 (invalid To), as Twilio does.
pub const INVALID_NUMBER: &str = "+19165550199";
/// Refused with 400 and error 21610 (the recipient replied STOP).
pub const UNSUBSCRIBED_NUMBER: &str = "+19165550197";
/// Answered with 503 the first time, then accepted.
pub const FLAKY_NUMBER: &str = "+19165550198";

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Lower-case names.
    pub headers: BTreeMap<String, String>,
    /// The form parameters of a form POST.
    pub form: Vec<(String, String)>,
    pub body: Bytes,
}

impl Recorded {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[derive(Clone, Debug)]
pub struct Stored {
    pub sid: String,
    pub to: String,
    pub from: String,
    /// The text, or the TwiML of a call.
    pub body: String,
    pub date_sent: Timestamp,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    messages: Vec<Stored>,
    calls: Vec<Stored>,
    failed_once: HashSet<String>,
    next: u64,
}

impl State {
    fn sid(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{:032x}", self.next)
    }
}

pub struct TwilioServer {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    rt: Option<tokio::runtime::Runtime>,
}

impl Drop for TwilioServer {
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl TwilioServer {
    pub fn start() -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        rt.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let st = st.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req| handle(st.clone(), req));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        Self {
            addr,
            state,
            rt: Some(rt),
        }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn posts(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect()
    }

    pub fn messages(&self) -> Vec<Stored> {
        self.state.lock().unwrap().messages.clone()
    }

    pub fn calls(&self) -> Vec<Stored> {
        self.state.lock().unwrap().calls.clone()
    }

    /// A message the account sent earlier (not through a driver).
    pub fn add_message(&self, to: &str, from: &str, body: &str, date_sent: Timestamp) -> String {
        let mut s = self.state.lock().unwrap();
        let sid = s.sid("SM");
        s.messages.push(Stored {
            sid: sid.clone(),
            to: to.into(),
            from: from.into(),
            body: body.into(),
            date_sent,
        });
        sid
    }
}

fn reply(status: StatusCode, v: Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(v.to_string())))
        .unwrap()
}

fn twilio_error(status: StatusCode, code: u32, message: &str) -> Response<Full<Bytes>> {
    reply(
        status,
        json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status.as_u16(),
        }),
    )
}

fn rfc2822(t: Timestamp) -> String {
    jiff::fmt::rfc2822::to_string(&t.to_zoned(jiff::tz::TimeZone::UTC)).unwrap()
}

fn message_json(m: &Stored, status: &str) -> Value {
    json!({
        "sid": m.sid,
        "account_sid": SID,
        "to": m.to,
        "from": m.from,
        "body": m.body,
        "status": status,
        "direction": "outbound-api",
        "num_segments": "1",
        "date_created": rfc2822(m.date_sent),
        "date_sent": rfc2822(m.date_sent),
        "error_code": null,
        "uri": format!("/2010-04-01/Accounts/{SID}/Messages/{}.json", m.sid),
    })
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    let headers: BTreeMap<String, String> = parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let form = match headers.get("content-type").map(String::as_str) {
        Some("application/x-www-form-urlencoded") => {
            form_urlencoded::parse(&body).into_owned().collect()
        }
        _ => Vec::new(),
    };
    let rec = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect(),
        headers,
        form,
        body,
    };
    let mut st = state.lock().unwrap();
    st.requests.push(rec.clone());
    Ok(route(&mut st, &rec))
}

fn route(st: &mut State, r: &Recorded) -> Response<Full<Bytes>> {
    if r.path == "/webhook" {
        return webhook(st, r);
    }
    let prefix = format!("/2010-04-01/Accounts/{SID}/");
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{SID}:{TOKEN}"))
    );
    if r.header("authorization") != Some(basic.as_str()) || !r.path.starts_with(&prefix) {
        return twilio_error(
            StatusCode::UNAUTHORIZED,
            20003,
            "Authentication Error - invalid username",
        );
    }
    let to = r.param("To").unwrap_or_default().to_string();
    match (r.method.as_str(), &r.path[prefix.len()..]) {
        ("POST", resource @ ("Messages.json" | "Calls.json")) => {
            if to == INVALID_NUMBER {
                return twilio_error(
                    StatusCode::BAD_REQUEST,
                    21211,
                    &format!("Invalid 'To' Phone Number: {to}"),
                );
            }
            if to == UNSUBSCRIBED_NUMBER {
                return twilio_error(
                    StatusCode::BAD_REQUEST,
                    21610,
                    "Attempt to send to unsubscribed recipient",
                );
            }
            if to == FLAKY_NUMBER && st.failed_once.insert(to.clone()) {
                return reply(StatusCode::SERVICE_UNAVAILABLE, json!({"status": 503}));
            }
            let call = resource == "Calls.json";
            let content = if call {
                r.param("Twiml")
            } else {
                r.param("Body")
            };
            let (Some(from), Some(content)) = (r.param("From"), content) else {
                return twilio_error(
                    StatusCode::BAD_REQUEST,
                    21603,
                    "A 'From' and a body are required",
                );
            };
            let stored = Stored {
                sid: st.sid(if call { "CA" } else { "SM" }),
                to,
                from: from.to_string(),
                body: content.to_string(),
                date_sent: Timestamp::now(),
            };
            let out = if call {
                json!({"sid": stored.sid, "account_sid": SID, "to": stored.to, "from": stored.from, "status": "queued"})
            } else {
                message_json(&stored, "queued")
            };
            if call {
                st.calls.push(stored);
            } else {
                st.messages.push(stored);
            }
            reply(StatusCode::CREATED, out)
        }
        ("GET", "Messages.json") => list_messages(st, r),
        _ => twilio_error(
            StatusCode::NOT_FOUND,
            20404,
            "The requested resource was not found",
        ),
    }
}

/// Newest first, filtered by To, From and DateSent (`DateSent>` is "on or after").
fn list_messages(st: &State, r: &Recorded) -> Response<Full<Bytes>> {
    let q = |name: &str| {
        r.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let since: Option<jiff::civil::Date> = q("DateSent>").map(|d| d.parse().unwrap());
    let size: usize = q("PageSize").map_or(50, |s| s.parse().unwrap());
    let page: usize = q("Page").map_or(0, |s| s.parse().unwrap());
    let matching: Vec<&Stored> = st
        .messages
        .iter()
        .rev()
        .filter(|m| q("To").is_none_or(|t| m.to == t))
        .filter(|m| q("From").is_none_or(|f| m.from == f))
        .filter(|m| since.is_none_or(|d| m.date_sent.to_zoned(jiff::tz::TimeZone::UTC).date() >= d))
        .collect();
    let items: Vec<Value> = matching
        .iter()
        .skip(page * size)
        .take(size)
        .map(|m| message_json(m, "delivered"))
        .collect();
    let mut params: Vec<(String, String)> = r
        .query
        .iter()
        .filter(|(k, _)| k != "Page")
        .cloned()
        .collect();
    params.push(("Page".into(), (page + 1).to_string()));
    let next = (matching.len() > (page + 1) * size).then(|| {
        format!(
            "/2010-04-01/Accounts/{SID}/Messages.json?{}",
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&params)
                .finish()
        )
    });
    reply(
        StatusCode::OK,
        json!({
            "messages": items,
            "page": page,
            "page_size": size,
            "next_page_uri": next,
            "uri": r.path,
        }),
    )
}

/// The integrator's receiver: 422 for the invalid number, else 200 with its own id.
fn webhook(st: &mut State, r: &Recorded) -> Response<Full<Bytes>> {
    let v: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
    if v["to"] == INVALID_NUMBER {
        return reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"error": "invalid number"}),
        );
    }
    if v["to"] == FLAKY_NUMBER {
        return reply(StatusCode::TOO_MANY_REQUESTS, json!({"error": "slow down"}));
    }
    st.next += 1;
    reply(StatusCode::OK, json!({"id": format!("wh-{}", st.next)}))
}
