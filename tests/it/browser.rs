//! The voter pages in a real browser: Debian's headless Chromium driven by
//! playwright-core, with axe-core (tests/browser/portal.mjs), against the
//! service sending its codes to a real SMTP server (tests/support/smtp_sink.py).
//!
//! Needs /usr/bin/chromium, the Noto fonts, node and `npm install` in
//! tests/browser (`.ci/run` sets all of it up). Without them the test says
//! so and passes only outside CI; under CI (`CI=true`) it fails.

use crate::common;
use crate::common::server::Served;

use ballot_tracker::domain::{Election, ElectionKind};
use ballot_tracker::service::{Actor, tokens};
use ballot_tracker::store::TokenScope;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const VOTERS: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n\
    CA46001,46,María José,,García López,,1980-07-04,96118,A,es,2026-01-01T00:00:00Z\n\
    CA46002,46,Tom,,Reed,,1975-01-02,96118,I,en,2026-01-01T00:00:00Z\n\
    CA01001,01,Sam,,Twin,,1990-05-06,94601,A,en,2026-01-01T00:00:00Z\n\
    CA01002,01,Sam,,Twin,,1990-05-06,94601,A,en,2026-01-01T00:00:00Z\n";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What is missing to run a browser here, if anything.
fn missing() -> Option<String> {
    if !Path::new("/usr/bin/chromium").exists() {
        return Some(
            "/usr/bin/chromium (apt-get install chromium fonts-noto-core fonts-noto-cjk)".into(),
        );
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Some("tests/browser/node_modules (npm install --prefix tests/browser)".into());
    }
    None
}

/// The SMTP sink, plain SMTP; ends when dropped (its stdin closes).
struct Sink {
    child: std::process::Child,
    port: u16,
}

impl Sink {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new("python3")
            .arg(root().join("tests/support/smtp_sink.py"))
            .arg("--dir")
            .arg(dir)
            .args(["--port", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs the SMTP sink");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP sink did not start: {line:?}"));
        Self { child, port }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voter_pages_in_chromium_with_axe_in_ten_languages() {
    if let Some(what) = missing() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser test needs {what}"
        );
        eprintln!("SKIPPED: the browser test needs {what}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir_all(&mail).unwrap();
    let sink = Sink::start(&mail);

    // Links in messages must name the address the browser uses: the port
    // is taken before the server binds it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let served = Served::start_with(
        |cfg, _| {
            cfg.listen = addr;
            cfg.public_url = Some(format!("http://{addr}"));
            cfg.email.smtp_url = Some(smtp);
            cfg.email.from = "Where's My Ballot <ballots@example.gov>".into();
        },
        |_| {},
    )
    .await;
    let store = served.store.clone();
    // The roll, an election under way (ten days from today), and a ballot
    // extract for the Spanish voter, loaded by the browser script mid-way.
    let opts = common::import_options(
        ballot_tracker::ingest::VoterMode::Full,
        jiff::Timestamp::now().as_second(),
        std::env::temp_dir(),
    );
    ballot_tracker::ingest::import(
        &store,
        ballot_tracker::ingest::Feed::Voters,
        VOTERS.as_bytes(),
        &opts,
    )
    .unwrap();
    let today = jiff::Zoned::now()
        .with_time_zone(ballot_tracker::domain::pacific::pacific())
        .date();
    let day = |n: i64| today.checked_add(jiff::Span::new().days(n)).unwrap();
    let e = Election::new("GEN", "General Election", day(10), ElectionKind::Statewide).unwrap();
    store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .unwrap();
    let ballots = dir.path().join("ballots.csv");
    std::fs::write(
        &ballots,
        format!(
            "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n\
             CA46001,46,GEN,1,ISSUED,,{}\nCA46001,46,GEN,1,INR,,{}\n",
            day(-3),
            day(-1)
        ),
    )
    .unwrap();
    let token = tokens::create(
        &store,
        &Actor::operator(),
        TokenScope::State,
        "browser test",
        jiff::Timestamp::now(),
    )
    .unwrap();

    let shots = root().join("target/browser-screenshots");
    let script = root().join("tests/browser/portal.mjs");
    let mut node = Command::new("node");
    node.arg(&script)
        .env("BT_URL", format!("http://{addr}"))
        .env("BT_MAIL_DIR", &mail)
        .env("BT_TOKEN", &token)
        .env("BT_BALLOTS", &ballots)
        .env("BT_SHOTS", &shots)
        .env(
            "BT_UNSUBSCRIBE",
            ballot_tracker::signer::token(
                store.keys(),
                ballot_tracker::domain::VoterId::parse("CA46001")
                    .unwrap()
                    .key(),
                ballot_tracker::domain::Channel::Email,
            ),
        );
    let run = tokio::task::spawn_blocking(move || node.output());
    let out = tokio::time::timeout(Duration::from_secs(600), run)
        .await
        .expect("the browser script finishes within 10 minutes")
        .unwrap()
        .expect("node runs");
    served.stop().await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("browser: all checks passed"), "{stdout}");
    for l in ["en", "zh", "km"] {
        assert!(shots.join(format!("{l}-my-ballot.png")).exists());
    }
}
