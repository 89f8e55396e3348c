//! Feed files as counties really send them (Windows line ends, byte-order
//! marks, blank lines, quoted line breaks), broken files (truncated or corrupt
//! gzip, unterminated quotes) and hostile ones (record, field, header and
//! decompression bombs): exact line numbers, whole-file refusals, stored data
//! untouched, memory bounded.

use crate::common;

use ballot_tracker::domain::VoterId;
use ballot_tracker::domain::imb::Imb;
use ballot_tracker::ingest::{self, Feed, ImportOptions, IngestError, ReadLimits, VoterMode};
use common::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const E: &str = "2026-11-03-GEN";
const BALLOT_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at";
const IMB_HEADER: &str = "imb,votecal_id,election_code,direction,ballot_seq";
const OUT_IMB: &str = "0070012345600000000195814";
const IN_IMB: &str = "00700123456000000002";

/// An election, two voters, a ballot, a crosswalk entry and a scan kept aside.
fn setup() -> Fixture {
    let fx = Fixture::new();
    general_election(&fx.store, E);
    let mut voters = VOTER_HEADER.to_string();
    voters.push_str(&voter_row("V1", "02", "Ana", "Lee"));
    voters.push_str(&voter_row("V2", "02", "Bo", "Kim"));
    fx.voters(&voters, VoterMode::Full);
    let opts = fx.opts(VoterMode::Delta);
    let s = fx.import(
        Feed::Ballots,
        &format!("{BALLOT_HEADER}\nV1,02,{E},1,ISSUED,,2026-10-05\n"),
        &opts,
    );
    assert_eq!(s.inserted, 1, "{s:?}");
    let s = fx.import(
        Feed::Imb,
        &format!("{IMB_HEADER}\n{OUT_IMB},V1,{E},outbound,1\n"),
        &opts,
    );
    assert_eq!(s.inserted, 1, "{s:?}");
    let s = fx.import(
        Feed::Scans,
        &format!("{{\"imb\":\"{IN_IMB}\",\"scanDatetime\":\"2026-10-17T08:00:00Z\",\"opCode\":\"918\"}}\n"),
        &opts,
    );
    assert_eq!(s.scans_pending, 1, "{s:?}");
    fx
}

/// Everything an import can change, as text.
fn stored(fx: &Fixture) -> String {
    let r = fx.store.read().unwrap();
    let voters: Vec<_> = r.voters_iter().unwrap().map(Result::unwrap).collect();
    let ballots: Vec<_> = voters
        .iter()
        .map(|(id, _)| r.ballots_of(*id, [1u16].into_iter()).unwrap())
        .collect();
    let imbs: Vec<_> = [OUT_IMB, IN_IMB]
        .iter()
        .map(|i| r.imb_get(Imb::parse(i).unwrap().tracking).unwrap())
        .collect();
    let events = r.events_after(0, 100_000).unwrap();
    let pending = r.pending_scan_count().unwrap();
    drop(r);
    let unfinished = fx
        .store
        .write(true, |b| Ok(b.imports_unfinished()?.len()))
        .unwrap();
    format!("{voters:?}\n{ballots:?}\n{imbs:?}\n{events:?}\n{pending}\n{unfinished}")
}

fn opts_for(fx: &Fixture, mode: VoterMode, dry_run: bool, source: &str) -> ImportOptions {
    let mut o = fx.opts(mode);
    o.dry_run = dry_run;
    o.source = source.into();
    o
}

fn error_lines(s: &ingest::Summary) -> Vec<u64> {
    s.errors.iter().map(|e| e.line).collect()
}

/// Joins lines with CRLF, as a Windows export writes them, behind a byte-order mark.
fn windows(lines: &[&str]) -> String {
    format!("\u{feff}{}\r\n", lines.join("\r\n"))
}

fn voter(id: &str, middle: &str, dob: &str, zip: &str) -> String {
    format!("{id},02,Ana,{middle},Lee,,{dob},{zip},A,es,2026-01-01T00:00:00Z")
}

