//! The voter pages over HTTP, as a browser without scripts uses them: forms,
//! see-other redirects and cookies. Codes are read from the file driver's
//! outbox (the SMTP and browser tests read them from a real mail server).

use crate::common;
use crate::common::server::Served;

use ballot_tracker::domain::VoterId;
use ballot_tracker::store::Store;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode, header};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::collections::BTreeMap;

/// The voter pages over the roll of `VOTERS`.
struct Portal(Served);

fn roll(store: &Store) {
    let opts = common::import_options(
        ballot_tracker::ingest::VoterMode::Full,
        1_791_633_600,
        std::env::temp_dir(),
    );
    ballot_tracker::ingest::import(
        store,
        ballot_tracker::ingest::Feed::Voters,
        VOTERS.as_bytes(),
        &opts,
    )
    .unwrap();
}

impl std::ops::Deref for Portal {
    type Target = Served;
    fn deref(&self) -> &Served {
        &self.0
    }
}

const VOTERS: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n\
    CA46001,46,María José,,García López,,1980-07-04,96118,A,es,2026-01-01T00:00:00Z\n\
    CA46002,46,Tom,,Reed,,1975-01-02,96118,I,en,2026-01-01T00:00:00Z\n\
    CA01001,01,Sam,,Twin,,1990-05-06,94601,A,en,2026-01-01T00:00:00Z\n\
    CA01002,01,Sam,,Twin,,1990-05-06,94601,A,en,2026-01-01T00:00:00Z\n";

impl Portal {
    async fn start() -> Self {
        Self(Served::start_with(|_, _| {}, roll).await)
    }

    /// Every code sent by email to `to`, oldest first.
    fn codes_for(&self, to: &str) -> Vec<String> {
        let text = std::fs::read_to_string(self.outbox(ballot_tracker::domain::Channel::Email))
            .unwrap_or_default();
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|m| {
                m["to"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(to))
                    && m["id"].as_str().is_some_and(|i| i.starts_with("code-"))
            })
            .map(|m| {
                m["content"]["subject"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect()
            })
            .collect()
    }

    /// The messages written for `channel` to `to`, oldest first.
    fn sent_to(&self, channel: &str, to: &str) -> Vec<serde_json::Value> {
        let path = self
            .outbox(ballot_tracker::domain::Channel::Email)
            .with_file_name(format!("{channel}.jsonl"));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|m| m["to"].as_str() == Some(to))
            .collect()
    }

    /// The newest code sent to `to`.
    fn code_for(&self, to: &str) -> String {
        self.codes_for(to)
            .pop()
            .unwrap_or_else(|| panic!("no code sent to {to}"))
    }
}

/// A browser without scripts: a cookie jar, forms and redirects followed by hand.
struct Browser {
    base: String,
    jar: BTreeMap<String, String>,
}

struct Page {
    status: StatusCode,
    location: String,
    set_cookies: Vec<String>,
    body: String,
}

