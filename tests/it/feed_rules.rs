//! Feeds that respect county scope and refuse data that would make the
//! service tell a voter something false.
use crate::common;

use ballot_tracker::domain::{CountyCode, VoterId};
use ballot_tracker::ingest::{self, Feed, ImportOptions, Scope, Summary, VoterMode};
use ballot_tracker::service::{Actor, subscriptions};
use common::*;

fn county(code: &str) -> CountyCode {
    CountyCode::parse(code).unwrap()
}

fn roll(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut s = VOTER_HEADER.to_string();
    for (id, c, first, last) in rows {
        s.push_str(&voter_row(id, c, first, last));
    }
    s
}

/// A voter row with its own `updated_at`.
fn roll_at(id: &str, c: &str, first: &str, last: &str, at: &str) -> String {
    format!("{VOTER_HEADER}{id},{c},{first},,{last},,1980-02-03,95814,A,es,{at}\n")
}

fn as_county(fx: &Fixture, code: &str, mode: VoterMode) -> ImportOptions {
    let mut o = fx.opts(mode);
    o.scope = Scope::County(county(code));
    o
}

fn try_import(
    fx: &Fixture,
    feed: Feed,
    text: &str,
    o: &ImportOptions,
) -> Result<Summary, ingest::IngestError> {
    ingest::import(&fx.store, feed, text.as_bytes(), o)
}

fn voter_county(fx: &Fixture, id: &str) -> CountyCode {
    let v = fx.store.read().unwrap();
    v.voter_get(VoterId::parse(id).unwrap())
        .unwrap()
        .unwrap()
        .county
}

fn subscribe(fx: &Fixture, id: &str) {
    let req = subscriptions::SubscriptionRequest {
        votecal_id: id.into(),
        email: Some(format!("{}@example.org", id.to_lowercase())),
        language: "en".into(),
        confirmed: true,
        ..Default::default()
    };
    subscriptions::add(
        &fx.store,
        &Actor::operator(),
        &req,
        &subscriptions::Defaults::default(),
        jiff::Timestamp::from_second(NOW).unwrap(),
    )
    .unwrap();
}

fn subscribed(fx: &Fixture, id: &str) -> bool {
    let r = fx.store.read().unwrap();
    r.subscription(VoterId::parse(id).unwrap().key())
        .unwrap()
        .is_some()
}

// 1. County scope on every voter row.