#[test]
fn windows_files_report_the_line_each_rejected_row_starts_on() {
    let fx = setup();
    let opts = fx.opts(VoterMode::Delta);
    let header = VOTER_HEADER.trim_end();
    let text = windows(&[
        header,                                                   // 1
        &voter("V10", "", "1980-02-03", "95814"),                 // 2
        "",                                                       // 3
        &voter("V11", "\"A\r\nB\"", "1980-02-03", "95814"),       // 4-5: a quoted line break
        &voter("V12", "", "1980-02-03", "12345"),                 // 6: not a California ZIP
        "",                                                       // 7
        "",                                                       // 8
        &voter("V13", "", "1980-02-30", "95814"),                 // 9: no such date
        &voter("V14", "\"J \"\"Jo\"\"\"", "1980-02-03", "95814"), // 10
    ]);
    let s = fx.import(Feed::Voters, &text, &opts);
    assert_eq!(error_lines(&s), vec![4, 6, 9], "{s:?}");
    assert_eq!(s.inserted, 2, "{s:?}");

    let text = windows(&[
        BALLOT_HEADER,                                            // 1
        &format!("V2,02,{E},1,ISSUED,,2026-10-05"),               // 2
        "",                                                       // 3
        &format!("V2,02,{E},0,ISSUED,\"NMS\r\nNVS\",2026-10-06"), // 4-5
        &format!("V2,02,{E},1,ISSUED,,2026-13-45"),               // 6
    ]);
    let s = fx.import(Feed::Ballots, &text, &opts);
    assert_eq!(error_lines(&s), vec![4, 6], "{s:?}");

    let text = windows(&[
        IMB_HEADER,                                                // 1
        &format!("00700123456000000003,V2,{E},outbound,1"),        // 2
        "",                                                        // 3
        &format!("00700123456000000004,V2,{E},\"in\r\nbound\",1"), // 4-5
        &format!("123,V2,{E},inbound,1"),                          // 6
    ]);
    let s = fx.import(Feed::Imb, &text, &opts);
    assert_eq!(error_lines(&s), vec![4, 6], "{s:?}");
}

#[test]
fn scan_files_report_the_line_each_rejected_scan_starts_on() {
    let fx = setup();
    let opts = fx.opts(VoterMode::Delta);
    let good = "00700123456000000005";
    let ndjson = windows(&[
        &format!(
            "{{\"imb\":\"{good}\",\"scanDatetime\":\"2026-10-17T08:00:00Z\",\"opCode\":\"918\"}}"
        ),
        "",
        r#"{"imb":"123","scanDatetime":"2026-10-17T08:00:00Z","opCode":"918"}"#,
        &format!("{{\"imb\":\"{good}\",\"opCode\":\"918\"}}"),
    ]);
    let s = fx.import(Feed::Scans, &ndjson, &opts);
    assert_eq!(error_lines(&s), vec![3, 4], "{s:?}");

    let pipe = windows(&[
        "IMB|scanDatetime|opCode",
        &format!("{good}|2026-10-16 08:00:00|918"),
        "",
        "123|2026-10-16 08:00:00|918",
        "\"12\r\n3\"|2026-10-16 08:00:00|918",
        &format!("{good}|yesterday|918"),
    ]);
    let s = fx.import(Feed::Scans, &pipe, &opts);
    assert_eq!(error_lines(&s), vec![4, 5, 7], "{s:?}");

    let array = windows(&[
        "[",
        r#" {"imb":"123","scanDatetime":"2026-10-17T08:00:00Z","opCode":"918"},"#,
        "",
        &format!(" {{\"imb\":\"{good}\","),
        r#"  "scanDatetime":"yesterday","opCode":"918"}, 7"#,
        "]",
    ]);
    let s = fx.import(Feed::Scans, &array, &opts);
    assert_eq!(error_lines(&s), vec![2, 4, 5], "{s:?}");
}

fn gzip(text: &str) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

