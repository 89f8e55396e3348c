//! The phone and webhook drivers against a local server speaking Twilio's
//! REST API: what the dispatcher sends (which resource, text, TwiML, auth,
//! callback), how refusals and outages end, crash recovery by lookup, and
//! what comes back: delivery reports and STOP/START/HELP.

use crate::common;
use crate::twilio_server;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::config::{Provider, ProviderConfig};
use ballot_tracker::domain::county_office::CountyOffice;
use ballot_tracker::domain::outbox::{OutboxKey, OutboxState};
use ballot_tracker::domain::{Channel, CountyCode, Language, MessageKind};
use ballot_tracker::domain::{Subscription, VoterId};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{Dispatcher, Lane, mark_contact_bad};
use ballot_tracker::notify::drivers::twilio::{self, TwilioDriver};
use ballot_tracker::notify::drivers::webhook::WebhookDriver;
use ballot_tracker::notify::drivers::{BoxFuture, Driver, Outcome, Outgoing};
use ballot_tracker::notify::receipts::apply_status;
use ballot_tracker::notify::render::Content;
use ballot_tracker::service::Actor;
use ballot_tracker::service::inbound::{self, Keyword};
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::{OutboxRow, Store};
use base64::Engine as _;
use common::*;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use twilio_server::*;

const PUBLIC_URL: &str = "https://ballots.example.gov";
const FROM: &str = "+19165550000";
const E: &str = "2026-11-03-GEN";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn provider(server: &TwilioServer) -> ProviderConfig {
    ProviderConfig {
        provider: Provider::Twilio,
        api_base: server.base(),
        account_sid: SID.into(),
        auth_token: TOKEN.into(),
        from_number: FROM.into(),
        rate_per_second: 1000,
        concurrency: 4,
        recordings_url: String::new(),
    }
}

fn twilio_lanes(server: &TwilioServer) -> BTreeMap<Channel, Lane> {
    let cfg = provider(server);
    let mut lanes = BTreeMap::new();
    for c in [Channel::Sms, Channel::Voice] {
        let d = TwilioDriver::new(&cfg, c, PUBLIC_URL).unwrap();
        lanes.insert(c, Lane::new(Arc::new(d), 1000, 4));
    }
    lanes
}

struct Engine {
    _fx: Fixture,
    store: Arc<Store>,
    clock: ManualClock,
    catalog: Arc<RwLock<Catalog>>,
    dispatcher: Dispatcher,
    server: TwilioServer,
    rt: tokio::runtime::Runtime,
}

impl Engine {
    fn new(start: &str) -> Self {
        Self::with_lanes(start, twilio_lanes)
    }

    fn with_lanes(
        start: &str,
        lanes: impl FnOnce(&TwilioServer) -> BTreeMap<Channel, Lane>,
    ) -> Self {
        let fx = Fixture::new();
        let store = Arc::new(Store::open(&fx.dir.path().join("n.redb")).unwrap());
        common::general_election(&store, E);
        let server = TwilioServer::start();
        let clock = ManualClock::new(ts(start));
        let catalog = Arc::new(RwLock::new(Catalog::builtin().unwrap()));
        let dispatcher = Dispatcher::new(
            store.clone(),
            Arc::new(clock.clone()),
            catalog.clone(),
            lanes(&server),
            PUBLIC_URL.into(),
        );
        let mut v = VOTER_HEADER.to_string();
        for id in ["V1", "V2", "V3", "V4", "V5"] {
            v.push_str(&voter_row(id, "02", "Ana", id));
        }
        let mut o = fx.opts(VoterMode::Delta);
        o.now = clock.now().as_second();
        ballot_tracker::ingest::import(&store, Feed::Voters, v.as_bytes(), &o).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Self {
            _fx: fx,
            store,
            clock,
            catalog,
            dispatcher,
            server,
            rt,
        }
    }

