use crate::common;

use ballot_tracker::domain::imb::Imb;
use ballot_tracker::domain::{Election, ElectionKind, VoterId};
use ballot_tracker::ingest::{Feed, VoterMode};
use ballot_tracker::store::EventLogKind;
use common::*;

const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";
const E: &str = "2026-11-03-GEN";

fn setup() -> Fixture {
    let fx = Fixture::new();
    let mut e = Election::new(
        E,
        "General",
        jiff::civil::date(2026, 11, 3),
        ElectionKind::Statewide,
    )
    .unwrap();
    e.opt_out(ballot_tracker::domain::CountyCode::parse("46").unwrap())
        .unwrap();
    fx.store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .unwrap();
    let mut voters = VOTER_HEADER.to_string();
    voters.push_str(&voter_row("V1", "02", "Ana", "Lee"));
    voters.push_str(&voter_row("V2", "02", "Bo", "Kim"));
    fx.voters(&voters, VoterMode::Full);
    fx
}

fn status(fx: &Fixture, id: &str) -> Option<&'static str> {
    let b = fx
        .store
        .read()
        .unwrap()
        .ballot_get(1, VoterId::parse(id).unwrap())
        .unwrap()?;
    b.status.map(|s| s.name())
}

#[test]
fn statuses_messages_and_idempotence() {
    let fx = setup();
    let file = format!(
        "{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\nV1,02,{E},1,ACCEPTED,,2026-10-20T10:00:00-07:00\nV2,02,{E},,ISSUED,,2026-10-05\nV2,02,{E},,NMS,NMS|NVS,2026-10-21T10:00:00-07:00\n"
    );
    let s = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((s.rows, s.inserted, s.rejected), (4, 4, 0), "{s:?}");
    // One message due per ballot: the newest supersedes the older in the same file.
    assert_eq!(s.events.get("accepted"), Some(&1));
    assert_eq!(s.events.get("contact_county"), Some(&1));
    assert_eq!(s.events.get("outbound"), None);
    assert_eq!(s.events_by_county["02"].values().sum::<u64>(), 2);
    assert_eq!(status(&fx, "V1"), Some("accepted"));
    assert_eq!(status(&fx, "V2"), Some("contact_county"));
    let b = fx
        .store
        .read()
        .unwrap()
        .ballot_get(1, VoterId::parse("V2").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(b.events[1].row.detail, "NMS|NVS");
    let log = fx.store.read().unwrap().events_after(0, 100).unwrap();
    assert_eq!(log.len(), 2);
    // The same file again: nothing changes, nothing is due, nothing logged.
    let again = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((again.inserted, again.unchanged), (0, 4));
    assert!(again.events.is_empty());
    assert_eq!(
        fx.store.read().unwrap().events_after(0, 100).unwrap().len(),
        2
    );
    // An older row arriving late: kept in history, no message, no regression.
    let late = fx.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,INR,,2026-10-10\n"),
        &fx.opts(VoterMode::Delta),
    );
    assert_eq!(late.inserted, 1);
    assert!(late.events.is_empty());
    assert_eq!(status(&fx, "V1"), Some("accepted"));
}

#[test]
fn ballot_rejections() {
    let fx = setup();
    let rows = [
        (
            "V1,02,NOPE,1,ISSUED,,2026-10-05".to_string(),
            "election_code",
        ),
        (format!("V1,46,{E},1,ISSUED,,2026-10-05"), "county_code"),
        (format!("V1,02,{E},0,ISSUED,,2026-10-05"), "ballot_seq"),
        (format!("V1,02,{E},1,LOST,,2026-10-05"), "status_code"),
        (format!("V1,02,{E},1,OTH,A B,2026-10-05"), "reason_codes"),
        (format!("V1,02,{E},1,ISSUED,,10/05/2026"), "status_at"),
        (format!("v1,02,{E},1,ISSUED,,2026-10-05"), "votecal_id"),
    ];
    let mut file = BALLOT_HEADER.to_string();
    for (r, _) in &rows {
        file.push_str(r);
        file.push('\n');
    }
    let s = fx.import(Feed::Ballots, &file, &fx.opts(VoterMode::Delta));
    assert_eq!(s.rejected, rows.len() as u64);
    for (i, (_, col)) in rows.iter().enumerate() {
        assert_eq!(s.errors[i].line, i as u64 + 2);
        assert_eq!(&s.errors[i].column, col, "{:?}", s.errors[i]);
    }
}

