//! The fallback drill, end to end: `serve` sends (SMS to a local server
//! speaking Twilio's API, email to the file driver) while `import` and
//! `backup` go through it; the service is then killed, the backup restored
//! into a new data directory and compared table by table, the lost import
//! run again, and the restored service started. Every message arrives, and
//! none twice: what the old instance sent after the snapshot is found at
//! the provider, not sent again.

use crate::common;

use crate::twilio_server;

use ballot_tracker::domain::MessageKind;
use ballot_tracker::domain::outbox::OutboxState;
use ballot_tracker::ingest::{Feed, ImportOptions, Scope, VoterMode};
use ballot_tracker::notify::dispatch::idempotency_key;
use ballot_tracker::service::Actor;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::{KeyPurpose, Store};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use twilio_server::TwilioServer;

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");
const VOTERS: usize = 150;
const E: &str = "2026-11-03-GEN";
/// 07:59:50 PDT: the early voters' hours (from 07:00) have begun, the
/// others' (the default, from 08:00) begin ten seconds later.
const CLOCK: &str = "2026-10-06T14:59:50Z";
const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
/// Confirmations cancelled because the ballot message went first (only
/// after a kill cut the confirmation off before it was handed over).
const LATE: &str = "a status message of this sign-up already went out";

/// Voters subscribed by email and text, every other one early; the first
/// half's ballots issued.
fn setup(data: &Path) {
    std::fs::create_dir_all(data).unwrap();
    let store = Store::open(&data.join("ballot-tracker.redb")).unwrap();
    common::general_election(&store, E);
    let now: jiff::Timestamp = "2026-10-06T14:00:00Z".parse().unwrap();
    let opts = ImportOptions {
        mode: VoterMode::Delta,
        dry_run: false,
        strict: true,
        scope: Scope::State,
        now: now.as_second(),
        source: "drill.csv".into(),
        temp_dir: data.join("tmp"),
        progress: None,
        batch_rows: 10_000,
        stop_after_rows: None,
        max_removal_share: None,
        limits: Default::default(),
    };
    let mut voters = common::VOTER_HEADER.to_string();
    let mut ballots = BALLOT_HEADER.to_string();
    for i in 0..VOTERS {
        voters.push_str(&common::voter_row(&format!("BK{i:05}"), "02", "Ana", "Lee"));
        if i < VOTERS / 2 {
            ballots.push_str(&format!("BK{i:05},02,{E},1,ISSUED,,2026-10-05\n"));
        }
    }
    ballot_tracker::ingest::import(&store, Feed::Voters, voters.as_bytes(), &opts).unwrap();
    for i in 0..VOTERS {
        let req = SubscriptionRequest {
            votecal_id: format!("BK{i:05}"),
            email: Some(format!("voter{i}@example.org")),
            sms: Some(format!("+1916557{i:04}")),
            language: ["en", "es", "vi"][i % 3].into(),
            confirmed: true,
            hours: (i % 2 == 0).then(|| "07:00-20:00".to_string()),
            ..Default::default()
        };
        subscriptions::add(&store, &Actor::operator(), &req, &Defaults::default(), now).unwrap();
    }
    ballot_tracker::ingest::import(&store, Feed::Ballots, ballots.as_bytes(), &opts).unwrap();
}

/// The second half's ballots: the import that runs beside the backup.
fn late_ballots(path: &Path) {
    let mut text = BALLOT_HEADER.to_string();
    for i in VOTERS / 2..VOTERS {
        text.push_str(&format!("BK{i:05},02,{E},1,ISSUED,,2026-10-06\n"));
    }
    std::fs::write(path, text).unwrap();
}

fn cli(config: &Path, data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--config")
        .arg(config)
        .arg("--data")
        .arg(data)
        .args(args);
    c.env("RUST_LOG", "warn");
    c
}

