//! Who a sign-up belongs to, over HTTP as a browser uses the voter pages:
//! sign-ins and manage links that die with sign-out, deletion and contact
//! changes; codes capped per destination and phones limited to allowed
//! countries; refusals that say when to come back; the CSRF cookie over TLS.
//! Codes are read from the file driver's outbox.

use crate::common;
use crate::common::server::Served;

use ballot_tracker::config::Config;
use ballot_tracker::domain::{Channel, VoterId};
use ballot_tracker::signer::{Grant, Signer};
use ballot_tracker::store::Store;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode, header};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::collections::BTreeMap;

const VOTERS: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n\
    CA46001,46,María José,,García López,,1980-07-04,96118,A,es,2026-01-01T00:00:00Z\n";

/// The first run of exactly six digits in `text`.
fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_string)
}

const MARIA: [(&str, &str); 4] = [
    ("first_name", "María José"),
    ("last_name", "García López"),
    ("dob", "07-04-1980"),
    ("zip", "96118"),
];

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

impl Portal {
    async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    async fn start_with(configure: impl FnOnce(&mut Config)) -> Self {
        Self(Served::start_with(|cfg, _| configure(cfg), roll).await)
    }

    /// Every code sent to `to` on `channel`, oldest first.
    fn codes(&self, channel: &str, to: &str) -> Vec<String> {
        let path = self
            .outbox(Channel::Email)
            .with_file_name(format!("{channel}.jsonl"));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|m| {
                m["to"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(to))
                    && m["id"].as_str().is_some_and(|i| i.starts_with("code-"))
            })
            .map(|m| {
                let text = match channel {
                    "email" => m["content"]["subject"].as_str(),
                    "sms" => m["content"]["text"].as_str(),
                    _ => m["content"]["script"].as_str(),
                };
                six_digits(text.unwrap()).expect("a code")
            })
            .collect()
    }

    /// Every notice of an added contact sent to `to` on `channel`, oldest first.
    fn notices(&self, channel: &str, to: &str) -> Vec<serde_json::Value> {
        let path = self
            .outbox(Channel::Email)
            .with_file_name(format!("{channel}.jsonl"));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|m| {
                m["to"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(to))
                    && m["id"].as_str().is_some_and(|i| i.starts_with("notice-"))
            })
            .collect()
    }

    /// Sends the notices due now, as the engine does each round.
    async fn send_notices(&self) -> usize {
        ballot_tracker::notify::contact_notices::send_due(&self.notifier.dispatcher)
            .await
            .unwrap()
    }

    fn email_codes(&self, to: &str) -> Vec<String> {
        self.codes("email", to)
    }

    /// Waits (bounded) until `n` codes went to `to`; codes for sign-in are
    /// sent in the background.
    async fn wait_for_codes(&self, to: &str, n: usize) -> Vec<String> {
        for _ in 0..100 {
            if self.email_codes(to).len() >= n {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        self.email_codes(to)
    }

    fn voter() -> u128 {
        VoterId::parse("CA46001").unwrap().key()
    }
}

struct Browser {
    base: String,
    jar: BTreeMap<String, String>,
    /// Sent as `X-Forwarded-For` (the portal trusts loopback as its proxy
    /// in the tests that set it).
    forwarded_for: Option<String>,
}

struct Page {
    status: StatusCode,
    location: String,
    set_cookies: Vec<String>,
    retry_after: Option<String>,
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

impl Browser {
    fn new(p: &Portal) -> Self {
        Self {
            base: format!("http://{}", p.addr),
            jar: BTreeMap::new(),
            forwarded_for: None,
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
        if let Some(f) = &self.forwarded_for {
            req = req.header("x-forwarded-for", f.as_str());
        }
        let resp = client
            .request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let text = |h: header::HeaderName| {
            resp.headers()
                .get(h)
                .map(|v| v.to_str().unwrap().to_string())
        };
        let location = text(header::LOCATION).unwrap_or_default();
        let retry_after = text(header::RETRY_AFTER);
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
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location,
            set_cookies,
            retry_after,
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        self.send(Method::GET, path, &[]).await
    }

    async fn submit(&mut self, on: &Page, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = on.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.send(Method::POST, path, &all).await
    }

    async fn follow(&mut self, p: &Page) -> Page {
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        let to = p.location.clone();
        self.get(&to).await
    }

    fn session(&self) -> Option<String> {
        self.jar.get("bt_session").cloned()
    }
}

/// The sign-up form up to the choices page.
async fn to_choices(b: &mut Browser) -> Page {
    let form = b.get("/en/sign-up").await;
    let found = b.submit(&form, "/en/sign-up", &MARIA).await;
    b.follow(&found).await
}

/// Signs María José up with one email, entering its code: signed in after.
async fn sign_up(p: &Portal, b: &mut Browser, email: &str) {
    let choices = to_choices(b).await;
    let sent = b
        .submit(
            &choices,
            "/en/sign-up/choices",
            &[
                ("language", "en"),
                ("want_email", "1"),
                ("email", email),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    let confirm = b.follow(&sent).await;
    let code = p.email_codes(email).pop().expect("a code");
    let done = b
        .submit(&confirm, "/en/confirm", &[("code_email", &code)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(
        done.location.starts_with("/en/my-ballot"),
        "{}",
        done.location
    );
}

fn signed_in(page: &Page) -> bool {
    page.status == StatusCode::OK && page.body.contains("María José")
}

#[tokio::test]
async fn a_cookie_replayed_after_sign_out_is_signed_out() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    sign_up(&p, &mut b, "mj@example.org").await;
    let old = b.session().expect("a session cookie");
    assert!(signed_in(&b.get("/en/my-ballot").await));

    let page = b.get("/en/my-ballot").await;
    let out = b.submit(&page, "/en/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);

    // A copy of the cookie, kept from before, is worth nothing now.
    let mut replay = Browser::new(&p);
    replay.jar.insert("bt_session".into(), old);
    let page = replay.get("/en/my-ballot").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location, "/en/sign-in");

    // Signing in again works, with a new cookie.
    let form = b.get("/en/sign-in").await;
    let code_page = b
        .submit(&form, "/en/sign-in", &[("contact", "mj@example.org")])
        .await;
    let codes = p.wait_for_codes("mj@example.org", 2).await;
    let ok = b
        .submit(
            &code_page,
            "/en/sign-in/code",
            &[
                ("contact", "mj@example.org"),
                ("code", codes.last().unwrap()),
            ],
        )
        .await;
    assert!(signed_in(&b.follow(&ok).await));
}

#[tokio::test]
async fn a_manage_link_and_its_session_die_with_delete_my_data() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    sign_up(&p, &mut b, "mj@example.org").await;
    // The link a message carries: the email contact at its generation now.
    let epoch = p
        .store
        .read()
        .unwrap()
        .contact_epochs(Portal::voter())
        .unwrap()
        .get(Channel::Email);
    let signer = Signer::new(p.store.keys());
    let now = jiff::Timestamp::now().as_second();
    let link = signer.seal_grants(
        "manage",
        &[Grant {
            voter: Portal::voter(),
            through: vec![(Channel::Email, epoch)],
        }],
        now + 60 * 24 * 3600,
    );
    let mut other = Browser::new(&p);
    let opened = other.get(&format!("/manage/{link}")).await;
    assert_eq!(opened.location, "/en/my-ballot");
    assert!(signed_in(&other.follow(&opened).await));
    let linked_session = other.session().unwrap();

    let prefs = b.get("/en/preferences").await;
    let gone = b
        .submit(&prefs, "/en/preferences/delete", &[("voter", "0")])
        .await;
    assert_eq!(gone.status, StatusCode::OK);

    // The 60-day link no longer signs in, nor the session it gave.
    let mut later = Browser::new(&p);
    let again = later.get(&format!("/manage/{link}")).await;
    assert_eq!(again.location, "/en/sign-in");
    assert!(
        !again
            .set_cookies
            .iter()
            .any(|c| c.starts_with("bt_session"))
    );
    let mut replay = Browser::new(&p);
    replay.jar.insert("bt_session".into(), linked_session);
    assert_eq!(replay.get("/en/my-ballot").await.location, "/en/sign-in");
}

#[tokio::test]
async fn a_changed_email_ends_the_sign_ins_and_links_that_came_through_it() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    sign_up(&p, &mut b, "mj@example.org").await;
    let (old_session, epoch) = (
        b.session().unwrap(),
        p.store
            .read()
            .unwrap()
            .contact_epochs(Portal::voter())
            .unwrap()
            .get(Channel::Email),
    );
    let signer = Signer::new(p.store.keys());
    let now = jiff::Timestamp::now().as_second();
    let (_, link) =
        signer.token_and_seal(Portal::voter(), Channel::Email, epoch, "manage", now + 3600);
    let prefs = b.get("/en/preferences").await;
    let changed = b
        .submit(
            &prefs,
            "/en/preferences",
            &[
                ("voter", "0"),
                ("language", "en"),
                ("want_email", "1"),
                ("email", "new@example.org"),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let mut replay = Browser::new(&p);
    replay.jar.insert("bt_session".into(), old_session);
    assert_eq!(replay.get("/en/my-ballot").await.location, "/en/sign-in");
    let mut c = Browser::new(&p);
    assert_eq!(
        c.get(&format!("/manage/{link}")).await.location,
        "/en/sign-in"
    );
}

#[tokio::test]
async fn codes_to_one_contact_are_capped_and_a_stranger_cannot_lock_its_owner_out() {
    let p = Portal::start().await;
    let mut voter = Browser::new(&p);
    sign_up(&p, &mut voter, "mj@example.org").await;
    // A stranger asks for sign-in codes to her address over and over.
    let mut stranger = Browser::new(&p);
    let form = stranger.get("/en/sign-in").await;
    for _ in 0..12 {
        let r = stranger
            .submit(&form, "/en/sign-in", &[("contact", "mj@example.org")])
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let codes = p.email_codes("mj@example.org");
    // The sign-up's code, one more at once, then the back-off holds the rest.
    assert_eq!(codes.len(), 2, "{codes:?}");

    // Her own sign-in is not refused, and the code she has still works.
    let mut own = Browser::new(&p);
    let form = own.get("/en/sign-in").await;
    let code_page = own
        .submit(&form, "/en/sign-in", &[("contact", "mj@example.org")])
        .await;
    assert_eq!(code_page.status, StatusCode::OK);
    let ok = own
        .submit(
            &code_page,
            "/en/sign-in/code",
            &[
                ("contact", "mj@example.org"),
                ("code", codes.last().unwrap()),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert!(signed_in(&own.follow(&ok).await));
}

#[tokio::test]
async fn an_identitys_limit_answers_with_retry_after_and_never_blocks_a_confirmed_contact() {
    let p = Portal::start().await;
    let mut voter = Browser::new(&p);
    sign_up(&p, &mut voter, "mj@example.org").await;
    let mut stranger = Browser::new(&p);
    let form = stranger.get("/en/sign-up").await;
    let mut last = None;
    for _ in 0..12 {
        last = Some(stranger.submit(&form, "/en/sign-up", &MARIA).await);
    }
    let refused = last.unwrap();
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    assert!(
        refused.body.contains("this person or contact"),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("from here"));

    // She still signs in through her confirmed email.
    let mut own = Browser::new(&p);
    let form = own.get("/en/sign-in").await;
    let code_page = own
        .submit(&form, "/en/sign-in", &[("contact", "mj@example.org")])
        .await;
    assert_eq!(code_page.status, StatusCode::OK);
    let codes = p.wait_for_codes("mj@example.org", 2).await;
    let ok = own
        .submit(
            &code_page,
            "/en/sign-in/code",
            &[
                ("contact", "mj@example.org"),
                ("code", codes.last().unwrap()),
            ],
        )
        .await;
    assert!(signed_in(&own.follow(&ok).await));
}

#[tokio::test]
async fn ipv6_clients_are_limited_per_64_and_told_when_to_come_back() {
    let p = Portal::start_with(|c| {
        c.portal.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        c.portal.attempts_per_client = 3;
    })
    .await;
    let mut b = Browser::new(&p);
    let form = b.get("/en/sign-in").await;
    let mut statuses = Vec::new();
    for host in ["::1", "::2", "::3", ":ffff:1:2:3"] {
        b.forwarded_for = Some(format!("2001:db8:1:2{host}"));
        let r = b
            .submit(&form, "/en/sign-in", &[("contact", "who@example.org")])
            .await;
        statuses.push((r.status, r.retry_after.clone()));
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.body.contains("from here"), "{}", r.body);
        }
    }
    assert!(
        statuses[..3].iter().all(|(s, _)| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(statuses[3].0, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = statuses[3].1.as_deref().unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&wait));
    // Another /64 is another client.
    b.forwarded_for = Some("2001:db8:1:3::1".into());
    let r = b
        .submit(&form, "/en/sign-in", &[("contact", "who@example.org")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn texts_and_calls_only_go_to_allowed_countries() {
    let p = Portal::start().await;
    let mut b = Browser::new(&p);
    let choices = to_choices(&mut b).await;
    for (want, field) in [("want_sms", "sms"), ("want_voice", "voice")] {
        let refused = b
            .submit(
                &choices,
                "/en/sign-up/choices",
                &[
                    ("language", "en"),
                    (want, "1"),
                    (field, "+52 55 1234 5678"),
                    ("from", "08:00"),
                    ("to", "20:00"),
                    ("time_zone", "America/Los_Angeles"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::OK);
        assert!(
            refused
                .body
                .contains("We cannot send texts or calls to phone numbers in that country"),
            "{}",
            refused.body
        );
    }
    assert!(p.codes("sms", "+525512345678").is_empty());
    assert!(p.codes("voice", "+525512345678").is_empty());
    // A U.S. number goes through.
    let ok = b
        .submit(
            &choices,
            "/en/sign-up/choices",
            &[
                ("language", "en"),
                ("want_sms", "1"),
                ("sms", "(916) 653-6814"),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

#[tokio::test]
async fn over_tls_the_csrf_cookie_is_host_only_and_forms_take_it() {
    let p = Portal::start_with(|c| c.public_url = Some("https://ballots.example.gov".into())).await;
    let mut b = Browser::new(&p);
    let form = b.get("/en/sign-up").await;
    let csrf = form
        .set_cookies
        .iter()
        .find(|c| c.contains("bt_csrf"))
        .expect("a CSRF cookie");
    assert!(csrf.starts_with("__Host-bt_csrf="), "{csrf}");
    assert!(
        csrf.contains("; Secure") && csrf.contains("Path=/"),
        "{csrf}"
    );
    assert!(!csrf.contains("Domain"), "{csrf}");
    let posted = b.submit(&form, "/en/sign-up", &MARIA).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    // A plain-named cookie planted by a sibling site is not the form's.
    let mut planted = Browser::new(&p);
    planted
        .jar
        .insert("bt_csrf".into(), "0123456789abcdef0123456789abcdef".into());
    let page = planted.get("/en/sign-up").await;
    assert!(
        page.set_cookies
            .iter()
            .any(|c| c.starts_with("__Host-bt_csrf=")),
        "a host-only cookie is given anyway"
    );
}

/// Signs María José up with one text number, as a stranger who knows her
/// name, date of birth and ZIP code would.
async fn sign_up_by_text(p: &Portal, b: &mut Browser, number: &str, e164: &str) {
    let choices = to_choices(b).await;
    let sent = b
        .submit(
            &choices,
            "/en/sign-up/choices",
            &[
                ("language", "ko"),
                ("want_sms", "1"),
                ("sms", number),
                ("from", "00:00"),
                ("to", "24:00"),
                ("time_zone", "Asia/Seoul"),
            ],
        )
        .await;
    let confirm = b.follow(&sent).await;
    let code = p.codes("sms", e164).pop().expect("a code by text");
    let done = b
        .submit(&confirm, "/en/confirm", &[("code_sms", &code)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

#[tokio::test]
async fn a_stranger_who_knows_the_identity_gets_only_their_own_contact() {
    let p = Portal::start().await;
    let mut voter = Browser::new(&p);
    sign_up(&p, &mut voter, "mj@example.org").await;
    let mut stranger = Browser::new(&p);

    // Another email on her sign-up is refused: hers is confirmed.
    let choices = to_choices(&mut stranger).await;
    let refused = stranger
        .submit(
            &choices,
            "/en/sign-up/choices",
            &[
                ("language", "en"),
                ("want_email", "1"),
                ("email", "thief@example.org"),
                ("from", "08:00"),
                ("to", "20:00"),
                ("time_zone", "America/Los_Angeles"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::OK);
    assert!(
        refused.body.contains("Only that contact can change it"),
        "{}",
        refused.body
    );
    assert!(p.email_codes("thief@example.org").is_empty());

    // A text number of the stranger's own joins, with its own settings.
    let mut stranger = Browser::new(&p);
    sign_up_by_text(&p, &mut stranger, "(916) 653-6814", "+19166536814").await;
    let sub = || {
        p.store
            .read()
            .unwrap()
            .subscription(Portal::voter())
            .unwrap()
            .unwrap()
    };
    let s = sub();
    assert_eq!(s.email.as_ref().unwrap().address, "mj@example.org");
    assert_eq!(s.language_for(Channel::Email).code(), "en");
    assert_eq!(s.language_for(Channel::Sms).code(), "ko");
    assert_eq!(s.hours_for(Channel::Email).to_string(), "08:00-20:00");

    // The stranger sees her email masked, with no button to stop it.
    let prefs = stranger.get("/en/preferences").await;
    assert!(prefs.body.contains("m•••@example.org"), "{}", prefs.body);
    assert!(!prefs.body.contains("mj@example.org"));
    assert!(!prefs.body.contains(r#"name="channel" value="email""#));
    // Forms posted anyway change nothing of hers.
    stranger
        .submit(
            &prefs,
            "/en/preferences/stop",
            &[("voter", "0"), ("channel", "email")],
        )
        .await;
    stranger
        .submit(
            &prefs,
            "/en/preferences/stop",
            &[("voter", "0"), ("channel", "all")],
        )
        .await;
    stranger
        .submit(
            &prefs,
            "/en/preferences",
            &[
                ("voter", "0"),
                ("language", "vi"),
                ("want_email", "1"),
                ("email", "thief@example.org"),
                ("want_sms", "1"),
                ("sms", "(916) 653-6814"),
                ("from", "03:00"),
                ("to", "04:00"),
                ("time_zone", "Asia/Tokyo"),
            ],
        )
        .await;
    let s = sub();
    let email = s.email.as_ref().unwrap();
    assert_eq!(email.address, "mj@example.org");
    assert!(email.verified && !email.opted_out);
    assert_eq!(s.language_for(Channel::Email).code(), "en");
    assert_eq!(s.hours_for(Channel::Email).to_string(), "08:00-20:00");
    // Its own contact it may change and stop.
    assert_eq!(s.language_for(Channel::Sms).code(), "vi");
    assert!(s.sms.as_ref().unwrap().opted_out);

    // The voter sees her own email in full and the stranger's number masked.
    let mine = voter.get("/en/preferences").await;
    assert!(mine.body.contains("mj@example.org"), "{}", mine.body);
    assert!(mine.body.contains("(•••) •••-6814"), "{}", mine.body);

    // "Delete my data" from the stranger removes only the stranger's number.
    let prefs = stranger.get("/en/preferences").await;
    let gone = stranger
        .submit(&prefs, "/en/preferences/delete", &[("voter", "0")])
        .await;
    assert_eq!(gone.status, StatusCode::OK);
    let s = sub();
    assert!(s.sms.is_none());
    assert_eq!(s.email.as_ref().unwrap().address, "mj@example.org");
    assert!(signed_in(&voter.get("/en/my-ballot").await));
}

/// The path of the removal link in `text`.
fn link_path(text: &str) -> String {
    let at = text.find("/contact-added/").expect("a link");
    text[at..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_voters_contacts_are_told_of_a_new_one_and_can_remove_it_once() {
    let p = Portal::start().await;
    let mut voter = Browser::new(&p);
    sign_up(&p, &mut voter, "mj@example.org").await;
    // Her own sign-up tells no one: she has no other contact.
    assert_eq!(p.send_notices().await, 0);

    let mut stranger = Browser::new(&p);
    sign_up_by_text(&p, &mut stranger, "(916) 653-6814", "+19166536814").await;
    assert!(signed_in(&stranger.get("/en/my-ballot").await));
    assert_eq!(p.send_notices().await, 1);
    assert_eq!(p.send_notices().await, 0, "each notice goes once");
    let notices = p.notices("email", "mj@example.org");
    assert_eq!(notices.len(), 1);
    // In her language (English), naming the number masked, with the link.
    let n = &notices[0]["content"];
    let subject = n["subject"].as_str().unwrap();
    let text = n["text"].as_str().unwrap();
    assert!(subject.contains("new contact"), "{subject}");
    assert!(text.contains("(•••) •••-6814"), "{text}");
    assert!(!text.contains("6536814"), "{text}");
    let link = link_path(text);
    assert!(link.starts_with("/contact-added/en/"), "{link}");
    assert!(
        n["html"].as_str().unwrap().contains(&format!("{link}\">")),
        "the HTML links it"
    );
    // The stranger's own text number was not told of itself.
    assert!(p.notices("sms", "+19166536814").is_empty());

    // The voter opens the link, signed in or not.
    let mut reader = Browser::new(&p);
    let to_page = reader.get(&link).await;
    assert_eq!(to_page.status, StatusCode::SEE_OTHER);
    let page = reader.follow(&to_page).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("(•••) •••-6814"), "{}", page.body);
    let token = to_page.location.rsplit('/').next().unwrap().to_string();
    let done = reader
        .submit(&page, &format!("/en/contact-added/{token}"), &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(
        reader
            .follow(&done)
            .await
            .body
            .contains("The contact was removed")
    );

    // The number is gone, her email stays, and the stranger is signed out.
    let s = p
        .store
        .read()
        .unwrap()
        .subscription(Portal::voter())
        .unwrap()
        .unwrap();
    assert!(s.sms.is_none());
    assert_eq!(s.email.as_ref().unwrap().address, "mj@example.org");
    assert!(!signed_in(&stranger.get("/en/my-ballot").await));
    assert!(signed_in(&voter.get("/en/my-ballot").await));
    // The link works once.
    let again = reader.get(&format!("/en/contact-added/{token}")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(again.body.contains("no longer works"), "{}", again.body);
    let replayed = reader
        .submit(&page, &format!("/en/contact-added/{token}"), &[])
        .await;
    assert_eq!(replayed.status, StatusCode::NOT_FOUND);
    // A forged or altered token is no link at all.
    let mut forged = token.clone();
    forged.replace_range(10..11, if &token[10..11] == "A" { "B" } else { "A" });
    let page = reader.get(&format!("/en/contact-added/{forged}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_stranger_adding_contacts_again_and_again_cannot_flood_the_voter() {
    let p = Portal::start().await;
    let mut voter = Browser::new(&p);
    sign_up(&p, &mut voter, "mj@example.org").await;
    for i in 0..6 {
        let number = format!("(916) 653-68{i:02}");
        let e164 = format!("+1916653680{i}");
        let mut stranger = Browser::new(&p);
        sign_up_by_text(&p, &mut stranger, &number, &e164).await;
        // The stranger removes the number again, to add the next one.
        let prefs = stranger.get("/en/preferences").await;
        let gone = stranger
            .submit(&prefs, "/en/preferences/delete", &[("voter", "0")])
            .await;
        assert_eq!(gone.status, StatusCode::OK);
    }
    p.send_notices().await;
    // Notices of numbers already removed say nothing true: none goes. The
    // caps held the rest back from the start: at most 4 in an hour.
    let r = p.store.read().unwrap();
    let queued = r.contact_notices_due(i64::MAX / 2, 100).unwrap();
    drop(r);
    assert!(queued.is_empty(), "{queued:?}");
    assert!(p.notices("email", "mj@example.org").is_empty());
    let audit = p.store.read().unwrap().audit_log().unwrap();
    let said = |what: &str| audit.iter().filter(|a| a.2.contains(what)).count();
    let (told, held) = (
        said("email told that sms joined"),
        said("email not told that sms joined"),
    );
    assert_eq!((told, held), (4, 2), "{audit:?}");
}
