//! The VoteCal ballot status extract (formats.md §2): rows sorted by
//! (election, voter) and applied a ballot at a time through the state machine.

use super::batches::Driver;
use super::csvin::{Column, CsvInput, Row};
use super::runs::Sorter;
use super::{ImportOptions, IngestError, Scope, Summary, ballot_update, fields};
use crate::domain::ballot::{BallotRow, RowKind};
use crate::domain::{CountyCode, Election, StatusCode, Voter, VoterId};
use crate::store::Store;
use std::collections::HashMap;
use std::io::Read;

const COLUMNS: [Column; 7] = [
    Column {
        name: "votecal_id",
        required: true,
    },
    Column {
        name: "county_code",
        required: true,
    },
    Column {
        name: "election_code",
        required: true,
    },
    Column {
        name: "ballot_seq",
        required: false,
    },
    Column {
        name: "status_code",
        required: true,
    },
    Column {
        name: "reason_codes",
        required: false,
    },
    Column {
        name: "status_at",
        required: true,
    },
];

type Elections = HashMap<String, (u16, Election)>;

/// The sort key: election number above the voter id (which needs 105 bits).
pub fn ballot_sort_key(election: u16, voter: VoterId) -> u128 {
    (u128::from(election) << 112) | voter.key()
}

fn split_key(key: u128) -> (u16, VoterId) {
    (
        (key >> 112) as u16,
        VoterId::from_key(key & ((1u128 << 112) - 1)),
    )
}

fn parse_row(
    row: &Row<'_>,
    elections: &Elections,
    opts: &ImportOptions,
) -> Result<(u128, CountyCode, BallotRow), (&'static str, String)> {
    let id = row.votecal_id(0)?;
    let county = row.county(1)?;
    if let Scope::County(own) = opts.scope
        && own != county
    {
        return Err((
            "county_code",
            format!("county {county} is not this token's county ({own})"),
        ));
    }
    let (eid, election) = row.election(2, elections)?;
    let code = &election.code;
    if !election.participates(county) {
        return Err((
            "county_code",
            format!("county {county} does not take part in election {code}"),
        ));
    }
    let seq = row.ballot_seq(3)?;
    let raw_status = row.required(4)?;
    let status = StatusCode::parse(raw_status).ok_or_else(|| {
        (
            "status_code",
            format!("{raw_status:?} is not a status code of the contract"),
        )
    })?;
    let mut detail = Vec::new();
    for r in row
        .get(5)?
        .split('|')
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        match StatusCode::parse(r).filter(|c| c.reason_message()) {
            Some(c) => detail.push(c.code()),
            None => {
                return Err((
                    "reason_codes",
                    format!(
                        "{r:?} is not a reason code; the codes are {} (separated by |)",
                        reason_codes()
                    ),
                ));
            }
        }
    }
    let detail = detail.join("|");
    let at = fields::timestamp_or_date(row.required(6)?).map_err(|r| ("status_at", r))?;
    if !crate::domain::election::instant_supported(at) {
        return Err((
            "status_at",
            format!(
                "{at} is out of range: only years {}-{}",
                crate::domain::election::FIRST_YEAR,
                crate::domain::election::LAST_YEAR
            ),
        ));
    }
    Ok((
        ballot_sort_key(*eid, id),
        county,
        BallotRow {
            at: at.as_second(),
            seq,
            kind: RowKind::Status(status),
            detail,
        },
    ))
}