#[test]
fn a_county_token_cannot_take_over_another_countys_voter() {
    let fx = Fixture::new();
    fx.voters(
        &roll(&[("CA4600010", "46", "Mallory", "Real")]),
        VoterMode::Delta,
    );
    subscribe(&fx, "CA4600010");
    let file = roll(&[
        ("CA4600010", "02", "Mallory", "Hijacked"),
        ("CA0200001", "02", "Ana", "Lee"),
    ]);
    let s = fx.import(Feed::Voters, &file, &as_county(&fx, "02", VoterMode::Delta));
    assert_eq!((s.updated, s.inserted, s.rejected), (0, 1, 1), "{s:?}");
    assert_eq!(s.errors[0].line, 2);
    assert_eq!(s.errors[0].column, "county_code");
    assert!(
        s.errors[0].reason.contains("county 46"),
        "{}",
        s.errors[0].reason
    );
    assert_eq!(voter_county(&fx, "CA4600010"), county("46"));
    assert!(subscribed(&fx, "CA4600010"));
    let r = fx.store.read().unwrap();
    let v = r
        .voter_get(VoterId::parse("CA4600010").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(v.last_name, "Real");
}

#[test]
fn a_county_token_still_changes_its_own_voters_and_the_state_moves_them() {
    let fx = Fixture::new();
    fx.voters(&roll(&[("V1", "02", "Ana", "Lee")]), VoterMode::Delta);
    let s = fx.import(
        Feed::Voters,
        &roll_at("V1", "02", "Ana", "Leigh", "2026-02-01T00:00:00Z"),
        &as_county(&fx, "02", VoterMode::Delta),
    );
    assert_eq!((s.updated, s.rejected), (1, 0), "{s:?}");
    // A county's dry run is refused the same way.
    let mut o = as_county(&fx, "46", VoterMode::Delta);
    o.dry_run = true;
    let s = fx.import(
        Feed::Voters,
        &roll_at("V1", "46", "Ana", "Leigh", "2026-03-01T00:00:00Z"),
        &o,
    );
    assert_eq!((s.updated, s.rejected), (0, 1), "{s:?}");
    // The state's extract moves the voter.
    let s = fx.voters(
        &roll_at("V1", "46", "Ana", "Leigh", "2026-03-01T00:00:00Z"),
        VoterMode::Delta,
    );
    assert_eq!(s.updated, 1);
    assert_eq!(voter_county(&fx, "V1"), county("46"));
}

#[test]
fn a_county_token_cannot_load_a_full_extract() {
    let fx = Fixture::new();
    fx.voters(
        &roll(&[("V1", "02", "Ana", "Lee"), ("V2", "02", "Bo", "Kim")]),
        VoterMode::Delta,
    );
    let err = try_import(
        &fx,
        Feed::Voters,
        &roll(&[("V1", "02", "Ana", "Lee")]),
        &as_county(&fx, "02", VoterMode::Full),
    )
    .unwrap_err();
    assert!(err.to_string().contains("state only"), "{err}");
    let r = fx.store.read().unwrap();
    assert!(
        !r.voter_get(VoterId::parse("V2").unwrap())
            .unwrap()
            .unwrap()
            .removed
    );
}

// 5. Stale rows.

#[test]
fn an_older_voter_row_never_overwrites_a_newer_one() {
    let fx = Fixture::new();
    fx.voters(
        &roll_at("V1", "02", "Ana", "Newer", "2026-05-01T00:00:00Z"),
        VoterMode::Delta,
    );
    let s = fx.voters(
        &roll_at("V1", "02", "Ana", "Older", "2026-04-01T00:00:00Z"),
        VoterMode::Delta,
    );
    assert_eq!((s.updated, s.unchanged, s.stale), (0, 1, 1), "{s:?}");
    let r = fx.store.read().unwrap();
    let v = r.voter_get(VoterId::parse("V1").unwrap()).unwrap().unwrap();
    assert_eq!(v.last_name, "Newer");
    drop(r);
    // A newer row still wins.
    let s = fx.voters(
        &roll_at("V1", "02", "Ana", "Newest", "2026-06-01T00:00:00Z"),
        VoterMode::Delta,
    );
    assert_eq!((s.updated, s.stale), (1, 0), "{s:?}");
}

// 9. Subscriptions of removed and moved voters end with the import.

#[test]
fn subscriptions_of_moved_and_removed_voters_end_in_the_import() {
    let fx = Fixture::new();
    fx.voters(
        &roll(&[
            ("V1", "02", "Ana", "Lee"),
            ("V2", "02", "Bo", "Kim"),
            ("V3", "02", "Cy", "Doe"),
        ]),
        VoterMode::Delta,
    );
    for v in ["V1", "V2", "V3"] {
        subscribe(&fx, v);
    }
    let mut o = fx.opts(VoterMode::Full);
    o.max_removal_share = None;
    let s = fx.import(
        Feed::Voters,
        &format!(
            "{}{}",
            roll(&[("V1", "02", "Ana", "Lee")]),
            &roll_at("V2", "46", "Bo", "Kim", "2026-02-01T00:00:00Z")[VOTER_HEADER.len()..]
        ),
        &o,
    );
    assert_eq!((s.updated, s.removed), (1, 1), "{s:?}");
    assert!(subscribed(&fx, "V1"));
    assert!(!subscribed(&fx, "V2"), "moved voter's subscription ended");
    assert!(!subscribed(&fx, "V3"), "removed voter's subscription ended");
    // The event log still tells the engine; it finds nothing left to end.
    let report = ballot_tracker::notify::planner::plan(
        &fx.store,
        jiff::Timestamp::from_second(NOW + 60).unwrap(),
        100,
    )
    .unwrap();
    assert_eq!(report.ended, 0);
}

// 4. Mass removal guard.

fn numbered_roll(c: &str, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&voter_row(
            &format!("CA{c}{i:05}"),
            c,
            "Ana",
            &format!("Lee{i}"),
        ));
    }
    s
}

