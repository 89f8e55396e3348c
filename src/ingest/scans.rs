//! USPS Informed Visibility scan events (formats.md §4): JSON (an array, or one
//! object per line) or a pipe-delimited file with a header row. A scan whose
//! barcode is in no crosswalk yet is kept aside, not dropped.

use super::ballot_update::{NOT_ON_ROLL, scan_refusal};
use super::batches::Driver;
use super::runs::Sorter;
use super::{ImportOptions, IngestError, Scope, Summary, ballot_update, csvin, guard};
use crate::domain::ballot::{BallotRow, Direction, RowKind};
use crate::domain::imb::{Imb, TrackingCode};
use crate::domain::{Election, VoterId};
use crate::store::{PendingScan, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

/// One scan as read, before its barcode is resolved.
#[derive(Serialize, Deserialize)]
struct Scan {
    at: i64,
    event_code: String,
    detail: String,
}

type Fields = HashMap<String, String>;

/// Reads the fields of one scan (names already lower-cased).
fn parse_scan(f: &Fields) -> Result<(TrackingCode, Scan), (&'static str, String)> {
    let get = |k: &str| f.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let raw = get("imb").ok_or_else(|| ("imb", "is required but empty".to_string()))?;
    let imb = Imb::parse(raw).map_err(|e| ("imb", e.to_string()))?;
    let when =
        get("scandatetime").ok_or_else(|| ("scanDatetime", "is required but empty".to_string()))?;
    let state = get("scanfacilitystate").unwrap_or("CA");
    let at = scan_time(when, state).map_err(|r| ("scanDatetime", r))?;
    let event_code = get("scaneventcode")
        .or_else(|| get("opcode"))
        .ok_or_else(|| ("scanEventCode", "is required (or opCode)".to_string()))?
        .to_string();
    let facility: Vec<&str> = [
        "scanfacilityname",
        "scanfacilitycity",
        "scanfacilitystate",
        "scanfacilityzip",
    ]
    .iter()
    .filter_map(|k| get(k))
    .collect();
    Ok((
        imb.tracking,
        Scan {
            at,
            event_code,
            detail: facility.join(" "),
        },
    ))
}

/// A scan time with an offset is exact; one without is local to the facility,
/// whose time zone follows its state (Pacific unless known otherwise).
fn scan_time(s: &str, state: &str) -> Result<i64, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.as_second());
    }
    let dt: jiff::civil::DateTime = s
        .replace(' ', "T")
        .parse()
        .map_err(|_| format!("{s:?} is not a date and time (e.g. 2026-10-06T14:03:00-07:00)"))?;
    let zone = match state.to_ascii_uppercase().as_str() {
        "AZ" => "America/Phoenix",
        "NV" | "OR" | "WA" | "CA" => "America/Los_Angeles",
        "UT" | "CO" | "NM" | "ID" | "MT" | "WY" => "America/Denver",
        "TX" | "IL" | "MN" | "MO" | "WI" | "LA" | "OK" | "KS" | "NE" | "IA" | "AR" | "MS"
        | "AL" | "TN" => "America/Chicago",
        "HI" => "Pacific/Honolulu",
        "AK" => "America/Anchorage",
        "CT" | "DE" | "FL" | "GA" | "ME" | "MD" | "MA" | "MI" | "NH" | "NJ" | "NY" | "NC"
        | "OH" | "PA" | "RI" | "SC" | "VT" | "VA" | "WV" | "DC" | "IN" | "KY" | "PR" => {
            "America/New_York"
        }
        _ => "America/Los_Angeles",
    };
    let tz = jiff::tz::TimeZone::get(zone).map_err(|e| e.to_string())?;
    dt.to_zoned(tz)
        .map(|z| z.timestamp().as_second())
        .map_err(|e| e.to_string())
}

fn lower(map: serde_json::Map<String, serde_json::Value>) -> Fields {
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k.to_ascii_lowercase(), v)
        })
        .collect()
}

/// The fields of one JSON scan; a name or value over the field cap refuses the file.
fn object_fields(
    value: serde_json::Value,
    line: u64,
    opts: &ImportOptions,
) -> Result<Result<Fields, String>, IngestError> {
    let serde_json::Value::Object(m) = value else {
        return Ok(Err("is not a JSON object".to_string()));
    };
    let fields = lower(m);
    let cap = opts.limits.field_bytes;
    if fields
        .iter()
        .any(|(k, v)| k.len() as u64 > cap || v.len() as u64 > cap)
    {
        return Err(guard::field_too_long(&opts.source, line, &opts.limits));
    }
    Ok(Ok(fields))
}

type Each<'e> = dyn FnMut(u64, Result<Fields, String>) -> Result<(), IngestError> + 'e;

