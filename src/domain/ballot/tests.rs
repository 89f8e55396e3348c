use super::*;
use proptest::prelude::*;

fn c() -> CountyCode {
    CountyCode::from_number(19).unwrap()
}

fn status(at: i64, code: StatusCode) -> BallotRow {
    BallotRow {
        at,
        seq: 1,
        kind: RowKind::Status(code),
        detail: String::new(),
    }
}

fn issued(at: i64, seq: u16) -> BallotRow {
    BallotRow {
        at,
        seq,
        kind: RowKind::Status(StatusCode::Issued),
        detail: String::new(),
    }
}

fn scan(at: i64, direction: Direction) -> BallotRow {
    BallotRow {
        at,
        seq: 1,
        kind: RowKind::Scan {
            direction,
            event_code: "919".into(),
        },
        detail: "SACRAMENTO CA".into(),
    }
}

/// Applies each row as its own file, in the given order; returns the messages called for.
fn one_by_one(rows: &[BallotRow]) -> (Ballot, Vec<MessageKind>) {
    let mut b = Ballot::new(c());
    let mut msgs = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let a = apply(b, vec![r.clone()], &StatusTable::default(), 1000 + i as i64);
        msgs.extend(a.due);
        b = a.ballot;
    }
    (b, msgs)
}

#[test]
fn every_code_sets_status_and_calls_for_its_message() {
    for code in StatusCode::ALL {
        if code == StatusCode::Issued {
            continue;
        }
        let (b, msgs) = one_by_one(&[issued(10, 1), status(20, code)]);
        assert_eq!(
            msgs,
            vec![MessageKind::Outbound, code.default_message()],
            "{code}"
        );
        assert_eq!(b.status_code, Some(code));
        assert_eq!(b.status.unwrap().name(), BallotStatus::of_code(code).name());
        assert_eq!(b.status_at, 20);
    }
}

#[test]
fn outbound_once_issued_first_or_scan_first() {
    let (b, msgs) = one_by_one(&[issued(10, 1), scan(20, Direction::Outbound)]);
    assert_eq!(msgs, vec![MessageKind::Outbound]);
    assert_eq!(b.status, Some(BallotStatus::Issued));
    let (b, msgs) = one_by_one(&[scan(20, Direction::Outbound), issued(10, 1)]);
    assert_eq!(msgs, vec![MessageKind::Outbound]);
    assert_eq!(b.status, Some(BallotStatus::Issued));
    assert_eq!(b.events.len(), 2);
    assert_eq!(b.events[0].message, None); // the late ISSUED
    assert_eq!(b.events[1].message, Some(MessageKind::Outbound));
}

#[test]
fn inbound_from_first_inbound_scan_only() {
    let (b, msgs) = one_by_one(&[
        issued(10, 1),
        scan(20, Direction::Inbound),
        scan(30, Direction::Inbound),
        status(40, StatusCode::Inr),
    ]);
    assert_eq!(
        msgs,
        vec![
            MessageKind::Outbound,
            MessageKind::Inbound,
            MessageKind::Received
        ]
    );
    assert_eq!(b.status, Some(BallotStatus::Received));
}

#[test]
fn second_issued_ballot_is_a_reissue() {
    let (b, msgs) = one_by_one(&[issued(10, 1), issued(50, 2)]);
    assert_eq!(msgs, vec![MessageKind::Outbound, MessageKind::Reissued]);
    assert_eq!(b.status, Some(BallotStatus::Reissued));
    // The same ISSUED row again changes nothing and calls for nothing.
    let a = apply(b.clone(), vec![issued(50, 2)], &StatusTable::default(), 9);
    assert_eq!((a.new_events, a.due), (0, None));
    assert_eq!(a.ballot, b);
}

#[test]
fn in_person_from_poll_and_vcr() {
    for code in [StatusCode::Poll, StatusCode::Vcr] {
        let (b, msgs) = one_by_one(&[status(5, code)]);
        assert_eq!(msgs, vec![MessageKind::InPerson]);
        assert_eq!(b.status, Some(BallotStatus::InPerson));
    }
}

#[test]
fn late_older_row_neither_regresses_nor_messages() {
    let (b, msgs) = one_by_one(&[
        issued(10, 1),
        status(30, StatusCode::Accepted),
        status(20, StatusCode::Inr),
    ]);
    assert_eq!(msgs, vec![MessageKind::Outbound, MessageKind::Accepted]);
    assert_eq!(b.status, Some(BallotStatus::Accepted));
    assert_eq!(b.status_at, 30);
    let codes: Vec<_> = b.events.iter().map(|e| e.row.kind.clone()).collect();
    assert_eq!(
        codes,
        vec![
            RowKind::Status(StatusCode::Issued),
            RowKind::Status(StatusCode::Inr),
            RowKind::Status(StatusCode::Accepted)
        ]
    );
}

