//! A whole election on the test clock: thousands of voters in several time
//! zones with their own hours, daily extracts, the scheduler every quarter hour
//! from before the window opens until after it closes. Asserts that no
//! message is ever due or sent outside the voter's hours or the window, and
//! that every voter hears of their ballot exactly once per message.

use crate::common;

use ballot_tracker::clock::{Clock, ManualClock};
use ballot_tracker::domain::outbox::OutboxState;
use ballot_tracker::domain::{Channel, Election, ElectionKind, Hours, MessageKind, VoterId};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{Dispatcher, Lane};
use ballot_tracker::notify::drivers::NullDriver;
use ballot_tracker::service::Actor;
use ballot_tracker::service::subscriptions::{self, Defaults, SubscriptionRequest};
use ballot_tracker::store::Store;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

const VOTERS: usize = 2000;
const E: &str = "2026-11-03-GEN";
const ZONES: [&str; 6] = [
    "America/Los_Angeles",
    "America/New_York",
    "Pacific/Honolulu",
    "Asia/Tokyo",
    "Europe/London",
    "Australia/Sydney",
];
const LANGS: [&str; 10] = ["en", "es", "zh", "hi", "ja", "km", "ko", "tl", "th", "vi"];

fn pacific(d: Date, h: i8, m: i8) -> Timestamp {
    d.at(h, m, 0, 0)
        .to_zoned(TimeZone::get("America/Los_Angeles").unwrap())
        .unwrap()
        .timestamp()
}

/// The voter's hours: a start from 00:00 to 19:00 and 2 to 14 hours long.
fn hours(i: usize) -> Hours {
    let start = ((i * 37) % 20) as u16 * 60 + ((i % 2) as u16) * 30;
    let len = (2 + (i * 13) % 13) as u16 * 60;
    Hours::new(start, (start + len).min(24 * 60)).unwrap()
}

/// Each voter's ballot story, as (Pacific day, hour, minute, seq, code).
fn story(i: usize, e: Date) -> Vec<(Date, i8, i8, u16, &'static str)> {
    let day = |d: i64| e.checked_add(d.days()).unwrap();
    let issued = -29 + (i % 5) as i64;
    let h = 8 + (i % 9) as i8;
    let m = ((i * 7) % 60) as i8;
    let mut s = vec![(day(issued), h, m, 1, "ISSUED")];
    let back = issued + 7 + (i % 9) as i64;
    match i % 10 {
        0..=5 => {
            s.push((day(back), h, m, 1, "INR"));
            // Counted the same night: often superseding the pending Received.
            s.push((day(back + (i % 3) as i64), 23, 30, 1, "ACCEPTED"));
        }
        6 => {
            s.push((day(back), h, m, 1, "NVS"));
            s.push((day(back + 12), h, m, 1, "ACCEPTED"));
        }
        7 => {
            s.push((day(issued + 4), h, m, 1, "UND"));
            s.push((day(issued + 6), h, m, 2, "ISSUED"));
            s.push((day(issued + 16), h, m, 2, "INR"));
        }
        8 => s.push((e, 11, 0, 1, "POLL")),
        _ => {}
    }
    s
}