/// Files of each feed that would change the store if read whole.
fn sizable_files() -> Vec<(Feed, String)> {
    let mut voters = VOTER_HEADER.to_string();
    let mut ballots = format!("{BALLOT_HEADER}\n");
    let mut imbs = format!("{IMB_HEADER}\n");
    let mut ndjson = String::new();
    let mut array = String::from("[");
    let mut pipe = String::from("imb|scanDatetime|opCode\n");
    for i in 0..3000u32 {
        voters.push_str(&voter_row(
            &format!("N{i:05}"),
            "02",
            &format!("F{i}"),
            "Lee",
        ));
        let day = 1 + i % 28;
        let who = if i % 2 == 0 { "V1" } else { "V2" };
        ballots.push_str(&format!(
            "{who},02,{E},1,ISSUED,,2026-10-{day:02}T{:02}:{:02}:00-07:00\n",
            i % 24,
            i % 60
        ));
        imbs.push_str(&format!("007001234560{:08},V2,{E},inbound,1\n", 100 + i));
        let scan = format!(
            "{{\"imb\":\"007001234560{:08}\",\"scanDatetime\":\"2026-10-17T08:{:02}:00Z\",\"opCode\":\"918\"}}",
            10_000 + i,
            i % 60
        );
        ndjson.push_str(&scan);
        ndjson.push('\n');
        array.push_str(&scan);
        array.push_str(if i == 2999 { "]" } else { ",\n" });
        pipe.push_str(&format!(
            "007001234560{:08}|2026-10-16 08:00:00|918\n",
            20_000 + i
        ));
    }
    vec![
        (Feed::Voters, voters),
        (Feed::Ballots, ballots),
        (Feed::Imb, imbs),
        (Feed::Scans, ndjson),
        (Feed::Scans, array),
        (Feed::Scans, pipe),
    ]
}

fn modes() -> [(VoterMode, bool); 3] {
    [
        (VoterMode::Full, false),
        (VoterMode::Delta, false),
        (VoterMode::Delta, true),
    ]
}

#[test]
fn truncated_or_corrupt_gzip_files_are_refused_whole() {
    let fx = setup();
    let before = stored(&fx);
    for (feed, text) in sizable_files() {
        let whole = gzip(&text);
        let mut corrupt = whole.clone();
        let mid = corrupt.len() / 2;
        corrupt[mid] ^= 0x5a;
        let cut = whole[..whole.len() * 3 / 5].to_vec();
        let no_trailer = whole[..whole.len() - 4].to_vec();
        for (what, bytes) in [
            ("cut", cut),
            ("corrupt", corrupt),
            ("no trailer", no_trailer),
        ] {
            for (mode, dry_run) in modes() {
                let opts = opts_for(&fx, mode, dry_run, "extract.csv.gz");
                let err = ingest::import(&fx.store, feed, bytes.as_slice(), &opts)
                    .expect_err(&format!("{feed:?} {what} {mode:?} dry {dry_run}"));
                assert!(
                    matches!(err, IngestError::Truncated { .. }),
                    "{feed:?} {what}: {err}"
                );
                let text = err.to_string();
                assert!(
                    text.starts_with("extract.csv.gz: the file is truncated or corrupt"),
                    "{text}"
                );
                assert!(text.contains("the whole file was refused"), "{text}");
                assert_eq!(stored(&fx), before, "{feed:?} {what} changed the store");
            }
        }
        // The whole file is fine.
        let opts = opts_for(&fx, VoterMode::Delta, true, "extract.csv.gz");
        ingest::import(&fx.store, feed, whole.as_slice(), &opts).unwrap();
    }
}