#[test]
fn a_cut_off_full_extract_is_refused_before_anything_is_written() {
    let fx = Fixture::new();
    let whole = format!(
        "{VOTER_HEADER}{}{}",
        numbered_roll("02", 40),
        numbered_roll("46", 40)
    );
    fx.voters(&whole, VoterMode::Delta);
    // The file stops after 18 of county 46's 40 voters.
    let lines: Vec<&str> = whole.lines().collect();
    let cut = format!("{}\n", lines[..1 + 40 + 18].join("\n"));
    let cut = cut.as_str();
    let mut o = fx.opts(VoterMode::Full);
    o.max_removal_share = Some(ingest::DEFAULT_MAX_REMOVAL_SHARE);
    let err = try_import(&fx, Feed::Voters, cut, &o).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, ingest::IngestError::MassRemoval { .. }),
        "{msg}"
    );
    assert!(msg.contains("county 46 (Sierra) 22 of 40 voters"), "{msg}");
    assert!(!msg.contains("county 02"), "{msg}");
    assert!(msg.contains("--allow-mass-removal"), "{msg}");
    let r = fx.store.read().unwrap();
    assert!(r.voters_iter().unwrap().all(|v| !v.unwrap().1.removed));
    drop(r);
    // A dry run reports it.
    o.dry_run = true;
    let s = try_import(&fx, Feed::Voters, cut, &o).unwrap();
    assert_eq!(s.removed, 22);
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("would be refused") && w.contains("22 of 40")),
        "{:?}",
        s.warnings
    );
    // Allowed on purpose, it removes them.
    o.dry_run = false;
    o.max_removal_share = None;
    let s = try_import(&fx, Feed::Voters, cut, &o).unwrap();
    assert_eq!(s.removed, 22);
}

#[test]
fn a_complete_full_extract_passes_the_guard() {
    let fx = Fixture::new();
    let whole = format!("{VOTER_HEADER}{}", numbered_roll("46", 40));
    fx.voters(&whole, VoterMode::Delta);
    // Two voters gone (5 %) is within the share; previously removed voters do not count.
    let mut o = fx.opts(VoterMode::Full);
    o.max_removal_share = Some(0.05);
    let lines: Vec<&str> = whole.lines().collect();
    let file = format!("{}\n", lines[..lines.len() - 2].join("\n"));
    let s = try_import(&fx, Feed::Voters, &file, &o).unwrap();
    assert_eq!(s.removed, 2);
    // One more gone: 1 of the 38 still on the roll.
    let file = format!("{}\n", lines[..lines.len() - 3].join("\n"));
    let s = try_import(&fx, Feed::Voters, &file, &o).unwrap();
    assert_eq!(s.removed, 1);
}

// 2. and 6. Ballot rows: the stored voter's county, voters on the roll, reason codes.

const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const E: &str = "2026-11-03-GEN";

/// The general election, and voters in counties 19 and 02.
fn with_election() -> Fixture {
    let fx = Fixture::new();
    general_election(&fx.store, E);
    fx.voters(
        &roll(&[
            ("CA200017", "19", "Ana", "Lee"),
            ("CA0200001", "02", "Bo", "Kim"),
        ]),
        VoterMode::Delta,
    );
    fx
}

fn ballot_status(fx: &Fixture, id: &str) -> Option<&'static str> {
    let b = fx
        .store
        .read()
        .unwrap()
        .ballot_get(1, VoterId::parse(id).unwrap())
        .unwrap()?;
    b.status.map(|s| s.name())
}

