//! The HTTP API, black box: a real server on 127.0.0.1 (port 0) over a temp
//! data directory, real HTTP requests.

use crate::common;
use crate::common::server::Served;

use ballot_tracker::config::Config;
use ballot_tracker::domain::ballot::{self, Ballot, BallotRow, RowKind};
use ballot_tracker::domain::{
    CountyCode, Election, ElectionKind, StatusCode, StatusTable, VoterId,
};
use ballot_tracker::store::{Store, TokenScope};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, Response, StatusCode as Http, header};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::{Value, json};
use std::io::Write;
use std::sync::Arc;

/// The service with its API, as integrators reach it.
struct TestServer(Served);

impl std::ops::Deref for TestServer {
    type Target = Served;
    fn deref(&self) -> &Served {
        &self.0
    }
}

impl TestServer {
    async fn start(tls: Option<(&str, &str)>) -> Self {
        Self::start_with(tls, |_| {}).await
    }

    async fn start_with(tls: Option<(&str, &str)>, configure: impl FnOnce(&mut Config)) -> Self {
        Self(
            Served::start_with(
                |cfg, dir| {
                    configure(cfg);
                    if let Some((cert, key)) = tls {
                        std::fs::write(dir.join("cert.pem"), cert).unwrap();
                        std::fs::write(dir.join("key.pem"), key).unwrap();
                        cfg.tls.cert = Some(dir.join("cert.pem"));
                        cfg.tls.key = Some(dir.join("key.pem"));
                    }
                },
                |_| {},
            )
            .await,
        )
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn stop(self) {
        self.0.stop().await
    }
}

struct Answer {
    status: Http,
    headers: hyper::HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    /// An RFC 9457 problem with the given status.
    fn assert_problem(&self, status: Http) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.header("content-type"), "application/problem+json");
        let p = self.json();
        assert_eq!(p["status"], status.as_u16());
        assert!(p["type"].is_string(), "{p}");
        assert_eq!(p["title"], status.canonical_reason().unwrap());
        assert!(!p["detail"].as_str().unwrap().is_empty(), "{p}");
        p
    }
}

async fn collect(resp: Response<hyper::body::Incoming>) -> Answer {
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body,
    }
}

async fn call(method: Method, url: &str, token: Option<&str>, body: impl Into<Bytes>) -> Answer {
    call_with(method, url, token, body, &[]).await
}

async fn call_with(
    method: Method,
    url: &str,
    token: Option<&str>,
    body: impl Into<Bytes>,
    extra: &[(&str, &str)],
) -> Answer {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut req = Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let resp = client
        .request(req.body(Full::new(body.into())).unwrap())
        .await
        .unwrap();
    collect(resp).await
}

async fn get(url: &str, token: Option<&str>) -> Answer {
    call(Method::GET, url, token, Bytes::new()).await
}

async fn post(url: &str, token: Option<&str>, body: Value) -> Answer {
    call(Method::POST, url, token, body.to_string()).await
}

fn county(n: &str) -> CountyCode {
    CountyCode::parse(n).unwrap()
}