#[test]
fn an_unterminated_quote_refuses_the_file_at_the_line_it_opens() {
    let fx = setup();
    let before = stored(&fx);
    let mut voters = VOTER_HEADER.to_string();
    voters.push_str(&voter_row("V20", "02", "Ana", "Lee"));
    voters.push_str("V21,02,\"Ana,,Lee,,1980-02-03,95814,A,es,\n");
    for i in 0..5 {
        voters.push_str(&voter_row(&format!("V3{i}"), "02", "Ana", "Lee"));
    }
    let ballots = format!(
        "{BALLOT_HEADER}\r\nV2,02,{E},1,ISSUED,,2026-10-05\r\n\r\nV2,02,{E},1,ISSUED,\"NMS,2026-10-06\r\nV1,02,{E},1,ISSUED,,2026-10-07\r\n"
    );
    let imbs = format!("{IMB_HEADER}\n00700123456000000007,V2,\"{E},inbound,1\n");
    let pipe = "imb|scanDatetime|opCode\n00700123456000000008|2026-10-16 08:00:00|918\n\"1|2|3\n";
    for (feed, text, line) in [
        (Feed::Voters, voters.as_str(), 3),
        (Feed::Ballots, ballots.as_str(), 4),
        (Feed::Imb, imbs.as_str(), 2),
        (Feed::Scans, pipe, 3),
    ] {
        for (mode, dry_run) in modes() {
            let opts = opts_for(&fx, mode, dry_run, "quoted.csv");
            let err = ingest::import(&fx.store, feed, text.as_bytes(), &opts).unwrap_err();
            match &err {
                IngestError::Refused { line: l, .. } => assert_eq!(*l, line, "{err}"),
                other => panic!("{feed:?}: {other}"),
            }
            assert!(
                err.to_string().starts_with(&format!(
                    "quoted.csv: line {line}: unterminated quote: the quoted field that starts here is never closed"
                )),
                "{err}"
            );
            assert_eq!(stored(&fx), before, "{feed:?} changed the store");
        }
    }
}

fn small_limits() -> ReadLimits {
    ReadLimits {
        record_bytes: 2048,
        field_bytes: 256,
        header_bytes: 1024,
        decompressed_bytes: 64 << 10,
    }
}

fn refusal(fx: &Fixture, feed: Feed, input: &[u8]) -> String {
    let mut opts = opts_for(fx, VoterMode::Delta, false, "big.csv");
    opts.limits = small_limits();
    let err = ingest::import(&fx.store, feed, input, &opts).unwrap_err();
    err.to_string()
}

#[test]
fn records_fields_headers_and_sizes_over_their_caps_refuse_the_file() {
    let fx = setup();
    let before = stored(&fx);
    let fine = voter_row("V40", "02", "Ana", "Lee");
    let long_record = format!("{VOTER_HEADER}{fine}V41,02{}\n{fine}", ",x".repeat(1100));
    let long_field = format!("{VOTER_HEADER}{fine}\n\nV41,02,\"{}\"\n", "y\n".repeat(200));
    let long_header = format!("{}{VOTER_HEADER}{fine}", "extra,".repeat(200));
    let cases: Vec<(Feed, String, &str)> = vec![
        (
            Feed::Voters,
            long_record,
            "big.csv: line 3: a record is longer than the limit of 2048 bytes ([import] max_record_bytes)",
        ),
        (
            Feed::Voters,
            long_field,
            "big.csv: line 5: a field is longer than the limit of 256 bytes ([import] max_field_bytes)",
        ),
        (
            Feed::Imb,
            long_header,
            "big.csv: line 1: the header row is longer than the limit of 1024 bytes ([import] max_header_bytes)",
        ),
        (
            Feed::Scans,
            format!("[{{\"imb\":\"1\"}},\n{{\"imb\":\"{}\"}}]", "7".repeat(300)),
            "big.csv: line 2: a field is longer than the limit of 256 bytes",
        ),
        (
            Feed::Scans,
            format!(
                "[{{\"imb\":\"1\"}},\n{{{}\"imb\":1}}]",
                "\"a\":1,".repeat(400)
            ),
            "big.csv: line 2: a record is longer than the limit of 2048 bytes",
        ),
        (
            Feed::Scans,
            format!(
                "{{\"imb\":\"1\"}}\n\n{{\"imb\":\"{}\"}}\n",
                "7".repeat(3000)
            ),
            "big.csv: line 3: a record is longer than the limit of 2048 bytes",
        ),
        (
            Feed::Scans,
            format!("{{\"imb\":\"1\"}}\n{{\"imb\":\"{}\"}}\n", "7".repeat(300)),
            "big.csv: line 2: a field is longer than the limit of 256 bytes",
        ),
        (
            Feed::Scans,
            format!("imb|opCode\n1|2\n{}\n", "|".repeat(3000)),
            "big.csv: line 3: a record is longer than the limit of 2048 bytes",
        ),
    ];
    for (feed, text, expected) in cases {
        let err = refusal(&fx, feed, text.as_bytes());
        assert!(err.starts_with(expected), "{err}\nexpected {expected}");
        assert!(err.ends_with("the whole file was refused"), "{err}");
        assert_eq!(stored(&fx), before);
    }
    // More text than the decompressed cap, from a small gzip file.
    let mut many = VOTER_HEADER.to_string();
    for i in 0..2000 {
        many.push_str(&voter_row(&format!("N{i:05}"), "02", "Ana", "Lee"));
    }
    let packed = gzip(&many);
    assert!(packed.len() < 64 << 10);
    let err = refusal(&fx, Feed::Voters, &packed);
    assert_eq!(
        err,
        "big.csv: the file holds more than 65536 bytes once decompressed ([import] max_decompressed_bytes); the whole file was refused"
    );
    assert_eq!(stored(&fx), before);
}

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

