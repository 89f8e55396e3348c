//! The notification engine end to end in one process: extracts in, voters
//! subscribed, the scheduler run on a test clock, messages out through the
//! file driver — which messages, in which language, at which times.

use crate::common;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::domain::outbox::{OutboxKey, OutboxState};
use ballot_tracker::domain::{Channel, MessageKind, VoterId};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{Dispatcher, Lane};
use ballot_tracker::notify::drivers::file::FileDriver;
use ballot_tracker::service::Actor;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::OutboxRow;
use common::*;
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const E: &str = "2026-11-03-GEN";

struct Engine {
    fx: Fixture,
    store: Arc<ballot_tracker::store::Store>,
    clock: ManualClock,
    catalog: Arc<RwLock<Catalog>>,
    dispatcher: Dispatcher,
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

impl Engine {
    fn new(start: &str) -> Self {
        let fx = Fixture::new();
        let store =
            Arc::new(ballot_tracker::store::Store::open(&fx.dir.path().join("n.redb")).unwrap());
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
            catalog.clone(),
            lanes,
            "https://ballots.example.gov".into(),
        );
        Self {
            fx,
            store,
            clock,
            catalog,
            dispatcher,
        }
    }

    fn import(&self, feed: Feed, text: &str) {
        let mut o = self.fx.opts(VoterMode::Delta);
        o.now = self.clock.now().as_second();
        ballot_tracker::ingest::import(&self.store, feed, text.as_bytes(), &o).unwrap();
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

    /// Runs the scheduler every `step` minutes until `until`.
    fn run_until(&self, until: &str, step_minutes: i64) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let until = ts(until);
        for _ in 0..100_000 {
            rt.block_on(self.dispatcher.step()).unwrap();
            if self.clock.now() >= until {
                break;
            }
            self.clock.advance(step_minutes * 60);
        }
    }

    /// Every outbox row.
    fn outbox(&self) -> Vec<(OutboxKey, OutboxRow)> {
        self.store.read().unwrap().outbox_all().unwrap()
    }

    /// Sent messages: (voter, kind, channel, sent at).
    fn sent(&self) -> Vec<(String, MessageKind, Channel, Timestamp)> {
        let mut out: Vec<_> = self
            .outbox()
            .into_iter()
            .filter(|(_, r)| r.state == OutboxState::Sent)
            .map(|(k, r)| {
                (
                    VoterId::from_key(k.voter).to_string(),
                    k.kind,
                    k.channel,
                    Timestamp::from_second(r.updated_at).unwrap(),
                )
            })
            .collect();
        out.sort_by_key(|x| (x.3, x.0.clone(), x.1, x.2));
        out
    }

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
}

fn req(id: &str, lang: &str) -> SubscriptionRequest {
    SubscriptionRequest {
        votecal_id: id.into(),
        language: lang.into(),
        confirmed: true,
        ..Default::default()
    }
}

fn voters(e: &Engine) {
    let mut v = VOTER_HEADER.to_string();
    v.push_str(&voter_row("V1", "02", "Ana", "Lee"));
    v.push_str(&voter_row("V2", "02", "Bo", "Kim"));
    v.push_str(&voter_row("V3", "02", "Cy", "Park"));
    e.import(Feed::Voters, &v);
}

