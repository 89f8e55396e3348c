//! The print vendor's IMB tracking file (formats.md §3): the crosswalk from a
//! barcode to a voter's ballot envelope. Scans kept aside for a barcode are
//! applied as soon as its crosswalk row arrives.

use super::ballot_update::{NOT_ON_ROLL, scan_refusal};
use super::batches::Driver;
use super::csvin::{Column, CsvInput, Row};
use super::runs::Sorter;
use super::{ImportOptions, IngestError, Scope, Summary, ballot_update};
use crate::domain::ballot::Direction;
use crate::domain::imb::{Imb, TrackingCode};
use crate::domain::{Election, VoterId};
use crate::store::{ImbRecord, Snapshot, Store};
use std::collections::HashMap;
use std::io::Read;

const COLUMNS: [Column; 5] = [
    Column {
        name: "imb",
        required: true,
    },
    Column {
        name: "votecal_id",
        required: true,
    },
    Column {
        name: "election_code",
        required: true,
    },
    Column {
        name: "direction",
        required: true,
    },
    Column {
        name: "ballot_seq",
        required: false,
    },
];

fn parse_row(
    row: &Row<'_>,
    snap: &Snapshot,
    elections: &HashMap<String, (u16, Election)>,
    opts: &ImportOptions,
) -> Result<(TrackingCode, ImbRecord), (&'static str, String)> {
    let raw_imb = row.required(0)?;
    let imb = Imb::parse(raw_imb).map_err(|e| ("imb", e.to_string()))?;
    let id = row.votecal_id(1)?;
    let raw_id = row.required(1)?;
    let voter = snap
        .voter_get(id)
        .map_err(|e| ("votecal_id", e.to_string()))?
        .ok_or_else(|| ("votecal_id", format!("{raw_id} is not in the voter roll")))?;
    if let Scope::County(own) = opts.scope
        && own != voter.county
    {
        return Err((
            "votecal_id",
            format!("{raw_id} is not a voter of this token's county ({own})"),
        ));
    }
    let (eid, _) = row.election(2, elections)?;
    let raw_dir = row.required(3)?;
    let direction = Direction::parse(raw_dir).ok_or_else(|| {
        (
            "direction",
            format!("{raw_dir:?} must be outbound or inbound"),
        )
    })?;
    let seq = row.ballot_seq(4)?;
    Ok((
        imb.tracking,
        ImbRecord {
            voter: id.key(),
            election: *eid,
            direction,
            seq,
        },
    ))
}

/// Why a crosswalk row may not give a barcode to another envelope.
fn reassignment(t: TrackingCode, old: &ImbRecord, elections: &HashMap<u16, &Election>) -> String {
    let code = elections
        .get(&old.election)
        .map_or("another election", |e| e.code.as_str());
    let way = match old.direction {
        Direction::Outbound => "outbound",
        Direction::Inbound => "inbound",
    };
    format!(
        "IMB {t} is already on the {way} envelope of voter {} in {code}; a barcode is never given to another envelope",
        VoterId::from_key(old.voter)
    )
}