/// The codes a row may give as reasons: those of Not Accepted and Contact County.
fn reason_codes() -> String {
    StatusCode::ALL
        .into_iter()
        .filter(|c| c.reason_message())
        .map(StatusCode::code)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a row cannot go to the voter's ballot: the voter is not on the roll, or
/// the row names another county than the voter's (the stored voter decides).
fn check_voter(
    voter: VoterId,
    stored: Option<&Voter>,
    row_county: CountyCode,
) -> Result<CountyCode, (&'static str, String)> {
    match stored {
        None => Err((
            "votecal_id",
            format!("{voter} is not on the voter roll (the voter extract comes first)"),
        )),
        Some(v) if v.removed => Err((
            "votecal_id",
            format!("{voter} is no longer on the voter roll"),
        )),
        Some(v) if v.county != row_county => Err((
            "county_code",
            format!(
                "county {row_county} is not the voter's county ({} {})",
                v.county,
                v.county.name()
            ),
        )),
        Some(v) => Ok(v.county),
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
    let mut summary = Summary::new("ballots", opts.dry_run);
    let elections: Elections = store
        .read()?
        .elections()?
        .into_iter()
        .map(|(id, e)| (e.code.clone(), (id, e)))
        .collect();
    let by_id: HashMap<u16, &Election> = elections.values().map(|(id, e)| (*id, e)).collect();
    let (mut csv, warning) = CsvInput::open(reader, &COLUMNS, opts)?;
    summary.warnings.extend(warning);
    let clock = std::time::Instant::now();
    let mut sorter = Sorter::new(&work_dir.join("ballots"), 96 << 20).map_err(io)?;
    let mut buf = Vec::with_capacity(64);
    let strict_snap = if opts.strict {
        Some(store.read()?)
    } else {
        None
    };
    while let Some(row) = csv.next_row()? {
        summary.rows += 1;
        match row {
            Err((line, reason)) => summary.reject(line, "", reason),
            Ok(row) => match parse_row(&row, &elections, opts).and_then(|(key, county, r)| {
                // With --strict, what applying would refuse must be found before anything is written.
                if let Some(snap) = &strict_snap {
                    let voter = split_key(key).1;
                    let stored = snap
                        .voter_get(voter)
                        .map_err(|e| ("votecal_id", e.to_string()))?;
                    check_voter(voter, stored.as_ref(), county)?;
                }
                Ok((key, county, r))
            }) {
                Ok((key, county, r)) => {
                    buf.clear();
                    postcard::to_io(&(county, r), &mut buf).expect("Vec write");
                    sorter.push(key, row.line, 0, &buf).map_err(io)?;
                }
                Err((column, reason)) => summary.reject(row.line, column, reason),
            },
        }
    }
    drop(csv);
    drop(strict_snap);
    let mut summary = summary.refuse_if_strict(opts)?;
    let hash = digest.finish();
    tracing::debug!(
        rows = summary.rows,
        secs = clock.elapsed().as_secs_f64(),
        "ballots: parsed and sorted"
    );
    let mut driver = Driver::new(store, opts, hash, "ballots", "rows", 3, &mut summary)?;
    let mut merge = sorter.finish().map_err(io)?;
    let mut groups: Vec<(CountyCode, crate::domain::BallotRow)> = Vec::new();
    let mut late_errors = Vec::new();
    let late_ref = &mut late_errors;
    let summary_ref = &mut summary;
    driver.run_pipelined(
        &mut merge,
        |_| {},
        |snap, batch, lo, hi| {
            // The stored ballots of this batch's key range, read in one ordered pass.
            let to_key = |k: u128| {
                let (e, v) = split_key(k);
                crate::store::ballot_key(e, v)
            };
            let mut stored = snap
                .ballots_between(lo.map(to_key), to_key(hi))?
                .into_iter()
                .peekable();
            let mut changes = Vec::with_capacity(batch.len());
            let mut counts = [0u64; 3];
            let mut i = 0;
            while i < batch.len() {
                let key = batch[i].key;
                let (eid, voter) = split_key(key);
                // Read in key order, so the lookups walk the voters B-tree forwards.
                let on_roll = snap.voter_get(voter)?;
                let mut county = None;
                groups.clear();
                while i < batch.len() && batch[i].key == key {
                    let decoded: (CountyCode, BallotRow) = postcard::from_bytes(&batch[i].payload)
                        .map_err(|e| IngestError::File {
                            source_name: opts.source.clone(),
                            reason: format!("internal run file corrupt: {e}"),
                        })?;
                    match check_voter(voter, on_roll.as_ref(), decoded.0) {
                        Ok(c) => {
                            county = Some(c);
                            groups.push(decoded);
                        }
                        Err((column, reason)) => {
                            counts[2] += 1;
                            if late_ref.len() < super::MAX_ERRORS {
                                late_ref.push((batch[i].line, column, reason));
                            }
                        }
                    }
                    i += 1;
                }
                let Some(county) = county else { continue };
                let bkey = to_key(key);
                while stored.peek().is_some_and(|(k, _)| *k < bkey) {
                    stored.next();
                }
                let prior = stored.next_if(|(k, _)| *k == bkey).map(|(_, v)| v);
                let target = ballot_update::Target {
                    election_id: eid,
                    election: by_id[&eid],
                    voter,
                    county,
                };
                let rows = groups.drain(..).map(|(_, r)| r).collect();
                let (out, change) = ballot_update::compute(&target, prior, rows, opts, summary_ref);
                counts[0] += out.new_rows;
                counts[1] += out.known_rows;
                changes.extend(change);
            }
            Ok((changes, counts))
        },
        |b, (changes, n): (Vec<ballot_update::Change>, [u64; 3]), counts| {
            for c in &changes {
                ballot_update::write(b, c)?;
            }
            counts[0] += n[0];
            counts[1] += n[1];
            counts[2] += n[2];
            Ok(())
        },
    )?;
    tracing::debug!(secs = clock.elapsed().as_secs_f64(), "ballots: applied");
    summary.inserted = driver.counts[0];
    summary.unchanged = driver.counts[1];
    summary.rejected += driver.counts[2];
    summary.add_late_rejections(late_errors);
    let started_at = driver.started_at;
    super::finish(store, &hash, "ballots", "rows", started_at, &summary, opts)?;
    Ok(summary)
}