#[test]
fn a_ballot_row_of_another_county_changes_nothing_whoever_sends_it() {
    let fx = with_election();
    let file = format!("{BALLOT_HEADER}CA200017,19,{E},1,VDD,,2026-10-08\n");
    let s = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((s.inserted, s.rejected), (1, 0), "{s:?}");
    assert_eq!(ballot_status(&fx, "CA200017"), Some("not_accepted"));
    let forged = format!("{BALLOT_HEADER}CA200017,34,{E},1,ACCEPTED,,2026-10-09\n");
    for o in [
        as_county(&fx, "34", VoterMode::Delta),
        fx.opts(VoterMode::Delta),
    ] {
        let s = fx.import(Feed::Ballots, &forged, &o);
        assert_eq!((s.inserted, s.rejected), (0, 1), "{s:?}");
        assert_eq!(
            (s.errors[0].line, s.errors[0].column.as_str()),
            (2, "county_code")
        );
        assert!(s.errors[0].reason.contains("19"), "{}", s.errors[0].reason);
        assert!(s.events.is_empty(), "{s:?}");
    }
    assert_eq!(ballot_status(&fx, "CA200017"), Some("not_accepted"));
}

#[test]
fn ballot_rows_for_voters_not_on_the_roll_are_rejected() {
    let fx = with_election();
    let file = format!(
        "{BALLOT_HEADER}CA9999999,02,{E},1,ISSUED,,2026-10-05\nCA0200001,02,{E},1,ISSUED,,2026-10-05\n"
    );
    let s = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((s.inserted, s.rejected), (1, 1), "{s:?}");
    assert_eq!(
        (s.errors[0].line, s.errors[0].column.as_str()),
        (2, "votecal_id")
    );
    assert!(s.errors[0].reason.contains("not on the voter roll"));
    assert_eq!(ballot_status(&fx, "CA9999999"), None);
}

#[test]
fn unknown_reason_codes_are_rejected_with_the_valid_ones() {
    let fx = with_election();
    let file = format!(
        "{BALLOT_HEADER}CA0200001,02,{E},1,OTH,NMS|XYZ,2026-10-05\nCA200017,19,{E},1,OTH,nms|vdd,2026-10-05\n"
    );
    let s = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((s.inserted, s.rejected), (1, 1), "{s:?}");
    assert_eq!(
        (s.errors[0].line, s.errors[0].column.as_str()),
        (2, "reason_codes")
    );
    assert!(
        s.errors[0].reason.contains("\"XYZ\""),
        "{}",
        s.errors[0].reason
    );
    assert!(
        s.errors[0].reason.contains("VAV NVS NMS"),
        "{}",
        s.errors[0].reason
    );
    let b = fx
        .store
        .read()
        .unwrap()
        .ballot_get(1, VoterId::parse("CA200017").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(b.events.last().unwrap().row.detail, "NMS|VDD");
}

// 3. 7. 8. Scans, the crosswalk and IMB use.

const OUT_IMB: &str = "0070012345600000000195814";
const IN_IMB: &str = "00700123456000000002";
const IMB_HEADER: &str = "imb,votecal_id,election_code,direction,ballot_seq\n";

/// The general election (county 46 tracks inbound mail only), voters in 02 and 46.
fn with_crosswalk_election() -> Fixture {
    let fx = Fixture::new();
    let mut e = ballot_tracker::domain::Election::new(
        E,
        "General",
        jiff::civil::date(2026, 11, 3),
        ballot_tracker::domain::ElectionKind::Statewide,
    )
    .unwrap();
    e.sign_up(
        county("46"),
        ballot_tracker::domain::ImbUse::Inbound,
        jiff::civil::date(2026, 9, 1),
    )
    .unwrap();
    fx.store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .unwrap();
    fx.voters(
        &roll(&[
            ("CA0200001", "02", "Ana", "Lee"),
            ("CA4600010", "46", "Bo", "Kim"),
        ]),
        VoterMode::Delta,
    );
    fx
}

fn scan(imb: &str, at: &str) -> String {
    format!("{{\"imb\":\"{imb}\",\"scanDatetime\":\"{at}\",\"opCode\":\"919\"}}\n")
}

fn message_events(fx: &Fixture) -> usize {
    let r = fx.store.read().unwrap();
    r.events_after(0, 100)
        .unwrap()
        .into_iter()
        .filter(|e| {
            matches!(
                e.1.kind,
                ballot_tracker::store::EventLogKind::Message { .. }
            )
        })
        .count()
}

#[test]
fn a_countys_early_scans_never_reach_another_countys_voter() {
    let fx = with_crosswalk_election();
    // County 02 posts a scan for a barcode no crosswalk has yet.
    let s = fx.import(
        Feed::Scans,
        &scan(IN_IMB, "2026-10-15T10:00:00-07:00"),
        &as_county(&fx, "02", VoterMode::Delta),
    );
    assert_eq!(s.scans_pending, 1, "{s:?}");
    // County 46 then loads that barcode for its own voter.
    let s = fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}{IN_IMB},CA4600010,{E},inbound,1\n"),
        &as_county(&fx, "46", VoterMode::Delta),
    );
    assert_eq!((s.inserted, s.scans_pending), (1, 0), "{s:?}");
    assert_eq!(s.scans_ignored.values().sum::<u64>(), 1, "{s:?}");
    assert!(
        s.scans_ignored.keys().any(|k| k.contains("county 02")),
        "{s:?}"
    );
    assert_eq!(ballot_status(&fx, "CA4600010"), None);
    assert_eq!(message_events(&fx), 0);
    // County 46's own later scan applies.
    let s = fx.import(
        Feed::Scans,
        &scan(IN_IMB, "2026-10-16T10:00:00-07:00"),
        &as_county(&fx, "46", VoterMode::Delta),
    );
    assert_eq!((s.inserted, s.scans_ignored.len()), (1, 0), "{s:?}");
    assert_eq!(ballot_status(&fx, "CA4600010"), Some("inbound"));
}

