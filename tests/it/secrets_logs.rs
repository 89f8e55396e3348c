//! Secrets and logs, black box where it matters: the real binary at debug
//! level against a real SMTP server (tests/support/smtp_sink.py, aiosmtpd)
//! logs no voter's address, number, code or message; a killed service's
//! local token dies with the next start; files stay private under a
//! permissive umask; replayed Twilio requests change nothing.
//!
//! Needs python3 with aiosmtpd (`python3 -m pip install aiosmtpd`); without
//! them the log test fails, it never skips.

use crate::common;

use ballot_tracker::domain::{Channel, VoterId};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::receipts;
use ballot_tracker::service::Actor;
use ballot_tracker::service::inbound;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::Store;
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

/// A child process killed on drop, so a failing test leaves nothing running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    /// SIGTERM, then its stderr once it has exited.
    fn stop(mut self) -> String {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let start = Instant::now();
        while self.0.try_wait().unwrap().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "serve did not stop"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut err = String::new();
        if let Some(mut e) = self.0.stderr.take() {
            e.read_to_string(&mut err).unwrap();
        }
        err
    }
}

fn serve(data: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(BIN);
    cmd.arg("serve").arg("--data").arg(data);
    cmd.args(["--listen", "127.0.0.1:0"]).args(args);
    cmd.env_remove("BALLOT_TRACKER_CONFIG")
        .env_remove("BALLOT_TRACKER_LISTEN")
        .env_remove("RUST_LOG");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    Running(
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

/// The service file's URL and token once it names a token other than `old`.
fn service_file(data: &Path, old: Option<&str>) -> (String, String) {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(data.join("service.json"))
            && let Ok(v) = serde_json::from_str::<Value>(&text)
        {
            let token = v["token"].as_str().unwrap().to_string();
            if Some(token.as_str()) != old {
                return (v["url"].as_str().unwrap().to_string(), token);
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "serve never wrote its service file"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An HTTP/1.1 answer.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request on its own connection (loopback only).
fn http(url: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A browser without scripts: cookies, forms with their token, see-other.
struct Browser {
    url: String,
    cookies: Vec<(String, String)>,
}

impl Browser {
    fn send(&mut self, method: &str, path: &str, form: &[(&str, &str)]) -> Answer {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect();
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let cookie = cookie.join("; ");
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie.as_str()));
        }
        let a = http(&self.url, method, path, &headers, &body.join("&"));
        for (k, v) in &a.headers {
            if !k.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let (name, value) = v.split(';').next().unwrap().split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !v.contains("Max-Age=0") {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
        a
    }

    /// Posts a form with the token of the page it is on, then follows the see-other.
    fn submit(&mut self, on: &Answer, path: &str, fields: &[(&str, &str)]) -> Answer {
        let at = on.body.find(r#"name="csrf" value=""#).expect("a form");
        let rest = &on.body[at + r#"name="csrf" value=""#.len()..];
        let csrf = rest[..rest.find('"').unwrap()].to_string();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let posted = self.send("POST", path, &all);
        assert_eq!(posted.status, 303, "{path}: {}", posted.body);
        let to = posted.header("location").unwrap().to_string();
        self.send("GET", &to, &[])
    }
}

fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_string)
}

/// The SMTP sink as a child process; it exits when its stdin closes.
struct Sink {
    _child: Running,
    _stdin: ChildStdin,
    port: u16,
    dir: PathBuf,
}

impl Sink {
    fn start(dir: &Path) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg("--dir")
            .arg(dir)
            .args(["--port", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("this test needs python3 with aiosmtpd: {e}"));
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .unwrap_or_else(|| {
                panic!("the SMTP sink did not start (python3 -m pip install aiosmtpd): {line:?}")
            })
            .parse()
            .unwrap();
        Sink {
            _child: Running(child),
            _stdin: stdin,
            port,
            dir: dir.to_path_buf(),
        }
    }

    /// The accepted messages to `to`, waiting up to 30 s for at least `n`.
    fn messages_to(&self, to: &str, n: usize) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            let found: Vec<Value> = files
                .iter()
                .map(|p| {
                    serde_json::from_str::<Value>(&std::fs::read_to_string(p).unwrap()).unwrap()
                })
                .filter(|m| m["rcpt_tos"].to_string().contains(to))
                .collect();
            if found.len() >= n {
                return found;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "no mail to {to}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// What the file driver wrote to `to` on `channel`, waiting up to 30 s.
fn file_messages(data: &Path, channel: &str, to: &str) -> Vec<Value> {
    let path = data.join("outbox").join(format!("{channel}.jsonl"));
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let found: Vec<Value> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|m| m["to"].as_str() == Some(to))
            .collect();
        if !found.is_empty() {
            return found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no {channel} to {to}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

const EMAIL: &str = "luis.miller.private@example.net";
const PHONE: &str = "+15305550142";

#[test]
fn debug_logs_hold_no_address_number_code_or_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sink = Sink::start(&dir.path().join("mail"));
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[email]\nsmtp_url = \"smtp://127.0.0.1:{}\"\nfrom = \"Alpine County <ballots@alpine.example.gov>\"\n",
            sink.port
        ),
    )
    .unwrap();
    // `--demo` subscribes demo voters, whose messages go out at once.
    let config_arg = config.to_str().unwrap();
    let service = serve(
        &data,
        &["--demo", "--config", config_arg],
        &[("RUST_LOG", "debug")],
    );
    let (url, _) = service_file(&data, None);
    let mut b = Browser {
        url: url.clone(),
        cookies: Vec::new(),
    };

    // A demo voter signs up for email and texts and confirms both by code.
    let form = b.send("GET", "/en/sign-up", &[]);
    assert_eq!(form.status, 200, "{}", form.body);
    let who = [
        ("first_name", "Luis"),
        ("last_name", "Miller"),
        ("dob", "06-19-1952"),
        ("zip", "96120"),
    ];
    let choices = b.submit(&form, "/en/sign-up", &who);
    let confirm = b.submit(
        &choices,
        "/en/sign-up/choices",
        &[
            ("language", "en"),
            ("want_email", "1"),
            ("email", EMAIL),
            ("want_sms", "1"),
            ("sms", "(530) 555-0142"),
            ("from", "00:00"),
            ("to", "23:59"),
            ("time_zone", "America/Los_Angeles"),
        ],
    );
    assert!(
        confirm.body.contains(r#"id="code_email""#),
        "{}",
        confirm.body
    );
    let mail = sink.messages_to(EMAIL, 1);
    let email_text = mail[0]["text"].as_str().unwrap().to_string();
    let email_code = six_digits(&email_text).unwrap();
    let texts = file_messages(&data, "sms", PHONE);
    let sms_text = texts[0]["content"]["text"].as_str().unwrap().to_string();
    let sms_code = six_digits(&sms_text).unwrap();
    let done = b.submit(
        &confirm,
        "/en/confirm",
        &[("code_email", &email_code), ("code_sms", &sms_code)],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    // The confirmation message goes out by SMTP too.
    let mail = sink.messages_to(EMAIL, 2);
    let confirmation = mail[1]["text"].as_str().unwrap().to_string();

    // Anyone may post unsigned provider callbacks: they are not logged one by one.
    for _ in 0..200 {
        let a = http(
            &url,
            "POST",
            "/hooks/twilio/status",
            &[],
            "MessageSid=SM1&MessageStatus=failed",
        );
        assert_eq!(a.status, 403);
    }
    let logs = service.stop();

    assert!(logs.contains("DEBUG"), "debug lines of our own: {logs}");
    let unsigned = logs.matches("wrong or missing signature").count();
    assert_eq!(unsigned, 1, "one line for 200 unsigned callbacks:\n{logs}");
    let mut secrets = vec![
        EMAIL.to_string(),
        "luis.miller.private".to_string(),
        PHONE.to_string(),
        "5305550142".to_string(),
        "555-0142".to_string(),
        email_code,
        sms_code,
        // The demo voters' addresses, mailed and texted as the service started.
        "chloe@example.org".to_string(),
        "isabel@example.org".to_string(),
    ];
    for body in [&email_text, &sms_text, &confirmation] {
        secrets.extend(
            body.lines()
                .map(str::trim)
                .filter(|l| l.len() >= 24)
                .map(str::to_string),
        );
    }
    for s in &secrets {
        assert!(!logs.contains(s.as_str()), "the logs hold {s:?}:\n{logs}");
    }
}

#[test]
fn a_killed_service_leaves_no_working_local_token() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let first = serve(data, &[], &[]);
    let (url, old) = service_file(data, None);
    let auth = |token: &str| format!("Bearer {token}");
    let elections = |url: &str, token: &str| {
        http(
            url,
            "GET",
            "/api/v1/elections",
            &[("Authorization", &auth(token))],
            "",
        )
        .status
    };
    assert_eq!(elections(&url, &old), 200);
    // SIGKILL: no clean shutdown revokes the token, and service.json stays.
    drop(first);

    let second = serve(data, &[], &[]);
    let (url, new) = service_file(data, Some(&old));
    assert_eq!(elections(&url, &old), 401, "the old token is revoked");
    assert_eq!(elections(&url, &new), 200);
    second.stop();
    // After a clean stop neither works on the next start.
    let third = serve(data, &[], &[]);
    let (url, newest) = service_file(data, Some(&new));
    assert_eq!(elections(&url, &old), 401);
    assert_eq!(elections(&url, &new), 401);
    assert_eq!(elections(&url, &newest), 200);
    third.stop();
}

#[cfg(unix)]
#[test]
fn files_stay_private_under_a_permissive_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    // One directory made by `serve --demo`, one made beforehand for anyone to read.
    let existing = dir.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (data, flag) in [(&demo, "--demo"), (&existing, "")] {
        let script =
            format!("umask 022; exec \"$0\" serve {flag} --listen 127.0.0.1:0 --data \"$1\"");
        let child = Command::new("sh")
            .args(["-c", &script, BIN])
            .arg(data)
            .env_remove("BALLOT_TRACKER_CONFIG")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let running = Running(child);
        service_file(data, None);
        if flag == "--demo" {
            // The demo's messages go to the file driver's outbox.
            file_messages(data, "email", "chloe@example.org");
        }
        let mut checked = Vec::new();
        let mut dirs = vec![data.to_path_buf()];
        while let Some(d) = dirs.pop() {
            let mode = std::fs::metadata(&d).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", d.display());
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let meta = std::fs::symlink_metadata(&p).unwrap();
                if meta.is_dir() {
                    dirs.push(p);
                } else {
                    assert_eq!(meta.permissions().mode() & 0o077, 0, "{}", p.display());
                    checked.push(p.file_name().unwrap().to_string_lossy().to_string());
                }
            }
        }
        for name in ["ballot-tracker.redb", "secret.key", "service.json"] {
            assert!(checked.iter().any(|c| c == name), "{name} in {checked:?}");
        }
        if flag == "--demo" {
            assert!(checked.iter().any(|c| c == "email.jsonl"), "{checked:?}");
        }
        running.stop();
    }
}

/// A store with one voter subscribed by text, confirmed.
fn subscribed() -> (common::Fixture, Catalog) {
    let fx = common::Fixture::new();
    fx.voters(
        &format!(
            "{}{}",
            common::VOTER_HEADER,
            common::voter_row("CA46001", "46", "Ana", "Lee")
        ),
        ballot_tracker::ingest::VoterMode::Full,
    );
    let req = SubscriptionRequest {
        votecal_id: "CA46001".into(),
        email: None,
        sms: Some("+1 916 555 0101".into()),
        voice: None,
        language: "en".into(),
        hours: None,
        time_zone: None,
        confirmed: true,
    };
    let now = jiff::Timestamp::from_second(common::NOW).unwrap();
    subscriptions::add(
        &fx.store,
        &Actor::operator(),
        &req,
        &Defaults::default(),
        now,
    )
    .unwrap();
    let catalog = Catalog::builtin().unwrap();
    (fx, catalog)
}

fn opted_out(store: &Store) -> bool {
    store
        .read()
        .unwrap()
        .subscription(VoterId::parse("CA46001").unwrap().key())
        .unwrap()
        .unwrap()
        .contact(Channel::Sms)
        .unwrap()
        .opted_out
}

#[test]
fn a_replayed_stop_is_not_applied_again_nor_answered() {
    let (fx, catalog) = subscribed();
    let s = &fx.store;
    let now = jiff::Timestamp::from_second(common::NOW).unwrap();
    let from = "+19165550101";
    let stop = inbound::handle_sms_once(s, &catalog, "SM-stop", from, "STOP", now).unwrap();
    assert!(stop.is_some());
    assert!(opted_out(s));
    let start = inbound::handle_sms_once(s, &catalog, "SM-start", from, "START", now).unwrap();
    assert!(start.is_some());
    assert!(!opted_out(s));
    // The STOP captured on its way, sent again: no change, no second reply.
    let replay = inbound::handle_sms_once(s, &catalog, "SM-stop", from, "STOP", now).unwrap();
    assert_eq!(replay, None);
    assert!(!opted_out(s), "the voter's START stands");
    // A new STOP still works.
    let again = inbound::handle_sms_once(s, &catalog, "SM-stop-2", from, "stop", now).unwrap();
    assert!(again.is_some());
    assert!(opted_out(s));
}

#[test]
fn a_replayed_delivery_report_changes_nothing() {
    use ballot_tracker::domain::outbox::{OutboxKey, OutboxState};
    use ballot_tracker::domain::{CountyCode, MessageKind};
    use ballot_tracker::store::OutboxRow;
    let (fx, _) = subscribed();
    let s = &fx.store;
    let now = jiff::Timestamp::from_second(common::NOW).unwrap();
    let voter = VoterId::parse("CA46001").unwrap().key();
    let key = OutboxKey {
        voter,
        election: 1,
        kind: MessageKind::Outbound,
        round: 0,
        channel: Channel::Sms,
    };
    let mut row = OutboxRow {
        state: OutboxState::Pending,
        attempt: 0,
        due: common::NOW,
        county: CountyCode::from_number(46).unwrap(),
        event_at: common::NOW,
        code: None,
        created_at: common::NOW,
        updated_at: common::NOW,
        provider_id: None,
        note: None,
    };
    s.write(true, |b| {
        b.outbox_insert(&key, &row)?;
        row.state = OutboxState::Sending;
        b.outbox_update(&key, &row)?;
        row.state = OutboxState::Sent;
        row.provider_id = Some("SM1".into());
        b.outbox_update(&key, &row)
    })
    .unwrap();
    let state = || s.read().unwrap().outbox_get(&key).unwrap().unwrap().state;
    let bad = || {
        s.read()
            .unwrap()
            .subscription(voter)
            .unwrap()
            .unwrap()
            .contact(Channel::Sms)
            .unwrap()
            .bad
            .clone()
    };
    assert!(receipts::apply_status(s, "SM1", "delivered", None, now).unwrap());
    assert_eq!(state(), OutboxState::Delivered);
    // The same report again, and a "failed" that says the number is gone.
    assert!(!receipts::apply_status(s, "SM1", "delivered", None, now).unwrap());
    assert!(!receipts::apply_status(s, "SM1", "failed", Some("30005"), now).unwrap());
    assert!(!receipts::apply_status(s, "SM1", "failed", Some("30005"), now).unwrap());
    assert_eq!(state(), OutboxState::Delivered);
    assert_eq!(bad(), None, "the number is not marked unreachable");
    let seen = |status: &str| {
        s.read()
            .unwrap()
            .provider_report_seen("SM1", status)
            .unwrap()
    };
    assert!(seen("delivered") && seen("failed"));
    // Statuses in flight change nothing and are not remembered.
    assert!(!receipts::apply_status(s, "SM1", "sent", None, now).unwrap());
    assert!(!seen("sent"));
}
