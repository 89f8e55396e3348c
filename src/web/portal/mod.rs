//! The voter pages: `/{lang}/…` in each of the ten languages, plain HTML
//! forms (no scripts), every text from `i18n/<lang>/portal.ftl`.
//!
//! State between steps lives in three cookies, all HttpOnly and SameSite:
//! `bt_csrf` (`__Host-bt_csrf` over TLS; a random value whose keyed hash
//! every form carries),
//! `bt_flow` (a random id of a sign-up in progress, kept in memory), and
//! `bt_session` (the signed-in voters, sealed with the instance secret).

mod account;
pub mod added;
mod flows;
mod form;
mod info;
mod layout;
mod signin;
mod signup;
pub mod text;
pub mod unsubscribe;

use super::App;
use super::error::{ApiError, Body};
use crate::domain::{Language, VoterId};
use crate::signer::Grant;
use crate::web::Incoming;
use bytes::Bytes;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use http_body_util::Full;
use hyper::{Method, Request, Response, StatusCode, header};
use maud::Markup;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

pub use flows::Flows;

/// How long a sign-in lasts.
const SESSION_SECONDS: i64 = 3600;
pub const SESSION_PURPOSE: &str = "session";
pub use crate::notify::dispatch::MANAGE_PURPOSE;
/// Lookups and code checks answer no sooner than this, match or not.
const ANSWER_FLOOR: Duration = Duration::from_millis(300);
// Made once: checking a header value's bytes is not free.
const HTML: header::HeaderValue = header::HeaderValue::from_static("text/html; charset=utf-8");

/// What the voter pages keep between requests.
pub struct PortalState {
    pub flows: Flows,
    /// Sign-up, sign-in and code attempts per client address.
    per_client: DefaultKeyedRateLimiter<IpAddr>,
    /// Attempts per looked-up identity or contact (a keyed hash of it).
    per_identity: DefaultKeyedRateLimiter<[u8; 16]>,
    trusted_proxies: Vec<IpAddr>,
    /// Caps on codes per destination, and the countries phones may be in.
    pub rules: crate::service::portal::CodeRules,
    /// The pages' texts; replaced whole when a language is added.
    texts: std::sync::RwLock<Arc<text::Texts>>,
}

impl PortalState {
    pub fn new(cfg: &crate::config::PortalConfig, texts: text::Texts) -> Self {
        let per = |n: u32, minutes: u64| {
            let n = n.max(1);
            Quota::with_period(Duration::from_secs(minutes * 60) / n)
                .expect("non-zero period")
                .allow_burst(NonZeroU32::new(n).expect("non-zero"))
        };
        Self {
            flows: Flows::default(),
            // By default 30 attempts in 15 minutes from one address (a
            // library's shared computer may serve several voters), 10 for
            // one identity.
            per_client: RateLimiter::keyed(per(cfg.attempts_per_client, 15)),
            per_identity: RateLimiter::keyed(per(cfg.attempts_per_identity, 15)),
            trusted_proxies: cfg.trusted_proxies.clone(),
            rules: crate::service::portal::CodeRules {
                caps: crate::domain::challenge::CodeCaps {
                    per_hour: cfg.codes_per_hour,
                    per_day: cfg.codes_per_day,
                    backoff_seconds: cfg.code_backoff_seconds,
                },
                countries: cfg.phone_countries.clone(),
            },
            texts: std::sync::RwLock::new(Arc::new(texts)),
        }
    }

    pub fn texts(&self) -> Arc<text::Texts> {
        self.texts.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts new texts (with a language added) in force for the next page.
    pub fn set_texts(&self, texts: text::Texts) {
        *self.texts.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(texts);
    }

    /// The voter's address: the connection's, or behind a trusted proxy the
    /// last `X-Forwarded-For` address that is not itself a trusted proxy.
    pub fn client(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        forwarded_for
            .into_iter()
            .flat_map(|v| v.rsplit(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .find(|a| !self.trusted_proxies.contains(a))
            .unwrap_or(peer)
    }
}

/// Which limit refused an attempt, and how long until the next is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Too many from this client (its address, or its IPv6 /64).
    Client(Duration),
    /// Too many for the person or contact looked up, from anywhere.
    Identity(Duration),
}

/// The key a client is limited by: an IPv4 address, or an IPv6 address's
/// /64 (one household or phone is given a whole /64, and can pick any
/// address in it).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(std::net::Ipv6Addr::from(prefix))
            }
        },
        v4 => v4,
    }
}