#[test]
fn scans_a_county_keeps_or_the_state_sends_wait_for_the_crosswalk() {
    let fx = with_crosswalk_election();
    fx.import(
        Feed::Scans,
        &scan(IN_IMB, "2026-10-15T10:00:00-07:00"),
        &as_county(&fx, "46", VoterMode::Delta),
    );
    let s = fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}{IN_IMB},CA4600010,{E},inbound,1\n"),
        &fx.opts(VoterMode::Delta),
    );
    assert!(s.scans_ignored.is_empty(), "{s:?}");
    assert_eq!(ballot_status(&fx, "CA4600010"), Some("inbound"));
}

#[test]
fn a_countys_scans_of_another_countys_barcode_are_ignored() {
    let fx = with_crosswalk_election();
    fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}{IN_IMB},CA4600010,{E},inbound,1\n"),
        &fx.opts(VoterMode::Delta),
    );
    let s = fx.import(
        Feed::Scans,
        &scan(IN_IMB, "2026-10-15T10:00:00-07:00"),
        &as_county(&fx, "02", VoterMode::Delta),
    );
    assert_eq!(
        (s.inserted, s.scans_ignored.values().sum::<u64>()),
        (0, 1),
        "{s:?}"
    );
    assert_eq!(ballot_status(&fx, "CA4600010"), None);
}

#[test]
fn a_countys_crosswalk_row_for_another_countys_voter_is_refused() {
    let fx = with_crosswalk_election();
    let s = fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}{IN_IMB},CA4600010,{E},inbound,1\n"),
        &as_county(&fx, "02", VoterMode::Delta),
    );
    assert_eq!((s.inserted, s.rejected), (0, 1), "{s:?}");
    assert_eq!(
        (s.errors[0].line, s.errors[0].column.as_str()),
        (2, "votecal_id")
    );
}

#[test]
fn a_barcode_is_never_given_to_another_envelope() {
    let fx = with_crosswalk_election();
    let first = format!("{IMB_HEADER}{OUT_IMB},CA0200001,{E},outbound,1\n");
    fx.import(Feed::Imb, &first, &fx.opts(VoterMode::Delta));
    // The same again is unchanged.
    let s = fx.import(Feed::Imb, &first, &fx.opts(VoterMode::Delta));
    assert_eq!((s.unchanged, s.rejected), (1, 0), "{s:?}");
    for other in [
        format!("{IMB_HEADER}{OUT_IMB},CA4600010,{E},outbound,1\n"),
        format!("{IMB_HEADER}{OUT_IMB},CA0200001,{E},inbound,1\n"),
    ] {
        let s = fx.import(Feed::Imb, &other, &fx.opts(VoterMode::Delta));
        assert_eq!((s.updated, s.inserted, s.rejected), (0, 0, 1), "{s:?}");
        assert_eq!((s.errors[0].line, s.errors[0].column.as_str()), (2, "imb"));
        assert!(
            s.errors[0].reason.contains("CA0200001"),
            "{}",
            s.errors[0].reason
        );
    }
    // Scans still reach the first voter.
    fx.import(
        Feed::Scans,
        &scan(OUT_IMB, "2026-10-06T09:00:00-07:00"),
        &fx.opts(VoterMode::Delta),
    );
    assert_eq!(ballot_status(&fx, "CA0200001"), Some("issued"));
    assert_eq!(ballot_status(&fx, "CA4600010"), None);
}

