//! Election rules and the import preview, checked through what voters really
//! receive (the file driver's JSON lines), what officials are told, and what
//! the API and the command line answer.

use crate::common;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::domain::outbox::OutboxState;
use ballot_tracker::domain::{Channel, CountyCode, MessageKind};
use ballot_tracker::ingest::{self, Feed, VoterMode};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{Dispatcher, Lane};
use ballot_tracker::notify::drivers::file::FileDriver;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::service::{Actor, elections, notices};
use ballot_tracker::store::Store;
use common::*;
use jiff::Timestamp;
use jiff::civil::date;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const E: &str = "2026-11-03-GEN";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn alpine() -> CountyCode {
    CountyCode::parse("02").unwrap()
}

/// A store, a manual clock and a dispatcher writing every channel to files.
struct Engine {
    fx: Fixture,
    store: Arc<Store>,
    clock: ManualClock,
    dispatcher: Dispatcher,
}

impl Engine {
    fn new(start: &str) -> Self {
        let fx = Fixture::new();
        let store = Arc::new(Store::open(&fx.dir.path().join("e.redb")).unwrap());
        common::general_election(&store, E);
        let clock = ManualClock::new(ts(start));
        let mut lanes = BTreeMap::new();
        for c in Channel::ALL {
            let path = fx.dir.path().join(format!("outbox/{}.jsonl", c.name()));
            lanes.insert(c, Lane::new(Arc::new(FileDriver::new(path)), 1000, 4));
        }
        let catalog = Arc::new(RwLock::new(Catalog::builtin().unwrap()));
        let dispatcher = Dispatcher::new(
            store.clone(),
            Arc::new(clock.clone()),
            catalog,
            lanes,
            "https://ballots.example.gov".into(),
        );
        let e = Self {
            fx,
            store,
            clock,
            dispatcher,
        };
        let mut v = VOTER_HEADER.to_string();
        for (id, first) in [("V1", "Ana"), ("V2", "Bo"), ("V3", "Cy")] {
            v.push_str(&voter_row(id, "02", first, "Lee"));
        }
        e.import(Feed::Voters, &v, false);
        e
    }

    fn import(&self, feed: Feed, text: &str, dry_run: bool) -> ingest::Summary {
        let mut o = self.fx.opts(VoterMode::Delta);
        o.now = self.clock.now().as_second();
        o.dry_run = dry_run;
        ingest::import(&self.store, feed, text.as_bytes(), &o).unwrap()
    }

    fn subscribe(&self, req: SubscriptionRequest) {
        subscriptions::add(
            &self.store,
            &Actor::operator(),
            &req,
            &Defaults::default(),
            self.clock.now(),
        )
        .unwrap();
    }

    /// Runs the scheduler every `step` minutes until `until` (bounded).
    fn run_until(&self, until: &str, step_minutes: i64) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let until = ts(until);
        for _ in 0..20_000 {
            rt.block_on(self.dispatcher.step()).unwrap();
            if self.clock.now() >= until {
                break;
            }
            self.clock.advance(step_minutes * 60);
        }
    }

    /// What one channel's file received, in order.
    fn lines(&self, channel: Channel) -> Vec<serde_json::Value> {
        let path = self
            .fx
            .dir
            .path()
            .join(format!("outbox/{}.jsonl", channel.name()));
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// When each sent message of `kind` went out.
    fn sent_at(&self, kind: MessageKind) -> Vec<(Channel, Timestamp)> {
        let mut out: Vec<_> = self
            .store
            .read()
            .unwrap()
            .outbox_all()
            .unwrap()
            .into_iter()
            .filter(|(k, r)| k.kind == kind && r.state == OutboxState::Sent)
            .map(|(k, r)| (k.channel, Timestamp::from_second(r.updated_at).unwrap()))
            .collect();
        out.sort();
        out
    }
}