/// Calls `each(line, fields)` for every scan of the input, whatever its form;
/// `line` is the line the scan starts on.
fn read_scans(
    reader: Box<dyn Read + Send + '_>,
    opts: &ImportOptions,
    mut each: impl FnMut(u64, Result<Fields, String>) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    let mut r = BufReader::with_capacity(1 << 20, reader);
    let mut first_line = 1;
    let first = loop {
        let buf = r
            .fill_buf()
            .map_err(|e| guard::failure(&opts.source, e, first_line))?;
        if buf.is_empty() {
            return Ok(());
        }
        let skip = buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || **b == 0xef || **b == 0xbb || **b == 0xbf)
            .count();
        first_line += buf[..skip].iter().filter(|b| **b == b'\n').count() as u64;
        if skip < buf.len() {
            let c = buf[skip];
            r.consume(skip);
            break c;
        }
        let n = buf.len();
        r.consume(n);
    };
    match first {
        b'[' => read_array(r, opts, first_line, &mut each),
        b'{' => read_lines(r, opts, first_line, &mut each),
        _ => read_delimited(r, opts, first_line, &mut each),
    }
}

/// A JSON array, streamed element by element below the record and field caps.
fn read_array(
    r: impl Read,
    opts: &ImportOptions,
    first_line: u64,
    each: &mut Each<'_>,
) -> Result<(), IngestError> {
    struct Visit<'a, 'e> {
        each: &'a mut Each<'e>,
        failure: &'a mut Option<IngestError>,
        starts: &'a guard::Starts,
        opts: &'a ImportOptions,
    }
    impl<'de> serde::de::Visitor<'de> for Visit<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of scan objects")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element::<serde_json::Value>()? {
                let line = self.starts.borrow_mut().pop_front().unwrap_or(0);
                let res = object_fields(item, line, self.opts).and_then(|f| (self.each)(line, f));
                if let Err(e) = res {
                    *self.failure = Some(e);
                    return Err(serde::de::Error::custom("stopped"));
                }
            }
            Ok(())
        }
    }
    let (guarded, starts) = guard::JsonGuard::new(r, opts.limits, first_line);
    // serde_json reads a byte at a time: the guard is read in blocks.
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(64 << 10, guarded));
    let mut failure = None;
    let visit = Visit {
        each,
        failure: &mut failure,
        starts: &starts,
        opts,
    };
    // `end` reads to the end of the input: a gzip file is checked to its last byte.
    let res = serde::Deserializer::deserialize_seq(&mut de, visit).and_then(|()| de.end());
    if let Some(e) = failure {
        return Err(e);
    }
    res.map_err(|e| {
        let line = first_line + (e.line() as u64).saturating_sub(1);
        if e.is_io() {
            return guard::failure(&opts.source, e.into(), line);
        }
        IngestError::Refused {
            source_name: opts.source.clone(),
            line,
            reason: format!("malformed JSON: {e}"),
        }
    })
}

/// One JSON object per line (NDJSON), each line below the record cap.
fn read_lines(
    mut r: impl BufRead,
    opts: &ImportOptions,
    first_line: u64,
    each: &mut Each<'_>,
) -> Result<(), IngestError> {
    let mut buf = Vec::new();
    let mut line = first_line;
    while guard::read_line_capped(&mut r, &mut buf, &opts.limits, line)
        .map_err(|e| guard::failure(&opts.source, e, line))?
    {
        let this = line;
        line += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let fields = match serde_json::from_slice::<serde_json::Value>(&buf) {
            Ok(value) => object_fields(value, this, opts)?,
            Err(e) => Err(format!("malformed JSON: {e}")),
        };
        each(this, fields)?;
    }
    Ok(())
}

/// A pipe-delimited file with a header row.
fn read_delimited(
    r: BufReader<Box<dyn Read + Send + '_>>,
    opts: &ImportOptions,
    first_line: u64,
    each: &mut Each<'_>,
) -> Result<(), IngestError> {
    let mut csv = csvin::reader(Box::new(r), b'|', opts, first_line);
    let header = csvin::header(&mut csv, &opts.source)?;
    let mut record = csv::ByteRecord::new();
    while let Some(next) = csvin::next_record(&mut csv, &mut record, &opts.source)? {
        let line = match next {
            Ok(line) => line,
            Err((line, reason)) => {
                each(line, Err(reason))?;
                continue;
            }
        };
        if record.iter().all(<[u8]>::is_empty) {
            continue;
        }
        let fields = header
            .iter()
            .zip(record.iter())
            .map(|(h, v)| match std::str::from_utf8(v) {
                Ok(v) => Ok((h.clone(), v.to_string())),
                Err(_) => Err(format!("{h}\u{0}is not valid UTF-8")),
            })
            .collect();
        each(line, fields)?;
    }
    Ok(())
}