#[test]
fn scans_of_a_direction_the_county_does_not_track_change_nothing() {
    let fx = with_crosswalk_election();
    fx.import(
        Feed::Imb,
        &format!(
            "{IMB_HEADER}{OUT_IMB},CA4600010,{E},outbound,1\n{IN_IMB},CA4600010,{E},inbound,1\n"
        ),
        &fx.opts(VoterMode::Delta),
    );
    let s = fx.import(
        Feed::Scans,
        &format!(
            "{}{}",
            scan(OUT_IMB, "2026-10-06T09:00:00-07:00"),
            scan(IN_IMB, "2026-10-15T10:00:00-07:00")
        ),
        &fx.opts(VoterMode::Delta),
    );
    assert_eq!(s.inserted, 1, "{s:?}");
    let (why, n) = s.scans_ignored.iter().next().unwrap();
    assert_eq!(*n, 1);
    assert!(
        why.contains("county 46 does not track outbound mail"),
        "{why}"
    );
    assert_eq!(s.events.get("outbound"), None, "{s:?}");
    assert_eq!(s.events.get("inbound"), Some(&1), "{s:?}");
    assert_eq!(ballot_status(&fx, "CA4600010"), Some("inbound"));
}

// With --strict, rows that applying would refuse are found before anything is written.

#[test]
fn strict_imports_refuse_rows_applying_would_refuse_before_writing() {
    let fx = with_crosswalk_election();
    let strict = |mut o: ImportOptions| {
        o.strict = true;
        o
    };
    let ballots = format!(
        "{BALLOT_HEADER}CA0200001,02,{E},1,ISSUED,,2026-10-05\nCA4600010,02,{E},1,ISSUED,,2026-10-05\n"
    );
    let err = try_import(
        &fx,
        Feed::Ballots,
        &ballots,
        &strict(fx.opts(VoterMode::Delta)),
    )
    .unwrap_err();
    assert!(
        matches!(err, ingest::IngestError::Strict { rejected: 1, .. }),
        "{err}"
    );
    assert_eq!(ballot_status(&fx, "CA0200001"), None);

    let voters = roll(&[
        ("CA0200002", "02", "Cy", "Doe"),
        ("CA4600010", "02", "Bo", "Kim"),
    ]);
    let err = try_import(
        &fx,
        Feed::Voters,
        &voters,
        &strict(as_county(&fx, "02", VoterMode::Delta)),
    )
    .unwrap_err();
    assert!(
        matches!(err, ingest::IngestError::Strict { rejected: 1, .. }),
        "{err}"
    );
    assert_eq!(fx.store.read().unwrap().voter_count().unwrap(), 2);

    fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}{OUT_IMB},CA0200001,{E},outbound,1\n"),
        &fx.opts(VoterMode::Delta),
    );
    let imb = format!(
        "{IMB_HEADER}{IN_IMB},CA0200001,{E},inbound,1\n{OUT_IMB},CA4600010,{E},outbound,1\n"
    );
    let err = try_import(&fx, Feed::Imb, &imb, &strict(fx.opts(VoterMode::Delta))).unwrap_err();
    assert!(
        matches!(err, ingest::IngestError::Strict { rejected: 1, .. }),
        "{err}"
    );
    let r = fx.store.read().unwrap();
    let t = ballot_tracker::domain::imb::Imb::parse(IN_IMB)
        .unwrap()
        .tracking;
    assert!(r.imb_get(t).unwrap().is_none());
}