    fn subscribe(&self, id: &str, lang: &str, sms: Option<&str>, voice: Option<&str>) {
        let req = SubscriptionRequest {
            votecal_id: id.into(),
            language: lang.into(),
            sms: sms.map(str::to_string),
            voice: voice.map(str::to_string),
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

    /// Runs the scheduler every `step` minutes until `until`.
    fn run_until(&self, until: &str, step_minutes: i64) {
        let until = ts(until);
        loop {
            self.rt.block_on(self.dispatcher.step()).unwrap();
            if self.clock.now() >= until {
                break;
            }
            self.clock.advance(step_minutes * 60);
        }
    }

    fn row(&self, id: &str, channel: Channel) -> OutboxRow {
        let rows = self
            .store
            .read()
            .unwrap()
            .outbox_for_voter(voter(id))
            .unwrap();
        let mut rows: Vec<_> = rows
            .into_iter()
            .filter(|(k, _)| k.channel == channel)
            .collect();
        assert_eq!(rows.len(), 1, "{id} {channel}: {rows:?}");
        rows.pop().unwrap().1
    }

    fn subscription(&self, id: &str) -> Subscription {
        self.store
            .read()
            .unwrap()
            .subscription(voter(id))
            .unwrap()
            .unwrap()
    }

    fn catalog(&self) -> std::sync::RwLockReadGuard<'_, Catalog> {
        self.catalog.read().unwrap()
    }
}

fn voter(id: &str) -> u128 {
    VoterId::parse(id).unwrap().key()
}

fn post_to<'a>(posts: &'a [twilio_server::Recorded], to: &str) -> &'a twilio_server::Recorded {
    let found: Vec<_> = posts.iter().filter(|r| r.param("To") == Some(to)).collect();
    assert_eq!(found.len(), 1, "requests to {to}: {found:?}");
    found[0]
}

