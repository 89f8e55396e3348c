use crate::common;

use ballot_tracker::domain::{CountyCode, LookupKey, VoterId};
use ballot_tracker::ingest::{self, Feed, IngestError, Scope, VoterMode};
use ballot_tracker::store::EventLogKind;
use common::*;
use std::io::Write;

fn roll(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut s = VOTER_HEADER.to_string();
    for (id, c, f, l) in rows {
        s.push_str(&voter_row(id, c, f, l));
    }
    s
}

fn lookup(fx: &Fixture, last: &str, first: &str) -> Vec<VoterId> {
    let l = LookupKey::compute(fx.store.keys().lookup(), last, first, (1980, 2, 3), 95814);
    fx.store.read().unwrap().voters_by_lookup(l).unwrap()
}

#[test]
fn insert_then_same_file_changes_nothing() {
    let fx = Fixture::new();
    let file = roll(&[
        ("V1", "02", "Ana", "Lee"),
        ("V2", "02", "Bo", "Kim"),
        ("V3", "46", "Cy", "Diaz"),
    ]);
    let s = fx.voters(&file, VoterMode::Full);
    assert_eq!(
        (
            s.rows,
            s.inserted,
            s.updated,
            s.unchanged,
            s.removed,
            s.rejected
        ),
        (3, 3, 0, 0, 0, 0)
    );
    assert_eq!(
        lookup(&fx, "LEE", " ana "),
        vec![VoterId::parse("V1").unwrap()]
    );
    let again = fx.voters(&file, VoterMode::Full);
    assert_eq!(
        (
            again.inserted,
            again.updated,
            again.unchanged,
            again.removed
        ),
        (0, 0, 3, 0)
    );
    assert!(
        again
            .warnings
            .iter()
            .any(|w| w.contains("already imported")),
        "{:?}",
        again.warnings
    );
    assert_eq!(
        fx.store.read().unwrap().events_after(0, 10).unwrap(),
        vec![]
    );
}

#[test]
fn full_mode_removes_missing_voters_of_the_file_counties_only() {
    let fx = Fixture::new();
    fx.voters(
        &roll(&[
            ("V1", "02", "Ana", "Lee"),
            ("V2", "02", "Bo", "Kim"),
            ("V3", "46", "Cy", "Diaz"),
        ]),
        VoterMode::Full,
    );
    // A delta never removes.
    let d = fx.voters(&roll(&[("V1", "02", "Ana", "Lee")]), VoterMode::Delta);
    assert_eq!(d.removed, 0);
    // A full extract of county 02 without V2: V2 removed, V3 (county 46) untouched.
    let s = fx.voters(&roll(&[("V1", "02", "Ana", "Lee")]), VoterMode::Full);
    assert_eq!((s.unchanged, s.removed), (1, 1));
    let r = fx.store.read().unwrap();
    let v2 = r.voter_get(VoterId::parse("V2").unwrap()).unwrap().unwrap();
    assert!(v2.removed, "kept, marked removed");
    assert!(
        !r.voter_get(VoterId::parse("V3").unwrap())
            .unwrap()
            .unwrap()
            .removed
    );
    assert!(
        lookup(&fx, "Kim", "Bo").is_empty(),
        "a removed voter cannot be looked up"
    );
    let ev = r.events_after(0, 10).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].1.kind, EventLogKind::TrackingEnded { moved_to: None });
    // Back in a later extract: restored.
    let s = fx.voters(
        &roll(&[("V1", "02", "Ana", "Lee"), ("V2", "02", "Bo", "Kim")]),
        VoterMode::Full,
    );
    assert_eq!(s.updated, 1);
    assert_eq!(
        lookup(&fx, "Kim", "Bo"),
        vec![VoterId::parse("V2").unwrap()]
    );
}