#[test]
fn a_whole_election_never_sends_outside_hours_or_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&dir.path().join("c.redb")).unwrap());
    let eday = date(2026, 11, 3);
    let election = Election::new(E, "General", eday, ElectionKind::Statewide).unwrap();
    let window = election.message_window();
    store
        .write(true, |b| b.election_put(&election).map(|_| ()))
        .unwrap();
    let import = |feed, text: &str, now: Timestamp| {
        let opts = ballot_tracker::ingest::ImportOptions {
            mode: VoterMode::Delta,
            dry_run: false,
            strict: true,
            scope: ballot_tracker::ingest::Scope::State,
            now: now.as_second(),
            source: "calendar.csv".into(),
            temp_dir: dir.path().join("tmp"),
            progress: None,
            batch_rows: 100_000,
            stop_after_rows: None,
            max_removal_share: None,
            limits: Default::default(),
        };
        ballot_tracker::ingest::import(&store, feed, text.as_bytes(), &opts).unwrap()
    };

    let start = pacific(date(2026, 9, 20), 9, 0);
    let clock = ManualClock::new(start);
    let mut v = common::VOTER_HEADER.to_string();
    for i in 0..VOTERS {
        let county = 1 + i % 5;
        v.push_str(&format!(
            "CAL{i:05},{county:02},First{i},,Last{i},,1980-01-01,95814,A,,2026-01-01T00:00:00Z\n"
        ));
    }
    import(Feed::Voters, &v, start);
    for i in 0..VOTERS {
        let req = SubscriptionRequest {
            votecal_id: format!("CAL{i:05}"),
            email: Some(format!("voter{i}@example.org")),
            sms: (!i.is_multiple_of(3)).then(|| format!("+1916555{:04}", i)),
            language: LANGS[i % LANGS.len()].into(),
            hours: Some(hours(i).to_string()),
            time_zone: Some(ZONES[i % ZONES.len()].into()),
            confirmed: true,
            ..Default::default()
        };
        subscriptions::add(
            &store,
            &Actor::operator(),
            &req,
            &Defaults::default(),
            start,
        )
        .unwrap();
    }

    // Rows by the extract that reports them: the next morning's at 05:00
    // Pacific, decisions in a second one at 05:30 (so a Received still waiting
    // for the voter's hours meets its Accepted).
    let mut by_report_day: BTreeMap<(Date, i8), String> = BTreeMap::new();
    for i in 0..VOTERS {
        for (d, h, m, seq, code) in story(i, eday) {
            let at = pacific(d, h, m);
            let line = format!("CAL{i:05},{:02},{E},{seq},{code},,{at}\n", 1 + i % 5);
            let minute = if code == "ACCEPTED" { 30 } else { 0 };
            by_report_day
                .entry((d.tomorrow().unwrap(), minute))
                .or_insert_with(|| "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n".into())
                .push_str(&line);
        }
    }

    let mut lanes = BTreeMap::new();
    for c in Channel::ALL {
        lanes.insert(c, Lane::new(Arc::new(NullDriver), 1_000_000, 64));
    }
    let dispatcher = Dispatcher::new(
        store.clone(),
        Arc::new(clock.clone()),
        Arc::new(RwLock::new(Catalog::builtin().unwrap())),
        lanes,
        "https://ballots.example.gov".into(),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let subs: HashMap<u128, (Hours, TimeZone)> = (0..VOTERS)
        .map(|i| {
            let id = VoterId::parse(&format!("CAL{i:05}")).unwrap().key();
            (
                id,
                (hours(i), TimeZone::get(ZONES[i % ZONES.len()]).unwrap()),
            )
        })
        .collect();
    let inside = |voter: u128, t: i64| {
        let (h, tz) = &subs[&voter];
        let z = Timestamp::from_second(t).unwrap().to_zoned(tz.clone());
        h.contains(z.hour() as u16 * 60 + z.minute() as u16)
    };

    let end = window.closes + 48.hours();
    let mut last_import: Option<(Date, i8)> = None;
    let mut steps: u32 = 0;
    while clock.now() < end && steps < 20_000 {
        steps += 1;
        let now = clock.now();
        let today = now.to_zoned(TimeZone::get("America/Los_Angeles").unwrap());
        // The daily extracts arrive at 05:00 and 05:30 Pacific.
        for minute in [0, 30] {
            let due = today.hour() > 5 || (today.hour() == 5 && today.minute() >= minute);
            if due && last_import < Some((today.date(), minute)) {
                last_import = Some((today.date(), minute));
                if let Some(text) = by_report_day.get(&(today.date(), minute)) {
                    let s = import(Feed::Ballots, text, now);
                    assert_eq!(s.rejected, 0, "{s:?}");
                }
            }
        }
        rt.block_on(dispatcher.step()).unwrap();
        // Every pending message is due inside its voter's hours and the window.
        if steps.is_multiple_of(24) {
            for (k, r) in store
                .read()
                .unwrap()
                .outbox_due(i64::MAX, usize::MAX)
                .unwrap()
            {
                assert!(
                    inside(k.voter, r.due),
                    "{k:?} due at {} outside hours",
                    r.due
                );
                if k.kind != MessageKind::Confirmation {
                    assert!(
                        r.due >= window.opens.as_second() && r.due < window.closes.as_second(),
                        "{k:?} {r:?}"
                    );
                }
            }
        }
        clock.advance(15 * 60);
    }

    let all = store.read().unwrap().outbox_all().unwrap();
    let mut sent_kinds: BTreeMap<MessageKind, usize> = BTreeMap::new();
    for (k, r) in &all {
        assert_ne!(
            r.state,
            OutboxState::Pending,
            "{k:?} still pending after the window: {r:?}"
        );
        assert_ne!(r.state, OutboxState::Sending, "{k:?} {r:?}");
        if r.state == OutboxState::Sent {
            assert!(
                inside(k.voter, r.updated_at),
                "{k:?} sent at {} outside the voter's hours",
                r.updated_at
            );
            if k.kind != MessageKind::Confirmation {
                assert!(
                    r.updated_at >= window.opens.as_second()
                        && r.updated_at < window.closes.as_second(),
                    "{k:?} sent outside the window"
                );
            }
            *sent_kinds.entry(k.kind).or_default() += 1;
        }
    }
    // Every voter heard that the ballot was mailed (or its reissue), and none
    // got the Outbound twice on one channel (a key exists once by construction;
    // the count shows none was lost either).
    let channels = |i: usize| if !i.is_multiple_of(3) { 2 } else { 1 };
    let total: usize = (0..VOTERS).map(channels).sum();
    assert_eq!(sent_kinds[&MessageKind::Confirmation], total);
    assert_eq!(sent_kinds[&MessageKind::Outbound], total, "{sent_kinds:?}");
    let reissued: usize = (0..VOTERS).filter(|i| i % 10 == 7).map(channels).sum();
    assert_eq!(
        sent_kinds[&MessageKind::Reissued],
        reissued,
        "{sent_kinds:?}"
    );
    // The counted ballots: Accepted for every voter whose story ends counted.
    let accepted_expected: usize = (0..VOTERS).filter(|i| i % 10 <= 6).map(channels).sum();
    assert_eq!(
        sent_kinds[&MessageKind::Accepted],
        accepted_expected,
        "{sent_kinds:?}"
    );
    assert!(
        sent_kinds[&MessageKind::ReturnReminder] > 0,
        "{sent_kinds:?}"
    );
    assert!(
        sent_kinds.get(&MessageKind::Received).copied().unwrap_or(0) > 0,
        "{sent_kinds:?}"
    );
    let superseded = all
        .iter()
        .filter(|(_, r)| r.state == OutboxState::Superseded)
        .count();
    assert!(
        superseded > 0,
        "a voter asleep through Received and Accepted wakes to Accepted only"
    );
}
