use super::*;
use crate::domain::{
    CountyCode, Election, ElectionKind, LookupKey, Voter, VoterId, VoterStatus, Zip,
};

fn voter(county: u8, lookup: LookupKey) -> Voter {
    Voter {
        county: CountyCode::from_number(county).unwrap(),
        first_name: "Ana".into(),
        middle_name: String::new(),
        last_name: "Lee".into(),
        name_suffix: String::new(),
        zip: Zip::parse("95814").unwrap(),
        status: VoterStatus::Active,
        language: None,
        updated_at: None,
        lookup,
        removed: false,
    }
}

#[test]
fn reopen_keeps_secret_and_data_and_refuses_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.redb");
    let secret;
    {
        let s = Store::open(&path).unwrap();
        secret = *s.keys().lookup();
        let l = LookupKey::compute(s.keys().lookup(), "Lee", "Ana", (1990, 1, 1), 95814);
        let id = VoterId::parse("V1").unwrap();
        s.write(true, |b| {
            b.voter_put(id, &voter(19, l), None)?;
            b.lookup_index_insert(l, id)?;
            let e = Election::new(
                "GEN",
                "General",
                jiff::civil::date(2026, 11, 3),
                ElectionKind::Statewide,
            )
            .unwrap();
            assert_eq!(b.election_put(&e)?, 1);
            assert_eq!(b.election_put(&e)?, 1);
            Ok(())
        })
        .unwrap();
        let r = s.read().unwrap();
        assert_eq!(r.voters_by_lookup(l).unwrap(), vec![id]);
        assert_eq!(
            r.county_voter_count(CountyCode::from_number(19).unwrap())
                .unwrap(),
            1
        );
        assert_eq!(
            r.county_voter_count(CountyCode::from_number(18).unwrap())
                .unwrap(),
            0
        );
        // A second open of the same file in this process is refused clearly.
        assert!(matches!(Store::open(&path), Err(StoreError::InUse { .. })));
    }
    {
        let s = Store::open(&path).unwrap();
        assert_eq!(*s.keys().lookup(), secret);
        let r = s.read().unwrap();
        assert!(
            r.voter_get(VoterId::parse("V1").unwrap())
                .unwrap()
                .is_some()
        );
        assert_eq!(r.elections().unwrap().len(), 1);
        s.write(true, |b| {
            b.meta
                .insert("schema", (SCHEMA + 1).to_be_bytes().as_slice())?;
            Ok(())
        })
        .unwrap();
    }
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn county_move_moves_the_index_entry() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("t.redb")).unwrap();
    let id = VoterId::parse("V2").unwrap();
    let l = LookupKey([7; 16]);
    let (a, b_) = (voter(1, l), voter(2, l));
    s.write(true, |b| {
        b.voter_put(id, &a, None)?;
        b.voter_put(id, &b_, Some(&a))?;
        assert_eq!(
            b.county_voters_after(CountyCode::from_number(1).unwrap(), None, 10)?,
            vec![]
        );
        assert_eq!(
            b.county_voters_after(CountyCode::from_number(2).unwrap(), None, 10)?,
            vec![id]
        );
        Ok(())
    })
    .unwrap();
}

#[test]
fn the_shared_snapshot_is_shared_until_a_commit_and_then_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.redb")).unwrap();
    let l = LookupKey::compute(s.keys().lookup(), "Lee", "Ana", (1990, 1, 1), 95814);
    let id = VoterId::parse("V1").unwrap();
    let first = s.latest().unwrap();
    assert!(Arc::ptr_eq(&first, &s.latest().unwrap()), "shared");
    assert_eq!(first.voter_get(id).unwrap(), None);
    s.write(true, |b| b.voter_put(id, &voter(19, l), None))
        .unwrap();
    // A reader after the commit sees it; one holding the old snapshot does not.
    let second = s.latest().unwrap();
    assert!(!Arc::ptr_eq(&first, &second));
    assert_eq!(second.voter_get(id).unwrap().unwrap().first_name, "Ana");
    assert_eq!(first.voter_get(id).unwrap(), None);
    // So does one after the lookup index is rebuilt outside `write`.
    drop((first, second));
    let before = s.latest().unwrap();
    s.rebuild_lookup_index(std::iter::once(Ok((l, id))))
        .unwrap();
    let after = s.latest().unwrap();
    assert!(!Arc::ptr_eq(&before, &after));
    assert_eq!(after.voters_by_lookup(l).unwrap(), vec![id]);
    drop((before, after));
    // Compaction needs no reader open: the store lets its own go.
    let _ = s.latest().unwrap();
    s.compact().unwrap();
}
