//! Messages tell voters the truth, checked through what a voter receives: text
//! messages at a local server speaking Twilio's API, emails at a real SMTP
//! server (tests/support/smtp_sink.py, on aiosmtpd: without it the email
//! test fails, it never skips). After the cure deadline no past date; every
//! reason of a ballot row named; a message with an empty part held until a
//! state admin releases it; replies to unknown numbers and override errors in
//! plain words.

use crate::common;
use crate::twilio_server;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::config::{EmailConfig, Provider, ProviderConfig};
use ballot_tracker::domain::county_office::CountyOffice;
use ballot_tracker::domain::outbox::OutboxState;
use ballot_tracker::domain::{Channel, CountyCode, Language, MessageKind, VoterId, sms};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::notify::catalog::{Catalog, OverrideKey};
use ballot_tracker::notify::dispatch::{Dispatcher, Lane};
use ballot_tracker::notify::drivers::smtp::SmtpDriver;
use ballot_tracker::notify::drivers::twilio::TwilioDriver;
use ballot_tracker::notify::render::Content;
use ballot_tracker::service::inbound;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::service::{Actor, ServiceError, notices};
use ballot_tracker::store::{Store, TokenScope};
use common::*;
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use twilio_server::*;

const E: &str = "2026-11-03-GEN";
const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const PHONE: &str = "(530) 694-2281";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn voter(id: &str) -> u128 {
    VoterId::parse(id).unwrap().key()
}

struct Engine {
    fx: Fixture,
    store: Arc<Store>,
    clock: ManualClock,
    catalog: Arc<RwLock<Catalog>>,
    dispatcher: Dispatcher,
    rt: tokio::runtime::Runtime,
}

impl Engine {
    fn new(start: &str, lanes: BTreeMap<Channel, Lane>) -> Self {
        let fx = Fixture::new();
        let store = Arc::new(Store::open(&fx.dir.path().join("n.redb")).unwrap());
        common::general_election(&store, E);
        let clock = ManualClock::new(ts(start));
        let catalog = Arc::new(RwLock::new(Catalog::builtin().unwrap()));
        let dispatcher = Dispatcher::new(
            store.clone(),
            Arc::new(clock.clone()),
            catalog.clone(),
            lanes,
            "https://ballots.example.gov".into(),
        );
        let mut v = VOTER_HEADER.to_string();
        for id in ["V1", "V2", "V3", "V4"] {
            v.push_str(&voter_row(id, "02", "Ana", id));
        }
        v.push_str(&voter_row("V9", "03", "Ana", "V9"));
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let e = Self {
            fx,
            store,
            clock,
            catalog,
            dispatcher,
            rt,
        };
        e.import(Feed::Voters, &v);
        let alpine = CountyOffice {
            phone: PHONE.into(),
            web: "https://www.alpinecountyca.gov/elections".into(),
            transit_days: (2, 5),
        };
        let c = CountyCode::parse("02").unwrap();
        notices::set_county_office(&e.store, &Actor::operator(), c, &alpine, e.clock.now())
            .unwrap();
        e
    }

    fn import(&self, feed: Feed, text: &str) {
        let mut o = self.fx.opts(VoterMode::Delta);
        o.now = self.clock.now().as_second();
        ballot_tracker::ingest::import(&self.store, feed, text.as_bytes(), &o).unwrap();
    }