impl PortalState {
    /// Whether one more attempt from `client` (and for `identity`) is allowed.
    fn allow(&self, client: IpAddr, identity: Option<[u8; 16]>) -> Result<(), Refused> {
        // Keeps the limiters' memory to the recently seen.
        if self.per_client.len() > 100_000 {
            self.per_client.retain_recent();
            self.per_identity.retain_recent();
        }
        use governor::clock::Clock;
        let clock = self.per_client.clock();
        let wait = |n: governor::NotUntil<_>| n.wait_time_from(clock.now());
        self.per_client
            .check_key(&client_key(client))
            .map_err(|n| Refused::Client(wait(n)))?;
        if let Some(k) = identity {
            self.per_identity
                .check_key(&k)
                .map_err(|n| Refused::Identity(wait(n)))?;
        }
        Ok(())
    }
}

/// One request's context: language, client, cookies and what to set.
pub struct Ctx<'a> {
    pub app: &'a Arc<App>,
    pub lang: Language,
    /// The page texts as they were when the request came.
    pub texts: Arc<text::Texts>,
    /// The page's path after the language (`/sign-up`), for the language picker.
    pub path: String,
    pub client: IpAddr,
    /// The query string (never personal data: the pages put none there).
    query: String,
    /// The request's `Cookie` headers, joined; read by name when asked.
    cookies: String,
    set_cookies: Vec<String>,
    /// The form token for this client.
    pub csrf: String,
    started: std::time::Instant,
    /// The signed-in voters with the contacts they came through, once the
    /// session cookie was checked.
    session: std::sync::OnceLock<Option<Vec<Grant>>>,
}