#[test]
fn a_bad_row_never_makes_a_voter_absent() {
    let fx = Fixture::new();
    fx.voters(
        &roll(&[
            ("V1", "02", "Ana", "Lee"),
            ("V2", "02", "Bo", "Kim"),
            ("V3", "46", "Cy", "Diaz"),
        ]),
        VoterMode::Full,
    );
    // V2's row is bad (bad date): V2 must not be removed.
    let mut f = roll(&[("V1", "02", "Ana", "Lee")]);
    f.push_str("V2,02,Bo,,Kim,,1980-13-01,95814,A,,\n");
    let s = fx.voters(&f, VoterMode::Full);
    assert_eq!((s.rejected, s.removed), (1, 0));
    assert_eq!(s.errors[0].line, 3);
    assert_eq!(s.errors[0].column, "dob");
    // A row whose id cannot be read protects its whole county.
    let mut f = roll(&[("V1", "02", "Ana", "Lee")]);
    f.push_str("v-2,02,Bo,,Kim,,1980-01-01,95814,A,,\n");
    let s = fx.voters(&f, VoterMode::Full);
    assert_eq!((s.rejected, s.removed), (1, 0));
    assert!(
        s.warnings.iter().any(|w| w.contains("county 02")),
        "{:?}",
        s.warnings
    );
    let r = fx.store.read().unwrap();
    assert!(
        !r.voter_get(VoterId::parse("V2").unwrap())
            .unwrap()
            .unwrap()
            .removed
    );
}

#[test]
fn county_move_ends_tracking_and_moves_the_index() {
    let fx = Fixture::new();
    fx.voters(&roll(&[("V1", "02", "Ana", "Lee")]), VoterMode::Delta);
    let s = fx.voters(&roll(&[("V1", "46", "Ana", "Lee")]), VoterMode::Delta);
    assert_eq!(s.updated, 1);
    let r = fx.store.read().unwrap();
    let ev = r.events_after(0, 10).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].1.county, CountyCode::parse("02").unwrap());
    assert_eq!(
        ev[0].1.kind,
        EventLogKind::TrackingEnded {
            moved_to: CountyCode::parse("46")
        }
    );
    assert_eq!(
        r.county_voter_count(CountyCode::parse("02").unwrap())
            .unwrap(),
        0
    );
    assert_eq!(
        r.county_voter_count(CountyCode::parse("46").unwrap())
            .unwrap(),
        1
    );
}

#[test]
fn every_rejection_reason_names_line_column_and_reason() {
    let fx = Fixture::new();
    let cases = [
        ("V-1,02,Ana,,Lee,,1980-02-03,95814,A,,", "votecal_id", "A-Z"),
        (
            "ABCDEFGHIJKLMNOPQRSTU,02,Ana,,Lee,,1980-02-03,95814,A,,",
            "votecal_id",
            "1-20",
        ),
        (
            ",02,Ana,,Lee,,1980-02-03,95814,A,,",
            "votecal_id",
            "required",
        ),
        (
            "V1,59,Ana,,Lee,,1980-02-03,95814,A,,",
            "county_code",
            "01-58",
        ),
        (
            "V1,02,,,Lee,,1980-02-03,95814,A,,",
            "first_name",
            "required",
        ),
        ("V1,02,Ana,,,,1980-02-03,95814,A,,", "last_name", "required"),
        (
            &format!("V1,02,{},,Lee,,1980-02-03,95814,A,,", "A".repeat(101)),
            "first_name",
            "100",
        ),
        ("V1,02,Ana,,Lee,,02/03/1980,95814,A,,", "dob", "YYYY-MM-DD"),
        ("V1,02,Ana,,Lee,,2030-01-01,95814,A,,", "dob", "plausible"),
        ("V1,02,Ana,,Lee,,1980-02-03,9581,A,,", "zip", "12345"),
        ("V1,02,Ana,,Lee,,1980-02-03,10001,A,,", "zip", "California"),
        (
            "V1,02,Ana,,Lee,,1980-02-03,95814,X,,",
            "status",
            "A, I, C or P",
        ),
        (
            "V1,02,Ana,,Lee,,1980-02-03,95814,A,fr,",
            "language",
            "en es",
        ),
        (
            "V1,02,Ana,,Lee,,1980-02-03,95814,A,,yesterday",
            "updated_at",
            "RFC 3339",
        ),
    ];
    let mut file = VOTER_HEADER.to_string();
    for (row, _, _) in &cases {
        file.push_str(row);
        file.push('\n');
    }
    let s = fx.voters(&file, VoterMode::Delta);
    assert_eq!(s.rejected, cases.len() as u64);
    assert_eq!(s.inserted, 0);
    for (i, (_, column, reason)) in cases.iter().enumerate() {
        let e = &s.errors[i];
        assert_eq!(e.line, i as u64 + 2);
        assert_eq!(&e.column, column, "{e:?}");
        assert!(e.reason.contains(reason), "{e:?} should mention {reason}");
    }
}