    fn subscribe(&self, id: &str, lang: &str, email: Option<&str>, sms: Option<&str>) {
        let req = SubscriptionRequest {
            votecal_id: id.into(),
            language: lang.into(),
            email: email.map(str::to_string),
            sms: sms.map(str::to_string),
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

    fn step(&self) {
        self.rt.block_on(self.dispatcher.step()).unwrap();
    }

    fn state(&self, id: &str, kind: MessageKind, channel: Channel) -> OutboxState {
        let rows = self
            .store
            .read()
            .unwrap()
            .outbox_for_voter(voter(id))
            .unwrap();
        rows.into_iter()
            .find(|(k, _)| k.kind == kind && k.channel == channel)
            .unwrap_or_else(|| panic!("no {kind} {channel} for {id}"))
            .1
            .state
    }

    fn long_date(&self, lang: Language, d: jiff::civil::Date) -> String {
        let c = self.catalog.read().unwrap();
        c.long_date(lang, CountyCode::parse("02"), d).unwrap()
    }
}

fn twilio_lanes(server: &TwilioServer) -> BTreeMap<Channel, Lane> {
    let cfg = ProviderConfig {
        provider: Provider::Twilio,
        api_base: server.base(),
        account_sid: SID.into(),
        auth_token: TOKEN.into(),
        from_number: "+19165550000".into(),
        rate_per_second: 1000,
        concurrency: 4,
        recordings_url: String::new(),
    };
    let d = TwilioDriver::new(&cfg, Channel::Sms, "https://ballots.example.gov").unwrap();
    BTreeMap::from([(Channel::Sms, Lane::new(Arc::new(d), 1000, 4))])
}

/// The texts the server got for one number after its sign-up's confirmation.
fn texts_to(server: &TwilioServer, to: &str) -> Vec<String> {
    server
        .posts()
        .iter()
        .filter(|r| r.param("To") == Some(to))
        .map(|r| r.param("Body").unwrap_or_default().to_string())
        .skip(1)
        .collect()
}

#[test]
fn texts_after_the_cure_deadline_name_every_reason_and_a_held_one_waits_for_its_fix() {
    let server = TwilioServer::start();
    // December 3, 10:00 in California: two days after the cure deadline.
    let e = Engine::new("2026-12-03T18:00:00Z", twilio_lanes(&server));
    e.subscribe("V1", "zh", None, Some("(916) 555-0101"));
    e.subscribe("V2", "en", None, Some("(916) 555-0102"));
    e.subscribe("V3", "en", None, Some("(916) 555-0103"));
    e.subscribe("V9", "en", None, Some("(916) 555-0109"));
    e.step();
    assert_eq!(server.posts().len(), 4, "the confirmations");
    // Amador's office as a store of an older version left it: no phone.
    e.store
        .write(true, |b| {
            let office = CountyOffice {
                phone: String::new(),
                ..CountyOffice::default()
            };
            b.county_office_put(CountyCode::parse("03").unwrap(), &office)
        })
        .unwrap();
    let mut b = BALLOT_HEADER.to_string();
    for (id, cc) in [("V1", "02"), ("V2", "02"), ("V3", "02"), ("V9", "03")] {
        b.push_str(&format!("{id},{cc},{E},1,ISSUED,,2026-10-05\n"));
    }
    b.push_str(&format!("V1,02,{E},1,NVS,,2026-11-20\n"));
    b.push_str(&format!("V2,02,{E},1,OTH,NVS|BME,2026-11-20\n"));
    b.push_str(&format!(
        "V3,02,{E},1,NVS,NMS|NID|MIA|INF|BME|MRE|VAV|NOT,2026-12-02\n"
    ));
    b.push_str(&format!("V9,03,{E},1,NVS,,2026-12-02\n"));
    e.import(Feed::Ballots, &b);
    e.step();
    e.step();

    // Past the deadline: no December 1 in Chinese, and what to do now.
    let zh = texts_to(&server, "+19165550101");
    assert_eq!(zh.len(), 1, "{zh:?}");
    let deadline = e.long_date(Language::ZH, jiff::civil::date(2026, 12, 1));
    assert!(!zh[0].contains(&deadline), "{}", zh[0]);
    assert!(zh[0].contains("補正期限已過"), "{}", zh[0]);
    assert!(zh[0].contains("信封上沒有簽名"), "{}", zh[0]);
    assert!(zh[0].contains(PHONE), "{}", zh[0]);

    // OTH with NVS|BME: both named, not "several problems".
    let en = texts_to(&server, "+19165550102");
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(en[0].contains("The envelope was not signed."), "{}", en[0]);
    assert!(en[0].contains("did not contain a ballot"), "{}", en[0]);
    assert!(!en[0].contains("Several problems"), "{}", en[0]);

    // Nine reasons: as many as fit in three segments, the rest counted, the phone kept.
    let many = texts_to(&server, "+19165550103");
    assert_eq!(many.len(), 1, "{many:?}");
    assert!(
        sms::segments(&many[0]).segments <= sms::MAX_SEGMENTS,
        "{}",
        many[0]
    );
    assert!(
        many[0].contains("The envelope was not signed."),
        "{}",
        many[0]
    );
    assert!(many[0].contains("does not match"), "{}", many[0]);
    assert!(many[0].contains(" more problem"), "{}", many[0]);
    assert!(many[0].ends_with(&format!("Call {PHONE}.")), "{}", many[0]);

    // No phone for Amador: nothing sent, held with why, for the state to see.
    assert!(texts_to(&server, "+19165550109").is_empty());
    let held = MessageKind::ContactCounty;
    assert_eq!(e.state("V9", held, Channel::Sms), OutboxState::Held);
    let amador = CountyCode::parse("03").unwrap();
    let county = Actor::token("amador", TokenScope::County(amador));
    assert!(matches!(
        notices::held_messages(&e.store, &county, None, 10),
        Err(ServiceError::Forbidden(_))
    ));
    let state = Actor::token("sos", TokenScope::State);
    let (list, next) = notices::held_messages(&e.store, &state, None, 10).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(next, None);
    let m = &list[0];
    assert_eq!(
        (m.county.as_str(), m.kind, m.state),
        ("03", "contact_county", "held")
    );
    assert_eq!(m.election.as_deref(), Some(E));
    let why = m.reason.clone().unwrap();
    assert!(why.contains("$county_phone empty"), "{why}");

    // Released before the fix: it stays held, with the reason.
    let now = e.clock.now();
    let again = {
        let c = e.catalog.read().unwrap();
        notices::release_held(&e.store, &c, &state, &m.id, now).unwrap()
    };
    assert_eq!(again.state, "held");
    e.step();
    assert!(texts_to(&server, "+19165550109").is_empty());

    // Fixed and released: it goes out, with the phone.
    let office = CountyOffice {
        phone: "(209) 223-6465".into(),
        web: "https://www.amadorgov.org/elections".into(),
        transit_days: (2, 5),
    };
    notices::set_county_office(&e.store, &state, amador, &office, now).unwrap();
    let released = {
        let c = e.catalog.read().unwrap();
        notices::release_held(&e.store, &c, &state, &m.id, now).unwrap()
    };
    assert_eq!(released.state, "pending");
    let (list, _) = notices::held_messages(&e.store, &state, None, 10).unwrap();
    assert!(list.is_empty(), "{list:?}");
    e.step();
    let sent = texts_to(&server, "+19165550109");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("(209) 223-6465"), "{}", sent[0]);
    assert!(!sent[0].contains(" on."), "{}", sent[0]);
    assert_eq!(e.state("V9", held, Channel::Sms), OutboxState::Sent);
    let c = e.catalog.read().unwrap();
    let twice = notices::release_held(&e.store, &c, &state, &m.id, now);
    assert!(matches!(twice, Err(ServiceError::Conflict(_))), "{twice:?}");
}

#[test]
fn an_unknown_number_is_answered_by_the_service_and_override_mistakes_in_plain_words() {
    let server = TwilioServer::start();
    let e = Engine::new("2026-10-10T17:00:00Z", twilio_lanes(&server));
    let now = e.clock.now();
    for body in ["STOP", "HELP", "START"] {
        let c = e.catalog.read().unwrap();
        let reply = inbound::handle_sms(&e.store, &c, "+19165550177", body, now)
            .unwrap()
            .unwrap();
        assert!(reply.starts_with("California ballot tracking"), "{reply}");
        assert!(!reply.contains("California County"), "{reply}");
    }

    let key = |t: &str| OverrideKey::parse(&format!("state/en/{t}")).unwrap();
    let state = Actor::operator();
    let err =
        |t: &str, text: &str| match notices::override_text(&e.store, &state, &key(t), text, now) {
            Err(ServiceError::Invalid(m)) => m,
            other => panic!("{text:?} was taken: {other:?}"),
        };
    // The LA County incident: a variable the message does not have.
    let m = err(
        "return-reminder.sms",
        "Return it by 8 pm on { $election_day }.",
    );
    assert!(
        m.starts_with(
            "return-reminder.sms: line 1, column 24: $election_day is not a part of this text"
        ),
        "{m}"
    );
    let m = err("accepted.sms", "Counted!\nSee { manage_url");
    assert!(m.contains("line 2, column "), "{m}");
    assert!(
        !m.contains("ParserError") && !m.contains("Reference("),
        "{m}"
    );
    // A link only emails have cannot be put in a text message: empty there.
    let m = err("accepted.sms", "Counted. See { $manage_url }");
    assert!(m.contains("$manage_url is not a part of this text"), "{m}");
    // Nothing was stored.
    assert!(notices::overrides(&e.store).unwrap().is_empty());

    // A cure reminder's preview shows the reminder day's count, not 35.
    let preview = |on| {
        let k = (MessageKind::CureReminder, Channel::Email);
        match notices::preview(
            &e.store,
            Language::EN,
            CountyCode::parse("02").unwrap(),
            k,
            on,
        )
        .unwrap()
        {
            Content::Email { text, .. } => text,
            other => panic!("{other:?}"),
        }
    };
    let t = preview(None);
    assert!(t.contains("There are 7 days left to fix it."), "{t}");
    let passed = Some(jiff::civil::date(2026, 12, 3));
    let k = (MessageKind::ContactCounty, Channel::Sms);
    let c = CountyCode::parse("02").unwrap();
    let Content::Sms { text } = notices::preview(&e.store, Language::EN, c, k, passed).unwrap()
    else {
        unreachable!()
    };
    assert!(
        text.contains("The deadline to fix it has passed."),
        "{text}"
    );
}

/// The SMTP sink as a child process, killed on drop.
struct Sink {
    child: Child,
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
        let Some(port) = line
            .trim()
            .strip_prefix("READY ")
            .map(|p| p.parse().unwrap())
        else {
            let _ = child.kill();
            panic!(
                "the SMTP sink did not start (python3 with aiosmtpd is needed: \
                 python3 -m pip install aiosmtpd): {line:?}"
            );
        };
        Sink {
            child,
            _stdin: stdin,
            port,
            dir: dir.to_path_buf(),
        }
    }