impl Ctx<'_> {
    pub fn t(&self, id: &str) -> String {
        self.texts.get(self.lang, id, &[])
    }

    /// A text for page markup, escaped once when the texts were loaded.
    pub fn h(&self, id: &str) -> maud::PreEscaped<std::borrow::Cow<'_, str>> {
        self.texts.html(self.lang, id)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.texts.get(self.lang, id, args)
    }

    /// A text with placeholders for page markup: only the values are
    /// escaped per page.
    pub fn h_with(&self, id: &str, args: &[(&str, &str)]) -> maud::PreEscaped<String> {
        self.texts.html_with(self.lang, id, args)
    }

    /// The languages messages can be sent in (more than the pages', when an
    /// added language has no page texts).
    pub fn message_languages(&self) -> Vec<crate::domain::LanguageProfile> {
        let catalog = self.app.notifier.catalog.read();
        catalog
            .unwrap_or_else(|e| e.into_inner())
            .languages()
            .to_vec()
    }

    /// The message language a form chose, if messages can be sent in it;
    /// the page's otherwise.
    pub fn message_language(&self, code: &str) -> Language {
        let catalog = self.app.notifier.catalog.read();
        let catalog = catalog.unwrap_or_else(|e| e.into_inner());
        catalog.find(code).unwrap_or(self.lang)
    }

    pub fn query_value(&self, name: &str) -> Option<String> {
        if self.query.is_empty() {
            return None;
        }
        crate::web::kit::form::pairs(self.query.as_bytes())
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    fn secure(&self) -> bool {
        self.app.tls || self.app.notifier.public_url.starts_with("https://")
    }

    /// Sets a cookie for the whole site; `max_age` 0 removes it.
    pub fn set_cookie(&mut self, name: &str, value: &str, max_age: i64) {
        let secure = if self.secure() { "; Secure" } else { "" };
        self.set_cookies.push(format!(
            "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
        ));
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.app.now()
    }

    /// The signed-in voters, if any.
    pub fn session(&self) -> Option<Vec<VoterId>> {
        self.grants()
            .map(|g| g.iter().map(|g| VoterId::from_key(g.voter)).collect())
    }

    /// The signed-in voters with the contacts they came through: only those
    /// whose sign-in generation still holds (signing out, deleting the
    /// sign-up or changing the contact ended the others).
    pub fn grants(&self) -> Option<Vec<Grant>> {
        // Checked once: the page and its frame both ask.
        self.session
            .get_or_init(|| {
                let token = self.cookie("bt_session")?;
                let grants = self.app.notifier.signer().open_grants(
                    SESSION_PURPOSE,
                    token,
                    self.now().as_second(),
                )?;
                let grants = crate::service::account::current_grants(&self.app.store, grants)
                    .inspect_err(|e| tracing::error!(error = %e, "cannot check a sign-in"))
                    .ok()?;
                (!grants.is_empty()).then_some(grants)
            })
            .clone()
    }

    pub fn sign_in(&mut self, grants: &[Grant]) {
        let token = self.app.notifier.signer().seal_grants(
            SESSION_PURPOSE,
            grants,
            self.now().as_second() + SESSION_SECONDS,
        );
        self.set_cookie("bt_session", &token, SESSION_SECONDS);
        self.session = std::sync::OnceLock::from(Some(grants.to_vec()));
    }

    /// Ends the sign-in: the cookie goes, and this page is rendered signed out.
    pub fn sign_out(&mut self) {
        self.set_cookie("bt_session", "", 0);
        self.session = std::sync::OnceLock::from(None);
    }

    pub fn href(&self, path: &str) -> String {
        format!("/{}{path}", self.lang.code())
    }

    /// An HTML page.
    pub fn page(&mut self, status: StatusCode, markup: Markup) -> Response<Body> {
        self.respond(status, None, Some(markup))
    }

    /// See-other to a page of this language.
    pub fn redirect(&mut self, path: &str) -> Response<Body> {
        let to = self.href(path);
        self.respond(StatusCode::SEE_OTHER, Some(to), None)
    }

    fn respond(
        &mut self,
        status: StatusCode,
        location: Option<String>,
        markup: Option<Markup>,
    ) -> Response<Body> {
        let mut b = Response::builder().status(status);
        if let Some(l) = location {
            b = b.header(header::LOCATION, l);
        }
        for c in self.set_cookies.drain(..) {
            b = b.header(header::SET_COOKIE, c);
        }
        let body = match markup {
            Some(m) => {
                b = b.header(header::CONTENT_TYPE, HTML).header(
                    header::CONTENT_LANGUAGE,
                    self.texts.profile(self.lang).html_lang(),
                );
                Bytes::from(m.into_string())
            }
            None => Bytes::new(),
        };
        b.body(Full::new(body))
            .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
    }

    /// Waits until the answer floor: looking someone up, or checking a code,
    /// takes the same time whatever the outcome.
    pub async fn answer_floor(&self) {
        let spent = self.started.elapsed();
        if spent < ANSWER_FLOOR {
            tokio::time::sleep(ANSWER_FLOOR - spent).await;
        }
    }

    /// Whether another attempt is allowed from this client (and identity).
    pub fn allow(&self, identity: Option<[u8; 16]>) -> Result<(), Refused> {
        self.app.portal.allow(self.client, identity)
    }

    /// The answer to a refused attempt: 429 with `Retry-After`, and a page
    /// that says which limit it was without suggesting the client's address
    /// when it was the person's or contact's.
    pub fn too_many(&mut self, refused: Refused) -> Response<Body> {
        let (text, wait) = match refused {
            Refused::Client(w) => ("too-many-attempts", w),
            Refused::Identity(w) => ("too-many-attempts-identity", w),
        };
        let title = self.t("error-summary-title");
        let text = self.t(text);
        let body = maud::html! {
            h1 { (title) }
            p { (text) }
            p { a href=(self.href("/")) { (self.h("nav-home")) } }
        };
        let page = layout::page(self, &title, None, body);
        let mut resp = self.page(StatusCode::TOO_MANY_REQUESTS, page);
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        resp.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(seconds.max(1)),
        );
        resp
    }
}

fn cookie_headers(req: &Request<Incoming>) -> String {
    let mut all = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let first = all.next().unwrap_or("").to_string();
    all.fold(first, |joined, v| joined + "; " + v)
}

/// The best of the pages' languages for an `Accept-Language` header.
pub fn negotiate(accept: &str, texts: &text::Texts) -> Language {
    let mut best: Option<(f32, Language)> = None;
    for part in accept.split(',') {
        let mut it = part.trim().split(';');
        let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "fil" => Some(Language::TL),
            // The whole tag first (`pa-Arab`), then its language (`pa`).
            _ => [tag.as_str(), primary]
                .into_iter()
                .find_map(|t| texts.find(t)),
        };
        if let Some(l) = lang
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, l));
        }
    }
    best.map_or(Language::EN, |(_, l)| l)
}