#[test]
fn texts_and_calls_go_to_twilio_in_the_voters_language() {
    // 10:00 PDT Oct 6: inside everyone's hours and the window. V1's and V2's
    // ballots were mailed that day; there is no confirmation by phone call,
    // so the calls tell of the ballot.
    let e = Engine::new("2026-10-06T17:00:00Z");
    let mut o = e._fx.opts(VoterMode::Delta);
    o.now = e.clock.now().as_second();
    let ballots = "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n\
                   V1,02,2026-11-03-GEN,1,ISSUED,,2026-10-06\nV2,02,2026-11-03-GEN,1,ISSUED,,2026-10-06\n";
    ballot_tracker::ingest::import(&e.store, Feed::Ballots, ballots.as_bytes(), &o).unwrap();
    e.subscribe("V4", "es", Some("(916) 555-0101"), None);
    e.subscribe("V1", "es", None, Some("(916) 555-0102"));
    e.subscribe("V2", "km", None, Some("(916) 555-0103"));
    e.subscribe("V3", "en", Some("(916) 555-0104"), None);
    e.run_until("2026-10-06T17:15:00Z", 15);

    // Khmer has no text-to-speech voice: its call waits for the recording.
    assert_eq!(e.server.posts().len(), 3);
    let waiting = e.row("V2", Channel::Voice);
    assert_eq!(waiting.state, OutboxState::Pending);
    assert_eq!(
        waiting.note.as_deref(),
        Some("waiting for the km recording of outbound")
    );
    ballot_tracker::service::notices::upload_recording(
        &e.store,
        &Actor::operator(),
        Language::KM,
        MessageKind::Outbound,
        b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec(),
        e.clock.now(),
    )
    .unwrap();
    e.clock.advance(3600);
    e.run_until("2026-10-06T18:30:00Z", 15);

    let posts = e.server.posts();
    assert_eq!(posts.len(), 4, "{posts:#?}");
    let messages = format!("/2010-04-01/Accounts/{SID}/Messages.json");
    let calls = format!("/2010-04-01/Accounts/{SID}/Calls.json");
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{SID}:{TOKEN}"))
    );
    for p in &posts {
        assert_eq!(p.header("authorization"), Some(basic.as_str()));
        assert_eq!(
            p.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(p.param("From"), Some(FROM));
        assert_eq!(
            p.param("StatusCallback"),
            Some("https://ballots.example.gov/hooks/twilio/status")
        );
    }

    let es_sms = post_to(&posts, "+19165550101");
    assert_eq!(es_sms.path, messages);
    assert_eq!(
        es_sms.param("Body"),
        Some(
            "Condado de Alpine: Se inscribió para recibir avisos sobre su boleta. Responda HELP para obtener ayuda o STOP para cancelarlos."
        )
    );
    let en_sms = post_to(&posts, "+19165550104");
    assert_eq!(en_sms.path, messages);
    assert!(
        en_sms
            .param("Body")
            .unwrap()
            .starts_with("Alpine County: You are signed up for ballot updates.")
    );

    let es_call = post_to(&posts, "+19165550102");
    assert_eq!(es_call.path, calls);
    assert_eq!(es_call.param("Body"), None);
    let twiml = es_call.param("Twiml").unwrap();
    assert!(
        twiml.starts_with(
            "<Response><Say language=\"es-US\">Hola. Le habla la oficina electoral del Condado de Alpine."
        ),
        "{twiml}"
    );
    assert!(twiml.contains("Le hemos enviado su boleta"), "{twiml}");
    assert!(twiml.ends_with("</Say></Response>"), "{twiml}");

    // Khmer has no text-to-speech voice: the recording plays.
    let km_call = post_to(&posts, "+19165550103");
    assert_eq!(km_call.path, calls);
    assert_eq!(
        km_call.param("Twiml"),
        Some(
            "<Response><Play>https://ballots.example.gov/recordings/km/outbound.mp3</Play></Response>"
        )
    );

    // Each row records Twilio's sid for its message.
    let sid_of = |to: &str| {
        e.server
            .messages()
            .into_iter()
            .chain(e.server.calls())
            .find(|m| m.to == to)
            .unwrap()
            .sid
    };
    for (id, channel, to, prefix) in [
        ("V4", Channel::Sms, "+19165550101", "SM"),
        ("V1", Channel::Voice, "+19165550102", "CA"),
        ("V2", Channel::Voice, "+19165550103", "CA"),
        ("V3", Channel::Sms, "+19165550104", "SM"),
    ] {
        let row = e.row(id, channel);
        assert_eq!(row.state, OutboxState::Sent);
        let sid = row.provider_id.unwrap();
        assert!(sid.starts_with(prefix));
        assert_eq!(sid, sid_of(to));
    }

    // Delivery reports, in any order; a late report never moves a message back.
    let now = e.clock.now();
    let sms1 = sid_of("+19165550101");
    assert!(!apply_status(&e.store, &sms1, "sent", None, now).unwrap());
    assert!(apply_status(&e.store, &sms1, "delivered", None, now).unwrap());
    assert!(!apply_status(&e.store, &sms1, "sent", None, now).unwrap());
    assert!(!apply_status(&e.store, &sms1, "undelivered", Some("30003"), now).unwrap());
    assert_eq!(e.row("V4", Channel::Sms).state, OutboxState::Delivered);

    let call1 = sid_of("+19165550102");
    assert!(!apply_status(&e.store, &call1, "ringing", None, now).unwrap());
    assert!(!apply_status(&e.store, &call1, "in-progress", None, now).unwrap());
    assert!(apply_status(&e.store, &call1, "completed", None, now).unwrap());
    assert_eq!(e.row("V1", Channel::Voice).state, OutboxState::Delivered);

    // Nobody answered: failed, but the number is fine.
    let call2 = sid_of("+19165550103");
    assert!(apply_status(&e.store, &call2, "no-answer", None, now).unwrap());
    let row = e.row("V2", Channel::Voice);
    assert_eq!(row.state, OutboxState::Failed);
    assert!(row.note.unwrap().contains("no-answer"));
    assert!(e.subscription("V2").voice.unwrap().bad.is_none());

    // A landline: failed, and no more texts go to it.
    let sms3 = sid_of("+19165550104");
    assert!(apply_status(&e.store, &sms3, "undelivered", Some("30006"), now).unwrap());
    let row = e.row("V3", Channel::Sms);
    assert_eq!(row.state, OutboxState::Failed);
    assert!(row.note.unwrap().contains("30006"));
    assert!(
        e.subscription("V3")
            .sms
            .unwrap()
            .bad
            .unwrap()
            .contains("30006")
    );

    assert!(!apply_status(&e.store, "SMnosuchmessage", "delivered", None, now).unwrap());
}

#[test]
fn carrier_filtering_fails_the_message_but_not_the_number() {
    let e = Engine::new("2026-10-01T17:00:00Z");
    e.subscribe("V1", "en", Some("(916) 555-0101"), None);
    e.run_until("2026-10-01T17:00:00Z", 15);
    let sid = e.row("V1", Channel::Sms).provider_id.unwrap();
    assert!(apply_status(&e.store, &sid, "undelivered", Some("30007"), e.clock.now()).unwrap());
    assert_eq!(e.row("V1", Channel::Sms).state, OutboxState::Failed);
    assert!(e.subscription("V1").sms.unwrap().bad.is_none());
}