fn assert_security_headers(a: &Answer) {
    assert_eq!(a.header("x-content-type-options"), "nosniff");
    assert_eq!(a.header("x-frame-options"), "DENY");
    assert_eq!(a.header("referrer-policy"), "no-referrer");
    let csp = a.header("content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
}

#[tokio::test]
async fn health_page_and_security_headers() {
    let s = TestServer::start(None).await;
    let h = get(&s.url("/healthz"), None).await;
    assert_eq!(h.status, Http::OK);
    assert_eq!(h.json(), json!({"status": "ok"}));
    assert_security_headers(&h);
    // HSTS is for TLS only.
    assert!(h.headers.get("strict-transport-security").is_none());

    let root = get(&s.url("/"), None).await;
    assert_eq!(root.status, Http::SEE_OTHER);
    assert_eq!(root.header("location"), "/en/");
    let page = get(&s.url("/en/"), None).await;
    assert_eq!(page.status, Http::OK);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(
        String::from_utf8_lossy(&page.body).contains("Where&#39;s My Ballot?")
            || String::from_utf8_lossy(&page.body).contains("Where's My Ballot?")
    );
    assert!(!String::from_utf8_lossy(&page.body).contains("<script"));
    assert_security_headers(&page);

    // Errors carry the headers too.
    let missing = get(&s.url("/nope"), None).await;
    missing.assert_problem(Http::NOT_FOUND);
    assert_security_headers(&missing);
    s.stop().await;
}

#[tokio::test]
async fn api_needs_a_known_bearer_token() {
    let s = TestServer::start(None).await;
    let none = get(&s.url("/api/v1/elections"), None).await;
    none.assert_problem(Http::UNAUTHORIZED);
    assert_eq!(none.header("www-authenticate"), "Bearer");
    get(&s.url("/api/v1/elections"), Some("not-a-token"))
        .await
        .assert_problem(Http::UNAUTHORIZED);
    call(
        Method::POST,
        &s.url("/api/v1/imports/voters"),
        None,
        "votecal_id\n",
    )
    .await
    .assert_problem(Http::UNAUTHORIZED);

    let t = s.token(TokenScope::State);
    let ok = get(&s.url("/api/v1/elections"), Some(&t)).await;
    assert_eq!(ok.status, Http::OK);
    assert_eq!(ok.json(), json!([]));
    s.stop().await;
}

#[tokio::test]
async fn elections_create_opt_out_and_sign_up_rules() {
    let s = TestServer::start(None).await;
    let state = s.token(TokenScope::State);
    let alpine = s.token(TokenScope::County(county("02")));
    let url = s.url("/api/v1/elections");
    let general = json!({"code": "2026-11-03-GEN", "name": "General", "date": "2026-11-03", "kind": "statewide"});

    // Only the state defines elections.
    post(&url, Some(&alpine), general.clone())
        .await
        .assert_problem(Http::FORBIDDEN);
    let created = post(&url, Some(&state), general.clone()).await;
    assert_eq!(
        created.status,
        Http::CREATED,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(created.json()["code"], "2026-11-03-GEN");
    post(&url, Some(&state), general)
        .await
        .assert_problem(Http::CONFLICT);
    let bad = json!({"code": "X", "name": "x", "date": "2026-11-03", "kind": "national"});
    assert!(
        post(&url, Some(&state), bad)
            .await
            .assert_problem(Http::UNPROCESSABLE_ENTITY)["detail"]
            .as_str()
            .unwrap()
            .contains("national")
    );
    call(Method::POST, &url, Some(&state), "{not json")
        .await
        .assert_problem(Http::BAD_REQUEST);

    // A county opts itself out, not another county.
    let opt = s.url("/api/v1/elections/2026-11-03-GEN/opt-out");
    post(&opt, Some(&alpine), json!({"county": "46"}))
        .await
        .assert_problem(Http::FORBIDDEN);
    let out = post(&opt, Some(&alpine), json!({"county": "02"})).await;
    assert_eq!(out.status, Http::OK);
    assert_eq!(out.json()["opted_out"], json!(["02"]));
    let shown = get(&s.url("/api/v1/elections/2026-11-03-GEN"), Some(&alpine)).await;
    assert_eq!(shown.json()["opted_out"], json!(["02"]));
    get(&s.url("/api/v1/elections/NOPE"), Some(&state))
        .await
        .assert_problem(Http::NOT_FOUND);

    // A special election 30 days out: sign-up closed 60 days ago.
    let soon = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(30))
        .unwrap();
    let closes = soon.checked_sub(jiff::Span::new().days(90)).unwrap();
    let special =
        json!({"code": "SP-SOON", "name": "Special", "date": soon.to_string(), "kind": "special"});
    assert_eq!(
        post(&url, Some(&state), special).await.status,
        Http::CREATED
    );
    let refused = post(
        &s.url("/api/v1/elections/SP-SOON/sign-up"),
        Some(&alpine),
        json!({"county": "02", "imb": "both"}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains(&closes.to_string()),
        "{refused}"
    );
    // Opting out applies only to statewide elections.
    post(
        &s.url("/api/v1/elections/SP-SOON/opt-out"),
        Some(&alpine),
        json!({"county": "02"}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);

    // Far enough ahead: accepted.
    let later = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(120))
        .unwrap();
    let special = json!({"code": "SP-LATER", "name": "Special", "date": later.to_string(), "kind": "special"});
    assert_eq!(
        post(&url, Some(&state), special).await.status,
        Http::CREATED
    );
    let ok = post(
        &s.url("/api/v1/elections/SP-LATER/sign-up"),
        Some(&alpine),
        json!({"county": "02", "imb": "outbound"}),
    )
    .await;
    assert_eq!(ok.status, Http::OK, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["counties"]["02"]["imb"], "outbound");

    // Every staff change is in the audit log, with the token's label.
    let log = s.store.read().unwrap().audit_log().unwrap();
    assert!(
        log.iter()
            .any(|(_, actor, what)| actor == "token:test" && what.contains("opted out")),
        "{log:?}"
    );
    s.stop().await;
}

/// Puts one ballot (Sierra, 46) in the store directly, without the importer.
fn seed_ballot(store: &Store) {
    let e = Election::new(
        "GEN",
        "General",
        jiff::civil::date(2026, 11, 3),
        ElectionKind::Statewide,
    )
    .unwrap();
    let id = store.write(true, |b| b.election_put(&e)).unwrap();
    let rows = vec![
        BallotRow {
            at: 1_791_190_800,
            seq: 1,
            kind: RowKind::Status(StatusCode::Issued),
            detail: String::new(),
        },
        BallotRow {
            at: 1_792_000_000,
            seq: 1,
            kind: RowKind::Status(StatusCode::Oth),
            detail: "BME|MIA".into(),
        },
    ];
    let applied = ballot::apply(
        Ballot::new(county("46")),
        rows,
        &StatusTable::default(),
        1_792_000_100,
    );
    store
        .write(true, |b| {
            b.ballot_put(
                id,
                VoterId::parse("CA46001").unwrap(),
                &applied.ballot,
                None,
            )
        })
        .unwrap();
}

#[tokio::test]
async fn ballot_view_is_scoped_to_the_county() {
    let s = TestServer::start(None).await;
    seed_ballot(&s.store);
    let url = s.url("/api/v1/voters/CA46001/ballots/GEN");

    let state = get(&url, Some(&s.token(TokenScope::State))).await;
    assert_eq!(state.status, Http::OK);
    let v = state.json();
    assert_eq!(v["votecal_id"], "CA46001");
    assert_eq!(v["election"], "GEN");
    assert_eq!(v["status"], "not_accepted");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["source"], "votecal");
    assert_eq!(events[0]["code"], "ISSUED");
    assert_eq!(events[0]["message"], "outbound");
    assert_eq!(events[1]["reasons"], json!(["BME", "MIA"]));
    assert!(
        events[0]["at"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .is_ok(),
        "{v}"
    );

    let sierra = get(&url, Some(&s.token(TokenScope::County(county("46"))))).await;
    assert_eq!(sierra.status, Http::OK);
    // Another county cannot tell whether the ballot exists: same 404 as a voter who has none.
    let other = get(&url, Some(&s.token(TokenScope::County(county("02")))))
        .await
        .assert_problem(Http::NOT_FOUND);
    let nobody = get(
        &s.url("/api/v1/voters/CA46999/ballots/GEN"),
        Some(&s.token(TokenScope::County(county("02")))),
    )
    .await
    .assert_problem(Http::NOT_FOUND);
    assert_eq!(
        other["detail"].as_str().unwrap().replace("CA46001", "X"),
        nobody["detail"].as_str().unwrap().replace("CA46999", "X")
    );
    s.stop().await;
}

const VOTERS: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at
CA0200001,02,Ana,,Lee,,1980-02-03,96120,A,es,2026-01-01T00:00:00Z
CA0200002,02,Luis,,Garcia,,1975-07-14,96120,A,,2026-01-01T00:00:00Z
CA0200003,02,Mei,,Chen,,1990-12-01,96120,I,zh,2026-01-01T00:00:00Z
";

fn gzip(text: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

#[tokio::test]
async fn import_streams_the_body_into_the_importer() {
    let s = TestServer::start(None).await;
    let alpine = s.token(TokenScope::County(county("02")));
    let url = s.url("/api/v1/imports/voters?mode=delta");

    // A dry run changes nothing.
    let dry = call(
        Method::POST,
        &s.url("/api/v1/imports/voters?dry_run=true"),
        Some(&alpine),
        VOTERS,
    )
    .await;
    assert_eq!(
        dry.status,
        Http::OK,
        "{}",
        String::from_utf8_lossy(&dry.body)
    );
    assert_eq!(dry.json()["dry_run"], true);
    assert_eq!(s.store.read().unwrap().voter_count().unwrap(), 0);

    let done = call(Method::POST, &url, Some(&alpine), VOTERS).await;
    assert_eq!(
        done.status,
        Http::OK,
        "{}",
        String::from_utf8_lossy(&done.body)
    );
    let summary = done.json();
    assert_eq!(summary["feed"], "voters");
    assert_eq!(summary["rows"], 3);
    assert_eq!(summary["inserted"], 3);
    assert_eq!(summary["rejected"], 0);
    assert_eq!(s.store.read().unwrap().voter_count().unwrap(), 3);

    // The same file again, gzip-compressed: nothing changes.
    let again = call_with(
        Method::POST,
        &url,
        Some(&alpine),
        gzip(VOTERS),
        &[("content-encoding", "gzip")],
    )
    .await;
    assert_eq!(
        again.status,
        Http::OK,
        "{}",
        String::from_utf8_lossy(&again.body)
    );
    assert_eq!(again.json()["inserted"], 0);

    // strict with a bad row: 422, the summary inside, nothing applied.
    let bad = format!("{VOTERS}CA0200004,02,Rosa,,Cruz,,1990-13-45,96120,A,,\n");
    let refused = call(
        Method::POST,
        &s.url("/api/v1/imports/voters?strict=true"),
        Some(&alpine),
        bad,
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["summary"]["rejected"], 1, "{refused}");
    assert_eq!(refused["summary"]["errors"][0]["line"], 5, "{refused}");
    assert_eq!(s.store.read().unwrap().voter_count().unwrap(), 3);

    call(
        Method::POST,
        &s.url("/api/v1/imports/ballotz"),
        Some(&alpine),
        VOTERS,
    )
    .await
    .assert_problem(Http::NOT_FOUND);
    call(
        Method::POST,
        &s.url("/api/v1/imports/voters?mode=partial"),
        Some(&alpine),
        VOTERS,
    )
    .await
    .assert_problem(Http::BAD_REQUEST);
    call(
        Method::GET,
        &s.url("/api/v1/imports/voters"),
        Some(&alpine),
        Bytes::new(),
    )
    .await
    .assert_problem(Http::METHOD_NOT_ALLOWED);

    let log = s.store.read().unwrap().audit_log().unwrap();
    assert!(
        log.iter()
            .any(|(_, a, w)| a == "token:test" && w.starts_with("import voters")),
        "{log:?}"
    );
    s.stop().await;
}

#[tokio::test]
async fn tls_with_a_self_signed_certificate() {
    let ck =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    let cert = ck.cert.pem();
    let s = TestServer::start(Some((&cert, &ck.signing_key.serialize_pem()))).await;

    let mut roots = rustls::RootCertStore::empty();
    roots.add(ck.cert.der().clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
        .await
        .unwrap();
    tokio::spawn(conn);
    let req = Request::get("/healthz")
        .header(header::HOST, "localhost")
        .body(Full::new(Bytes::new()))
        .unwrap();
    let a = collect(sender.send_request(req).await.unwrap()).await;
    assert_eq!(a.status, Http::OK);
    assert_eq!(a.json(), json!({"status": "ok"}));
    assert!(
        a.header("strict-transport-security")
            .starts_with("max-age=")
    );
    assert_security_headers(&a);

    // Plain HTTP to the TLS port gets no answer.
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let plain = tokio::time::timeout(
        std::time::Duration::from_secs(15),
        client.get(s.url("/healthz").parse().unwrap()),
    )
    .await;
    assert!(
        !matches!(plain, Ok(Ok(_))),
        "plain HTTP answered on the TLS port"
    );
    s.stop().await;
}

fn seed_voters(store: &Store) {
    let text = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n\
                CA46001,46,Ana,,Lee,,1980-02-03,96118,A,es,2026-01-01T00:00:00Z\n\
                CA02001,02,Bo,,Kim,,1981-02-03,96120,A,en,2026-01-01T00:00:00Z\n";
    let opts = ballot_tracker::ingest::ImportOptions {
        mode: ballot_tracker::ingest::VoterMode::Full,
        dry_run: false,
        strict: false,
        scope: ballot_tracker::ingest::Scope::State,
        now: 1_791_633_600,
        source: "voters.csv".into(),
        temp_dir: std::env::temp_dir(),
        progress: None,
        batch_rows: 1000,
        stop_after_rows: None,
        max_removal_share: None,
        limits: Default::default(),
    };
    ballot_tracker::ingest::import(
        store,
        ballot_tracker::ingest::Feed::Voters,
        text.as_bytes(),
        &opts,
    )
    .unwrap();
}

#[tokio::test]
async fn subscriptions_are_validated_scoped_and_removable() {
    let s = TestServer::start(None).await;
    seed_voters(&s.store);
    let sierra = s.token(TokenScope::County(county("46")));
    let url = s.url("/api/v1/subscriptions");
    let a = post(
        &url,
        Some(&sierra),
        json!({"votecal_id": "CA46001", "sms": "(916) 555-0101", "email": "ana@example.org",
               "language": "es", "hours": "09:00-18:00", "confirmed": true}),
    )
    .await;
    assert_eq!(
        a.status,
        Http::CREATED,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let v = a.json();
    assert_eq!(v["subscription"]["county"], "46");
    assert_eq!(v["subscription"]["hours"], "09:00-18:00");
    assert_eq!(v["subscription"]["time_zone"], "America/Los_Angeles");
    assert_eq!(v["subscription"]["contacts"][1]["address"], "+19165550101");
    // A confirmation on each of the two channels.
    assert_eq!(v["messages_queued"], 2);

    // Bad fields are named; another county's voter is simply not found.
    let bad = post(
        &url,
        Some(&sierra),
        json!({"votecal_id": "CA46001", "sms": "555", "language": "es", "confirmed": true}),
    )
    .await;
    let p = bad.assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(p["detail"].as_str().unwrap().starts_with("sms:"), "{p}");
    let bad = post(
        &url,
        Some(&sierra),
        json!({"votecal_id": "CA46001", "email": "ana@example.org", "sms": "(916) 555-0101", "language": "fr", "confirmed": true}),
    )
    .await;
    assert!(
        bad.assert_problem(Http::UNPROCESSABLE_ENTITY)["detail"]
            .as_str()
            .unwrap()
            .starts_with("language:")
    );
    let other = post(
        &url,
        Some(&sierra),
        json!({"votecal_id": "CA02001", "email": "bo@example.org", "language": "en", "confirmed": true}),
    )
    .await;
    other.assert_problem(Http::NOT_FOUND);
    let unknown_field = post(
        &url,
        Some(&sierra),
        json!({"votecal_id": "CA46001", "fax": "1", "language": "en"}),
    )
    .await;
    unknown_field.assert_problem(Http::BAD_REQUEST);

    // Listing is scoped: Sierra's token sees Sierra only, and not Alpine's list.
    let list = get(&url, Some(&sierra)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    get(&s.url("/api/v1/subscriptions?county=02"), Some(&sierra))
        .await
        .assert_problem(Http::FORBIDDEN);
    let shown = get(&s.url("/api/v1/subscriptions/CA46001"), Some(&sierra)).await;
    assert_eq!(shown.json()["language"], "es");

    // One-click unsubscribe: a forged token is refused, the real one stops email.
    let token = ballot_tracker::signer::token(
        s.store.keys(),
        VoterId::parse("CA46001").unwrap().key(),
        ballot_tracker::domain::Channel::Email,
    );
    let forged = call(
        Method::POST,
        &s.url("/unsubscribe/0.email.00"),
        None,
        "List-Unsubscribe=One-Click",
    )
    .await;
    assert_eq!(forged.status, Http::NOT_FOUND);
    // A browser opening the link goes to the page in the voter's language.
    let page = get(&s.url(&format!("/unsubscribe/{token}")), None).await;
    assert_eq!(page.status, Http::SEE_OTHER);
    assert_eq!(page.header("location"), format!("/es/unsubscribe/{token}"));
    let done = call(
        Method::POST,
        &s.url(&format!("/unsubscribe/{token}")),
        None,
        "List-Unsubscribe=One-Click",
    )
    .await;
    assert_eq!(done.status, Http::OK);
    let shown = get(&s.url("/api/v1/subscriptions/CA46001"), Some(&sierra))
        .await
        .json();
    assert_eq!(shown["contacts"][0]["channel"], "email");
    assert_eq!(shown["contacts"][0]["opted_out"], true);
    assert_eq!(shown["contacts"][1]["opted_out"], false);

    let removed = call(
        Method::DELETE,
        &s.url("/api/v1/subscriptions/CA46001"),
        Some(&sierra),
        "",
    )
    .await;
    assert_eq!(removed.status, Http::OK);
    // The SMS confirmation was still pending (the email one was withdrawn by the stop).
    assert_eq!(removed.json()["withdrawn_messages"], 1);
    get(&s.url("/api/v1/subscriptions/CA46001"), Some(&sierra))
        .await
        .assert_problem(Http::NOT_FOUND);
    s.stop().await;
}

#[tokio::test]
async fn twilio_callbacks_are_verified_and_stop_works() {
    let s = TestServer::start_with(None, |cfg| {
        cfg.public_url = Some("https://ballots.example.gov".into());
        cfg.sms.provider = ballot_tracker::config::Provider::Twilio;
        cfg.sms.account_sid = "AC123".into();
        cfg.sms.auth_token = "secret-token".into();
        cfg.sms.from_number = "+19165550000".into();
    })
    .await;
    seed_voters(&s.store);
    let sierra = s.token(TokenScope::County(county("46")));
    let a = post(
        &s.url("/api/v1/subscriptions"),
        Some(&sierra),
        json!({"votecal_id": "CA46001", "sms": "(916) 555-0101", "language": "es", "confirmed": true}),
    )
    .await;
    assert_eq!(a.status, Http::CREATED);

    let params = vec![
        ("Body".to_string(), "stop".to_string()),
        ("From".to_string(), "+19165550101".to_string()),
        ("To".to_string(), "+19165550000".to_string()),
    ];
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    let sign = |url: &str| {
        ballot_tracker::notify::drivers::twilio::signature("secret-token", url, &params)
    };
    // A forged request changes nothing.
    let forged = call_with(
        Method::POST,
        &s.url("/hooks/twilio/sms"),
        None,
        body.clone(),
        &[("x-twilio-signature", "AAAA")],
    )
    .await;
    forged.assert_problem(Http::FORBIDDEN);
    let shown = get(&s.url("/api/v1/subscriptions/CA46001"), Some(&sierra))
        .await
        .json();
    assert_eq!(shown["contacts"][0]["opted_out"], false);

    let sig = sign("https://ballots.example.gov/hooks/twilio/sms");
    let a = call_with(
        Method::POST,
        &s.url("/hooks/twilio/sms"),
        None,
        body,
        &[("x-twilio-signature", sig.as_str())],
    )
    .await;
    assert_eq!(a.status, Http::OK);
    assert_eq!(a.header("content-type"), "text/xml; charset=utf-8");
    let reply = String::from_utf8_lossy(&a.body).to_string();
    assert!(
        reply.starts_with("<Response><Message>Condado de Sierra"),
        "{reply}"
    );
    let shown = get(&s.url("/api/v1/subscriptions/CA46001"), Some(&sierra))
        .await
        .json();
    assert_eq!(shown["contacts"][0]["opted_out"], true);

    // A status callback for an unknown message is accepted and ignored.
    let params = vec![
        ("MessageSid".to_string(), "SM0000".to_string()),
        ("MessageStatus".to_string(), "delivered".to_string()),
    ];
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    let sig = ballot_tracker::notify::drivers::twilio::signature(
        "secret-token",
        "https://ballots.example.gov/hooks/twilio/status",
        &params,
    );
    let a = call_with(
        Method::POST,
        &s.url("/hooks/twilio/status"),
        None,
        body,
        &[("x-twilio-signature", sig.as_str())],
    )
    .await;
    assert_eq!(a.status, Http::NO_CONTENT);
    s.stop().await;
}

#[tokio::test]
async fn message_settings_change_while_the_service_runs() {
    let s = TestServer::start(None).await;
    let state = s.token(TokenScope::State);
    let alpine = s.token(TokenScope::County(county("02")));
    let put = |url: String, token: String, body: Value| async move {
        call(Method::PUT, &url, Some(&token), body.to_string()).await
    };
    let preview_url =
        s.url("/api/v1/catalog/preview?language=es&county=02&kind=outbound&channel=sms");
    let before = get(&preview_url, Some(&alpine)).await;
    assert_eq!(before.status, Http::OK);
    let builtin = before.json()["text"].as_str().unwrap().to_string();
    assert!(builtin.starts_with("Condado de Alpine"), "{builtin}");

    // A county overrides its own Spanish text: in force at once.
    let own = s.url("/api/v1/catalog/overrides/county-02/es/outbound.sms");
    let text = "Condado de { $county }: su boleta ya va por correo. STOP para cancelar.";
    let a = put(own.clone(), alpine.clone(), json!({ "text": text })).await;
    assert_eq!(a.status, Http::OK, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["version"], 1);
    let now = get(&preview_url, Some(&alpine)).await.json();
    assert_eq!(
        now["text"],
        "Condado de Alpine: su boleta ya va por correo. STOP para cancelar."
    );
    assert_eq!(now["segments"], 1);
    // Not another county's, nor the state's.
    let other = s.url("/api/v1/catalog/overrides/county-19/es/outbound.sms");
    put(other, alpine.clone(), json!({ "text": text }))
        .await
        .assert_problem(Http::FORBIDDEN);
    let statewide = s.url("/api/v1/catalog/overrides/state/es/outbound.sms");
    put(statewide.clone(), alpine.clone(), json!({ "text": text }))
        .await
        .assert_problem(Http::FORBIDDEN);
    // A text that would not fit three SMS segments, or does not exist.
    let long = "á".repeat(250);
    let p = put(statewide, state.clone(), json!({ "text": long }))
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(p["detail"].as_str().unwrap().contains("segments"), "{p}");
    let nowhere = s.url("/api/v1/catalog/overrides/state/es/outbound.fax");
    put(nowhere, state.clone(), json!({ "text": "x" }))
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    // Withdrawn: the built-in text is back; both versions are kept.
    let w = put(own, alpine.clone(), json!({ "text": "" })).await;
    assert_eq!(w.json()["version"], 2);
    assert_eq!(
        get(&preview_url, Some(&alpine)).await.json()["text"],
        builtin
    );
    let all = get(&s.url("/api/v1/catalog/overrides"), Some(&state))
        .await
        .json();
    assert_eq!(all["overrides"][0]["key"], "county-02/es/outbound.sms");
    assert_eq!(all["overrides"][0]["versions"].as_array().unwrap().len(), 2);

    // An election's message timing (the state's) and a county's Outbound hold.
    let created = post(
        &s.url("/api/v1/elections"),
        Some(&state),
        json!({"code": "GEN", "name": "General", "date": "2026-11-03", "kind": "statewide"}),
    )
    .await;
    assert_eq!(created.status, Http::CREATED);
    let notices = s.url("/api/v1/elections/GEN/notices");
    let timing = json!({"rules": {"outbound": "at 09:00"}, "return_reminder_days": [7, 2]});
    put(notices.clone(), alpine.clone(), timing.clone())
        .await
        .assert_problem(Http::FORBIDDEN);
    let v = put(notices.clone(), state.clone(), timing).await.json();
    assert_eq!(v["delivery_rules"]["outbound"], "at 09:00");
    assert_eq!(v["return_reminder_days"], json!([7, 2]));
    let p = put(
        notices.clone(),
        state.clone(),
        json!({"rules": {"outbound": "soon"}}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("rules.outbound"),
        "{p}"
    );
    put(notices, state.clone(), json!({"cure_reminder_days": [400]}))
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    let hold = s.url("/api/v1/elections/GEN/outbound-hold/02");
    let v = put(hold.clone(), alpine.clone(), json!({"until": "2026-10-09"}))
        .await
        .json();
    assert_eq!(v["outbound_hold"]["02"], "2026-10-09");
    put(
        s.url("/api/v1/elections/GEN/outbound-hold/19"),
        alpine.clone(),
        json!({"until": "2026-10-09"}),
    )
    .await
    .assert_problem(Http::FORBIDDEN);
    let v = call(Method::DELETE, &hold, Some(&alpine), "").await.json();
    assert_eq!(v["outbound_hold"], json!({}));

    // What messages say about the county office.
    let office = s.url("/api/v1/counties/02/office");
    let mine = json!({"phone": "(530) 694-2281", "web": "https://www.alpinecountyca.gov/elections", "transit_days": [2, 4]});
    assert_eq!(
        put(office.clone(), alpine.clone(), mine.clone())
            .await
            .json(),
        mine
    );
    assert_eq!(get(&office, Some(&alpine)).await.json(), mine);
    put(
        office,
        alpine.clone(),
        json!({"phone": "", "web": "x", "transit_days": [2, 4]}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);

    // The recording a Khmer call plays, fetched by the provider without a token.
    let rec = s.url("/api/v1/recordings/km/outbound");
    let mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00khmer-outbound".to_vec();
    call(Method::PUT, &rec, Some(&alpine), mp3.clone())
        .await
        .assert_problem(Http::FORBIDDEN);
    call(Method::PUT, &rec, Some(&state), b"<html>".to_vec())
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    let up = call(Method::PUT, &rec, Some(&state), mp3.clone()).await;
    assert_eq!(up.json()["bytes"], mp3.len());
    let public = get(&s.url("/recordings/km/outbound.mp3"), None).await;
    assert_eq!(public.status, Http::OK);
    assert_eq!(public.header("content-type"), "audio/mpeg");
    assert_eq!(public.body.as_ref(), mp3.as_slice());
    let list = get(&s.url("/api/v1/recordings"), Some(&alpine))
        .await
        .json();
    assert_eq!(list["recordings"][0]["key"], "km/outbound");
    let missing = list["missing"].as_array().unwrap();
    assert!(missing.contains(&json!("km/inbound")));
    assert!(!missing.contains(&json!("km/outbound")));
    assert!(
        !missing
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("es/"))
    );
    call(Method::DELETE, &rec, Some(&state), "").await;
    get(&s.url("/recordings/km/outbound.mp3"), None)
        .await
        .assert_problem(Http::NOT_FOUND);
    s.stop().await;
}

#[tokio::test]
async fn a_language_added_while_the_service_runs_speaks_at_once() {
    let s = TestServer::start(None).await;
    let state = s.token(TokenScope::State);
    let alpine = s.token(TokenScope::County(county("02")));
    let (messages, pages) = common::added_language_catalogs();
    let put = |code: &str, token: &str, body: Value| {
        let url = s.url(&format!("/api/v1/languages/{code}"));
        let token = token.to_string();
        async move { call(Method::PUT, &url, Some(&token), body.to_string()).await }
    };
    let whole = json!({"name": "Հայերեն", "messages": messages, "pages": pages});
    // Not before it is added: no pages, no messages.
    get(&s.url("/hy/"), None)
        .await
        .assert_problem(Http::NOT_FOUND);
    get(
        &s.url("/api/v1/catalog/preview?language=hy&kind=outbound&channel=sms"),
        Some(&state),
    )
    .await
    .assert_problem(Http::NOT_FOUND);

    // Only the state adds languages; a built-in one is not added again.
    put("hy", &alpine, whole.clone())
        .await
        .assert_problem(Http::FORBIDDEN);
    put("es", &state, whole.clone())
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    put("x!", &state, whole.clone())
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    // A catalog with a broken line, or without a message, is refused whole
    // and says where.
    let broken = messages.replacen("outbound =", "outbound = { $county", 1);
    let p = put(
        "hy",
        &state,
        json!({"name": "Հայերեն", "messages": broken, "pages": pages}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("messages: ") && detail.contains("line "),
        "{detail}"
    );
    let start = messages.find("\naccepted =").expect("accepted message") + 1;
    let end = messages[start..]
        .find("\n\n")
        .map_or(messages.len(), |e| start + e);
    let short = format!("{}{}", &messages[..start], &messages[end..]);
    let p = put(
        "hy",
        &state,
        json!({"name": "Հայերեն", "messages": short, "pages": pages}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("accepted.sms"),
        "{p}"
    );
    let p = put(
        "hy",
        &state,
        json!({"name": "Հայերեն", "messages": messages, "pages": "site-name = X\n"}),
    )
    .await
    .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(p["detail"].as_str().unwrap().starts_with("pages: "), "{p}");
    get(&s.url("/hy/"), None)
        .await
        .assert_problem(Http::NOT_FOUND);

    // Added whole: listed, and messages and pages speak it at once.
    let a = put("HY", &state, whole).await;
    assert_eq!(a.status, Http::OK, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["code"], "hy");
    let list = get(&s.url("/api/v1/languages"), Some(&alpine)).await.json();
    let langs = list["languages"].as_array().unwrap();
    assert_eq!(langs.len(), 11);
    assert_eq!(langs[10]["code"], "hy");
    assert_eq!(langs[10]["name"], "Հայերեն");
    assert_eq!(langs[10]["pages"], true);
    assert_eq!(langs[10]["built_in"], false);
    assert_eq!(langs[5]["code"], "km");
    assert_eq!(langs[5]["text_to_speech"], Value::Null);
    let sms = get(
        &s.url("/api/v1/catalog/preview?language=hy&county=02&kind=outbound&channel=sms"),
        Some(&alpine),
    )
    .await
    .json();
    assert!(
        sms["text"].as_str().unwrap().contains(common::ADDED_WORD),
        "{sms}"
    );
    // No text-to-speech named: its calls play recordings, still missing.
    let voice = get(
        &s.url("/api/v1/catalog/preview?language=hy&county=02&kind=outbound&channel=voice"),
        Some(&alpine),
    )
    .await
    .json();
    assert_eq!(voice["text_to_speech"], Value::Null);
    let missing = get(&s.url("/api/v1/recordings"), Some(&state)).await.json();
    assert!(
        missing["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("hy/outbound")),
        "{missing}"
    );
    // Its texts can be overridden like any other's.
    let o = put_text(
        &s,
        "/api/v1/catalog/overrides/county-02/hy/outbound.sms",
        &alpine,
        "Alpine: { $county } OK",
    )
    .await;
    assert_eq!(o.status, Http::OK, "{}", String::from_utf8_lossy(&o.body));

    let page = get(&s.url("/hy/"), None).await;
    assert_eq!(page.status, Http::OK);
    let html = String::from_utf8_lossy(&page.body).to_string();
    assert!(html.contains("<html lang=\"hy\""), "{}", &html[..200]);
    // Every page's language picker offers it, by its own name.
    let es = String::from_utf8_lossy(&get(&s.url("/es/"), None).await.body).to_string();
    assert!(es.contains("href=\"/hy/\"") && es.contains("Հայերեն"));
    // A browser asking for it first is sent there.
    let home = call_with(
        Method::GET,
        &s.url("/"),
        None,
        Bytes::new(),
        &[("accept-language", "hy-AM, en;q=0.5")],
    )
    .await;
    assert_eq!(home.header("location"), "/hy/");
    // A code nobody added is still no page, and the API's paths stay theirs.
    get(&s.url("/fr/"), None)
        .await
        .assert_problem(Http::NOT_FOUND);

    // Voters can be enrolled in it; in a code nobody added, not.
    seed_voters(&s.store);
    let sub = |lang: &str| json!({"votecal_id": "CA02001", "sms": "(916) 555-0102", "language": lang, "confirmed": true});
    let url = s.url("/api/v1/subscriptions");
    let p = post(&url, Some(&alpine), sub("fr"))
        .await
        .assert_problem(Http::UNPROCESSABLE_ENTITY);
    assert!(p["detail"].as_str().unwrap().contains(", hy"), "{p}");
    let a = post(&url, Some(&alpine), sub("hy")).await;
    assert_eq!(
        a.status,
        Http::CREATED,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    assert_eq!(a.json()["subscription"]["language"], "hy");

    // Kept: a restart speaks it too.
    let clock = Arc::new(ballot_tracker::clock::SystemClock);
    let cfg = Config {
        data_dir: s.dir.path().into(),
        ..Config::default()
    };
    let again = ballot_tracker::notify::engine::Notifier::from_config(&cfg, s.store.clone(), clock)
        .unwrap();
    let hy = ballot_tracker::domain::Language::parse_code("hy").unwrap();
    assert!(again.catalog.read().unwrap().speaks(hy));
    s.stop().await;
}

async fn put_text(s: &TestServer, path: &str, token: &str, text: &str) -> Answer {
    call(
        Method::PUT,
        &s.url(path),
        Some(token),
        json!({ "text": text }).to_string(),
    )
    .await
}

#[tokio::test]
async fn under_a_rehearsal_clock_uploads_and_changes_carry_the_rehearsal_time() {
    // A rehearsal of the 2030 primary, run today.
    let at: jiff::Timestamp = "2030-02-20T18:00:00Z".parse().unwrap();
    let clock = Arc::new(ballot_tracker::clock::ManualClock::new(at));
    let s = TestServer(Served::start_clocked(clock, |_, _| {}, |_| {}).await);
    let state = s.token(TokenScope::State);
    let done = call(
        Method::POST,
        &s.url("/api/v1/imports/voters?mode=delta"),
        Some(&state),
        VOTERS,
    )
    .await;
    assert_eq!(
        done.status,
        Http::OK,
        "{}",
        String::from_utf8_lossy(&done.body)
    );
    let made = call(
        Method::POST,
        &s.url("/api/v1/elections"),
        Some(&state),
        json!({"code": "P2030", "name": "Primary", "date": "2030-03-05", "kind": "statewide"})
            .to_string(),
    )
    .await;
    assert_eq!(
        made.status,
        Http::CREATED,
        "{}",
        String::from_utf8_lossy(&made.body)
    );
    let audit = s.store.read().unwrap().audit_log().unwrap();
    let actions: Vec<_> = audit
        .iter()
        .filter(|(_, actor, _)| actor.starts_with("token:"))
        .collect();
    assert!(actions.len() >= 2, "{audit:?}");
    for (when, _, what) in actions {
        assert_eq!(*when, at.as_second(), "{what}");
    }
    s.stop().await;
}