fn run(mut c: Command) -> Output {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{c:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn serve(config: &Path, data: &Path, speed: &str) -> Child {
    cli(
        config,
        data,
        &["serve", "--clock-start", CLOCK, "--clock-speed", speed],
    )
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

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_backup_taken_while_serving_restores_elsewhere_and_sends_each_message_once() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    setup(&old);
    let twilio = TwilioServer::start();
    let key = dir.path().join("backup.key");
    let mut keygen = Command::new(BIN);
    keygen.args(["backup", "keygen", "--out"]).arg(&key);
    let public = run(keygen).stdout;
    let public = String::from_utf8(public).unwrap().trim().to_string();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\npublic_url = \"http://127.0.0.1:9\"\n\
             [email]\nrate_per_second = 15\n\
             [sms]\nprovider = \"twilio\"\napi_base = \"{}\"\naccount_sid = \"{}\"\nauth_token = \"{}\"\nfrom_number = \"+19165550000\"\nrate_per_second = 15\n\
             [voice]\nprovider = \"off\"\n[scheduler]\npoll_seconds = 1\n\
             [backup]\nrecipients = [\"{public}\"]\ndir = \"{}\"\n",
            twilio.base(),
            twilio_server::SID,
            twilio_server::TOKEN,
            dir.path().join("backups").display(),
        ),
    )
    .unwrap();
    let expected = VOTERS * 2; // a confirmation and an Outbound per channel

    // The old instance sends; an import and a backup go through it.
    let mut old_serve = serve(&config, &old, "1");
    // Past the early voters' first round (five seconds of sending), so that
    // the snapshot has messages sent, in flight and waiting for 08:00.
    wait_for("the first round", Duration::from_secs(60), || {
        twilio.messages().len() >= 75
    });
    std::thread::sleep(Duration::from_millis(700));
    let late = dir.path().join("late.csv");
    late_ballots(&late);
    let import_args = ["import", "ballots", late.to_str().unwrap()];
    let mut import = cli(&config, &old, &import_args)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let file = dir.path().join("county.backup");
    let out = run(cli(
        &config,
        &old,
        &["backup", file.to_str().unwrap(), "--json"],
    ));
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(import.wait().unwrap().success());
    // It goes on sending after the snapshot, past 08:00 (into messages that
    // were waiting in it), then dies.
    let started = Instant::now();
    wait_for("08:00", Duration::from_secs(60), || {
        started.elapsed() > Duration::from_secs(4) && twilio.messages().len() >= 200
    });
    old_serve.kill().unwrap();
    old_serve.wait().unwrap();
    let texts_from_old = twilio.messages().len();
    eprintln!(
        "old instance killed after {texts_from_old} texts, {} emails",
        emails(&old).len()
    );
    assert!(
        texts_from_old < expected,
        "the old instance sent everything"
    );

    // Restored elsewhere: every table as the backup's manifest has it.
    run(cli(
        &config,
        &new,
        &[
            "restore",
            file.to_str().unwrap(),
            "--identity",
            key.to_str().unwrap(),
        ],
    ));
    let store = Store::open(&new.join("ballot-tracker.redb")).unwrap();
    let restored = store.read().unwrap().table_digests().unwrap();
    let manifest = written["manifest"]["tables"].as_array().unwrap();
    assert_eq!(manifest.len(), restored.len());
    for (m, r) in manifest.iter().zip(&restored) {
        assert_eq!(m["name"], r.name.as_str());
        // The restore marks the store (two meta keys) and audits itself.
        let added = match r.name.as_str() {
            "meta" => 2,
            "audit" => 1,
            _ => 0,
        };
        assert_eq!(m["rows"].as_u64().unwrap() + added, r.rows, "{}", r.name);
        if added == 0 {
            assert_eq!(m["digest"], r.digest.as_str(), "{}", r.name);
        }
    }
    // The snapshot was taken in the middle of sending, and the old instance
    // sent more after it: those must not go twice.
    let rows = store.read().unwrap().outbox_all().unwrap();
    let sent_at_snapshot = rows
        .iter()
        .filter(|(_, r)| r.state == OutboxState::Sent)
        .count();
    let sms_sent_at_snapshot = rows
        .iter()
        .filter(|(k, r)| r.state == OutboxState::Sent && k.channel.name() == "sms")
        .count();
    let states: BTreeMap<String, usize> = rows.iter().fold(BTreeMap::new(), |mut m, (_, r)| {
        *m.entry(format!("{:?}", r.state)).or_default() += 1;
        m
    });
    assert!(
        sent_at_snapshot > 0 && sent_at_snapshot < rows.len(),
        "{states:?}"
    );
    assert!(
        texts_from_old > sms_sent_at_snapshot,
        "no text went out after the snapshot ({texts_from_old} texts)"
    );
    // Some that were waiting in the snapshot (not in flight) were sent by
    // the old instance before it died: only the restore's fence stops them.
    let message_ids = store.key(KeyPurpose::MessageIds).to_vec();
    let old_emails = emails(&old);
    let waiting_but_sent = rows
        .iter()
        .filter(|(k, r)| r.state == OutboxState::Pending && k.channel.name() == "email")
        .filter(|(k, _)| old_emails.contains_key(&idempotency_key(&message_ids, k)))
        .count();
    assert!(waiting_but_sent > 0, "{states:?}");
    eprintln!("snapshot: {states:?}; {waiting_but_sent} emails waiting in it were sent after it");
    drop(store);

    // The lost import is run again; the provider's record of email (the
    // file driver's file) is the old machine's.
    run(cli(&config, &new, &import_args));
    std::fs::create_dir_all(new.join("outbox")).unwrap();
    std::fs::copy(
        old.join("outbox/email.jsonl"),
        new.join("outbox/email.jsonl"),
    )
    .unwrap();
    // Faster: the second half's ballot messages wait a while after their
    // confirmations.
    let mut restored_serve = serve(&config, &new, "10");
    let started = Instant::now();
    wait_for("every message", Duration::from_secs(120), || {
        twilio.messages().len() >= expected && emails(&new).len() >= expected
            || restored_serve.try_wait().unwrap().is_some()
    });
    eprintln!(
        "restored instance: every message after {:?}",
        started.elapsed()
    );
    std::thread::sleep(Duration::from_millis(2000));
    unsafe {
        libc::kill(restored_serve.id() as i32, libc::SIGTERM);
    }
    restored_serve.wait().unwrap();

    let store = Store::open(&new.join("ballot-tracker.redb")).unwrap();
    let rows = store.read().unwrap().outbox_all().unwrap();
    let mut dropped: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, r) in &rows {
        if r.state == OutboxState::Cancelled && r.note.as_deref() == Some(LATE) {
            assert_eq!(k.kind, MessageKind::Confirmation, "{k:?} {r:?}");
            *dropped.entry(k.channel.name()).or_default() += 1;
        } else {
            assert_eq!(r.state, OutboxState::Sent, "{k:?} {r:?}");
        }
    }
    assert_eq!(rows.len(), expected * 2);
    let mut per_number: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in twilio.messages() {
        per_number
            .entry(m.to.clone())
            .or_default()
            .push(m.body.clone());
    }
    assert_eq!(per_number.len(), VOTERS, "every voter got texts");
    for (to, bodies) in &per_number {
        let mut unique = bodies.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            bodies.len(),
            "{to} got a text twice: {bodies:?}"
        );
    }
    let texts: usize = per_number.values().map(Vec::len).sum();
    assert_eq!(texts, expected - dropped.get("sms").copied().unwrap_or(0));
    let e = emails(&new);
    assert!(e.values().all(|n| *n == 1), "an email was written twice");
    assert_eq!(
        e.len(),
        expected - dropped.get("email").copied().unwrap_or(0)
    );
    // The restore is in the audit log.
    let audit = store.read().unwrap().audit_log().unwrap();
    assert!(
        audit
            .iter()
            .any(|(_, _, a)| a.starts_with("restored from a backup of"))
    );
}