#[test]
fn refusals_mark_the_number_bad_and_outages_are_retried() {
    let e = Engine::new("2026-10-01T17:00:00Z");
    e.subscribe("V1", "en", Some(INVALID_NUMBER), None);
    e.subscribe("V2", "en", Some(UNSUBSCRIBED_NUMBER), None);
    e.subscribe("V3", "es", Some(FLAKY_NUMBER), None);
    e.run_until("2026-10-01T17:00:00Z", 15);

    for (id, code) in [("V1", "21211"), ("V2", "21610")] {
        let row = e.row(id, Channel::Sms);
        assert_eq!(row.state, OutboxState::Failed, "{id}");
        assert!(row.note.unwrap().contains(code));
        let bad = e.subscription(id).sms.unwrap().bad.unwrap();
        assert!(bad.starts_with(&format!("twilio {code}")), "{bad}");
    }
    let row = e.row("V3", Channel::Sms);
    assert_eq!((row.state, row.attempt), (OutboxState::Pending, 1));
    assert!(row.note.unwrap().contains("503"));
    assert!(e.subscription("V3").sms.unwrap().bad.is_none());

    // The retry comes within 30 s.
    e.run_until("2026-10-01T17:02:00Z", 1);
    let row = e.row("V3", Channel::Sms);
    assert_eq!(row.state, OutboxState::Sent);
    let flaky: Vec<_> = e
        .server
        .posts()
        .into_iter()
        .filter(|r| r.param("To") == Some(FLAKY_NUMBER))
        .collect();
    assert_eq!(flaky.len(), 2);
    assert_eq!(flaky[0].param("Body"), flaky[1].param("Body"));
    assert!(
        flaky[1]
            .param("Body")
            .unwrap()
            .starts_with("Condado de Alpine")
    );
    // Nothing more went to the refused numbers.
    assert_eq!(e.server.posts().len(), 4);
}

/// Sends through Twilio for some numbers, then never returns: a process
/// that died after handing the message over, before recording the outcome.
struct DiesWhileSending {
    inner: Arc<TwilioDriver>,
    reaches_twilio: &'static str,
}

impl Driver for DiesWhileSending {
    fn name(&self) -> &'static str {
        "dies"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            if m.to == self.reaches_twilio {
                let out = self.inner.send(m).await;
                assert!(matches!(out, Outcome::Accepted { .. }), "{out:?}");
            }
            std::future::pending().await
        })
    }
}

#[test]
fn after_a_crash_messages_twilio_has_are_found_and_the_rest_sent_again() {
    let e = Engine::with_lanes("2026-10-01T17:00:00Z", |server| {
        let cfg = provider(server);
        let inner = Arc::new(TwilioDriver::new(&cfg, Channel::Sms, PUBLIC_URL).unwrap());
        let mut lanes = BTreeMap::new();
        let dies = DiesWhileSending {
            inner,
            reaches_twilio: "+19165550101",
        };
        lanes.insert(Channel::Sms, Lane::new(Arc::new(dies), 1000, 4));
        lanes
    });
    e.subscribe("V1", "es", Some("(916) 555-0101"), None);
    e.subscribe("V2", "en", Some("(916) 555-0102"), None);
    let step = e.rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(2), e.dispatcher.step()).await
    });
    assert!(step.is_err(), "the step should hang");
    assert_eq!(e.row("V1", Channel::Sms).state, OutboxState::Sending);
    assert_eq!(e.row("V2", Channel::Sms).state, OutboxState::Sending);
    assert_eq!(e.server.posts().len(), 1);

    // Restarted with the real driver.
    let restarted = Dispatcher::new(
        e.store.clone(),
        Arc::new(e.clock.clone()),
        e.catalog.clone(),
        twilio_lanes(&e.server),
        PUBLIC_URL.into(),
    );
    let report = e.rt.block_on(restarted.recover()).unwrap();
    assert_eq!((report.recovered, report.retried), (1, 1));
    let row = e.row("V1", Channel::Sms);
    assert_eq!(row.state, OutboxState::Sent);
    assert_eq!(row.provider_id.unwrap(), e.server.messages()[0].sid);
    // Recovery looks both up, concurrently: in no particular order.
    let mut lookups: Vec<_> = e
        .server
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect();
    lookups.sort_by(|a, b| a.query[0].cmp(&b.query[0]));
    assert_eq!(lookups.len(), 2);
    assert_eq!(lookups[0].query[0], ("To".into(), "+19165550101".into()));
    assert_eq!(lookups[1].query[0], ("To".into(), "+19165550102".into()));
    for l in &lookups {
        assert_eq!(l.query[1], ("From".into(), FROM.into()));
        assert_eq!(l.query[2].0, "DateSent>");
    }

    e.rt.block_on(restarted.step()).unwrap();
    assert_eq!(e.row("V2", Channel::Sms).state, OutboxState::Sent);
    // Each voter got exactly one text.
    let mut to: Vec<_> = e.server.messages().into_iter().map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, ["+19165550101", "+19165550102"]);
}