pub(super) fn import(
    store: &Store,
    reader: Box<dyn Read + Send + '_>,
    digest: super::source::Digester,
    opts: &ImportOptions,
    work_dir: &std::path::Path,
) -> Result<Summary, IngestError> {
    let io = |err| opts.io_error(err);
    let mut summary = Summary::new("scans", opts.dry_run);
    let elections: HashMap<u16, Election> = store.read()?.elections()?.into_iter().collect();
    let mut sorter = Sorter::new(&work_dir.join("scans"), 64 << 20).map_err(io)?;
    let mut buf = Vec::with_capacity(128);
    read_scans(reader, opts, |line, fields| {
        summary.rows += 1;
        match fields.and_then(|f| parse_scan(&f).map_err(|(c, r)| format!("{c}\u{0}{r}"))) {
            Ok((t, scan)) => {
                buf.clear();
                postcard::to_io(&scan, &mut buf).expect("Vec write");
                sorter.push(t.key(), line, 0, &buf).map_err(io)
            }
            Err(e) => {
                let (column, reason) = e.split_once('\u{0}').unwrap_or(("", e.as_str()));
                summary.reject(line, column, reason);
                Ok(())
            }
        }
    })?;
    let mut summary = summary.refuse_if_strict(opts)?;
    let hash = digest.finish();
    let mut driver = Driver::new(store, opts, hash, "scans", "rows", 3, &mut summary)?;
    let mut merge = sorter.finish().map_err(io)?;
    // Scans uploaded by a county apply only to its own voters' ballots.
    let uploader = match opts.scope {
        Scope::State => None,
        Scope::County(c) => Some(c),
    };
    driver.run(
        &mut merge,
        |_| {},
        |b, batch, _, _, counts| {
            let mut i = 0;
            while i < batch.len() {
                let key = batch[i].key;
                let mut scans = Vec::new();
                while i < batch.len() && batch[i].key == key {
                    let s: Scan =
                        postcard::from_bytes(&batch[i].payload).map_err(|e| IngestError::File {
                            source_name: opts.source.clone(),
                            reason: format!("internal run file corrupt: {e}"),
                        })?;
                    scans.push(s);
                    i += 1;
                }
                let t = TrackingCode::from_key(key);
                let Some(rec) = b.imb_get(t)? else {
                    for s in scans {
                        let row = BallotRow {
                            at: s.at,
                            seq: 1,
                            kind: RowKind::Scan {
                                direction: Direction::Outbound,
                                event_code: s.event_code,
                            },
                            detail: s.detail,
                        };
                        let kept = if opts.dry_run {
                            true
                        } else {
                            b.pending_scan_add(t, &PendingScan { row, uploader })?
                        };
                        counts[if kept { 2 } else { 1 }] += 1;
                    }
                    continue;
                };
                let voter = VoterId::from_key(rec.voter);
                let election = &elections[&rec.election];
                let v = match b.voter_get(voter)? {
                    Some(v) if !v.removed => v,
                    _ => {
                        summary.scans_ignored(NOT_ON_ROLL.into(), scans.len() as u64);
                        continue;
                    }
                };
                if let Some(why) = scan_refusal(uploader, v.county, election, rec.direction) {
                    summary.scans_ignored(why, scans.len() as u64);
                    continue;
                }
                let rows: Vec<BallotRow> = scans
                    .into_iter()
                    .map(|s| BallotRow {
                        at: s.at,
                        seq: rec.seq,
                        kind: RowKind::Scan {
                            direction: rec.direction,
                            event_code: s.event_code,
                        },
                        detail: s.detail,
                    })
                    .collect();
                let target = ballot_update::Target {
                    election_id: rec.election,
                    election,
                    voter,
                    county: v.county,
                };
                let out = ballot_update::apply_rows(b, &target, rows, opts, &mut summary)?;
                counts[0] += out.new_rows;
                counts[1] += out.known_rows;
            }
            Ok(())
        },
    )?;
    summary.inserted = driver.counts[0] + driver.counts[2];
    summary.unchanged = driver.counts[1];
    summary.scans_pending = store.read()?.pending_scan_count()?;
    let started_at = driver.started_at;
    super::finish(store, &hash, "scans", "rows", started_at, &summary, opts)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_follow_the_facility_state() {
        assert_eq!(
            scan_time("2026-10-06T14:03:00-07:00", "CA").unwrap(),
            scan_time("2026-10-06 14:03:00", "CA").unwrap()
        );
        assert_eq!(
            scan_time("2026-10-06 14:03:00", "AZ").unwrap()
                - scan_time("2026-10-06 14:03:00", "CA").unwrap(),
            0
        );
        assert_eq!(
            scan_time("2026-12-06 14:03:00", "AZ").unwrap()
                - scan_time("2026-12-06 14:03:00", "CA").unwrap(),
            -3600
        );
        assert!(scan_time("yesterday", "CA").is_err());
    }
}