#[test]
fn repeated_status_calls_for_nothing_and_newer_ones_supersede_in_one_file() {
    let a = apply(
        Ballot::new(c()),
        vec![
            status(30, StatusCode::Accepted),
            issued(10, 1),
            status(20, StatusCode::Inr),
        ],
        &StatusTable::default(),
        1,
    );
    assert_eq!(a.due, Some(MessageKind::Accepted));
    assert_eq!(a.new_events, 3);
    let msgs: Vec<_> = a.ballot.events.iter().map(|e| e.message).collect();
    assert_eq!(
        msgs,
        vec![
            Some(MessageKind::Outbound),
            Some(MessageKind::Received),
            Some(MessageKind::Accepted)
        ]
    );
    let again = apply(
        a.ballot,
        vec![status(40, StatusCode::Accepted)],
        &StatusTable::default(),
        2,
    );
    assert_eq!(again.due, None);
    assert_eq!(again.new_events, 1);
}

#[test]
fn silenced_code_calls_for_nothing() {
    let mut t = StatusTable::default();
    t.overrides.insert(StatusCode::Inr, None);
    let a = apply(Ballot::new(c()), vec![status(20, StatusCode::Inr)], &t, 1);
    assert_eq!(a.due, None);
    assert_eq!(a.ballot.status, Some(BallotStatus::Received));
}

fn arb_row() -> impl Strategy<Value = BallotRow> {
    let kind = prop_oneof![
        (0..StatusCode::ALL.len()).prop_map(|i| RowKind::Status(StatusCode::ALL[i])),
        prop_oneof![Just(Direction::Outbound), Just(Direction::Inbound)].prop_map(|direction| {
            RowKind::Scan {
                direction,
                event_code: "919".into(),
            }
        }),
    ];
    (
        0i64..8,
        1u16..3,
        kind,
        prop_oneof![Just(String::new()), Just("NMS".to_string())],
    )
        .prop_map(|(at, seq, kind, detail)| BallotRow {
            at: at * 3600,
            seq,
            kind,
            detail,
        })
}

proptest! {
    /// Any order of a voter's rows within one file gives the same ballot and the same message due.
    #[test]
    fn one_file_any_order_same_result(rows in prop::collection::vec(arb_row(), 1..12), seed in any::<u64>()) {
        let t = StatusTable::default();
        let a = apply(Ballot::new(c()), rows.clone(), &t, 7);
        let mut shuffled = rows;
        let n = shuffled.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let b = apply(Ballot::new(c()), shuffled, &t, 7);
        prop_assert_eq!(a, b);
    }

    /// Any order across files gives the same final status and history; no message is called
    /// for twice, and none by a row older than one already known.
    #[test]
    fn files_in_any_order_same_final_state(rows in prop::collection::vec(arb_row(), 1..12), seed in any::<u64>()) {
        let (sorted, _) = one_by_one(&rows);
        let mut shuffled = rows.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let (b, _) = one_by_one(&shuffled);
        prop_assert_eq!(sorted.status, b.status);
        prop_assert_eq!(sorted.status_code, b.status_code);
        prop_assert_eq!(sorted.status_at, b.status_at);
        let rows_of = |x: &Ballot| x.events.iter().map(|e| e.row.clone()).collect::<Vec<_>>();
        prop_assert_eq!(rows_of(&sorted), rows_of(&b));
        let mailed: Vec<_> = b.events.iter().filter(|e| matches!(e.message, Some(MessageKind::Outbound | MessageKind::Reissued))).map(|e| e.row.seq).collect();
        let mut dedup = mailed.clone();
        dedup.sort_unstable();
        dedup.dedup();
        prop_assert_eq!(mailed.len(), dedup.len());
        prop_assert!(b.events.iter().filter(|e| e.message == Some(MessageKind::Inbound)).count() <= 1);
        // A message-bearing event is never older than an event recorded before it.
        for e in b.events.iter().filter(|e| e.message.is_some()) {
            prop_assert!(b.events.iter().filter(|o| o.recorded_at < e.recorded_at).all(|o| o.row.at <= e.row.at));
        }
    }
}