/// Writes `head`, then `unit` repeated until `total` bytes (or a minute) have gone.
fn pump(
    out: &mut impl Write,
    head: &str,
    unit: &str,
    total: u64,
    sent: &mut u64,
) -> std::io::Result<()> {
    let block = unit.repeat((1 << 20) / unit.len());
    let started = Instant::now();
    out.write_all(head.as_bytes())?;
    while *sent < total && started.elapsed() < Duration::from_secs(60) {
        out.write_all(block.as_bytes())?;
        *sent += block.len() as u64;
    }
    out.flush()
}
const GIB: u64 = 1 << 30;

/// Runs `ballot-tracker import FEED /dev/stdin` on a gzip stream of `head`
/// followed by `unit` repeated to `total` bytes, produced while it is read
/// (nothing is written to disk). Returns the exit status, the error output and
/// the peak resident memory of the import in bytes.
// The child is reaped with wait4, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn import_bomb(feed: &str, head: &str, unit: &str, total: u64) -> (i32, String, u64) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg("--data")
        .arg(dir.path())
        .args(["import", feed, "/dev/stdin", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let stdin = child.stdin.take().unwrap();
    let (head, unit) = (head.to_string(), unit.to_string());
    let writer = std::thread::spawn(move || {
        let mut gz = GzEncoder::new(stdin, Compression::fast());
        let mut sent = 0u64;
        // The import refuses the file early: writing stops when the pipe closes.
        let _ = pump(&mut gz, &head, &unit, total, &mut sent);
        sent
    });
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // A stuck import is killed rather than hanging the test run.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if start.elapsed() > Duration::from_secs(90) {
                    // SAFETY: our own child, not yet reaped (wait4 below reaps it).
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 reaps our own child and fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(reaped, pid);
    watchdog.join().unwrap();
    let sent = writer.join().unwrap();
    let err = reader.join().unwrap();
    assert!(
        sent < total,
        "the import read the whole bomb ({sent} bytes)"
    );
    // ru_maxrss is in KiB on Linux.
    (
        libc::WEXITSTATUS(status),
        err,
        usage.ru_maxrss as u64 * 1024,
    )
}

fn assert_refused_in_bounded_memory(run: (i32, String, u64), expected: &str) {
    let (code, err, peak) = run;
    eprintln!("peak memory {} MiB: {err}", peak >> 20);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(expected), "{err}\nexpected {expected}");
    assert!(err.contains("the whole file was refused"), "{err}");
    assert!(peak < GIB, "peak memory {} MiB", peak >> 20);
    // Bounded by the caps, not the input: far below the bomb's size.
    assert!(peak < 256 << 20, "peak memory {} MiB", peak >> 20);
}

#[test]
fn a_gigabyte_line_of_fields_is_refused_in_bounded_memory() {
    let head = format!("{VOTER_HEADER}V1,02,Ana");
    assert_refused_in_bounded_memory(
        import_bomb("voters", &head, ",a", GIB),
        "/dev/stdin: line 2: a record is longer than the limit of 65536 bytes ([import] max_record_bytes)",
    );
}

