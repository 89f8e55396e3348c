//! The SMTP email driver against a real SMTP server (tests/support/smtp_sink.py,
//! on aiosmtpd), driven by the dispatcher on a test clock: STARTTLS and
//! implicit TLS with a test CA, a rejected recipient, a deferred one, and a
//! server that is down for a while.
//!
//! Needs python3 with aiosmtpd (`python3 -m pip install aiosmtpd`); without
//! them these tests fail, they never skip.

use crate::common;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::config::EmailConfig;
use ballot_tracker::domain::outbox::{OutboxKey, OutboxState};
use ballot_tracker::domain::{Channel, MessageKind, VoterId};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{DispatchReport, Dispatcher, Lane};
use ballot_tracker::notify::drivers::smtp::SmtpDriver;
use ballot_tracker::service::Actor;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::signer;
use ballot_tracker::store::{OutboxRow, Store};
use common::*;
use jiff::Timestamp;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, RwLock};
use std::time::Duration;

const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const E: &str = "2026-11-03-GEN";
const FROM: &str = "Condado de Alpine <boletas@alpine.example.gov>";
const DOMAIN: &str = "alpine.example.gov";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Fails (never skips) when the sink cannot run.
fn require_python() {
    let out = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "these tests need python3 with aiosmtpd, but python3 cannot be run ({e}); \
                 install python3, then: python3 -m pip install aiosmtpd"
            )
        });
    assert!(
        out.status.success(),
        "these tests need the Python package aiosmtpd (python3 -m pip install aiosmtpd):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A test CA and a server certificate it signed for localhost and 127.0.0.1.
struct Certs {
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

impl Certs {
    fn new(dir: &Path) -> Self {
        use rcgen::{
            BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
            IsCa, KeyPair, KeyUsagePurpose,
        };
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "ballot-tracker test CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let mut leaf =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let cert = leaf.signed_by(&key, &ca).unwrap();
        let certs = Certs {
            ca: dir.join("ca.pem"),
            cert: dir.join("server.pem"),
            key: dir.join("server.key"),
        };
        std::fs::write(&certs.ca, ca.pem()).unwrap();
        std::fs::write(&certs.cert, cert.pem()).unwrap();
        std::fs::write(&certs.key, key.serialize_pem()).unwrap();
        certs
    }
}

enum Security<'a> {
    Plain,
    StartTls(&'a Certs),
    Implicit(&'a Certs),
}

/// The sink as a child process: killed on drop, and it exits by itself when
/// its stdin closes (this process died).
struct Sink {
    child: Child,
    _stdin: ChildStdin,
    port: u16,
    dir: PathBuf,
}

impl Sink {
    fn start(dir: &Path, port: u16, security: Security<'_>, extra: &[&str]) -> Self {
        require_python();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let mut cmd = Command::new("python3");
        cmd.arg(&script)
            .arg("--dir")
            .arg(dir)
            .args(["--port", &port.to_string()]);
        match security {
            Security::Plain => {}
            Security::StartTls(c) => {
                cmd.arg("--starttls").arg(&c.cert).arg(&c.key);
            }
            Security::Implicit(c) => {
                cmd.arg("--tls").arg(&c.cert).arg(&c.key);
            }
        }
        let mut child = cmd
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start python3 {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        let port = match line.trim().strip_prefix("READY ") {
            Some(p) => p.parse().unwrap(),
            None => {
                let _ = child.kill();
                let status = child.wait().unwrap();
                panic!("the SMTP sink did not start ({status}; its errors are above): {line:?}");
            }
        };
        Sink {
            child,
            _stdin: stdin,
            port,
            dir: dir.to_path_buf(),
        }
    }

    /// Summaries of the accepted messages, in order of arrival.
    fn messages(&self) -> Vec<Value> {
        messages(&self.dir)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn messages(dir: &Path) -> Vec<Value> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p: &PathBuf| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// The dispatcher with one lane, email through the SMTP driver, on a test clock.
struct Engine {
    fx: Fixture,
    store: Arc<Store>,
    clock: ManualClock,
    dispatcher: Dispatcher,
    /// One runtime for the whole test: lettre's pooled connections belong to it.
    rt: tokio::runtime::Runtime,
}

impl Engine {
    fn new(fx: Fixture, start: &str, cfg: &EmailConfig) -> Self {
        let store = Arc::new(Store::open(&fx.dir.path().join("n.redb")).unwrap());
        common::general_election(&store, E);
        let clock = ManualClock::new(ts(start));
        let driver = SmtpDriver::new(cfg).unwrap();
        let mut lanes = BTreeMap::new();
        lanes.insert(
            Channel::Email,
            Lane::new(Arc::new(driver), cfg.rate_per_second, cfg.concurrency),
        );
        let dispatcher = Dispatcher::new(
            store.clone(),
            Arc::new(clock.clone()),
            Arc::new(RwLock::new(Catalog::builtin().unwrap())),
            lanes,
            "https://ballots.example.gov".into(),
        );
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let e = Self {
            fx,
            store,
            clock,
            dispatcher,
            rt,
        };
        let mut v = VOTER_HEADER.to_string();
        for id in ["V1", "V2", "V3"] {
            v.push_str(&voter_row(id, "02", "Ana", "Lee"));
        }
        e.import(Feed::Voters, &v);
        e
    }

    fn import(&self, feed: Feed, text: &str) {
        let mut o = self.fx.opts(VoterMode::Delta);
        o.now = self.clock.now().as_second();
        ballot_tracker::ingest::import(&self.store, feed, text.as_bytes(), &o).unwrap();
    }

    fn subscribe(&self, id: &str, email: &str, lang: &str) {
        let req = SubscriptionRequest {
            votecal_id: id.into(),
            email: Some(email.into()),
            language: lang.into(),
            confirmed: true,
            ..Default::default()
        };
        subscriptions::add(
            &self.store,
            &Actor::operator(),
            &req,
            &Defaults::default(),
            self.clock.now(),
        )
        .unwrap();
    }

    fn step(&self) -> DispatchReport {
        self.rt.block_on(self.dispatcher.step()).unwrap().1
    }

    /// Runs the dispatcher every `step_minutes` until `until`.
    fn run_until(&self, until: Timestamp, step_minutes: i64) {
        loop {
            self.step();
            if self.clock.now() >= until {
                break;
            }
            self.clock.advance(step_minutes * 60);
        }
    }

    fn email(&self, id: &str, kind: MessageKind) -> (OutboxKey, OutboxRow) {
        let voter = VoterId::parse(id).unwrap().key();
        self.store
            .read()
            .unwrap()
            .outbox_for_voter(voter)
            .unwrap()
            .into_iter()
            .find(|(k, _)| k.kind == kind && k.channel == Channel::Email)
            .unwrap_or_else(|| panic!("no {kind} email for {id}"))
    }

    fn message_id(&self, key: &OutboxKey) -> String {
        format!("<{}@{DOMAIN}>", self.dispatcher.idempotency_key(key))
    }

    fn bad(&self, id: &str) -> Option<String> {
        let voter = VoterId::parse(id).unwrap().key();
        let sub = self.store.read().unwrap().subscription(voter).unwrap();
        sub.unwrap().email.unwrap().bad
    }
}

fn config(url: String, ca: Option<&Certs>) -> EmailConfig {
    EmailConfig {
        smtp_url: Some(url),
        from: FROM.into(),
        ca_file: ca.map(|c| c.ca.clone()),
        rate_per_second: 100,
        concurrency: 4,
    }
}

/// A port nothing listens on (yet).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn header<'a>(m: &'a Value, name: &str) -> Vec<&'a str> {
    m["headers"][name]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
        .unwrap_or_default()
}

#[test]
fn starttls_delivers_each_message_once_in_the_voters_language_inside_their_hours() {
    let fx = Fixture::new();
    let certs = Certs::new(fx.dir.path());
    let sink = Sink::start(
        &fx.dir.path().join("mail"),
        0,
        Security::StartTls(&certs),
        &[],
    );
    let cfg = config(
        format!("smtp://localhost:{}?tls=required", sink.port),
        Some(&certs),
    );
    // 05:00 PDT on Oct 1: before the voter's hours (08:00-20:00).
    let e = Engine::new(fx, "2026-10-01T12:00:00Z", &cfg);
    e.subscribe("V1", "ana@example.org", "es");
    e.run_until(ts("2026-10-02T12:00:00Z"), 15);
    // Ballot mailed Oct 5; the extract comes at 20:30 PDT, after her hours.
    e.clock.set(ts("2026-10-06T03:30:00Z"));
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\n"),
    );
    e.run_until(ts("2026-10-07T01:00:00Z"), 15);

    let mail = sink.messages();
    assert_eq!(mail.len(), 2, "{mail:#?}");
    let expect = [
        (
            MessageKind::Confirmation,
            "2026-10-01T15:00:00Z",
            "Confirmación: recibirá avisos sobre su boleta del Condado de Alpine",
        ),
        (
            MessageKind::Outbound,
            "2026-10-06T15:00:00Z",
            "Su boleta para la elección del 3 de noviembre de 2026 ya fue enviada por correo",
        ),
    ];
    let unsubscribe_url = format!(
        "https://ballots.example.gov/unsubscribe/{}",
        signer::token(
            e.store.keys(),
            VoterId::parse("V1").unwrap().key(),
            Channel::Email
        )
    );
    for (m, (kind, at, subject)) in mail.iter().zip(expect) {
        let (key, row) = e.email("V1", kind);
        assert_eq!(row.state, OutboxState::Sent, "{kind}");
        assert_eq!(row.attempt, 0, "{kind}");
        // 08:00 PDT, the start of her hours.
        assert_eq!(Timestamp::from_second(row.updated_at).unwrap(), ts(at));
        let id = e.message_id(&key);
        assert_eq!(row.provider_id.as_deref(), Some(id.as_str()));
        assert_eq!(m["message_id"], id.as_str());
        assert_eq!(m["tls"], true, "STARTTLS was required");
        assert_eq!(m["mail_from"], "boletas@alpine.example.gov");
        assert_eq!(m["rcpt_tos"], serde_json::json!(["ana@example.org"]));
        assert_eq!(header(m, "from"), [FROM]);
        assert_eq!(header(m, "to"), ["ana@example.org"]);
        // Sent RFC 2047-encoded; the sink decodes it.
        assert_eq!(m["subject"], subject);
        assert_eq!(m["content_type"], "multipart/alternative");
        let text = m["text"].as_str().unwrap();
        assert!(text.contains("Alpine"), "{text}");
        let html = m["html"].as_str().unwrap();
        assert!(html.contains(r#"<html lang="es">"#), "{html}");
        assert!(html.contains(&unsubscribe_url), "{html}");
        assert_eq!(header(m, "content-language"), ["es"]);
        assert_eq!(
            header(m, "list-unsubscribe"),
            [format!("<{unsubscribe_url}>")]
        );
        assert_eq!(
            header(m, "list-unsubscribe-post"),
            ["List-Unsubscribe=One-Click"]
        );
    }
    // Exactly once: later rounds send nothing again.
    e.run_until(ts("2026-10-08T01:00:00Z"), 60);
    assert_eq!(sink.messages().len(), 2);
}

#[test]
fn implicit_tls_works_too() {
    let fx = Fixture::new();
    let certs = Certs::new(fx.dir.path());
    let sink = Sink::start(
        &fx.dir.path().join("mail"),
        0,
        Security::Implicit(&certs),
        &[],
    );
    let cfg = config(format!("smtps://127.0.0.1:{}", sink.port), Some(&certs));
    let e = Engine::new(fx, "2026-10-01T18:00:00Z", &cfg); // 11:00 PDT
    e.subscribe("V1", "bo@example.org", "en");
    e.step();
    let (key, row) = e.email("V1", MessageKind::Confirmation);
    assert_eq!(row.state, OutboxState::Sent, "{:?}", row.note);
    let mail = sink.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["tls"], true);
    assert_eq!(mail[0]["message_id"], e.message_id(&key).as_str());
    assert_eq!(header(&mail[0], "content-language"), ["en"]);
}

#[test]
fn a_certificate_from_an_unknown_ca_is_a_transient_failure() {
    let fx = Fixture::new();
    let certs = Certs::new(fx.dir.path());
    let sink = Sink::start(
        &fx.dir.path().join("mail"),
        0,
        Security::Implicit(&certs),
        &[],
    );
    // No ca_file: the test CA is not trusted.
    let cfg = config(format!("smtps://127.0.0.1:{}", sink.port), None);
    let e = Engine::new(fx, "2026-10-01T18:00:00Z", &cfg);
    e.subscribe("V1", "bo@example.org", "en");
    let r = e.step();
    assert_eq!((r.sent, r.retried), (0, 1));
    let (_, row) = e.email("V1", MessageKind::Confirmation);
    assert_eq!((row.state, row.attempt), (OutboxState::Pending, 1));
    let note = row.note.unwrap();
    assert!(note.contains("certificate"), "{note}");
    assert!(!note.contains("bo@example.org"), "{note}");
    assert!(e.bad("V1").is_none());
    assert!(sink.messages().is_empty());
}

#[test]
fn a_rejected_recipient_fails_at_once_and_its_address_is_marked_bad() {
    let fx = Fixture::new();
    let sink = Sink::start(
        &fx.dir.path().join("mail"),
        0,
        Security::Plain,
        &["--reject-permanent", "gone@example.org"],
    );
    let cfg = config(format!("smtp://127.0.0.1:{}", sink.port), None);
    let e = Engine::new(fx, "2026-10-01T18:00:00Z", &cfg);
    e.subscribe("V1", "gone@example.org", "en");
    e.subscribe("V2", "here@example.org", "en");
    let r = e.step();
    assert_eq!((r.sent, r.failed, r.retried), (1, 1, 0));
    let (_, row) = e.email("V1", MessageKind::Confirmation);
    assert_eq!((row.state, row.attempt), (OutboxState::Failed, 0));
    let note = row.note.unwrap();
    assert!(note.contains("550"), "{note}");
    assert!(e.bad("V1").is_some_and(|b| b.contains("550")));
    assert_eq!(
        e.email("V2", MessageKind::Confirmation).1.state,
        OutboxState::Sent
    );
    assert!(e.bad("V2").is_none());
    // No retry, and nothing more goes to the bad address.
    e.clock.set(ts("2026-10-06T03:30:00Z"));
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\nV2,02,{E},1,ISSUED,,2026-10-05\n"),
    );
    e.run_until(ts("2026-10-07T01:00:00Z"), 30);
    let (_, row) = e.email("V1", MessageKind::Confirmation);
    assert_eq!((row.state, row.attempt), (OutboxState::Failed, 0));
    let to: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(to, ["here@example.org", "here@example.org"]);
}

#[test]
fn a_deferred_recipient_is_retried_after_the_delay_under_the_same_message_id() {
    let fx = Fixture::new();
    let sink = Sink::start(
        &fx.dir.path().join("mail"),
        0,
        Security::Plain,
        &["--reject-transient-once", "slow@example.org"],
    );
    let cfg = config(format!("smtp://127.0.0.1:{}", sink.port), None);
    let e = Engine::new(fx, "2026-10-01T18:00:00Z", &cfg);
    e.subscribe("V1", "slow@example.org", "en");
    let r = e.step();
    assert_eq!((r.sent, r.retried), (0, 1));
    let now = e.clock.now().as_second();
    let (key, row) = e.email("V1", MessageKind::Confirmation);
    assert_eq!((row.state, row.attempt), (OutboxState::Pending, 1));
    assert!(row.due > now, "retry due {} at {now}", row.due);
    assert!(
        row.note.as_deref().unwrap().contains("451"),
        "{:?}",
        row.note
    );
    assert!(e.bad("V1").is_none());
    assert!(sink.messages().is_empty());

    // Not before its time.
    e.clock.set(Timestamp::from_second(row.due - 1).unwrap());
    e.step();
    assert_eq!(e.email("V1", MessageKind::Confirmation).1.attempt, 1);
    assert!(sink.messages().is_empty());

    e.clock.set(Timestamp::from_second(row.due).unwrap());
    let r = e.step();
    assert_eq!(r.sent, 1);
    let (_, sent) = e.email("V1", MessageKind::Confirmation);
    assert_eq!((sent.state, sent.attempt), (OutboxState::Sent, 1));
    assert_eq!(sent.updated_at, row.due);
    let mail = sink.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["message_id"], e.message_id(&key).as_str());
}

#[test]
fn a_server_that_is_down_loses_nothing() {
    let fx = Fixture::new();
    let certs = Certs::new(fx.dir.path());
    let mail_dir = fx.dir.path().join("mail");
    let port = free_port();
    let cfg = config(
        format!("smtp://localhost:{port}?tls=required"),
        Some(&certs),
    );
    let e = Engine::new(fx, "2026-10-01T18:00:00Z", &cfg);
    let addrs = ["a@example.org", "b@example.org", "c@example.org"];
    for (id, addr) in ["V1", "V2", "V3"].into_iter().zip(addrs) {
        e.subscribe(id, addr, "en");
    }
    // Down for half an hour: every try fails and is queued again.
    let r = e.step();
    assert_eq!((r.sent, r.retried), (0, 3));
    e.run_until(ts("2026-10-01T18:30:00Z"), 1);
    for id in ["V1", "V2", "V3"] {
        let (_, row) = e.email(id, MessageKind::Confirmation);
        assert_eq!(row.state, OutboxState::Pending, "{id}");
        assert!(row.attempt >= 3, "{id}: {row:?}");
        let note = row.note.unwrap();
        assert!(!note.contains("@example.org"), "{note}");
        assert!(e.bad(id).is_none());
    }
    assert!(messages(&mail_dir).is_empty());

    let sink = Sink::start(&mail_dir, port, Security::StartTls(&certs), &[]);
    e.run_until(ts("2026-10-01T20:00:00Z"), 5);
    let mut to: Vec<_> = sink
        .messages()
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_string())
        .collect();
    to.sort();
    assert_eq!(to, addrs);
    for id in ["V1", "V2", "V3"] {
        let (key, row) = e.email(id, MessageKind::Confirmation);
        assert_eq!(row.state, OutboxState::Sent, "{id}");
        assert_eq!(row.provider_id, Some(e.message_id(&key)));
    }
}
