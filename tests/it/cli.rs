//! The command line, black box: runs the built binary against a temp data dir.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{e}: stdout {:?} stderr {:?}", self.stdout, self.stderr))
    }

    fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stdout {:?} stderr {:?}",
            self.stdout, self.stderr
        );
        self
    }
}

fn run(data: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(BIN)
        .args(args)
        .arg("--data")
        .arg(data)
        .env_remove("BALLOT_TRACKER_CONFIG")
        .env_remove("BALLOT_TRACKER_LISTEN")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn demo_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(name)
}

#[test]
fn elections_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let created = run(
        d,
        &[
            "election",
            "create",
            "--code",
            "2026-11-03-GEN",
            "--name",
            "General",
            "--date",
            "2026-11-03",
            "--kind",
            "statewide",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(created["code"], "2026-11-03-GEN");
    assert_eq!(created["messages_from"], "2026-10-05");

    // Again: refused, one clear line, exit 1.
    let again = run(
        d,
        &[
            "election",
            "create",
            "--code",
            "2026-11-03-GEN",
            "--name",
            "General",
            "--date",
            "2026-11-03",
            "--kind",
            "statewide",
        ],
    );
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("2026-11-03-GEN already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(again.stderr.trim().lines().count(), 1, "{}", again.stderr);

    // Global options anywhere on the line.
    let list = Command::new(BIN)
        .args(["--data"])
        .arg(d)
        .args(["election", "list", "--json"])
        .output()
        .unwrap();
    assert!(list.status.success());
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);

    run(
        d,
        &["election", "opt-out", "2026-11-03-GEN", "--county", "02"],
    )
    .ok();
    let shown = run(d, &["election", "show", "2026-11-03-GEN", "--json"])
        .ok()
        .json();
    assert_eq!(shown["opted_out"], serde_json::json!(["02"]));
    let human = run(d, &["election", "show", "2026-11-03-GEN"]).ok();
    assert!(
        human.stdout.contains("opted out") && human.stdout.contains("02"),
        "{}",
        human.stdout
    );

    // A special election too close: the refusal names the closing date.
    let soon = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(30))
        .unwrap();
    let closes = soon.checked_sub(jiff::Span::new().days(90)).unwrap();
    let soon = soon.to_string();
    run(
        d,
        &[
            "election", "create", "--code", "SP-1", "--name", "Special", "--date", &soon, "--kind",
            "special",
        ],
    )
    .ok();
    let late = run(
        d,
        &[
            "election", "sign-up", "SP-1", "--county", "46", "--imb", "both",
        ],
    );
    assert_eq!(late.code, 1);
    assert!(late.stderr.contains(&closes.to_string()), "{}", late.stderr);

    let bad = run(
        d,
        &[
            "election",
            "create",
            "--code",
            "X",
            "--name",
            "x",
            "--date",
            "11/03/2026",
            "--kind",
            "local",
        ],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("--date"), "{}", bad.stderr);
    let missing = run(d, &["election", "show", "NOPE"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no election NOPE"),
        "{}",
        missing.stderr
    );
}

#[test]
fn tokens_are_printed_once_and_work() {
    let dir = tempfile::tempdir().unwrap();
    let t = run(
        dir.path(),
        &["token", "create", "--county", "02", "--label", "alpine"],
    )
    .ok();
    let token = t.stdout.trim();
    assert_eq!(token.len(), 64, "{token}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    let j = run(dir.path(), &["token", "create", "--state", "--json"])
        .ok()
        .json();
    assert_eq!(j["scope"], "state");
    assert_ne!(j["token"], token);
    let neither = run(dir.path(), &["token", "create"]);
    assert_ne!(neither.code, 0);
    let bad = run(dir.path(), &["token", "create", "--county", "99"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("99"), "{}", bad.stderr);

    // Only the hash is stored: the token text is nowhere in the database.
    let db = std::fs::read(dir.path().join("ballot-tracker.redb")).unwrap();
    assert!(!db.windows(token.len()).any(|w| w == token.as_bytes()));
}

#[test]
fn import_and_ballot_show() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(
        d,
        &[
            "election",
            "create",
            "--code",
            "2026-11-03-GEN",
            "--name",
            "General",
            "--date",
            "2026-11-03",
            "--kind",
            "statewide",
        ],
    )
    .ok();
    let voters = demo_file("voters.csv");
    let s = run(d, &["import", "voters", voters.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(s["feed"], "voters");
    assert_eq!(s["rows"], 50);
    assert_eq!(s["inserted"], 50);
    let human = run(
        d,
        &[
            "import",
            "voters",
            voters.to_str().unwrap(),
            "--mode",
            "delta",
        ],
    )
    .ok();
    assert!(
        human.stdout.contains("unchanged") && human.stdout.contains("50"),
        "{}",
        human.stdout
    );

    let ballots = demo_file("ballots.csv");
    let s = run(
        d,
        &["import", "ballots", ballots.to_str().unwrap(), "--json"],
    )
    .ok()
    .json();
    assert_eq!(s["rejected"], 0, "{s}");

    // CA0200006: issued, then OTH with two reasons.
    let v = run(
        d,
        &[
            "ballot",
            "show",
            "CA0200006",
            "--election",
            "2026-11-03-GEN",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["votecal_id"], "CA0200006");
    assert_eq!(v["status"], "not_accepted");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events[0]["code"], "ISSUED");
    assert_eq!(
        events.last().unwrap()["reasons"],
        serde_json::json!(["BME", "MIA"])
    );
    let all = run(d, &["ballot", "show", "CA0200006", "--json"])
        .ok()
        .json();
    assert_eq!(all.as_array().unwrap().len(), 1);
    let human = run(d, &["ballot", "show", "CA0200006"]).ok();
    assert!(
        human.stdout.contains("not_accepted") && human.stdout.contains("2026-10-05"),
        "{}",
        human.stdout
    );
    let none = run(d, &["ballot", "show", "CA0200010"]);
    assert_eq!(none.code, 1);

    // Rejected rows: exit 2, each with line and column.
    let bad = d.join("bad.csv");
    std::fs::write(
        &bad,
        "votecal_id,county_code,first_name,last_name,dob,zip,status\nCA0200099,02,Ana,Lee,1980-13-40,96120,A\n",
    )
    .unwrap();
    let r = run(d, &["import", "voters", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("line 2, column dob"), "{}", r.stdout);

    let missing = run(d, &["import", "voters", "/no/such/file.csv"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("/no/such/file.csv"),
        "{}",
        missing.stderr
    );
}

/// Stops the child service on drop, so a failing test leaves nothing running.
struct Service(Child);

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for(path: &Path, present: bool) {
    let start = Instant::now();
    while path.exists() != present {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} never became {present}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn import_goes_through_the_running_service() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut svc = Service(
        Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(d)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let service_file = d.join("service.json");
    wait_for(&service_file, true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&service_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the service file holds a token");
    }
    let sf: Value = serde_json::from_str(&std::fs::read_to_string(&service_file).unwrap()).unwrap();
    assert!(
        sf["url"].as_str().unwrap().starts_with("http://127.0.0.1:"),
        "{sf}"
    );

    // The service holds the database: a local open would fail, so this went over HTTP.
    let direct = run(d, &["election", "list"]);
    assert_eq!(direct.code, 1);
    assert!(
        direct.stderr.contains("running service"),
        "{}",
        direct.stderr
    );

    let voters = demo_file("voters.csv");
    let s = run(d, &["import", "voters", voters.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(s["rows"], 50);
    assert_eq!(s["inserted"], 50);
    let human = run(
        d,
        &["import", "voters", voters.to_str().unwrap(), "--dry-run"],
    )
    .ok();
    assert!(human.stderr.contains("sending"), "{}", human.stderr);
    assert!(human.stdout.contains("dry run"), "{}", human.stdout);

    // Settings and subscriptions go through it too, and take effect at once.
    let office = run(
        d,
        &[
            "county",
            "set",
            "02",
            "--phone",
            "(530) 694-2281",
            "--web",
            "https://www.alpinecountyca.gov/elections",
            "--transit-days",
            "2-4",
        ],
    )
    .ok();
    assert!(office.stderr.contains("the service holds the database"));
    assert_eq!(office.json()["transit_days"], serde_json::json!([2, 4]));
    let text = "Condado de { $county }: su boleta va por correo. STOP para cancelar.";
    let v = run(
        d,
        &[
            "catalog",
            "override",
            "--scope",
            "county-02",
            "--language",
            "es",
            "--text-id",
            "outbound.sms",
            "--text",
            text,
        ],
    )
    .ok()
    .json();
    assert_eq!(v["version"], 1);
    let preview = run(
        d,
        &[
            "catalog",
            "preview",
            "--language",
            "es",
            "--county",
            "02",
            "--kind",
            "outbound",
            "--channel",
            "sms",
        ],
    )
    .ok()
    .json();
    assert_eq!(
        preview["text"],
        "Condado de Alpine: su boleta va por correo. STOP para cancelar."
    );
    let added = run(
        d,
        &[
            "subscription",
            "add",
            "--votecal-id",
            "CA0200001",
            "--email",
            "isabel@example.org",
            "--language",
            "tl",
            "--confirmed",
        ],
    )
    .ok()
    .json();
    assert_eq!(added["subscription"]["language"], "tl");
    let refused = run(
        d,
        &[
            "subscription",
            "add",
            "--votecal-id",
            "CA0200001",
            "--language",
            "xx",
        ],
    );
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("422"), "{}", refused.stderr);
    run(d, &["subscription", "remove", "--votecal-id", "CA0200001"]).ok();

    // A clean shutdown removes the service file and revokes its token.
    #[cfg(unix)]
    {
        let pid = svc.0.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = svc.0.wait().unwrap();
        assert!(status.success(), "{status:?}");
        assert!(!service_file.exists());
        let store = ballot_tracker::store::Store::open(&d.join("ballot-tracker.redb")).unwrap();
        let token = sf["token"].as_str().unwrap();
        assert!(
            ballot_tracker::service::tokens::authenticate(&store, token)
                .unwrap()
                .is_none()
        );
        assert_eq!(store.read().unwrap().voter_count().unwrap(), 50);
    }
}

#[test]
fn import_goes_through_the_running_service_over_tls() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ck = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    std::fs::write(d.join("cert.pem"), ck.cert.pem()).unwrap();
    std::fs::write(d.join("key.pem"), ck.signing_key.serialize_pem()).unwrap();
    let config = d.join("ballot-tracker.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndata_dir = {:?}\n[tls]\ncert = {:?}\nkey = {:?}\n",
            d.join("data"),
            d.join("cert.pem"),
            d.join("key.pem")
        ),
    )
    .unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    let _svc = Service(
        Command::new(BIN)
            .arg("serve")
            .env("BALLOT_TRACKER_CONFIG", &config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let service_file = d.join("data/service.json");
    wait_for(&service_file, true);
    let sf: Value = serde_json::from_str(&std::fs::read_to_string(&service_file).unwrap()).unwrap();
    assert!(
        sf["url"]
            .as_str()
            .unwrap()
            .starts_with("https://127.0.0.1:"),
        "{sf}"
    );

    let voters = demo_file("voters.csv");
    let out = Command::new(BIN)
        .args([
            "import",
            "voters",
            voters.to_str().unwrap(),
            "--json",
            "--config",
        ])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["inserted"], 50);
}

#[test]
fn serve_demo_loads_once_and_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("fresh");
    for _ in 0..2 {
        // Killed below without a clean shutdown: its service file stays behind.
        let _ = std::fs::remove_file(d.join("service.json"));
        let mut svc = Service(
            Command::new(BIN)
                .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
                .arg(&d)
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        wait_for(&d.join("service.json"), true);
        let _ = svc.0.kill();
        let _ = svc.0.wait();
    }
    let store = ballot_tracker::store::Store::open(&d.join("ballot-tracker.redb")).unwrap();
    let snap = store.read().unwrap();
    assert_eq!(snap.voter_count().unwrap(), 50);
    assert_eq!(snap.elections().unwrap().len(), 1);
    // Three demo voters subscribed; each contact got one confirmation (none by
    // phone call) and one message with the ballot's status, though the demo
    // was loaded twice.
    assert_eq!(snap.subscription_count().unwrap(), 3);
    let outbox = snap.outbox_all().unwrap();
    let confirmations = outbox
        .iter()
        .filter(|(k, _)| k.kind == ballot_tracker::domain::MessageKind::Confirmation)
        .count();
    assert_eq!(confirmations, 4, "{outbox:?}");
    assert_eq!(outbox.len(), 9, "{outbox:?}");
    drop((snap, store));
    let v = run(
        &d,
        &[
            "ballot",
            "show",
            "CA0200001",
            "--election",
            "2026-11-03-GEN",
            "--json",
        ],
    )
    .ok()
    .json();
    let sources: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&"votecal") && sources.contains(&"usps"),
        "{v}"
    );
    // Each message once, though the files were loaded twice.
    let messages: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert_eq!(messages, ["outbound", "inbound"], "{v}");
}

#[test]
fn notification_settings_and_subscriptions_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let e = [
        "--code",
        "2026-11-03-GEN",
        "--name",
        "General",
        "--date",
        "2026-11-03",
        "--kind",
        "statewide",
    ];
    run(d, &[&["election", "create"][..], &e].concat()).ok();
    let voters = demo_file("voters.csv");
    run(d, &["import", "voters", voters.to_str().unwrap()]).ok();

    // Staff enrol a caller; bad input names the field.
    let sub = run(
        d,
        &[
            "subscription",
            "add",
            "--votecal-id",
            "CA0200001",
            "--sms",
            "(916) 555-0101",
            "--language",
            "tl",
            "--hours",
            "09:00-17:00",
            "--tz",
            "America/Los_Angeles",
            "--confirmed",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(sub["contacts"][0]["address"], "+19165550101");
    assert_eq!(sub["hours"], "09:00-17:00");
    let bad = run(
        d,
        &[
            "subscription",
            "add",
            "--votecal-id",
            "CA0200001",
            "--email",
            "nope",
            "--language",
            "tl",
            "--confirmed",
        ],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("email:"), "{}", bad.stderr);
    let missing = run(
        d,
        &[
            "subscription",
            "add",
            "--votecal-id",
            "CA9999999",
            "--email",
            "a@b.org",
            "--language",
            "en",
            "--confirmed",
        ],
    );
    assert!(
        missing.stderr.contains("no voter CA9999999"),
        "{}",
        missing.stderr
    );
    let list = run(d, &["subscription", "list", "--county", "02", "--json"]).ok();
    assert_eq!(list.stdout.lines().count(), 1);

    // Timing, hold and office details show up in the election and in previews.
    let v = run(
        d,
        &[
            "election",
            "notices",
            "2026-11-03-GEN",
            "--rule",
            "received=after 2h",
            "--return-reminders",
            "10,3",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["delivery_rules"]["received"], "after 120m");
    assert_eq!(v["return_reminder_days"], serde_json::json!([10, 3]));
    let bad_rule = run(
        d,
        &[
            "election",
            "notices",
            "2026-11-03-GEN",
            "--rule",
            "received=soon",
        ],
    );
    assert!(bad_rule.stderr.contains("--rule"), "{}", bad_rule.stderr);
    let v = run(
        d,
        &[
            "election",
            "hold-outbound",
            "2026-11-03-GEN",
            "--county",
            "02",
            "--until",
            "2026-10-09",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(v["outbound_hold"]["02"], "2026-10-09");
    run(
        d,
        &[
            "county",
            "set",
            "02",
            "--phone",
            "(530) 694-2281",
            "--web",
            "https://www.alpinecountyca.gov/elections",
            "--transit-days",
            "3-6",
        ],
    )
    .ok();
    let preview = run(
        d,
        &[
            "catalog",
            "preview",
            "--language",
            "es",
            "--county",
            "02",
            "--kind",
            "contact_county",
            "--channel",
            "email",
        ],
    )
    .ok();
    assert!(
        preview.stdout.contains("(530) 694-2281"),
        "{}",
        preview.stdout
    );
    assert!(
        preview.stdout.starts_with("Subject: "),
        "{}",
        preview.stdout
    );

    // A county's override is versioned and previewed; a broken one is refused.
    run(
        d,
        &[
            "catalog",
            "override",
            "--scope",
            "county-02",
            "--language",
            "en",
            "--text-id",
            "accepted.sms",
            "--text",
            "{ $county } County: counted!",
        ],
    )
    .ok();
    run(
        d,
        &[
            "catalog",
            "override",
            "--scope",
            "county-02",
            "--language",
            "en",
            "--text-id",
            "accepted.sms",
            "--text",
            "{ $county } County: your ballot was counted.",
        ],
    )
    .ok();
    let bad = run(
        d,
        &[
            "catalog",
            "override",
            "--scope",
            "county-02",
            "--language",
            "en",
            "--text-id",
            "accepted.sms",
            "--text",
            "{ $nope",
        ],
    );
    assert_eq!(bad.code, 1, "{}", bad.stdout);
    let versions = run(d, &["catalog", "overrides"]).ok();
    assert_eq!(versions.stdout.lines().count(), 2, "{}", versions.stdout);
    let p = run(
        d,
        &[
            "catalog",
            "preview",
            "--language",
            "en",
            "--county",
            "02",
            "--kind",
            "accepted",
            "--channel",
            "sms",
        ],
    )
    .ok();
    assert!(
        p.stdout
            .starts_with("Alpine County: your ballot was counted."),
        "{}",
        p.stdout
    );
    assert!(p.stdout.contains("1 segments"), "{}", p.stdout);

    let removed = run(d, &["subscription", "remove", "--votecal-id", "CA0200001"]).ok();
    assert!(
        removed.stdout.contains("1 pending messages withdrawn"),
        "{}",
        removed.stdout
    );
}

#[test]
fn a_language_is_added_from_files_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/es");
    let (messages, pages) = (root.join("messages.ftl"), root.join("portal.ftl"));
    let (m, p) = (messages.to_str().unwrap(), pages.to_str().unwrap());
    let add = |more: &[&str]| {
        let mut args = vec!["language", "add", "--code", "hy", "--name", "Հայերեն"];
        args.extend_from_slice(more);
        run(d, &args)
    };
    // No catalog given: clap says so.
    assert_ne!(add(&["--messages"]).code, 0);
    // A file that is not there is named.
    let missing = d.join("nowhere.ftl");
    let r = add(&["--messages", missing.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nowhere.ftl"), "{}", r.stderr);
    // The page texts given as messages lack every message: refused, named.
    let r = add(&["--messages", p]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("lacks") && r.stderr.contains("outbound.sms"),
        "{}",
        r.stderr
    );
    let r = add(&["--tts", "hy-AM", "--messages", m, "--pages", p]).ok();
    assert!(r.stdout.contains("added hy (Հայերեն)"), "{}", r.stdout);
    let list = run(d, &["language", "list", "--json"]).ok().json();
    assert_eq!(list[0]["language"], "hy");
    assert_eq!(list[0]["tts"], "hy-AM");
}