fn req(id: &str, lang: &str) -> SubscriptionRequest {
    SubscriptionRequest {
        votecal_id: id.into(),
        language: lang.into(),
        confirmed: true,
        ..Default::default()
    }
}

#[test]
fn an_outbound_hold_set_after_queueing_holds_the_queued_messages() {
    // 23:00 PDT Oct 5: the Outbound message is queued for 08:00 Oct 6.
    let e = Engine::new("2026-10-06T06:00:00Z");
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0101".into()),
        ..req("V1", "en")
    });
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\n"),
        false,
    );
    e.run_until("2026-10-06T06:00:00Z", 15);
    // The county learns its ballots really drop on Oct 13, and holds them.
    notices::hold_outbound(
        &e.store,
        &Actor::operator(),
        E,
        alpine(),
        Some(date(2026, 10, 13)),
        e.clock.now(),
    )
    .unwrap();
    e.run_until("2026-10-14T00:00:00Z", 60);
    // Not on Oct 6: on the release day, at 08:00 PDT, inside the voter's hours.
    assert_eq!(
        e.sent_at(MessageKind::Outbound),
        vec![(Channel::Sms, ts("2026-10-13T15:00:00Z"))]
    );
    // The delivery window counts from the release day (2-5 days by default).
    let sms = e.lines(Channel::Sms);
    let outbound: Vec<_> = sms.iter().filter(|l| l["kind"] == "outbound").collect();
    assert_eq!(outbound.len(), 1);
    let text = outbound[0]["content"]["text"].as_str().unwrap();
    assert!(
        text.contains("October 15") && text.contains("October 18"),
        "{text}"
    );
    let log = e.store.read().unwrap().audit_log().unwrap();
    assert!(
        log.iter().any(|l| l.2.contains("1 pending messages moved")),
        "{log:?}"
    );
}

#[test]
fn releasing_a_hold_lets_held_messages_go_and_a_late_hold_cancels() {
    let e = Engine::new("2026-10-06T18:00:00Z"); // 11:00 PDT Oct 6
    notices::hold_outbound(
        &e.store,
        &Actor::operator(),
        E,
        alpine(),
        Some(date(2026, 10, 20)),
        e.clock.now(),
    )
    .unwrap();
    for v in ["V1", "V2"] {
        e.subscribe(SubscriptionRequest {
            email: Some(format!("{}@example.org", v.to_lowercase())),
            ..req(v, "en")
        });
    }
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-06\nV2,02,{E},1,ISSUED,,2026-10-06\n"),
        false,
    );
    e.run_until("2026-10-06T19:00:00Z", 15);
    assert!(e.sent_at(MessageKind::Outbound).is_empty());
    // Released on Oct 8 at 10:00 PDT: both go at once, not on Oct 20.
    e.clock.set(ts("2026-10-08T17:00:00Z"));
    notices::hold_outbound(
        &e.store,
        &Actor::operator(),
        E,
        alpine(),
        None,
        e.clock.now(),
    )
    .unwrap();
    e.run_until("2026-10-08T18:00:00Z", 15);
    let sent = e.sent_at(MessageKind::Outbound);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|(_, t)| *t < ts("2026-10-08T18:00:00Z")));
}

#[test]
fn voice_subscribers_get_no_confirmation_call_and_nothing_precedes_a_confirmation() {
    // The ballot was mailed before the voter called the county.
    let e = Engine::new("2026-10-07T18:00:00Z"); // 11:00 PDT
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-06\n"),
        false,
    );
    e.subscribe(SubscriptionRequest {
        voice: Some("(916) 555-0102".into()),
        sms: Some("(916) 555-0103".into()),
        ..req("V1", "en")
    });
    e.run_until("2026-10-08T03:00:00Z", 1);
    let calls = e.lines(Channel::Voice);
    let kinds: Vec<_> = calls.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["outbound"], "no confirmation call");
    let texts = e.lines(Channel::Sms);
    let kinds: Vec<_> = texts.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["confirmation", "outbound"]);
    let confirmation = e.sent_at(MessageKind::Confirmation);
    let outbound = e.sent_at(MessageKind::Outbound);
    assert!(confirmation[0].1 < outbound.iter().map(|x| x.1).min().unwrap());
}