fn outgoing(to: &str, channel: Channel, language: Language, content: Content) -> Outgoing {
    Outgoing {
        key: OutboxKey {
            voter: 1,
            election: 0,
            kind: MessageKind::Outbound,
            round: 0,
            channel,
        },
        idempotency_key: "0123456789abcdef0123456789abcdef".into(),
        to: to.into(),
        language,
        content,
        unsubscribe_url: format!("{PUBLIC_URL}/unsubscribe/x"),
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn lookup_finds_only_our_text_from_the_last_days_across_pages() {
    let server = TwilioServer::start();
    let cfg = provider(&server);
    let sms = TwilioDriver::new(&cfg, Channel::Sms, PUBLIC_URL).unwrap();
    let to = "+19165550101";
    let m = outgoing(
        to,
        Channel::Sms,
        Language::EN,
        Content::Sms {
            text: "Your ballot is in the mail.".into(),
        },
    );
    let rt = rt();
    // The same text a week ago, and others today: none is this message.
    let week_ago = Timestamp::now() - jiff::SignedDuration::from_hours(7 * 24);
    server.add_message(to, FROM, "Your ballot is in the mail.", week_ago);
    server.add_message(to, FROM, "Another text.", Timestamp::now());
    server.add_message(
        "+19165550102",
        FROM,
        "Your ballot is in the mail.",
        Timestamp::now(),
    );
    assert_eq!(rt.block_on(sms.lookup(&m)), None);

    let Outcome::Accepted { provider_id } = rt.block_on(sms.send(&m)) else {
        panic!("not accepted");
    };
    // Newer texts push ours to the second page.
    for i in 0..150 {
        server.add_message(to, FROM, &format!("Text {i}"), Timestamp::now());
    }
    assert_eq!(rt.block_on(sms.lookup(&m)), Some(provider_id));
    let gets = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .count();
    assert_eq!(gets, 3);

    // Calls are never looked up: they are placed again.
    let voice = TwilioDriver::new(&cfg, Channel::Voice, PUBLIC_URL).unwrap();
    let call = outgoing(
        to,
        Channel::Voice,
        Language::EN,
        Content::Voice {
            script: "Hi".into(),
            tts: Some("en-US".into()),
        },
    );
    assert!(matches!(
        rt.block_on(voice.send(&call)),
        Outcome::Accepted { .. }
    ));
    assert_eq!(rt.block_on(voice.lookup(&call)), None);
}

#[test]
fn scripts_are_escaped_and_bad_credentials_never_blame_the_voter() {
    let server = TwilioServer::start();
    let rt = rt();
    let cfg = ProviderConfig {
        recordings_url: "https://cdn.example.gov/audio/".into(),
        ..provider(&server)
    };
    let voice = TwilioDriver::new(&cfg, Channel::Voice, PUBLIC_URL).unwrap();
    let m = outgoing(
        "+19165550101",
        Channel::Voice,
        Language::EN,
        Content::Voice {
            script: r#"Vote <today> & "smile""#.into(),
            tts: Some("en-US".into()),
        },
    );
    assert!(matches!(
        rt.block_on(voice.send(&m)),
        Outcome::Accepted { .. }
    ));
    let km = outgoing(
        "+19165550102",
        Channel::Voice,
        Language::KM,
        Content::Voice {
            script: "x".into(),
            tts: None,
        },
    );
    assert!(matches!(
        rt.block_on(voice.send(&km)),
        Outcome::Accepted { .. }
    ));
    let posts = server.posts();
    assert_eq!(
        posts[0].param("Twiml"),
        Some(
            "<Response><Say language=\"en-US\">Vote &lt;today&gt; &amp; &quot;smile&quot;</Say></Response>"
        )
    );
    assert_eq!(
        posts[1].param("Twiml"),
        Some("<Response><Play>https://cdn.example.gov/audio/km/outbound.mp3</Play></Response>")
    );

    // A wrong token (401) and an unreachable provider are transient.
    let wrong = ProviderConfig {
        auth_token: "wrong".into(),
        ..provider(&server)
    };
    let sms = TwilioDriver::new(&wrong, Channel::Sms, PUBLIC_URL).unwrap();
    let text = outgoing(
        INVALID_NUMBER,
        Channel::Sms,
        Language::EN,
        Content::Sms { text: "t".into() },
    );
    match rt.block_on(sms.send(&text)) {
        Outcome::Transient(e) => assert!(e.contains("20003") && e.contains("401"), "{e}"),
        o => panic!("{o:?}"),
    }
    let addr = server.addr;
    drop(server);
    let gone = ProviderConfig {
        api_base: format!("http://{addr}"),
        auth_token: TOKEN.into(),
        ..wrong
    };
    let sms = TwilioDriver::new(&gone, Channel::Sms, PUBLIC_URL).unwrap();
    assert!(matches!(
        rt.block_on(sms.send(&text)),
        Outcome::Transient(_)
    ));
    // Content for another channel is a bug of ours, never the number's fault.
    let email = outgoing(
        "+19165550101",
        Channel::Sms,
        Language::EN,
        Content::Email {
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
        },
    );
    assert!(matches!(
        rt.block_on(sms.send(&email)),
        Outcome::Transient(_)
    ));
}

#[test]
fn setup_refuses_incomplete_or_clear_text_configuration() {
    let server = TwilioServer::start();
    let ok = provider(&server);
    assert!(TwilioDriver::new(&ok, Channel::Sms, PUBLIC_URL).is_ok());
    assert!(TwilioDriver::new(&ok, Channel::Email, PUBLIC_URL).is_err());
    assert!(TwilioDriver::new(&ok, Channel::Sms, "not a url").is_err());
    for bad in [
        ProviderConfig {
            account_sid: String::new(),
            ..ok.clone()
        },
        ProviderConfig {
            account_sid: "AC../../x".into(),
            ..ok.clone()
        },
        ProviderConfig {
            auth_token: String::new(),
            ..ok.clone()
        },
        ProviderConfig {
            from_number: " ".into(),
            ..ok.clone()
        },
        ProviderConfig {
            api_base: "http://api.twilio.com".into(),
            ..ok.clone()
        },
    ] {
        let err = TwilioDriver::new(&bad, Channel::Sms, PUBLIC_URL)
            .err()
            .expect("refused");
        assert!(err.to_string().starts_with("[sms]"), "{err}");
    }
    let webhook = ProviderConfig {
        provider: Provider::Webhook,
        auth_token: String::new(),
        ..ok.clone()
    };
    assert!(WebhookDriver::new(&webhook, Channel::Sms).is_err());
}

#[test]
fn the_webhook_gets_signed_json_with_an_idempotency_key() {
    let server = TwilioServer::start();
    let cfg = ProviderConfig {
        provider: Provider::Webhook,
        api_base: format!("{}/webhook", server.base()),
        auth_token: "shared-secret".into(),
        ..ProviderConfig::default()
    };
    let d = WebhookDriver::new(&cfg, Channel::Sms).unwrap();
    let rt = rt();
    let m = outgoing(
        "+19165550101",
        Channel::Sms,
        Language::ES,
        Content::Sms {
            text: "Hola".into(),
        },
    );
    assert_eq!(
        rt.block_on(d.send(&m)),
        Outcome::Accepted {
            provider_id: "wh-1".into()
        }
    );
    let r = &server.requests()[0];
    assert_eq!(
        r.header("idempotency-key"),
        Some(m.idempotency_key.as_str())
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"shared-secret").unwrap();
    mac.update(&r.body);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(
        r.header("x-ballot-tracker-signature"),
        Some(expected.as_str())
    );
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "id": m.idempotency_key,
            "channel": "sms",
            "kind": "outbound",
            "language": "es",
            "to": "+19165550101",
            "content": {"text": "Hola"},
        })
    );
    let bad = Outgoing {
        to: INVALID_NUMBER.into(),
        ..m.clone()
    };
    assert!(matches!(rt.block_on(d.send(&bad)), Outcome::Permanent(_)));
    let throttled = Outgoing {
        to: FLAKY_NUMBER.into(),
        ..m
    };
    assert!(matches!(
        rt.block_on(d.send(&throttled)),
        Outcome::Transient(_)
    ));
}