impl Page {
    fn csrf(&self) -> String {
        let at = self
            .body
            .find(r#"name="csrf" value=""#)
            .unwrap_or_else(|| panic!("no form on {}", self.body));
        let rest = &self.body[at + r#"name="csrf" value=""#.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

impl Browser {
    fn new(p: &Portal) -> Self {
        Self {
            base: format!("http://{}", p.addr),
            jar: BTreeMap::new(),
        }
    }

    async fn send(&mut self, method: Method, path: &str, form: &[(&str, &str)]) -> Page {
        let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let cookies: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !cookies.is_empty() {
            req = req.header(header::COOKIE, cookies.join("; "));
        }
        let resp = client
            .request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let set_cookies: Vec<String> = resp
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        for c in &set_cookies {
            let first = c.split(';').next().unwrap();
            let (k, v) = first.split_once('=').unwrap();
            if c.contains("Max-Age=0") {
                self.jar.remove(k);
            } else {
                self.jar.insert(k.to_string(), v.to_string());
            }
        }
        let body = String::from_utf8(
            resp.into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
        )
        .unwrap();
        Page {
            status,
            location,
            set_cookies,
            body,
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        self.send(Method::GET, path, &[]).await
    }

    /// Posts a form with the page's CSRF token, as submitting it would.
    async fn submit(&mut self, on: &Page, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = on.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.send(Method::POST, path, &all).await
    }

    /// Follows a see-other.
    async fn follow(&mut self, p: &Page) -> Page {
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        let to = p.location.clone();
        self.get(&to).await
    }
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn identity<'a>(
    first: &'a str,
    last: &'a str,
    dob: &'a str,
    zip: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("first_name", first),
        ("last_name", last),
        ("dob", dob),
        ("zip", zip),
    ]
}

/// Signs up through the pages with one email contact, entering its code.
async fn sign_up(
    p: &Portal,
    b: &mut Browser,
    lang: &str,
    who: &[(&str, &str)],
    email: &str,
) -> Page {
    let form = b.get(&format!("/{lang}/sign-up")).await;
    let found = b.submit(&form, &format!("/{lang}/sign-up"), who).await;
    let choices = b.follow(&found).await;
    let sent = b
        .submit(
            &choices,
            &format!("/{lang}/sign-up/choices"),
            &[
                ("language", lang),
                ("want_email", "1"),
                ("email", email),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    let confirm = b.follow(&sent).await;
    let code = p.code_for(email);
    b.submit(
        &confirm,
        &format!("/{lang}/confirm"),
        &[("code_email", &code)],
    )
    .await
}

#[tokio::test]
async fn a_voter_signs_up_in_spanish_confirms_by_code_and_manages_it_all() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    // The root sends a Spanish browser to the Spanish pages.
    let root = {
        let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
        let req = Request::get(format!("{}/", b.base))
            .header(header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9,en;q=0.5")
            .body(Full::new(Bytes::new()))
            .unwrap();
        client.request(req).await.unwrap()
    };
    assert_eq!(root.status(), StatusCode::SEE_OTHER);
    assert_eq!(root.headers()[header::LOCATION], "/es/");

    let form = b.get("/es/sign-up").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"<html lang="es">"#), "{}", form.body);
    assert!(form.body.contains("MM-DD-YYYY"));
    assert!(!form.body.contains("<script"));
    // Every cookie is HttpOnly and SameSite.
    assert!(
        form.set_cookies
            .iter()
            .all(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax"))
    );

    // A wrong date format is named clearly, linked from the error summary.
    let wrong = b
        .submit(
            &form,
            "/es/sign-up",
            &identity("María José", "García López", "1980-07-04", "96118"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::OK);
    assert!(wrong.body.contains(r##"href="#dob""##), "{}", wrong.body);
    assert!(wrong.body.contains(r#"aria-invalid="true""#));
    assert!(wrong.body.contains("MM-DD-AAAA") || wrong.body.contains("MM-DD-YYYY"));

    // Case, repeated spaces and the slash form are all accepted.
    let found = b
        .submit(
            &wrong,
            "/es/sign-up",
            &identity(
                "  maría   josé ",
                "GARCÍA LÓPEZ",
                "07/04/1980",
                "96118-1234",
            ),
        )
        .await;
    assert_eq!(found.status, StatusCode::SEE_OTHER, "{}", found.body);
    let choices = b.follow(&found).await;
    assert!(
        choices.body.contains(r#"name="want_email""#),
        "{}",
        choices.body
    );
    // Nothing personal in any address the pages use.
    assert!(!found.location.contains("CA46001") && !choices.body.contains("CA46001"));

    let sent = b
        .submit(
            &choices,
            "/es/sign-up/choices",
            &[
                ("language", "es"),
                ("want_email", "1"),
                ("email", "Maria@Example.org"),
                ("from", "09:00"),
                ("to", "18:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location, "/es/confirm");
    let confirm = b.follow(&sent).await;
    assert!(
        confirm.body.contains("Maria@Example.org"),
        "{}",
        confirm.body
    );
    // Nothing is subscribed until the contact is confirmed.
    let key = ballot_tracker::domain::VoterId::parse("CA46001")
        .unwrap()
        .key();
    assert!(p.store.read().unwrap().subscription(key).unwrap().is_none());

    // A wrong code is refused; the right one signs the voter up and in.
    let bad = b
        .submit(&confirm, "/es/confirm", &[("code_email", "000000")])
        .await;
    assert!(bad.body.contains(r##"href="#code_email""##), "{}", bad.body);
    let code = p.code_for("maria@example.org");
    assert_eq!(code.len(), 6);
    let done = b
        .submit(&bad, "/es/confirm", &[("code_email", &code)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(
        done.set_cookies
            .iter()
            .any(|c| c.starts_with("bt_session="))
    );
    let mine = b.follow(&done).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.body.contains("María José"), "{}", mine.body);
    let sub = p
        .store
        .read()
        .unwrap()
        .subscription(key)
        .unwrap()
        .expect("subscribed");
    assert!(sub.email.as_ref().unwrap().verified);
    assert_eq!(sub.hours.to_string(), "09:00-18:00");
    assert_eq!(sub.language.code(), "es");

    // Hours changed on "My choices".
    let prefs = b.get("/es/preferences").await;
    assert!(
        prefs.body.contains(r#"value="09:00" selected"#),
        "{}",
        prefs.body
    );
    let saved = b
        .submit(
            &prefs,
            "/es/preferences",
            &[
                ("voter", "0"),
                ("language", "es"),
                ("want_email", "1"),
                ("email", "Maria@Example.org"),
                ("from", "07:00"),
                ("to", "21:00"),
                ("time_zone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let sub = p.store.read().unwrap().subscription(key).unwrap().unwrap();
    // The settings are the email contact's own.
    let email = ballot_tracker::domain::Channel::Email;
    assert_eq!(sub.hours_for(email).to_string(), "07:00-21:00");
    assert_eq!(sub.time_zone_for(email), "America/New_York");
    assert!(
        sub.email.as_ref().unwrap().verified,
        "an unchanged contact stays confirmed"
    );

    // Stopped, then deleted.
    let prefs = b.follow(&saved).await;
    let stopped = b
        .submit(
            &prefs,
            "/es/preferences/stop",
            &[("voter", "0"), ("channel", "all")],
        )
        .await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER);
    let sub = p.store.read().unwrap().subscription(key).unwrap().unwrap();
    assert!(sub.email.as_ref().unwrap().opted_out);
    let prefs = b.follow(&stopped).await;
    let gone = b
        .submit(&prefs, "/es/preferences/delete", &[("voter", "0")])
        .await;
    assert_eq!(gone.status, StatusCode::OK);
    assert!(p.store.read().unwrap().subscription(key).unwrap().is_none());
    // Signed out with it.
    let after = b.get("/es/my-ballot").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location, "/es/sign-in");
}

#[tokio::test]
async fn no_match_and_an_inactive_voter_look_the_same() {
    let p = Portal::start().await;
    let mut answers = Vec::new();
    for who in [
        identity("Tom", "Reed", "01-02-1975", "96118"), // inactive
        identity("Nobody", "Here", "01-02-1975", "96118"), // not registered
    ] {
        let mut b = Browser::new(&p);
        let form = b.get("/en/sign-up").await;
        let started = std::time::Instant::now();
        let posted = b.submit(&form, "/en/sign-up", &who).await;
        let took = started.elapsed();
        assert_eq!(posted.status, StatusCode::SEE_OTHER);
        assert!(took >= std::time::Duration::from_millis(300), "{took:?}");
        let next = b.follow(&posted).await;
        // The same answer: same headers' shape, same page.
        let cookie_shape: Vec<String> = posted
            .set_cookies
            .iter()
            .map(|c| c.split_once('=').unwrap().0.to_string() + c.split_once(';').unwrap().1)
            .collect();
        answers.push((
            posted.location.clone(),
            cookie_shape,
            strip_csrf(&next.body),
        ));
    }
    assert_eq!(answers[0], answers[1]);
    assert!(answers[0].2.contains("voterstatus.sos.ca.gov"));
}

fn strip_csrf(body: &str) -> String {
    match body.find(r#"name="csrf" value=""#) {
        Some(at) => {
            let rest = &body[at + 19..];
            let end = rest.find('"').unwrap();
            format!("{}{}", &body[..at], &rest[end..])
        }
        None => body.to_string(),
    }
}

#[tokio::test]
async fn several_matching_voters_are_told_apart_by_voter_id() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    let form = b.get("/en/sign-up").await;
    let posted = b
        .submit(
            &form,
            "/en/sign-up",
            &identity("Sam", "Twin", "05-06-1990", "94601"),
        )
        .await;
    let ask = b.follow(&posted).await;
    assert!(ask.body.contains(r#"name="voter_id""#), "{}", ask.body);
    // An id that is not one of them goes to the guidance page.
    let wrong = b
        .submit(&ask, "/en/sign-up/voter-id", &[("voter_id", "CA46001")])
        .await;
    let guidance = b.follow(&wrong).await;
    assert!(guidance.body.contains("voterstatus.sos.ca.gov"));

    let form = b.get("/en/sign-up").await;
    let posted = b
        .submit(
            &form,
            "/en/sign-up",
            &identity("Sam", "Twin", "05-06-1990", "94601"),
        )
        .await;
    let ask = b.follow(&posted).await;
    let chosen = b
        .submit(&ask, "/en/sign-up/voter-id", &[("voter_id", "ca01002")])
        .await;
    let choices = b.follow(&chosen).await;
    assert!(
        choices.body.contains(r#"name="want_email""#),
        "{}",
        choices.body
    );
}

#[tokio::test]
async fn forms_need_their_token_and_attempts_are_limited() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    let form = b.get("/en/sign-up").await;
    let forged = b
        .send(
            Method::POST,
            "/en/sign-up",
            &[("csrf", "0123"), ("first_name", "Tom")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Ten tries for one identity within 15 minutes; the eleventh waits.
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let r = b
            .submit(
                &form,
                "/en/sign-up",
                &identity("Nobody", "Here", "01-02-1975", "96118"),
            )
            .await;
        statuses.push(r.status);
    }
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_confirmed_voter_signs_in_by_code_and_an_unknown_contact_learns_nothing() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    // Signed up through the pages first.
    sign_up(
        &p,
        &mut b,
        "en",
        &identity("María José", "García López", "07-04-1980", "96118"),
        "mj@example.org",
    )
    .await;

    let mut other = Browser::new(&p);
    let form = other.get("/en/sign-in").await;
    let known = other
        .submit(&form, "/en/sign-in", &[("contact", "MJ@example.org")])
        .await;
    let unknown = other
        .submit(&form, "/en/sign-in", &[("contact", "who@example.org")])
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(
        strip_csrf(&known.body).replace("MJ@example.org", "X"),
        strip_csrf(&unknown.body).replace("who@example.org", "X")
    );
    // The code arrives (sent in the background); none went to the unknown address.
    for _ in 0..100 {
        if p.codes_for("mj@example.org").len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(p.codes_for("mj@example.org").len(), 2);
    assert!(p.codes_for("who@example.org").is_empty());
    let code = p.code_for("mj@example.org");
    let wrong = other
        .submit(
            &known,
            "/en/sign-in/code",
            &[("contact", "mj@example.org"), ("code", "111111")],
        )
        .await;
    assert!(wrong.body.contains(r##"href="#code""##));
    let ok = other
        .submit(
            &wrong,
            "/en/sign-in/code",
            &[("contact", "mj@example.org"), ("code", &code)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let mine = other.follow(&ok).await;
    assert!(mine.body.contains("María José"));
}

/// María José (CA46001) signed up in Vietnamese by staff, contacts confirmed.
fn subscribe(p: &Portal, email: &str, sms: Option<&str>, now: jiff::Timestamp) {
    let req = ballot_tracker::service::subscriptions::SubscriptionRequest {
        votecal_id: "CA46001".into(),
        email: Some(email.into()),
        sms: sms.map(str::to_string),
        language: "vi".into(),
        confirmed: true,
        ..Default::default()
    };
    ballot_tracker::service::subscriptions::add(
        &p.store,
        &ballot_tracker::service::Actor::operator(),
        &req,
        &Default::default(),
        now,
    )
    .unwrap();
}

#[tokio::test]
async fn the_manage_link_in_a_message_signs_its_voter_in_until_it_expires() {
    let p = Portal::start().await;
    let now = jiff::Timestamp::now();
    subscribe(&p, "mj@example.org", None, now);
    let key = ballot_tracker::domain::VoterId::parse("CA46001")
        .unwrap()
        .key();
    let signer = ballot_tracker::signer::Signer::new(p.store.keys());
    let token = signer.seal("manage", &[key], now.as_second() + 3600);
    assert!(!token.contains("CA46001"));
    let mut b = Browser::new(&p);
    let link = b.get(&format!("/manage/{token}")).await;
    assert_eq!(link.status, StatusCode::SEE_OTHER);
    assert_eq!(link.location, "/vi/my-ballot", "in the voter's language");
    let mine = b.follow(&link).await;
    assert!(mine.body.contains("María José"), "{}", mine.body);

    let expired = signer.seal("manage", &[key], now.as_second() - 1);
    let mut c = Browser::new(&p);
    let link = c.get(&format!("/manage/{expired}")).await;
    assert_eq!(link.location, "/en/sign-in");
    assert!(link.set_cookies.is_empty());
    // A session token is not a manage link, nor the other way round.
    let session = signer.seal("session", &[key], now.as_second() + 3600);
    let link = c.get(&format!("/manage/{session}")).await;
    assert_eq!(link.location, "/en/sign-in");
}

#[tokio::test]
async fn a_voter_who_moved_county_signs_up_again_in_the_new_one() {
    let p = Portal::start().await;
    let now = jiff::Timestamp::now();
    let req = ballot_tracker::service::subscriptions::SubscriptionRequest {
        votecal_id: "CA46001".into(),
        email: Some("old@example.org".into()),
        sms: Some("+19165550123".into()),
        language: "es".into(),
        confirmed: true,
        ..Default::default()
    };
    ballot_tracker::service::subscriptions::add(
        &p.store,
        &ballot_tracker::service::Actor::operator(),
        &req,
        &Default::default(),
        now,
    )
    .unwrap();
    // VoteCal now has her in Alameda (01), at a new address.
    let moved = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n\
                 CA46001,01,María José,,García López,,1980-07-04,94601,A,es,2026-02-01T00:00:00Z\n";
    let opts = common::import_options(
        ballot_tracker::ingest::VoterMode::Delta,
        now.as_second(),
        std::env::temp_dir(),
    );
    ballot_tracker::ingest::import(
        &p.store,
        ballot_tracker::ingest::Feed::Voters,
        moved.as_bytes(),
        &opts,
    )
    .unwrap();
    let mut b = Browser::new(&p);
    let form = b.get("/es/sign-up").await;
    // The old ZIP no longer matches; the new one does.
    let old = b
        .submit(
            &form,
            "/es/sign-up",
            &identity("María José", "García López", "07-04-1980", "96118"),
        )
        .await;
    let guidance = b.follow(&old).await;
    assert!(guidance.body.contains("voterstatus.sos.ca.gov"));
    let done = sign_up(
        &p,
        &mut b,
        "es",
        &identity("María José", "García López", "07-04-1980", "94601"),
        "new@example.org",
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let key = ballot_tracker::domain::VoterId::parse("CA46001")
        .unwrap()
        .key();
    let sub = p.store.read().unwrap().subscription(key).unwrap().unwrap();
    assert_eq!(sub.county.code(), "01");
    assert_eq!(sub.email.as_ref().unwrap().address, "new@example.org");
    // The old county's contacts ended with the old subscription.
    assert!(sub.sms.is_none());
}

#[tokio::test]
async fn the_unsubscribe_link_asks_in_the_voters_language_then_stops() {
    let p = Portal::start().await;
    subscribe(
        &p,
        "mj@example.org",
        Some("(916) 555-0123"),
        jiff::Timestamp::now(),
    );
    let voter = ballot_tracker::domain::VoterId::parse("CA46001").unwrap();
    let token = ballot_tracker::signer::token(
        p.store.keys(),
        voter.key(),
        ballot_tracker::domain::Channel::Email,
    );
    let mut b = Browser::new(&p);
    let link = b.get(&format!("/unsubscribe/{token}")).await;
    assert_eq!(link.location, format!("/vi/unsubscribe/{token}"));
    let ask = b.follow(&link).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains(r#"<html lang="vi">"#), "{}", ask.body);
    assert!(ask.body.contains("m…@example.org"), "masked: {}", ask.body);
    assert!(!ask.body.contains("mj@example.org"));
    // Opening the page stops nothing (link scanners open links too).
    let sub = |s: &ballot_tracker::store::Store| {
        s.read()
            .unwrap()
            .subscription(voter.key())
            .unwrap()
            .unwrap()
    };
    assert!(!sub(&p.store).email.unwrap().opted_out);
    let done = b
        .submit(&ask, &format!("/vi/unsubscribe/{token}"), &[])
        .await;
    let shown = b.follow(&done).await;
    assert!(shown.body.contains(r#"class="notice""#), "{}", shown.body);
    let after = sub(&p.store);
    assert!(after.email.unwrap().opted_out);
    assert!(!after.sms.unwrap().opted_out, "only the email stopped");
    // Without the form token, nothing happens; a forged link is not found.
    let forged = b.get("/vi/unsubscribe/0.email.00").await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    let mut c = Browser::new(&p);
    let bare = c
        .send(Method::POST, &format!("/vi/unsubscribe/{token}"), &[])
        .await;
    assert_ne!(bare.status, StatusCode::SEE_OTHER);
}

/// The first run of exactly six digits in `text`.
fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_string)
}

#[tokio::test]
async fn a_text_and_a_call_confirm_their_numbers_with_the_codes_they_carry() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    let form = b.get("/km/sign-up").await;
    let who = identity("María José", "García López", "07-04-1980", "96118");
    let found = b.submit(&form, "/km/sign-up", &who).await;
    let choices = b.follow(&found).await;
    let sent = b
        .submit(
            &choices,
            "/km/sign-up/choices",
            &[
                ("language", "km"),
                ("want_sms", "1"),
                ("sms", "(916) 555-0101"),
                ("want_voice", "1"),
                ("voice", "(916) 555-0102"),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    let confirm = b.follow(&sent).await;
    assert!(
        confirm.body.contains(r#"id="code_sms""#),
        "{}",
        confirm.body
    );
    assert!(
        confirm.body.contains(r#"id="code_voice""#),
        "{}",
        confirm.body
    );

    // The text carries its code in Khmer; the call reads it digit by digit,
    // twice, in English (no text-to-speech voice speaks Khmer).
    let texts = p.sent_to("sms", "+19165550101");
    assert_eq!(texts.len(), 1, "{texts:?}");
    let sms = texts[0]["content"]["text"].as_str().unwrap();
    assert!(sms.contains("លេខកូដ"), "{sms}");
    let sms_code = six_digits(sms).unwrap();
    let calls = p.sent_to("voice", "+19165550102");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let script = calls[0]["content"]["script"].as_str().unwrap();
    assert!(script.starts_with("Hello."), "{script}");
    let digits: String = script.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits.len(), 12, "{script}");
    assert_eq!(digits[..6], digits[6..], "read twice: {script}");
    let voice_code = digits[..6].to_string();
    assert_ne!(sms_code, voice_code, "each contact has its own code");

    // Nothing is sent to a contact before it is confirmed; the codes confirm both.
    assert!(
        p.store
            .read()
            .unwrap()
            .subscription(VoterId::parse("CA46001").unwrap().key())
            .unwrap()
            .is_none()
    );
    let done = b
        .submit(
            &confirm,
            "/km/confirm",
            &[("code_sms", &sms_code), ("code_voice", &voice_code)],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let sub = p
        .store
        .read()
        .unwrap()
        .subscription(VoterId::parse("CA46001").unwrap().key())
        .unwrap()
        .expect("subscribed once confirmed");
    assert!(sub.sms.unwrap().verified);
    assert!(sub.voice.unwrap().verified);
    assert_eq!(sub.language.code(), "km");
}