    fn messages(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn emails_after_the_cure_deadline_say_it_passed_in_the_voters_language() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"));
    let cfg = EmailConfig {
        smtp_url: Some(format!("smtp://127.0.0.1:{}", sink.port)),
        from: "Alpine County <ballots@alpine.example.gov>".into(),
        ca_file: None,
        rate_per_second: 100,
        concurrency: 2,
    };
    let driver = SmtpDriver::new(&cfg).unwrap();
    let lanes = BTreeMap::from([(Channel::Email, Lane::new(Arc::new(driver), 100, 2))]);
    let e = Engine::new("2026-12-03T18:00:00Z", lanes);
    e.subscribe("V1", "zh", Some("v1@example.org"), None);
    e.subscribe("V2", "es", Some("v2@example.org"), None);
    e.step();
    let mut b = BALLOT_HEADER.to_string();
    b.push_str(&format!(
        "V1,02,{E},1,ISSUED,,2026-10-05\nV1,02,{E},1,NMS,,2026-11-20\n"
    ));
    b.push_str(&format!(
        "V2,02,{E},1,ISSUED,,2026-10-05\nV2,02,{E},1,NVS,NID,2026-11-30\n"
    ));
    e.import(Feed::Ballots, &b);
    for _ in 0..3 {
        e.step();
        if sink.messages().len() >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mail = sink.messages();
    assert_eq!(mail.len(), 4, "{mail:?}");
    // Each voter's second email, after the confirmation.
    let body = |to: &str| -> String {
        let m = mail
            .iter()
            .filter(|m| m.to_string().contains(to))
            .nth(1)
            .unwrap_or_else(|| panic!("no status email to {to}: {mail:?}"));
        m.to_string()
    };
    let zh = body("v1@example.org");
    let deadline = e.long_date(Language::ZH, jiff::civil::date(2026, 12, 1));
    assert!(zh.contains("補正期限已過"), "{zh}");
    assert!(!zh.contains(&deadline), "{zh}");
    let es = body("v2@example.org");
    let deadline = e.long_date(Language::ES, jiff::civil::date(2026, 12, 1));
    assert!(es.contains("El plazo para corregirlo ya venci"), "{es}");
    assert!(!es.contains(&deadline), "{es}");
    assert!(es.contains("El sobre no estaba firmado."), "{es}");
    assert!(es.contains("identificaci"), "{es}");
}