#[test]
fn keywords_are_whole_messages_in_any_case() {
    use Keyword::*;
    for (body, k) in [
        ("STOP", Some(Stop)),
        (" stop\n", Some(Stop)),
        ("StopAll", Some(Stop)),
        ("unsubscribe", Some(Stop)),
        ("CANCEL", Some(Stop)),
        ("end", Some(Stop)),
        ("Quit", Some(Stop)),
        ("REVOKE", Some(Stop)),
        ("optout", Some(Stop)),
        ("START", Some(Start)),
        ("unstop", Some(Start)),
        ("Yes", Some(Start)),
        ("help", Some(Help)),
        ("INFO", Some(Help)),
        ("please stop", None),
        ("STOP!", None),
        ("stop it", None),
        ("", None),
        ("hola", None),
    ] {
        assert_eq!(inbound::keyword(body), k, "{body:?}");
    }
}

#[test]
fn stop_start_and_help_are_answered_in_the_voters_language() {
    // 23:00 PDT: the confirmation waits for morning.
    let e = Engine::new("2026-10-01T06:00:00Z");
    let alpine = CountyCode::parse("02").unwrap();
    let office = CountyOffice {
        phone: "(530) 694-2281".into(),
        ..CountyOffice::default()
    };
    e.store
        .write(true, |b| b.county_office_put(alpine, &office))
        .unwrap();
    e.subscribe("V1", "es", Some("(916) 555-0101"), None);
    let now = e.clock.now();
    let handle = |from: &str, body: &str| {
        inbound::handle_sms(&e.store, &e.catalog(), from, body, now).unwrap()
    };
    let from = "+19165550101";

    assert_eq!(handle(from, "hola"), None);
    assert_eq!(
        handle(from, "ayuda").as_deref(),
        None,
        "only the carriers' keywords are answered"
    );
    assert_eq!(
        handle(from, "HELP").unwrap(),
        "Avisos sobre su boleta del Condado de Alpine. Preguntas: (530) 694-2281. Responda STOP para cancelarlos o START para volver a recibirlos."
    );

    let reply = handle(from, " Stop ").unwrap();
    assert!(
        reply.starts_with("Condado de Alpine: Ya no recibirá"),
        "{reply}"
    );
    assert!(e.subscription("V1").sms.unwrap().opted_out);
    assert_eq!(e.row("V1", Channel::Sms).state, OutboxState::Cancelled);

    let reply = handle(from, "start").unwrap();
    assert!(
        reply.starts_with("Condado de Alpine: Volverá a recibir"),
        "{reply}"
    );
    assert!(!e.subscription("V1").sms.unwrap().opted_out);

    // A number nobody signed up: English and the state's hotline.
    assert_eq!(
        handle("+19165559999", "help").unwrap(),
        "California ballot tracking (Where's My Ballot?). Questions: (800) 345-8683. Reply STOP to stop, START to restart."
    );
    assert!(
        handle("+19165559999", "STOP")
            .unwrap()
            .contains("no longer get ballot texts")
    );

    // START lifts a carrier's STOP block (Twilio 21610), not other failures.
    e.store
        .write(true, |b| {
            mark_contact_bad(
                b,
                voter("V1"),
                Channel::Sms,
                "twilio 21610 (HTTP 400): unsubscribed",
                now.as_second(),
            )
        })
        .unwrap();
    handle(from, "START").unwrap();
    assert!(e.subscription("V1").sms.unwrap().bad.is_none());
    e.store
        .write(true, |b| {
            mark_contact_bad(
                b,
                voter("V1"),
                Channel::Sms,
                "provider reported undelivered (error 30006)",
                now.as_second(),
            )
        })
        .unwrap();
    handle(from, "START").unwrap();
    assert!(e.subscription("V1").sms.unwrap().bad.is_some());
}

#[test]
fn signatures_match_twilios_documented_example() {
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    let params: Vec<(String, String)> = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ]
    .iter()
    .rev() // the order they come in does not matter
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(
        twilio::signature("12345", url, &params),
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    );
    assert!(twilio::verify_signature(
        "12345",
        url,
        &params,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    assert!(!twilio::verify_signature(
        "12346",
        url,
        &params,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    let mut tampered = params.clone();
    tampered[0].1 = "+18005551213".into();
    assert!(!twilio::verify_signature(
        "12345",
        url,
        &tampered,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    assert!(!twilio::verify_signature("12345", url, &params, ""));
}