/// The page texts in force, if a path is the voter pages': `/`,
/// `/assets/…`, `/manage/…`, `/contact-added/…`, `/{lang}/…`.
pub fn owns(app: &App, segs: &[&str]) -> Option<Arc<text::Texts>> {
    let texts = app.portal.texts();
    let owned = match segs.first() {
        None | Some(&"") => segs.len() <= 1,
        Some(&"assets" | &"manage" | &"contact-added") => true,
        Some(l) => texts.find(l).is_some(),
    };
    owned.then_some(texts)
}

/// `/` and `/{lang}/…`: the voter pages, with the `texts` that [`owns`]
/// gave. `None` when the path is not theirs.
pub async fn route(
    app: &Arc<App>,
    texts: Arc<text::Texts>,
    req: Request<Incoming>,
    client: IpAddr,
    segs: &[&str],
) -> Option<(&'static str, Response<Body>)> {
    let method = req.method().clone();
    if segs == [""] {
        let lang = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Language::EN, |a| negotiate(a, &texts));
        let resp = Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, format!("/{}/", lang.code()))
            .header(header::VARY, "Accept-Language")
            .body(Full::new(Bytes::new()))
            .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response());
        return Some(("/", resp));
    }
    if segs == ["assets", "style.css"] {
        return Some(("/assets/style.css", layout::stylesheet()));
    }
    if let ["manage", token] = segs {
        return Some(("/manage/{token}", account::manage_link(app, token).await));
    }
    if let ["contact-added", lang, token] = segs {
        return Some((
            "/contact-added/{lang}/{token}",
            added::localized(app, lang, token),
        ));
    }
    let (lang, rest) = segs.split_first()?;
    let lang = texts.find(lang)?;
    let cookies = cookie_headers(&req);
    let client = app.portal.client(
        client,
        req.headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok()),
    );
    let path = format!("/{}", rest.join("/"));
    let mut ctx = Ctx {
        app,
        lang,
        texts,
        path: path.trim_end_matches('/').to_string(),
        client,
        query: req.uri().query().unwrap_or("").to_string(),
        cookies,
        set_cookies: Vec::new(),
        csrf: String::new(),
        started: std::time::Instant::now(),
        session: std::sync::OnceLock::new(),
    };
    form::ensure_csrf(&mut ctx);
    let get = method == Method::GET || method == Method::HEAD;
    let post = method == Method::POST;
    let (route, result): (&'static str, Result<Response<Body>, ApiError>) = match (rest, get, post)
    {
        ([] | [""], true, _) => ("/{lang}/", Ok(info::home(&mut ctx))),
        (["help"], true, _) => ("/{lang}/help", Ok(info::help(&mut ctx))),
        (["counties"], true, _) => ("/{lang}/counties", info::counties(&mut ctx).await),
        (["sign-up"], true, _) => ("/{lang}/sign-up", Ok(signup::identity_form(&mut ctx))),
        (["sign-up"], _, true) => (
            "/{lang}/sign-up",
            signup::identity_post(&mut ctx, req).await,
        ),
        (["sign-up", "next"], true, _) => ("/{lang}/sign-up/next", signup::next(&mut ctx).await),
        (["sign-up", "voter-id"], _, true) => (
            "/{lang}/sign-up/voter-id",
            signup::voter_id_post(&mut ctx, req).await,
        ),
        (["sign-up", "choices"], _, true) => (
            "/{lang}/sign-up/choices",
            signup::choices_post(&mut ctx, req).await,
        ),
        (["confirm"], true, _) => ("/{lang}/confirm", signup::confirm_form(&mut ctx).await),
        (["confirm"], _, true) => ("/{lang}/confirm", signup::confirm_post(&mut ctx, req).await),
        (["sign-in"], true, _) => ("/{lang}/sign-in", Ok(signin::contact_form(&mut ctx))),
        (["sign-in"], _, true) => ("/{lang}/sign-in", signin::contact_post(&mut ctx, req).await),
        (["sign-in", "code"], _, true) => (
            "/{lang}/sign-in/code",
            signin::code_post(&mut ctx, req).await,
        ),
        (["sign-out"], _, true) => ("/{lang}/sign-out", signin::sign_out(&mut ctx, req).await),
        (["my-ballot"], true, _) => ("/{lang}/my-ballot", account::my_ballot(&mut ctx).await),
        (["preferences"], true, _) => ("/{lang}/preferences", account::preferences(&mut ctx).await),
        (["preferences"], _, true) => (
            "/{lang}/preferences",
            account::preferences_post(&mut ctx, req).await,
        ),
        (["preferences", "stop"], _, true) => (
            "/{lang}/preferences/stop",
            account::stop_post(&mut ctx, req).await,
        ),
        (["unsubscribe", token], true, _) => (
            "/{lang}/unsubscribe/{token}",
            unsubscribe::page(&mut ctx, token).await,
        ),
        (["unsubscribe", token], _, true) => (
            "/{lang}/unsubscribe/{token}",
            unsubscribe::post(&mut ctx, token, req).await,
        ),
        (["contact-added", token], true, _) => (
            "/{lang}/contact-added/{token}",
            added::page(&mut ctx, token).await,
        ),
        (["contact-added", token], _, true) => (
            "/{lang}/contact-added/{token}",
            added::post(&mut ctx, token, req).await,
        ),
        (["preferences", "delete"], _, true) => (
            "/{lang}/preferences/delete",
            account::delete_post(&mut ctx, req).await,
        ),
        _ => (
            "/{lang}/(unknown)",
            Err(ApiError::NotFound("no such page".into())),
        ),
    };
    let resp = result.unwrap_or_else(|e| error_page(&mut ctx, e));
    Some((route, resp))
}

