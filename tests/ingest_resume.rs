//! An import interrupted after some batches were committed, then re-run, must
//! leave the store exactly as one clean import does.

mod common;

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
