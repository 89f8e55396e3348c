//! USPS Informed Visibility scan events (formats.md §4): JSON (an array, or one
//! object per line) or a pipe-delimited file with a header row. A scan whose
//! barcode is in no crosswalk yet is kept aside, not dropped.

use super::ballot_update::{NOT_ON_ROLL, scan_refusal};
use super::batches::Driver;
use super::runs::Sorter;
use super::{ImportOptions, IngestError, Scope, Summary, ballot_update};
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

/// Calls `each(record_number, fields)` for every scan of the input, whatever its form.
fn read_scans(
    reader: Box<dyn Read + Send + '_>,
    source: &str,
    mut each: impl FnMut(u64, Result<Fields, String>) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    let io = |err| IngestError::Io {
        source_name: source.to_string(),
        err,
    };
    let mut r = BufReader::with_capacity(1 << 20, reader);
    let first = loop {
        let buf = r.fill_buf().map_err(io)?;
        if buf.is_empty() {
            return Ok(());
        }
        let skip = buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || **b == 0xef || **b == 0xbb || **b == 0xbf)
            .count();
        if skip < buf.len() {
            let c = buf[skip];
            r.consume(skip);
            break c;
        }
        let n = buf.len();
        r.consume(n);
    };
    match first {
        b'[' => {
            // A JSON array, streamed element by element.
            struct Visit<'a, F>(&'a mut F, &'a mut Option<IngestError>);
            impl<'de, F: FnMut(u64, Result<Fields, String>) -> Result<(), IngestError>>
                serde::de::Visitor<'de> for Visit<'_, F>
            {
                type Value = ();
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an array of scan objects")
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<(), A::Error> {
                    let mut n = 0;
                    loop {
                        n += 1;
                        let item: Option<serde_json::Value> = seq.next_element()?;
                        let Some(item) = item else { return Ok(()) };
                        let fields = match item {
                            serde_json::Value::Object(m) => Ok(lower(m)),
                            _ => Err("is not a JSON object".to_string()),
                        };
                        if let Err(e) = (self.0)(n, fields) {
                            *self.1 = Some(e);
                            return Err(serde::de::Error::custom("stopped"));
                        }
                    }
                }
            }
            let mut failure = None;
            let mut de = serde_json::Deserializer::from_reader(r);
            let res = serde::Deserializer::deserialize_seq(&mut de, Visit(&mut each, &mut failure));
            if let Some(e) = failure {
                return Err(e);
            }
            res.map_err(|e| IngestError::File {
                source_name: source.to_string(),
                reason: format!("line {}: malformed JSON: {e}", e.line()),
            })
        }
        b'{' => {
            for (i, line) in r.lines().enumerate() {
                let line = line.map_err(io)?;
                if line.trim().is_empty() {
                    continue;
                }
                let fields = match serde_json::from_str::<serde_json::Value>(&line) {
                    Ok(serde_json::Value::Object(m)) => Ok(lower(m)),
                    Ok(_) => Err("is not a JSON object".to_string()),
                    Err(e) => Err(format!("malformed JSON: {e}")),
                };
                each(i as u64 + 1, fields)?;
            }
            Ok(())
        }
        _ => {
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(b'|')
                .flexible(true)
                .trim(csv::Trim::All)
                .from_reader(r);
            let header: Vec<String> = csv
                .headers()
                .map_err(|e| IngestError::File {
                    source_name: source.to_string(),
                    reason: format!("cannot read the header: {e}"),
                })?
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            for rec in csv.records() {
                match rec {
                    Ok(rec) => {
                        let line = rec.position().map_or(0, |p| p.line());
                        if rec.iter().all(str::is_empty) {
                            continue;
                        }
                        let fields = header
                            .iter()
                            .cloned()
                            .zip(rec.iter().map(str::to_string))
                            .collect();
                        each(line, Ok(fields))?;
                    }
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        each(line, Err(format!("malformed line: {e}")))?;
                    }
                }
            }
            Ok(())
        }
    }
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
    read_scans(reader, &opts.source, |line, fields| {
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