#[test]
fn a_gigabyte_quoted_field_with_line_breaks_is_refused_in_bounded_memory() {
    let head = format!("{BALLOT_HEADER}\r\nV1,02,{E},1,ISSUED,\"");
    assert_refused_in_bounded_memory(
        import_bomb("ballots", &head, "NMS|NVS\r\n", GIB),
        "/dev/stdin: line 2: a field is longer than the limit of 4096 bytes ([import] max_field_bytes)",
    );
}

#[test]
fn a_gigabyte_header_is_refused_in_bounded_memory() {
    assert_refused_in_bounded_memory(
        import_bomb("imb", "imb,votecal_id", ",direction", GIB),
        "/dev/stdin: line 1: the header row is longer than the limit of 65536 bytes ([import] max_header_bytes)",
    );
}

#[test]
fn gigabyte_scans_are_refused_in_bounded_memory_in_every_form() {
    assert_refused_in_bounded_memory(
        import_bomb("scans", "[{\"imb\":\"", "0070012345", GIB),
        "/dev/stdin: line 1: a field is longer than the limit of 4096 bytes",
    );
    assert_refused_in_bounded_memory(
        import_bomb("scans", "[\n{\"imb\":[", "\"1\",", GIB),
        "/dev/stdin: line 2: a record is longer than the limit of 65536 bytes",
    );
    assert_refused_in_bounded_memory(
        import_bomb("scans", "{\"imb\":\"1\"}\n{\"opCode\":", "          ", GIB),
        "/dev/stdin: line 2: a record is longer than the limit of 65536 bytes",
    );
    assert_refused_in_bounded_memory(
        import_bomb("scans", "imb|opCode\n", "1|", GIB),
        "/dev/stdin: line 2: a record is longer than the limit of 65536 bytes",
    );
}

#[test]
fn stored_voters_survive_every_refused_file() {
    // The refusals above each compare the whole store; this checks the voters
    // themselves by id after one of each kind.
    let fx = setup();
    let v1 = VoterId::parse("V1").unwrap();
    let get = || fx.store.read().unwrap().voter_get(v1).unwrap().unwrap();
    let before = get();
    let mut roll = VOTER_HEADER.to_string();
    roll.push_str(&voter_row("V1", "02", "Changed", "Name"));
    roll.push_str(&voter_row("V9", "02", "New", "Voter"));
    let whole = gzip(&roll);
    let opts = opts_for(&fx, VoterMode::Full, false, "roll.csv.gz");
    let broken: [Vec<u8>; 3] = [
        whole[..whole.len() - 6].to_vec(),
        format!("{roll}V10,02,\"Open,,Quote,,1980-02-03,95814,A,,\n").into_bytes(),
        format!("{roll}V11,02,\"{}\"\n", "z".repeat(5000)).into_bytes(),
    ];
    for bytes in broken {
        assert!(ingest::import(&fx.store, Feed::Voters, bytes.as_slice(), &opts).is_err());
        assert_eq!(get(), before);
        let r = fx.store.read().unwrap();
        assert!(
            r.voter_get(VoterId::parse("V2").unwrap())
                .unwrap()
                .is_some()
        );
        assert!(
            r.voter_get(VoterId::parse("V9").unwrap())
                .unwrap()
                .is_none()
        );
    }
}

/// Hands out one byte per read, like an upload arriving in tiny pieces.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((b, rest)), Some(slot)) => {
                *slot = *b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn a_gzip_file_arriving_a_byte_at_a_time_is_read_as_gzip() {
    let fx = setup();
    let mut roll = VOTER_HEADER.to_string();
    roll.push_str(&voter_row("V50", "02", "Ana", "Lee"));
    let packed = gzip(&roll);
    let opts = fx.opts(VoterMode::Delta);
    let s = ingest::import(&fx.store, Feed::Voters, Trickle(&packed), &opts).unwrap();
    assert_eq!((s.rows, s.inserted, s.rejected), (1, 1, 0), "{s:?}");
}