#[test]
fn a_ballot_change_dated_before_the_sign_up_waits_for_its_confirmation() {
    // The voter signs up; the extract then brings the ballot mailed the day
    // before. The Outbound message is due earlier than the confirmation by
    // its own date, but goes after it, and the confirmation is not dropped.
    let e = Engine::new("2026-10-07T18:00:00Z"); // 11:00 PDT
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0105".into()),
        ..req("V1", "en")
    });
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-06\n"),
        false,
    );
    e.run_until("2026-10-08T03:00:00Z", 1);
    let texts = e.lines(Channel::Sms);
    let kinds: Vec<_> = texts.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["confirmation", "outbound"]);
    let confirmation = e.sent_at(MessageKind::Confirmation);
    let outbound = e.sent_at(MessageKind::Outbound);
    assert!(confirmation[0].1 < outbound[0].1);
}

#[test]
fn overnight_hours_get_messages_at_night_only() {
    let e = Engine::new("2026-10-07T19:00:00Z"); // 12:00 PDT
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0104".into()),
        hours: Some("22:00-06:00".into()),
        ..req("V2", "en")
    });
    e.run_until("2026-10-08T14:00:00Z", 15);
    // Confirmation at 22:00 PDT, not at noon.
    assert_eq!(
        e.sent_at(MessageKind::Confirmation),
        vec![(Channel::Sms, ts("2026-10-08T05:00:00Z"))]
    );
    // A change at 07:00 PDT waits for 22:00 the same day.
    e.clock.set(ts("2026-10-08T14:00:00Z"));
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V2,02,{E},1,ISSUED,,2026-10-08T07:00:00-07:00\n"),
        false,
    );
    e.run_until("2026-10-09T06:00:00Z", 15);
    assert_eq!(
        e.sent_at(MessageKind::Outbound),
        vec![(Channel::Sms, ts("2026-10-09T05:00:00Z"))]
    );
}

#[test]
fn the_preview_counts_the_messages_that_will_really_be_queued() {
    let e = Engine::new("2026-10-07T18:00:00Z");
    // A second election whose window closed long ago.
    let mut old = ballot_tracker::domain::Election::new(
        "2024-11-05-GEN",
        "General 2024",
        date(2024, 11, 5),
        ballot_tracker::domain::ElectionKind::Statewide,
    )
    .unwrap();
    old.name = "General 2024".into();
    e.store
        .write(true, |b| b.election_put(&old).map(|_| ()))
        .unwrap();
    e.subscribe(SubscriptionRequest {
        email: Some("ana@example.org".into()),
        sms: Some("(916) 555-0105".into()),
        ..req("V1", "es")
    });
    e.subscribe(SubscriptionRequest {
        voice: Some("(916) 555-0106".into()),
        ..req("V2", "en")
    });
    // V3 is not subscribed; V2's 2024 ballot is outside its window; a
    // voter not on the roll calls for nothing anyone hears.
    let file = format!(
        "{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-06\nV2,02,{E},1,ISSUED,,2026-10-06\n\
         V3,02,{E},1,ISSUED,,2026-10-06\nV2,02,2024-11-05-GEN,1,ISSUED,,2024-10-07\n"
    );
    let dry = e.import(Feed::Ballots, &file, true);
    let real = e.import(Feed::Ballots, &file, false);
    let queued = |s: &ingest::Summary| -> Vec<(String, String, String, String, u64)> {
        s.messages_queued
            .iter()
            .map(|q| {
                (
                    q.county.clone(),
                    q.kind.clone(),
                    q.language.clone(),
                    q.channel.clone(),
                    q.count,
                )
            })
            .collect()
    };
    let q = |k: &str, l: &str, c: &str| ("02".into(), k.into(), l.into(), c.into(), 1);
    let expected = vec![
        q("outbound", "en", "voice"),
        q("outbound", "es", "email"),
        q("outbound", "es", "sms"),
    ];
    assert_eq!(queued(&real), expected, "{:?}", real.messages_queued);
    assert_eq!(queued(&dry), expected, "dry run shows the same");
    // The events keep their own count: four ballots called for Outbound.
    assert_eq!(real.events.get("outbound"), Some(&4));
    assert_eq!(dry.events, real.events);
    // And the planner queues exactly that.
    e.run_until("2026-10-07T18:00:00Z", 1);
    let rows = e.store.read().unwrap().outbox_all().unwrap();
    let outbound = rows
        .iter()
        .filter(|(k, r)| k.kind == MessageKind::Outbound && r.state != OutboxState::Cancelled)
        .count();
    assert_eq!(outbound, 3);
}

