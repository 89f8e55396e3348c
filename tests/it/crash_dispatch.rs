//! Kills `ballot-tracker serve` (SIGKILL) at random points while it sends,
//! many times, restarting it after each kill; then checks the sinks: every
//! message arrived, none twice. SMS goes to a local server speaking Twilio's
//! API (which the service asks, after a crash, whether it already has a
//! message); email to the file driver.

use crate::common;
use crate::twilio_server;

use ballot_tracker::domain::outbox::OutboxState;
use ballot_tracker::domain::{Channel, MessageKind};

use ballot_tracker::ingest::{Feed, ImportOptions, Scope, VoterMode};
use ballot_tracker::service::Actor;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::Store;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use twilio_server::TwilioServer;

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");
const VOTERS: usize = 300;
const E: &str = "2026-11-03-GEN";
/// 11:00 PDT: inside everyone's default hours.
const CLOCK: &str = "2026-10-06T18:00:00Z";

fn setup(data: &Path) {
    let store = Store::open(&data.join("ballot-tracker.redb")).unwrap();
    common::general_election(&store, E);
    let now: jiff::Timestamp = "2026-10-06T17:00:00Z".parse().unwrap();
    let opts = ImportOptions {
        mode: VoterMode::Delta,
        dry_run: false,
        strict: true,
        scope: Scope::State,
        now: now.as_second(),
        source: "crash.csv".into(),
        temp_dir: data.join("tmp"),
        progress: None,
        batch_rows: 10_000,
        stop_after_rows: None,
        max_removal_share: None,
        limits: Default::default(),
    };
    let mut voters = common::VOTER_HEADER.to_string();
    let mut ballots =
        "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n"
            .to_string();
    for i in 0..VOTERS {
        voters.push_str(&common::voter_row(&format!("CR{i:05}"), "02", "Ana", "Lee"));
        ballots.push_str(&format!("CR{i:05},02,{E},1,ISSUED,,2026-10-05\n"));
    }
    ballot_tracker::ingest::import(&store, Feed::Voters, voters.as_bytes(), &opts).unwrap();
    for i in 0..VOTERS {
        let req = SubscriptionRequest {
            votecal_id: format!("CR{i:05}"),
            email: Some(format!("voter{i}@example.org")),
            sms: Some(format!("+1916556{i:04}")),
            language: ["en", "es", "vi"][i % 3].into(),
            confirmed: true,
            ..Default::default()
        };
        subscriptions::add(&store, &Actor::operator(), &req, &Defaults::default(), now).unwrap();
    }
    ballot_tracker::ingest::import(&store, Feed::Ballots, ballots.as_bytes(), &opts).unwrap();
}

fn serve(data: &Path, config: &Path) -> Child {
    Command::new(BIN)
        .arg("--config")
        .arg(config)
        .arg("--data")
        .arg(data)
        .args(["serve", "--clock-start", CLOCK])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Email lines by message id (a line cut short by a kill is not a delivery).
fn emails(data: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(data.join("outbox/email.jsonl")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            *out.entry(v["id"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    out
}

#[test]
fn killing_serve_while_it_sends_loses_nothing_and_sends_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    setup(data);
    let twilio = TwilioServer::start();
    let config = data.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\npublic_url = \"http://127.0.0.1:9\"\n\
             [email]\nrate_per_second = 300\n\
             [sms]\nprovider = \"twilio\"\napi_base = \"{}\"\naccount_sid = \"{}\"\nauth_token = \"{}\"\nfrom_number = \"+19165550000\"\nrate_per_second = 300\n\
             [voice]\nprovider = \"off\"\n[scheduler]\npoll_seconds = 1\n",
            twilio.base(),
            twilio_server::SID,
            twilio_server::TOKEN
        ),
    )
    .unwrap();

    // A small deterministic generator, seeded by the clock and printed, so a
    // failing run can be repeated.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("seed {seed}");
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let expected = VOTERS * 2; // a confirmation and an Outbound per channel
    let mut kills = 0;
    for _ in 0..12 {
        let mut child = serve(data, &config);
        std::thread::sleep(Duration::from_millis(200 + next() % 1300));
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        eprintln!(
            "kill {kills}: {} texts, {} emails at the sinks",
            twilio.messages().len(),
            emails(data).len()
        );
        if twilio.messages().len() >= expected && emails(data).len() >= expected {
            break;
        }
    }
    // A last run to the end.
    let mut child = serve(data, &config);
    let started = Instant::now();
    while (twilio.messages().len() < expected || emails(data).len() < expected)
        && started.elapsed() < Duration::from_secs(90)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    // Let it record the last outcomes, then stop it gracefully.
    std::thread::sleep(Duration::from_millis(1500));
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    child.wait().unwrap();
    assert!(kills >= 1);

    // The outbox: everything sent, nothing left in flight, except
    // confirmations whose ballot message went out first because a kill cut
    // the confirmation off before its outcome was recorded (the state's rule:
    // no confirmation after a status message of the same sign-up). Those were
    // never handed over: the provider's own records were asked first.
    const LATE: &str = "a status message of this sign-up already went out";
    let store = Store::open(&data.join("ballot-tracker.redb")).unwrap();
    let rows = store.read().unwrap().outbox_all().unwrap();
    assert_eq!(rows.len(), expected * 2);
    let mut dropped = BTreeMap::new();
    for (k, r) in &rows {
        if r.state == OutboxState::Cancelled && r.note.as_deref() == Some(LATE) {
            assert_eq!(k.kind, MessageKind::Confirmation, "{k:?} {r:?}");
            *dropped.entry(k.channel).or_insert(0usize) += 1;
        } else {
            assert_eq!(r.state, OutboxState::Sent, "{k:?} {r:?}");
        }
    }

    // SMS: each number got its Outbound and its confirmation (unless dropped
    // as above), each once.
    let mut per_number: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in twilio.messages() {
        per_number
            .entry(m.to.clone())
            .or_default()
            .push(m.body.clone());
    }
    assert_eq!(per_number.len(), VOTERS, "every voter got texts");
    let mut single = 0;
    for (to, bodies) in &per_number {
        assert!((1..=2).contains(&bodies.len()), "{to}: {bodies:?}");
        if bodies.len() == 2 {
            assert_ne!(bodies[0], bodies[1], "{to} got the same text twice");
        } else {
            single += 1;
        }
    }
    assert_eq!(single, dropped.get(&Channel::Sms).copied().unwrap_or(0));
    // Email: every message id once.
    let e = emails(data);
    assert_eq!(
        e.len(),
        expected - dropped.get(&Channel::Email).copied().unwrap_or(0)
    );
    assert!(
        e.values().all(|n| *n == 1),
        "an email was written twice: {e:?}"
    );
}