#[test]
fn scans_before_the_crosswalk_are_kept_then_applied() {
    let fx = setup();
    let out_imb = "0070012345600000000195814";
    let in_imb = "00700123456000000002";
    let scans = format!(
        "[{{\"imb\":\"{out_imb}\",\"scanDatetime\":\"2026-10-06T09:00:00-07:00\",\"scanEventCode\":\"SD\",\"scanFacilityCity\":\"SACRAMENTO\",\"scanFacilityState\":\"CA\"}},\
         {{\"IMB\":\"{in_imb}\",\"scanDatetime\":\"2026-10-15 10:00:00\",\"opCode\":\"919\"}},\
         {{\"imb\":\"123\",\"scanDatetime\":\"2026-10-15 10:00:00\",\"opCode\":\"919\"}}]"
    );
    let s = fx.import(Feed::Scans, &scans, &fx.opts(VoterMode::Delta));
    assert_eq!((s.rows, s.rejected, s.scans_pending), (3, 1, 2), "{s:?}");
    assert_eq!(s.errors[0].column, "imb");
    assert_eq!(status(&fx, "V1"), None);
    let imb = format!(
        "imb,votecal_id,election_code,direction,ballot_seq\n{out_imb},V1,{E},outbound,1\n{in_imb},V1,{E},inbound,1\n"
    );
    let s = fx.import(Feed::Imb, &imb, &fx.opts(VoterMode::Delta));
    assert_eq!(
        (s.inserted, s.rejected, s.scans_pending),
        (2, 0, 0),
        "{s:?}"
    );
    assert_eq!(status(&fx, "V1"), Some("inbound"));
    let r = fx.store.read().unwrap();
    let kinds: Vec<_> = r
        .events_after(0, 10)
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.1.kind {
            EventLogKind::Message { election, kind, .. } => Some((election, kind)),
            _ => None,
        })
        .collect();
    assert!(kinds.contains(&(1, ballot_tracker::domain::MessageKind::Outbound)));
    assert!(kinds.contains(&(1, ballot_tracker::domain::MessageKind::Inbound)));
    // The ISSUED row arriving after the outbound scan sends nothing more.
    let s = fx.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}V1,02,{E},1,ISSUED,,2026-10-05\n"),
        &fx.opts(VoterMode::Delta),
    );
    assert!(s.events.is_empty());
    // Pipe-delimited and NDJSON forms read the same fields.
    let pipe =
        format!("IMB|scanDatetime|opCode|scanFacilityState\n{in_imb}|2026-10-16 08:00:00|918|CA\n");
    let s = fx.import(Feed::Scans, &pipe, &fx.opts(VoterMode::Delta));
    assert_eq!((s.rows, s.inserted), (1, 1));
    let nd = format!(
        "{{\"imb\":\"{in_imb}\",\"scanDatetime\":\"2026-10-17T08:00:00Z\",\"opCode\":\"918\"}}\n"
    );
    let s = fx.import(Feed::Scans, &nd, &fx.opts(VoterMode::Delta));
    assert_eq!((s.rows, s.inserted), (1, 1));
    assert!(Imb::parse(out_imb).is_ok());
}

#[test]
fn imb_rejections_name_line_column_and_reason() {
    let fx = setup();
    let rows = [
        (
            format!("0070012345600000000,V1,{E},outbound,1"),
            "imb",
            "digits",
        ),
        (
            format!("00700123456000000001958,V1,{E},outbound,1"),
            "imb",
            "23 digits",
        ),
        (
            format!("0570012345600000000195814,V1,{E},outbound,1"),
            "imb",
            "0-4",
        ),
        (
            format!("0070012345600000000195814,V9,{E},outbound,1"),
            "votecal_id",
            "voter roll",
        ),
        (
            "0070012345600000000195814,V1,NOPE,outbound,1".to_string(),
            "election_code",
            "not an election",
        ),
        (
            format!("0070012345600000000195814,V1,{E},sideways,1"),
            "direction",
            "outbound or inbound",
        ),
        (
            format!("0070012345600000000195814,V1,{E},outbound,0"),
            "ballot_seq",
            "1 or more",
        ),
    ];
    let mut file = "imb,votecal_id,election_code,direction,ballot_seq\n".to_string();
    for (r, _, _) in &rows {
        file.push_str(r);
        file.push('\n');
    }
    let s = fx.import(Feed::Imb, &file, &fx.opts(VoterMode::Delta));
    assert_eq!((s.rejected, s.inserted), (rows.len() as u64, 0), "{s:?}");
    for (i, (_, col, reason)) in rows.iter().enumerate() {
        assert_eq!(s.errors[i].line, i as u64 + 2);
        assert_eq!(&s.errors[i].column, col, "{:?}", s.errors[i]);
        assert!(
            s.errors[i].reason.contains(reason),
            "{:?} should say {reason}",
            s.errors[i]
        );
    }
}

#[test]
fn scan_rejections_name_record_column_and_reason() {
    let fx = setup();
    let nd = [
        (
            r#"{"scanDatetime":"2026-10-06T09:00:00-07:00","opCode":"919"}"#,
            "imb",
            "required",
        ),
        (
            r#"{"imb":"12345","scanDatetime":"2026-10-06T09:00:00-07:00","opCode":"919"}"#,
            "imb",
            "digits",
        ),
        (
            r#"{"imb":"00700123456000000002","opCode":"919"}"#,
            "scanDatetime",
            "required",
        ),
        (
            r#"{"imb":"00700123456000000002","scanDatetime":"tuesday","opCode":"919"}"#,
            "scanDatetime",
            "date and time",
        ),
        (
            r#"{"imb":"00700123456000000002","scanDatetime":"2026-10-06T09:00:00Z"}"#,
            "scanEventCode",
            "opCode",
        ),
        (r#"["not an object"]"#, "", "JSON object"),
        (r#"{"imb": "#, "", "malformed JSON"),
    ];
    let text: String = nd.iter().map(|(l, _, _)| format!("{l}\n")).collect();
    let s = fx.import(Feed::Scans, &text, &fx.opts(VoterMode::Delta));
    assert_eq!(
        (s.rows, s.rejected),
        (nd.len() as u64, nd.len() as u64),
        "{s:?}"
    );
    for (i, (_, col, reason)) in nd.iter().enumerate() {
        assert_eq!(s.errors[i].line, i as u64 + 1);
        assert_eq!(&s.errors[i].column, col, "{:?}", s.errors[i]);
        assert!(
            s.errors[i].reason.contains(reason),
            "{:?} should say {reason}",
            s.errors[i]
        );
    }
}