#[test]
fn messages_before_a_countys_tracking_start_wait_for_it() {
    let e = Engine::new("2026-10-06T18:00:00Z");
    elections::set_tracking_start(
        &e.store,
        &Actor::operator(),
        E,
        alpine(),
        Some(date(2026, 10, 12)),
        e.clock.now(),
    )
    .unwrap();
    e.subscribe(SubscriptionRequest {
        email: Some("ana@example.org".into()),
        ..req("V1", "en")
    });
    e.clock.set(ts("2026-10-07T18:00:00Z"));
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-07\n"),
        false,
    );
    e.clock.set(ts("2026-10-09T18:00:00Z"));
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,INR,,2026-10-09\n"),
        false,
    );
    e.run_until("2026-10-13T00:00:00Z", 60);
    // Only the newest status, on the first tracking day at 08:00 PDT.
    assert!(e.sent_at(MessageKind::Outbound).is_empty());
    assert_eq!(
        e.sent_at(MessageKind::Received),
        vec![(Channel::Email, ts("2026-10-12T15:00:00Z"))]
    );
}

#[test]
fn far_off_dates_in_ballot_rows_are_rejected_rows_not_a_crash() {
    let e = Engine::new("2026-10-07T18:00:00Z");
    e.subscribe(SubscriptionRequest {
        email: Some("ana@example.org".into()),
        ..req("V1", "en")
    });
    let s = e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2500-01-01\nV2,02,{E},1,ISSUED,,1900-01-01T00:00:00Z\n"),
        false,
    );
    assert_eq!(s.rejected, 2, "{:?}", s.errors);
    assert!(
        s.errors[0].reason.contains("out of range"),
        "{:?}",
        s.errors
    );
    e.run_until("2026-10-07T19:00:00Z", 15);
}