#[test]
fn messages_arrive_in_the_voters_language_inside_their_hours() {
    // 05:00 PDT on Oct 1: before the window (opens Oct 5) and before 08:00.
    let e = Engine::new("2026-10-01T12:00:00Z");
    voters(&e);
    e.subscribe(SubscriptionRequest {
        email: Some("ana@example.org".into()),
        sms: Some("(916) 555-0101".into()),
        ..req("V1", "es")
    });
    e.subscribe(SubscriptionRequest {
        sms: Some("+81 90-1234-5678".into()),
        hours: Some("09:00-12:00".into()),
        time_zone: Some("Asia/Tokyo".into()),
        ..req("V2", "ja")
    });
    // Not confirmed: nothing goes to it.
    e.subscribe(SubscriptionRequest {
        email: Some("cy@example.org".into()),
        confirmed: false,
        ..req("V3", "en")
    });
    e.run_until("2026-10-02T12:00:00Z", 15);
    // Confirmations: V2 at 09:00 JST (00:00Z), V1 at 08:00 PDT (15:00Z).
    assert_eq!(
        e.sent(),
        vec![
            (
                "V1".into(),
                MessageKind::Confirmation,
                Channel::Email,
                ts("2026-10-01T15:00:00Z")
            ),
            (
                "V1".into(),
                MessageKind::Confirmation,
                Channel::Sms,
                ts("2026-10-01T15:00:00Z")
            ),
            (
                "V2".into(),
                MessageKind::Confirmation,
                Channel::Sms,
                ts("2026-10-02T00:00:00Z")
            ),
        ]
    );
    let sms = e.lines(Channel::Sms);
    assert_eq!(sms[0]["to"], "+19165550101");
    assert_eq!(sms[0]["language"], "es");
    assert!(
        sms[0]["content"]["text"]
            .as_str()
            .unwrap()
            .contains("Alpine")
    );
    assert_eq!(sms[1]["to"], "+819012345678");
    assert_eq!(sms[1]["language"], "ja");
    let email = e.lines(Channel::Email);
    assert_eq!(email.len(), 1);
    assert!(
        email[0]["content"]["list_unsubscribe"]
            .as_str()
            .unwrap()
            .starts_with("https://ballots.example.gov/unsubscribe/")
    );

    // Ballots mailed Oct 5, the day the message window opens.
    e.clock.set(ts("2026-10-06T03:30:00Z")); // 20:30 PDT Oct 5: after V1's hours
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\nV2,02,{E},1,ISSUED,,2026-10-05\n"),
    );
    e.run_until("2026-10-07T01:00:00Z", 15);
    let outbound: Vec<_> = e
        .sent()
        .into_iter()
        .filter(|s| s.1 == MessageKind::Outbound)
        .collect();
    assert_eq!(
        outbound,
        vec![
            // 08:00 PDT Oct 6.
            (
                "V1".into(),
                MessageKind::Outbound,
                Channel::Email,
                ts("2026-10-06T15:00:00Z")
            ),
            (
                "V1".into(),
                MessageKind::Outbound,
                Channel::Sms,
                ts("2026-10-06T15:00:00Z")
            ),
            // It was 12:30 JST when the extract came, past V2's 09:00-12:00: 09:00 JST Oct 7.
            (
                "V2".into(),
                MessageKind::Outbound,
                Channel::Sms,
                ts("2026-10-07T00:00:00Z")
            ),
        ]
    );

    // Received then Accepted while V1 sleeps: V1 wakes to Accepted only.
    e.clock.set(ts("2026-10-20T05:00:00Z")); // 22:00 PDT Oct 19
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,INR,,2026-10-19T21:00:00-07:00\n"),
    );
    e.run_until("2026-10-20T07:00:00Z", 15);
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ACCEPTED,,2026-10-20T00:30:00-07:00\n"),
    );
    e.run_until("2026-10-20T16:00:00Z", 15);
    let later: Vec<_> = e
        .sent()
        .into_iter()
        .filter(|s| s.3 > ts("2026-10-19T00:00:00Z"))
        .collect();
    assert_eq!(
        later,
        vec![
            (
                "V1".into(),
                MessageKind::Accepted,
                Channel::Email,
                ts("2026-10-20T15:00:00Z")
            ),
            (
                "V1".into(),
                MessageKind::Accepted,
                Channel::Sms,
                ts("2026-10-20T15:00:00Z")
            ),
        ]
    );
    let states: Vec<_> = e
        .store
        .read()
        .unwrap()
        .outbox_for_voter(VoterId::parse("V1").unwrap().key())
        .unwrap()
        .into_iter()
        .filter(|(k, _)| k.kind == MessageKind::Received)
        .map(|(_, r)| r.state)
        .collect();
    assert_eq!(
        states,
        vec![OutboxState::Superseded, OutboxState::Superseded]
    );
    // The accepted SMS is in Spanish.
    let last = e.lines(Channel::Sms).pop().unwrap();
    assert_eq!(last["kind"], "accepted");
    assert!(
        last["content"]["text"]
            .as_str()
            .unwrap()
            .contains("contada"),
        "{last}"
    );
    // Nothing ever went to the unconfirmed address.
    assert!(!e.sent().iter().any(|s| s.0 == "V3"));
}

#[test]
fn a_language_added_at_run_time_is_sent_in_and_its_calls_wait_for_recordings() {
    let e = Engine::new("2026-10-06T18:00:00Z");
    voters(&e);
    let (messages, _) = common::added_language_catalogs();
    let added = ballot_tracker::service::languages::add(
        &e.store,
        &Actor::operator(),
        ballot_tracker::service::languages::NewLanguage {
            code: "hy".into(),
            endonym: "Հայերեն".into(),
            messages,
            ..Default::default()
        },
        e.clock.now(),
    )
    .unwrap();
    e.catalog
        .write()
        .unwrap()
        .add_language(added.profile, &added.messages)
        .unwrap();
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0101".into()),
        voice: Some("(916) 555-0102".into()),
        ..req("V1", "hy")
    });
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\n"),
    );
    e.run_until("2026-10-06T19:00:00Z", 15);
    let sms = e.lines(Channel::Sms);
    let outbound = sms
        .iter()
        .find(|l| l["kind"] == "outbound")
        .expect("an Outbound text");
    assert_eq!(outbound["language"], "hy");
    let text = outbound["content"]["text"].as_str().unwrap();
    assert!(text.contains(common::ADDED_WORD), "{text}");
    // No text-to-speech for it and no recording yet: calls wait, none rings.
    assert!(e.lines(Channel::Voice).is_empty());
    let waiting: Vec<_> = e
        .outbox()
        .into_iter()
        .filter(|(k, r)| k.channel == Channel::Voice && r.state == OutboxState::Pending)
        .map(|(_, r)| r.note.unwrap_or_default())
        .collect();
    assert!(!waiting.is_empty());
    assert!(
        waiting
            .iter()
            .all(|n| n.starts_with("waiting for the hy recording")),
        "{waiting:?}"
    );
}