pub(super) fn import(
    store: &Store,
    reader: Box<dyn Read + Send + '_>,
    digest: super::source::Digester,
    opts: &ImportOptions,
    work_dir: &std::path::Path,
) -> Result<Summary, IngestError> {
    let io = |err| opts.io_error(err);
    let mut summary = Summary::new("imb", opts.dry_run);
    let snap = store.read()?;
    let elections: HashMap<String, (u16, Election)> = snap
        .elections()?
        .into_iter()
        .map(|(id, e)| (e.code.clone(), (id, e)))
        .collect();
    let by_id: HashMap<u16, &Election> = elections.values().map(|(id, e)| (*id, e)).collect();
    let (mut csv, warning) = CsvInput::open(reader, &COLUMNS, opts)?;
    summary.warnings.extend(warning);
    let mut sorter = Sorter::new(&work_dir.join("imb"), 64 << 20).map_err(io)?;
    let mut buf = Vec::with_capacity(64);
    while let Some(row) = csv.next_row()? {
        summary.rows += 1;
        match row {
            Err((line, reason)) => summary.reject(line, "", reason),
            Ok(row) => match parse_row(&row, &snap, &elections, opts).and_then(|(t, r)| {
                // With --strict, what applying would refuse must be found before anything is written.
                if opts.strict
                    && let Some(old) = snap.imb_get(t).map_err(|e| ("imb", e.to_string()))?
                    && (old.voter, old.election, old.direction)
                        != (r.voter, r.election, r.direction)
                {
                    return Err(("imb", reassignment(t, &old, &by_id)));
                }
                Ok((t, r))
            }) {
                Ok((t, r)) => {
                    buf.clear();
                    postcard::to_io(&r, &mut buf).expect("Vec write");
                    sorter.push(t.key(), row.line, 0, &buf).map_err(io)?;
                }
                Err((column, reason)) => summary.reject(row.line, column, reason),
            },
        }
    }
    drop(csv);
    drop(snap);
    let mut summary = summary.refuse_if_strict(opts)?;
    let hash = digest.finish();
    let mut driver = Driver::new(store, opts, hash, "imb", "rows", 4, &mut summary)?;
    let mut merge = sorter.finish().map_err(io)?;
    let mut prev: Option<(u128, u64)> = None;
    let mut dup_errors = Vec::new();
    let mut late_errors: Vec<(u64, String)> = Vec::new();
    driver.run(
        &mut merge,
        |_| {},
        |b, batch, _, _, counts| {
            for e in batch {
                if let Some((k, line)) = prev
                    && k == e.key
                {
                    counts[3] += 1;
                    dup_errors.push((
                        e.line,
                        format!("IMB {} is also on line {line}", TrackingCode::from_key(k)),
                    ));
                    continue;
                }
                prev = Some((e.key, e.line));
                let t = TrackingCode::from_key(e.key);
                let rec: ImbRecord =
                    postcard::from_bytes(&e.payload).map_err(|err| IngestError::File {
                        source_name: opts.source.clone(),
                        reason: format!("internal run file corrupt: {err}"),
                    })?;
                match b.imb_get(t)? {
                    Some(old) if old == rec => {
                        counts[2] += 1;
                        continue;
                    }
                    // Later scans of this barcode would tell the wrong voter.
                    Some(old)
                        if (old.voter, old.election, old.direction)
                            != (rec.voter, rec.election, rec.direction) =>
                    {
                        counts[3] += 1;
                        if late_errors.len() < super::MAX_ERRORS {
                            late_errors.push((e.line, reassignment(t, &old, &by_id)));
                        }
                        continue;
                    }
                    Some(_) => counts[1] += 1,
                    None => counts[0] += 1,
                }
                if opts.dry_run {
                    continue;
                }
                b.imb_put(t, &rec)?;
                // Scans that arrived before this crosswalk row.
                let waiting = b.pending_scans_take(t)?;
                if !waiting.is_empty() {
                    let voter = VoterId::from_key(rec.voter);
                    let election = by_id[&rec.election];
                    let county = match b.voter_get(voter)? {
                        Some(v) if !v.removed => v.county,
                        _ => {
                            summary.scans_ignored(NOT_ON_ROLL.into(), waiting.len() as u64);
                            continue;
                        }
                    };
                    // Each scan applies only if its uploader may speak for this voter.
                    let mut applies = Vec::with_capacity(waiting.len());
                    for p in waiting {
                        match scan_refusal(p.uploader, county, election, rec.direction) {
                            Some(why) => summary.scans_ignored(why, 1),
                            None => applies.push(p),
                        }
                    }
                    if applies.is_empty() {
                        continue;
                    }
                    let rows = applies
                        .into_iter()
                        .map(|mut p| {
                            p.row.seq = rec.seq;
                            if let crate::domain::RowKind::Scan { direction, .. } = &mut p.row.kind
                            {
                                *direction = rec.direction;
                            }
                            p.row
                        })
                        .collect();
                    let target = ballot_update::Target {
                        election_id: rec.election,
                        election,
                        voter,
                        county,
                    };
                    ballot_update::apply_rows(b, &target, rows, opts, &mut summary)?;
                }
            }
            Ok(())
        },
    )?;
    let [inserted, updated, unchanged, dups] = driver.counts[..] else {
        unreachable!("4 counters")
    };
    summary.inserted = inserted;
    summary.updated = updated;
    summary.unchanged = unchanged;
    summary.rejected += dups;
    dup_errors.extend(late_errors);
    summary.add_late_errors("imb", dup_errors);
    summary.scans_pending = store.read()?.pending_scan_count()?;
    let started_at = driver.started_at;
    super::finish(store, &hash, "imb", "rows", started_at, &summary, opts)?;
    Ok(summary)
}