#[test]
fn state_settings_are_checked_scoped_and_audited() {
    let fx = Fixture::new();
    let state = Actor::operator();
    let now = ts("2026-12-20T20:00:00Z");
    let far = elections::NewElection {
        code: "FAR",
        name: "Far",
        date: date(9999, 12, 30),
        kind: ballot_tracker::domain::ElectionKind::Statewide,
        window: None,
    };
    let err = elections::create(&fx.store, &state, &far, now).unwrap_err();
    assert!(err.to_string().contains("2000-2199"), "{err}");
    let sp = elections::NewElection {
        code: "SP-1",
        name: "Special",
        date: date(2027, 3, 2),
        kind: ballot_tracker::domain::ElectionKind::Special,
        window: Some((45, 10)),
    };
    let v = elections::create(&fx.store, &state, &sp, now).unwrap();
    assert_eq!(v.messages_from, date(2027, 1, 16));
    assert_eq!((v.window_start_days, v.window_end_days), (45, 10));
    let bad = elections::NewElection {
        code: "SP-2",
        window: Some((29, 9999)),
        ..sp.clone()
    };
    assert!(elections::create(&fx.store, &state, &bad, now).is_err());

    // 72 days before: a county cannot approve itself; the state can, with a reason.
    let sierra = CountyCode::parse("46").unwrap();
    let county = Actor::token("sierra", ballot_tracker::store::TokenScope::County(sierra));
    let reason = "vacancy election called by proclamation";
    assert!(matches!(
        elections::sign_up_late(
            &fx.store,
            &county,
            "SP-1",
            sierra,
            ballot_tracker::domain::ImbUse::None,
            reason,
            now
        ),
        Err(ballot_tracker::service::ServiceError::Forbidden(_))
    ));
    assert!(
        elections::sign_up(
            &fx.store,
            &state,
            "SP-1",
            sierra,
            ballot_tracker::domain::ImbUse::None,
            now
        )
        .is_err()
    );
    let v = elections::sign_up_late(
        &fx.store,
        &state,
        "SP-1",
        sierra,
        ballot_tracker::domain::ImbUse::None,
        reason,
        now,
    )
    .unwrap();
    assert_eq!(v.late_sign_ups["46"], reason);
    assert!(v.counties.contains_key("46"));
    let w = elections::set_window(&fx.store, &state, "SP-1", (20, 20), now).unwrap();
    assert_eq!(w.messages_until, date(2027, 3, 22));
    assert!(elections::set_window(&fx.store, &county, "SP-1", (20, 20), now).is_err());
    let log = fx.store.read().unwrap().audit_log().unwrap();
    assert!(log.iter().any(|l| l.2.contains(reason)), "{log:?}");
    assert!(log.iter().any(|l| l.2.contains("E-20..E+20")), "{log:?}");
}

mod command_line {
    use std::path::Path;
    use std::process::Command;

    const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

    fn run(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(BIN)
            .args(args)
            .env_remove("BALLOT_TRACKER_CONFIG")
            .env_remove("BALLOT_TRACKER_LISTEN")
            .env_remove("BALLOT_TRACKER_DATA")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    #[test]
    fn a_missing_data_directory_says_what_to_do_and_create_makes_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("a/b");
        let d = data.to_str().unwrap();
        let (code, _, err) = run(&["election", "list", "--data", d]);
        assert_eq!(code, 1);
        assert!(err.contains(&format!("mkdir -p {d}")), "{err}");
        assert!(err.contains("--create"), "{err}");
        assert!(!err.contains("pass --data"), "{err}");
        let (code, out, err) = run(&["election", "list", "--data", d, "--create"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("no elections"), "{out}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(Path::new(d))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn a_rehearsal_clock_past_the_calendar_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--data", d])
            .args([
                "--clock-start",
                "2500-01-01T00:00:00Z",
                "--clock-speed",
                "1e300",
            ])
            .env_remove("BALLOT_TRACKER_CONFIG")
            .env_remove("BALLOT_TRACKER_LISTEN")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Bounded: a server that started anyway is stopped and the test fails.
        let mut status = None;
        for _ in 0..100 {
            status = child.try_wait().unwrap();
            if status.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        if status.is_none() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve started with a clock past the calendar");
        }
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert_eq!(status.unwrap().code(), Some(1), "{err}");
        assert!(err.contains("--clock-start"), "{err}");
    }