#[test]
fn a_voter_who_signs_up_mid_election_gets_the_current_status_not_the_backlog() {
    let e = Engine::new("2026-10-06T18:00:00Z");
    voters(&e);
    e.import(
        Feed::Ballots,
        &format!(
            "{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\nV1,02,{E},1,INR,,2026-10-06T09:00:00-07:00\n"
        ),
    );
    e.clock.set(ts("2026-10-07T18:00:00Z"));
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0101".into()),
        ..req("V1", "en")
    });
    e.run_until("2026-10-07T19:00:00Z", 15);
    let kinds: Vec<_> = e.sent().into_iter().map(|s| s.1).collect();
    assert_eq!(
        kinds,
        vec![MessageKind::Confirmation, MessageKind::Received]
    );
}

#[test]
fn stop_cancels_pending_messages_and_start_restores_new_ones() {
    let e = Engine::new("2026-10-06T06:00:00Z"); // 23:00 PDT: messages wait for morning
    voters(&e);
    e.subscribe(SubscriptionRequest {
        sms: Some("(916) 555-0101".into()),
        ..req("V1", "en")
    });
    let n =
        subscriptions::set_opted_out(&e.store, Channel::Sms, "+19165550101", true, e.clock.now())
            .unwrap();
    assert_eq!(n, 1);
    e.run_until("2026-10-06T16:00:00Z", 30);
    assert!(e.sent().is_empty());
    subscriptions::set_opted_out(&e.store, Channel::Sms, "+19165550101", false, e.clock.now())
        .unwrap();
    e.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-06\n"),
    );
    e.run_until("2026-10-06T17:00:00Z", 30);
    let kinds: Vec<_> = e.sent().into_iter().map(|s| s.1).collect();
    assert_eq!(kinds, vec![MessageKind::Outbound]);
}

#[test]
fn return_and_cure_reminders_go_to_ballots_still_out() {
    let e = Engine::new("2026-10-06T18:00:00Z");
    voters(&e);
    for (id, lang) in [("V1", "en"), ("V2", "es"), ("V3", "ko")] {
        e.subscribe(SubscriptionRequest {
            sms: Some(format!("(916) 555-010{}", &id[1..])),
            ..req(id, lang)
        });
    }
    // V1 never returns; V2 returns and is counted; V3 needs a signature fix.
    e.import(
        Feed::Ballots,
        &format!(
            "{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\nV2,02,{E},1,ISSUED,,2026-10-05\nV3,02,{E},1,ISSUED,,2026-10-05\n\
             V2,02,{E},1,ACCEPTED,,2026-10-20T10:00:00-07:00\nV3,02,{E},1,NVS,,2026-10-20T10:00:00-07:00\n"
        ),
    );
    // Through the cure deadline (Dec 1) in hourly steps.
    e.run_until("2026-12-02T08:00:00Z", 60);
    let reminders: Vec<_> = e
        .sent()
        .into_iter()
        .filter(|s| matches!(s.1, MessageKind::ReturnReminder | MessageKind::CureReminder))
        .map(|s| (s.0, s.1, s.3))
        .collect();
    assert_eq!(
        reminders,
        vec![
            // Seven and two days before election day (Nov 3), at 08:00 Pacific:
            // PDT, then PST (Nov 1 is the day clocks fall back). V3 returned
            // a ballot (it needs a fix), so no return reminder.
            (
                "V1".into(),
                MessageKind::ReturnReminder,
                ts("2026-10-27T15:00:00Z")
            ),
            (
                "V1".into(),
                MessageKind::ReturnReminder,
                ts("2026-11-01T16:00:00Z")
            ),
            // Seven and two days before the cure deadline (Dec 1), PST after Nov 1.
            (
                "V3".into(),
                MessageKind::CureReminder,
                ts("2026-11-24T16:00:00Z")
            ),
            (
                "V3".into(),
                MessageKind::CureReminder,
                ts("2026-11-29T16:00:00Z")
            ),
        ]
    );
}