/// The one place a failed voter page becomes an answer: a page in the
/// voter's language, never the internal reason.
fn error_page(ctx: &mut Ctx<'_>, e: ApiError) -> Response<Body> {
    let status = e.status();
    let (title, text) = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
            ("not-found-title", "not-found-text")
        }
        StatusCode::TOO_MANY_REQUESTS => ("error-summary-title", "too-many-attempts"),
        StatusCode::FORBIDDEN => ("error-summary-title", "form-expired"),
        StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE => {
            ("error-summary-title", "form-expired")
        }
        _ => {
            tracing::error!(error = %e, "a voter page failed");
            ("server-error-title", "server-error-text")
        }
    };
    let (title, text) = (ctx.t(title), ctx.t(text));
    let body = maud::html! {
        h1 { (title) }
        p { (text) }
        p { a href=(ctx.href("/")) { (ctx.h("nav-home")) } }
    };
    let page = layout::page(ctx, &title, None, body);
    ctx.page(status, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_connection_unless_a_trusted_proxy_forwards_it() {
        let cfg = crate::config::PortalConfig {
            trusted_proxies: vec!["10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()],
            ..Default::default()
        };
        let p = PortalState::new(&cfg, text::Texts::builtin().expect("texts"));
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(
            p.client(ip("198.51.100.7"), Some("203.0.113.9")),
            ip("198.51.100.7")
        );
        assert_eq!(
            p.client(ip("10.0.0.1"), Some("203.0.113.9")),
            ip("203.0.113.9")
        );
        // A client cannot name itself by sending its own header first.
        assert_eq!(
            p.client(ip("10.0.0.1"), Some("1.2.3.4, 203.0.113.9, 10.0.0.2")),
            ip("203.0.113.9")
        );
        assert_eq!(p.client(ip("10.0.0.1"), None), ip("10.0.0.1"));
        // IPv6 clients are one per /64; IPv4-mapped ones are their IPv4.
        assert_eq!(
            client_key(ip("2001:db8:1:2:aaaa::1")),
            client_key(ip("2001:db8:1:2:ffff:1:2:3"))
        );
        assert_eq!(client_key(ip("2001:db8:1:2::9")), ip("2001:db8:1:2::"));
        assert_ne!(
            client_key(ip("2001:db8:1:2::1")),
            client_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(client_key(ip("192.0.2.7")), ip("192.0.2.7"));
        let t = p.texts();
        assert_eq!(negotiate("fil-PH, en;q=0.5", &t), Language::TL);
        assert_eq!(negotiate("de, ko;q=0.8, ja;q=0.9", &t), Language::JA);
        assert_eq!(negotiate("fr", &t), Language::EN);
        let hy = Language::parse_code("hy").expect("code");
        assert_eq!(negotiate("hy, es;q=0.5", &t), Language::ES);
        let added = crate::store::AddedLanguage {
            profile: crate::domain::LanguageProfile {
                language: hy,
                endonym: "Հայերեն".into(),
                tts: None,
                rtl: false,
            },
            messages: String::new(),
            pages: Some(crate::ftl::ENGLISH_PAGES.into()),
            at: 0,
            actor: "test".into(),
        };
        p.set_texts(text::Texts::with_added(&[added]).expect("texts"));
        assert_eq!(negotiate("hy-AM, es;q=0.5", &p.texts()), hy);
    }
}