    #[test]
    fn far_off_dates_and_delays_are_refused_with_a_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        let (code, _, err) = run(&[
            "election",
            "create",
            "--code",
            "FAR",
            "--name",
            "Far",
            "--date",
            "9999-12-30",
            "--kind",
            "statewide",
            "--data",
            d,
        ]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("2000-2199"), "{err}");
        let (code, _, err) = run(&[
            "election",
            "create",
            "--code",
            "GEN",
            "--name",
            "General",
            "--date",
            "2026-11-03",
            "--kind",
            "statewide",
            "--window-start-days",
            "40",
            "--window-end-days",
            "30",
            "--data",
            d,
        ]);
        assert_eq!(code, 0, "{err}");
        for args in [
            &[
                "election",
                "notices",
                "GEN",
                "--rule",
                "received=after 99999h",
            ][..],
            &[
                "election",
                "hold-outbound",
                "GEN",
                "--county",
                "02",
                "--until",
                "9999-12-31",
            ],
            &[
                "election",
                "notices",
                "GEN",
                "--window-start-days",
                "400",
                "--window-end-days",
                "1",
            ],
        ] {
            let (code, _, err) = run(&[args, &["--data", d]].concat());
            assert_eq!(code, 1, "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}

/// The same rules over HTTP: a real server on 127.0.0.1, port 0.
mod http {

    use ballot_tracker::domain::CountyCode;

    use ballot_tracker::store::TokenScope;

    use bytes::Bytes;
    use http_body_util::{BodyExt, Full};
    use hyper::{Method, Request, StatusCode as Http, header};
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    use serde_json::{Value, json};

    use crate::common::server::Served;

    async fn serve() -> Served {
        Served::start().await
    }

    impl Served {
        async fn call(
            &self,
            method: Method,
            path: &str,
            token: &str,
            body: Value,
        ) -> (Http, Value) {
            let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
            let req = Request::builder()
                .method(method)
                .uri(format!("http://{}{path}", self.addr))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Full::new(Bytes::from(body.to_string())))
                .unwrap();
            let resp =
                tokio::time::timeout(std::time::Duration::from_secs(10), client.request(req))
                    .await
                    .unwrap()
                    .unwrap();
            let status = resp.status();
            let bytes = resp.into_body().collect().await.unwrap().to_bytes();
            (
                status,
                serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            )
        }
    }

    #[tokio::test]
    async fn elections_refuse_far_off_dates_and_take_the_states_settings() {
        let s = serve().await;
        let state = s.token(TokenScope::State);
        let sierra = s.token(TokenScope::County(CountyCode::parse("46").unwrap()));
        let (st, p) = s
            .call(
                Method::POST,
                "/api/v1/elections",
                &state,
                json!({"code": "FAR", "name": "Far", "date": "9999-12-30", "kind": "statewide"}),
            )
            .await;
        assert_eq!(st, Http::UNPROCESSABLE_ENTITY, "{p}");
        assert!(p["detail"].as_str().unwrap().contains("2000-2199"), "{p}");
        // A special election 60 days away, with its own window.
        let day = jiff::Timestamp::now()
            .to_zoned(ballot_tracker::domain::pacific::pacific())
            .date()
            .checked_add(jiff::ToSpan::days(60))
            .unwrap();
        let (st, v) = s
            .call(Method::POST, "/api/v1/elections", &state, json!({"code": "SP", "name": "Special",
                "date": day.to_string(), "kind": "special", "window_start_days": 40, "window_end_days": 20}))
            .await;
        assert_eq!(st, Http::CREATED, "{v}");
        assert_eq!(
            (
                v["window_start_days"].as_i64(),
                v["window_end_days"].as_i64()
            ),
            (Some(40), Some(20))
        );
        // Late: the county cannot approve itself; plain sign-up is refused; the state approves with a reason.
        let late = json!({"county": "46", "approve_late": true, "reason": "vacancy election by proclamation"});
        let (st, _) = s
            .call(
                Method::POST,
                "/api/v1/elections/SP/sign-up",
                &sierra,
                late.clone(),
            )
            .await;
        assert_eq!(st, Http::FORBIDDEN);
        let (st, _) = s
            .call(
                Method::POST,
                "/api/v1/elections/SP/sign-up",
                &sierra,
                json!({"county": "46"}),
            )
            .await;
        assert_eq!(st, Http::UNPROCESSABLE_ENTITY);
        let (st, v) = s
            .call(Method::POST, "/api/v1/elections/SP/sign-up", &state, late)
            .await;
        assert_eq!(st, Http::OK, "{v}");
        assert_eq!(v["late_sign_ups"]["46"], "vacancy election by proclamation");
        // The window is the state's; the tracking start is the county's own.
        let (st, _) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/window",
                &sierra,
                json!({"start_days": 10, "end_days": 10}),
            )
            .await;
        assert_eq!(st, Http::FORBIDDEN);
        let (st, v) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/window",
                &state,
                json!({"start_days": 10, "end_days": 10}),
            )
            .await;
        assert_eq!((st, v["window_start_days"].as_i64()), (Http::OK, Some(10)));
        let (st, _) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/window",
                &state,
                json!({"start_days": 10, "end_days": 999}),
            )
            .await;
        assert_eq!(st, Http::UNPROCESSABLE_ENTITY);
        let on = json!({"on": day.to_string()});
        let (st, v) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/tracking-start/46",
                &sierra,
                on.clone(),
            )
            .await;
        assert_eq!(st, Http::OK, "{v}");
        assert_eq!(v["tracking_starts"]["46"], day.to_string());
        let (st, _) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/tracking-start/02",
                &sierra,
                on,
            )
            .await;
        assert_eq!(st, Http::FORBIDDEN);
        let (st, _) = s
            .call(
                Method::PUT,
                "/api/v1/elections/SP/outbound-hold/46",
                &sierra,
                json!({"until": "9999-12-31"}),
            )
            .await;
        assert_eq!(st, Http::UNPROCESSABLE_ENTITY);
    }

    #[tokio::test]
    async fn api_sign_ups_must_be_confirmed_and_keep_confirmed_contacts() {
        let s = serve().await;
        let mut v = super::VOTER_HEADER.to_string();
        v.push_str(&super::voter_row("CA46001", "46", "Ana", "Lee"));
        let o = super::import_options(
            ingest_mode(),
            jiff::Timestamp::now().as_second(),
            s.dir.path().join("tmp"),
        );
        ballot_tracker::ingest::import(
            &s.store,
            ballot_tracker::ingest::Feed::Voters,
            v.as_bytes(),
            &o,
        )
        .unwrap();
        let state = s.token(TokenScope::State);
        let path = "/api/v1/subscriptions";
        let (st, p) = s
            .call(
                Method::POST,
                path,
                &state,
                json!({"votecal_id": "CA46001", "sms": "(916) 555-0101", "language": "es"}),
            )
            .await;
        assert_eq!(st, Http::UNPROCESSABLE_ENTITY, "{p}");
        assert!(p["detail"].as_str().unwrap().contains("voter pages"), "{p}");
        let ok = json!({"votecal_id": "CA46001", "sms": "(916) 555-0101", "language": "es", "confirmed": true});
        let (st, _) = s.call(Method::POST, path, &state, ok.clone()).await;
        assert_eq!(st, Http::CREATED);
        // Another number in place of the confirmed one: refused, named.
        let (st, p) = s.call(Method::POST, path, &state,
            json!({"votecal_id": "CA46001", "sms": "(916) 555-0199", "language": "es", "confirmed": true})).await;
        assert_eq!(st, Http::CONFLICT, "{p}");
        assert!(p["detail"].as_str().unwrap().contains("(sms)"), "{p}");
        // The same contacts again, or one more: fine.
        let (st, _) = s.call(Method::POST, path, &state, ok).await;
        assert_eq!(st, Http::CREATED);
        let (st, v) = s
            .call(
                Method::GET,
                "/api/v1/subscriptions/CA46001",
                &state,
                Value::Null,
            )
            .await;
        assert_eq!(st, Http::OK);
        assert_eq!(v["contacts"][0]["address"], "+19165550101");
    }

    fn ingest_mode() -> ballot_tracker::ingest::VoterMode {
        ballot_tracker::ingest::VoterMode::Delta
    }
}