#[test]
fn duplicate_id_in_one_file_keeps_the_first() {
    let fx = Fixture::new();
    let s = fx.voters(
        &roll(&[("V1", "02", "Ana", "Lee"), ("V1", "02", "Other", "Name")]),
        VoterMode::Delta,
    );
    assert_eq!((s.inserted, s.rejected), (1, 1));
    assert_eq!(s.errors[0].line, 3);
    assert!(s.errors[0].reason.contains("line 2"));
    assert_eq!(lookup(&fx, "Lee", "Ana").len(), 1);
}

#[test]
fn header_by_name_bom_blank_lines_gzip_and_unknown_columns() {
    let fx = Fixture::new();
    let text = "\u{feff} ZIP ,Status,Extra,VOTECAL_ID,county_code,First_Name,last_name,dob\n\n95814,A,x,V9,02, Ana ,Lee,1980-02-03\n\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let s = ingest::import(
        &fx.store,
        Feed::Voters,
        bytes.as_slice(),
        &fx.opts(VoterMode::Delta),
    )
    .unwrap();
    assert_eq!((s.rows, s.inserted, s.rejected), (1, 1, 0), "{s:?}");
    assert_eq!(
        s.warnings,
        vec!["unknown columns ignored: extra".to_string()]
    );
    assert_eq!(
        lookup(&fx, "Lee", "Ana"),
        vec![VoterId::parse("V9").unwrap()]
    );
}

#[test]
fn missing_required_column_refuses_the_file() {
    let fx = Fixture::new();
    let err = ingest::import(
        &fx.store,
        Feed::Voters,
        "votecal_id,county_code\nV1,02\n".as_bytes(),
        &fx.opts(VoterMode::Delta),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("test.csv") && msg.contains("line 1") && msg.contains("first_name"),
        "{msg}"
    );
}

#[test]
fn strict_refuses_everything_and_dry_run_writes_nothing() {
    let fx = Fixture::new();
    let mut file = roll(&[("V1", "02", "Ana", "Lee")]);
    file.push_str("V2,99,Bo,,Kim,,1980-01-01,95814,A,,\n");
    let mut o = fx.opts(VoterMode::Delta);
    o.strict = true;
    let err = ingest::import(&fx.store, Feed::Voters, file.as_bytes(), &o).unwrap_err();
    assert!(matches!(err, IngestError::Strict { rejected: 1, .. }));
    assert_eq!(fx.store.read().unwrap().voter_count().unwrap(), 0);
    let mut o = fx.opts(VoterMode::Delta);
    o.dry_run = true;
    let s = ingest::import(&fx.store, Feed::Voters, file.as_bytes(), &o).unwrap();
    assert_eq!((s.inserted, s.rejected, s.dry_run), (1, 1, true));
    assert_eq!(fx.store.read().unwrap().voter_count().unwrap(), 0);
}

#[test]
fn county_token_loads_only_its_county() {
    let fx = Fixture::new();
    let mut o = fx.opts(VoterMode::Delta);
    o.scope = Scope::County(CountyCode::parse("02").unwrap());
    let s = ingest::import(
        &fx.store,
        Feed::Voters,
        roll(&[("V1", "02", "Ana", "Lee"), ("V2", "19", "Bo", "Kim")]).as_bytes(),
        &o,
    )
    .unwrap();
    assert_eq!((s.inserted, s.rejected), (1, 1));
    assert_eq!(s.errors[0].column, "county_code");
}
