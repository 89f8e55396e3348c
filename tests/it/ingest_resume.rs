//! An import interrupted after some batches were committed, then re-run, must
//! leave the store exactly as one clean import does.

use crate::common;

use ballot_tracker::domain::VoterId;
use ballot_tracker::ingest::{self, Feed, IngestError, VoterMode};
use common::*;

fn big_roll(n: u32, county_of: impl Fn(u32) -> &'static str) -> String {
    let mut s = String::with_capacity(n as usize * 60);
    s.push_str(VOTER_HEADER);
    for i in 0..n {
        // Ids in scrambled order, as in a real extract.
        let id = (u64::from(i) * 7_919_977) % 10_000_000_000;
        s.push_str(&format!(
            "CA{id:010},{},F{i},,L{},,1970-01-{:02},95814,A,,\n",
            county_of(i),
            i % 977,
            i % 28 + 1
        ));
    }
    s
}

fn snapshot(fx: &Fixture) -> Vec<(VoterId, String, String, u8, bool)> {
    let r = fx.store.read().unwrap();
    let mut out = Vec::new();
    for v in r.voters_iter().unwrap() {
        let (id, v) = v.unwrap();
        // The lookup index must hold every tracked voter.
        if !v.removed {
            assert!(
                r.voters_by_lookup(v.lookup).unwrap().contains(&id),
                "{id} missing from lookup index"
            );
        }
        out.push((id, v.first_name, v.last_name, v.county.number(), v.removed));
    }
    out
}

#[test]
fn interrupted_import_rerun_equals_clean_import() {
    // Voters 0..3000 of county 02 are on the roll; the new file drops 0..1000 of them.
    let before = big_roll(3_000, |_| "02");
    let file = big_roll(60_000, |i| if i % 3 == 0 { "02" } else { "46" })
        .lines()
        .enumerate()
        .filter(|(n, _)| *n == 0 || *n > 1_000)
        .map(|(_, l)| format!("{l}\n"))
        .collect::<String>();

    let clean = Fixture::new();
    clean.voters(&before, VoterMode::Full);
    let mut o = clean.opts(VoterMode::Full);
    o.batch_rows = 5_000;
    let clean_summary = clean.import(Feed::Voters, &file, &o);
    assert!(
        clean_summary.removed > 0 && clean_summary.updated > 0,
        "{clean_summary:?}"
    );

    let crashed = Fixture::new();
    crashed.voters(&before, VoterMode::Full);
    let mut o = crashed.opts(VoterMode::Full);
    o.batch_rows = 5_000;
    o.stop_after_rows = Some(20_000);
    let err = ingest::import(&crashed.store, Feed::Voters, file.as_bytes(), &o).unwrap_err();
    assert!(matches!(err, IngestError::Stopped { .. }), "{err}");
    let partial = crashed.store.read().unwrap().voter_count().unwrap();
    assert!(
        partial > 1_000 && partial < 431_000,
        "some but not all applied: {partial}"
    );
    let resumed = crashed.voters(&file, VoterMode::Full);
    assert!(
        resumed.warnings.iter().any(|w| w.contains("resumed")),
        "{:?}",
        resumed.warnings
    );

    assert_eq!(
        (
            resumed.inserted,
            resumed.updated,
            resumed.unchanged,
            resumed.removed,
            resumed.rejected
        ),
        (
            clean_summary.inserted,
            clean_summary.updated,
            clean_summary.unchanged,
            clean_summary.removed,
            clean_summary.rejected
        )
    );
    assert_eq!(snapshot(&crashed), snapshot(&clean));
    let ev = |fx: &Fixture| {
        fx.store
            .read()
            .unwrap()
            .events_after(0, 10_000)
            .unwrap()
            .into_iter()
            .map(|(_, e)| (e.voter, e.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(ev(&crashed), ev(&clean));
}

/// The ballot extract is applied on two threads; an interruption and re-run
/// must still give the same ballots and the same event log as one clean import.
#[test]
fn interrupted_ballot_import_rerun_equals_clean_import() {
    use ballot_tracker::domain::{Election, ElectionKind};
    let e = Election::new(
        "GEN",
        "General",
        jiff::civil::date(2026, 11, 3),
        ElectionKind::Statewide,
    )
    .unwrap();
    let mut file = String::from(
        "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n",
    );
    for i in 0..30_000u64 {
        let id = (i * 7_919_977) % 10_000_000_000;
        file.push_str(&format!("CA{id:010},02,GEN,1,ISSUED,,2026-10-05\n"));
        if i % 3 == 0 {
            file.push_str(&format!(
                "CA{id:010},02,GEN,1,ACCEPTED,,2026-10-2{}T10:00:00-07:00\n",
                i % 10
            ));
        }
        if i % 7 == 0 {
            file.push_str(&format!("CA{id:010},02,GEN,2,ISSUED,,2026-10-12\n"));
        }
    }
    // Ballot rows are for voters on the roll.
    let mut roll = String::from(VOTER_HEADER);
    for i in 0..30_000u64 {
        let id = (i * 7_919_977) % 10_000_000_000;
        roll.push_str(&voter_row(&format!("CA{id:010}"), "02", "Ana", "Lee"));
    }
    let load = |stop: Option<u64>| {
        let fx = Fixture::new();
        fx.store
            .write(true, |b| b.election_put(&e).map(|_| ()))
            .unwrap();
        fx.voters(&roll, VoterMode::Delta);
        let mut o = fx.opts(VoterMode::Delta);
        o.batch_rows = 2_000;
        if stop.is_some() {
            o.stop_after_rows = stop;
            let err = ingest::import(&fx.store, Feed::Ballots, file.as_bytes(), &o).unwrap_err();
            assert!(matches!(err, IngestError::Stopped { .. }), "{err}");
            o.stop_after_rows = None;
        }
        let s = fx.import(Feed::Ballots, &file, &o);
        (fx, s)
    };
    let (clean, cs) = load(None);
    let (resumed, rs) = load(Some(9_000));
    assert!(
        rs.warnings.iter().any(|w| w.contains("resumed")),
        "{:?}",
        rs.warnings
    );
    assert_eq!(
        (cs.inserted, cs.unchanged, cs.rejected),
        (rs.inserted, rs.unchanged, rs.rejected)
    );
    let ballots = |fx: &Fixture| {
        let r = fx.store.read().unwrap();
        let ids = r
            .county_ballots(1, ballot_tracker::domain::CountyCode::parse("02").unwrap())
            .unwrap();
        ids.iter()
            .map(|id| (*id, r.ballot_get(1, *id).unwrap().unwrap().status))
            .collect::<Vec<_>>()
    };
    let (a, b) = (ballots(&clean), ballots(&resumed));
    assert_eq!(a.len(), 30_000);
    assert_eq!(a, b);
    let log = |fx: &Fixture| {
        let r = fx.store.read().unwrap();
        let mut v: Vec<_> = r
            .events_after(0, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|(_, e)| (e.voter, e.kind))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    assert_eq!(
        log(&clean),
        log(&resumed),
        "each message due logged exactly once"
    );
    assert_eq!(log(&clean).len(), 30_000);
}
