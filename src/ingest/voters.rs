//! The VoteCal voter extract (formats.md §1).
//!
//! Phase 1 parses and validates every row and sorts the good ones by voter id
//! into run files (the file's hash is then known). Phase 2 merges the runs and
//! applies them in id order — sequential B-tree writes — in batches, each
//! committed with a checkpoint; in `full` mode it walks the county index in the
//! same order to find voters missing from the file. Phase 3 applies the sign-up
//! lookup-index changes sorted by lookup key (or rebuilds the index after a
//! resumed import, whose earlier changes were not kept).

use super::csvin::{Column, CsvInput, Row};
use super::fields;
use super::runs::{Entry, Sorter};
use super::{ImportOptions, IngestError, Scope, Summary, VoterMode};
use crate::codec;
use crate::domain::voter::normalize_name;
use crate::domain::{
    CountyCode, Language, LookupHasher, LookupKey, Voter, VoterId, VoterStatus, Zip,
};
use crate::store::{Batch, EventLogEntry, EventLogKind, Store};
use std::collections::BTreeSet;
use std::io::Read;

const COLUMNS: [Column; 11] = [
    Column {
        name: "votecal_id",
        required: true,
    },
    Column {
        name: "county_code",
        required: true,
    },
    Column {
        name: "first_name",
        required: true,
    },
    Column {
        name: "middle_name",
        required: false,
    },
    Column {
        name: "last_name",
        required: true,
    },
    Column {
        name: "name_suffix",
        required: false,
    },
    Column {
        name: "dob",
        required: true,
    },
    Column {
        name: "zip",
        required: true,
    },
    Column {
        name: "status",
        required: true,
    },
    Column {
        name: "language",
        required: false,
    },
    Column {
        name: "updated_at",
        required: false,
    },
];

const TAG_VOTER: u8 = 0;
/// A rejected row whose voter id could be read: it still counts as present in a full extract.
const TAG_SEEN: u8 = 1;
const TAG_INDEX_INSERT: u8 = 0;
const TAG_INDEX_REMOVE: u8 = 1;

const RUN_BYTES: usize = 96 << 20;

struct Rejected {
    column: &'static str,
    reason: String,
    id: Option<VoterId>,
    county: Option<CountyCode>,
}

/// What every row's validation needs, computed once per import.
struct RowContext {
    hasher: LookupHasher,
    /// The state's calendar day at the import: no date of birth after it.
    today: jiff::civil::Date,
}

fn parse_row(
    row: &Row<'_>,
    ctx: &RowContext,
    opts: &ImportOptions,
) -> Result<(VoterId, Voter), Rejected> {
    let mut id = None;
    // Read the county first: it decides what a row with an unreadable id protects.
    let mut county = row.get(1).ok().and_then(CountyCode::parse);
    let mut inner = || -> Result<(VoterId, Voter), (&'static str, String)> {
        let vid = row.votecal_id(0)?;
        id = Some(vid);
        let c = row.county(1)?;
        county = Some(c);
        if let Scope::County(own) = opts.scope
            && own != c
        {
            return Err((
                "county_code",
                format!("county {c} is not this token's county ({own})"),
            ));
        }
        let name = |i: usize, required: bool| -> Result<String, (&'static str, String)> {
            let v = if required {
                row.required(i)?
            } else {
                row.get(i)?
            };
            if v.chars().count() > 100 {
                return Err((row.name(i), "is longer than 100 characters".to_string()));
            }
            if v.chars().any(char::is_control) {
                return Err((row.name(i), "contains a control character".to_string()));
            }
            // Repeated inner spaces are collapsed; most names have none.
            if v.contains("  ") || v.contains(['\t', '\u{a0}']) {
                Ok(v.split_whitespace().collect::<Vec<_>>().join(" "))
            } else {
                Ok(v.to_string())
            }
        };
        let first_name = name(2, true)?;
        let middle_name = name(3, false)?;
        let last_name = name(4, true)?;
        let name_suffix = name(5, false)?;
        if normalize_name(&first_name).is_empty() || normalize_name(&last_name).is_empty() {
            return Err(("first_name", "has no letters".to_string()));
        }
        let dob = fields::date(row.required(6)?).map_err(|r| ("dob", r))?;

        if dob > ctx.today || dob.year() < 1880 {
            return Err(("dob", format!("{dob} is not a plausible date of birth")));
        }
        let raw_zip = row.required(7)?;
        let zip = Zip::parse(raw_zip).ok_or_else(|| {
            (
                "zip",
                format!("{raw_zip:?} must be 12345, 12345-6789 or 123456789"),
            )
        })?;
        if !(90000..=96199).contains(&zip.zip5) {
            return Err(("zip", format!("{raw_zip} is not a California ZIP code")));
        }
        let raw_status = row.required(8)?;
        let status = VoterStatus::parse(raw_status)
            .ok_or_else(|| ("status", format!("{raw_status:?} must be A, I, C or P")))?;
        let raw_lang = row.get(9)?;
        let language = match raw_lang {
            "" => None,
            l => Some(Language::parse(l).ok_or_else(|| {
                (
                    "language",
                    format!("{l:?} is not one of en es zh hi ja km ko tl th vi"),
                )
            })?),
        };
        let updated_at = match row.get(10)? {
            "" => None,
            t => Some(
                fields::timestamp(t)
                    .map_err(|r| ("updated_at", r))?
                    .as_second(),
            ),
        };
        let lookup = ctx.hasher.key(
            &last_name,
            &first_name,
            (dob.year(), dob.month(), dob.day()),
            zip.zip5,
        );
        Ok((
            vid,
            Voter {
                county: c,
                first_name,
                middle_name,
                last_name,
                name_suffix,
                zip,
                status,
                language,
                updated_at,
                lookup,
                removed: false,
            },
        ))
    };
    inner().map_err(|(column, reason)| Rejected {
        column,
        reason,
        id,
        county,
    })
}

/// Counts carried in the checkpoint: inserted, updated, unchanged, removed,
/// rows rejected while applying (duplicates, other counties' voters), stale rows.
#[derive(Default)]
struct Counts([u64; 6]);

struct Apply<'a> {
    opts: &'a ImportOptions,
    counts: Counts,
    lookup: Sorter,
    prev: Option<(u128, u64)>,
    late_errors: Vec<(u64, &'static str, String)>,
}

impl Apply<'_> {
    fn voter(&mut self, b: &mut Batch<'_>, e: &Entry) -> Result<(), IngestError> {
        if let Some((k, line)) = self.prev
            && k == e.key
        {
            self.counts.0[4] += 1;
            self.late_error((
                e.line,
                "votecal_id",
                format!("duplicate: {} is also on line {line}", VoterId::from_key(k)),
            ));
            return Ok(());
        }
        self.prev = Some((e.key, e.line));
        let id = VoterId::from_key(e.key);
        let raw = b.voter_raw(id)?;
        if raw
            .as_ref()
            .is_some_and(|r| r.get(1..) == Some(e.payload.as_slice()))
        {
            self.counts.0[2] += 1;
            return Ok(());
        }
        let new: Voter = postcard::from_bytes(&e.payload).map_err(|e| IngestError::File {
            source_name: self.opts.source.clone(),
            reason: format!("internal run file corrupt: {e}"),
        })?;
        let old: Option<Voter> = raw
            .map(|r| codec::decode(&r))
            .transpose()
            .map_err(crate::store::StoreError::from)?;
        if let Some(o) = &old {
            // The stored voter's county decides: a county changes only its own voters.
            if let Scope::County(own) = self.opts.scope
                && o.county != own
            {
                self.counts.0[4] += 1;
                self.late_error((e.line, "county_code", not_own_voter(id, o.county, own)));
                return Ok(());
            }
            // An older row never overwrites a newer one.
            if let (Some(row_at), Some(stored_at)) = (new.updated_at, o.updated_at)
                && row_at < stored_at
            {
                self.counts.0[2] += 1;
                self.counts.0[5] += 1;
                return Ok(());
            }
        }
        self.counts.0[if old.is_some() { 1 } else { 0 }] += 1;
        if self.opts.dry_run {
            return Ok(());
        }
        if let Some(o) = &old
            && o.county != new.county
            && !o.removed
        {
            end_subscription(b, e.key, self.opts.now)?;
            b.log_event(&EventLogEntry {
                voter: e.key,
                county: o.county,
                kind: EventLogKind::TrackingEnded {
                    moved_to: Some(new.county),
                },
                at: new.updated_at.unwrap_or(self.opts.now),
                recorded_at: self.opts.now,
            })?;
        }
        b.voter_put(id, &new, old.as_ref())?;
        let old_lookup = old.as_ref().filter(|o| !o.removed).map(|o| o.lookup);
        if old_lookup != Some(new.lookup) {
            if let Some(l) = old_lookup {
                self.index(l, id, TAG_INDEX_REMOVE)?;
            }
            self.index(new.lookup, id, TAG_INDEX_INSERT)?;
        }
        Ok(())
    }

    /// Keeps the first rows rejected while applying (the summary lists no more).
    fn late_error(&mut self, e: (u64, &'static str, String)) {
        if self.late_errors.len() < super::MAX_ERRORS {
            self.late_errors.push(e);
        }
    }

    fn remove(&mut self, b: &mut Batch<'_>, key: u128) -> Result<(), IngestError> {
        let id = VoterId::from_key(key);
        let Some(mut v) = b.voter_get(id)? else {
            return Ok(());
        };
        if v.removed {
            return Ok(());
        }
        self.counts.0[3] += 1;
        if self.opts.dry_run {
            return Ok(());
        }
        let old = v.clone();
        v.removed = true;
        b.voter_put(id, &v, Some(&old))?;
        end_subscription(b, key, self.opts.now)?;
        b.log_event(&EventLogEntry {
            voter: key,
            county: v.county,
            kind: EventLogKind::TrackingEnded { moved_to: None },
            at: self.opts.now,
            recorded_at: self.opts.now,
        })?;
        self.index(v.lookup, id, TAG_INDEX_REMOVE)
    }

    fn index(&mut self, l: LookupKey, id: VoterId, tag: u8) -> Result<(), IngestError> {
        self.lookup
            .push(u128::from_be_bytes(l.0), 0, tag, &id.key().to_be_bytes())
            .map_err(|e| self.opts.io_error(e))
    }
}

fn not_own_voter(id: VoterId, stored: CountyCode, own: CountyCode) -> String {
    format!(
        "{id} is a voter of county {stored} ({}), not of this token's county ({own}); only the state's extract moves a voter between counties",
        stored.name()
    )
}

/// Ends the subscription of a voter who moved or left the roll, in the import's
/// own transaction: `subscription list` is right at once, without the service.
/// The event log entry stays, so the planner still cancels what is pending
/// (and, finding no subscription, does nothing twice).
fn end_subscription(b: &mut Batch<'_>, voter: u128, now: i64) -> Result<(), IngestError> {
    if let Some(sub) = b.subscription_get(voter)? {
        crate::notify::planner::end_subscription(b, &sub, now)?;
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
    let mut summary = Summary::new("voters", opts.dry_run);
    if opts.mode == VoterMode::Full
        && let Scope::County(own) = opts.scope
    {
        return Err(IngestError::File {
            source_name: opts.source.clone(),
            reason: format!(
                "a full voter extract removes the voters it lacks and is loaded by the state only; county {own}'s token may load delta extracts"
            ),
        });
    }
    let (mut csv, warning) = CsvInput::open(reader, &COLUMNS, opts)?;
    summary.warnings.extend(warning);

    // Phase 1: validate and sort.
    let clock = std::time::Instant::now();
    let ctx = RowContext {
        hasher: LookupHasher::new(store.keys().lookup()),
        today: jiff::Timestamp::from_second(opts.now)
            .map_err(|e| IngestError::File {
                source_name: opts.source.clone(),
                reason: e.to_string(),
            })?
            .to_zoned(crate::domain::pacific::pacific())
            .date(),
    };
    let mut sorter =
        Sorter::new(&work_dir.join("voters"), RUN_BYTES).map_err(|e| opts.io_error(e))?;
    let mut counties = BTreeSet::new();
    let mut unsure_counties = BTreeSet::new();
    let mut removal_unsafe = false;
    let mut buf = Vec::with_capacity(256);
    let strict_snap = if opts.strict {
        Some(store.read()?)
    } else {
        None
    };
    while let Some(row) = csv.next_row()? {
        summary.rows += 1;
        let row = match row {
            Ok(r) => r,
            Err((line, reason)) => {
                summary.reject(line, "", reason);
                removal_unsafe = true;
                continue;
            }
        };
        let line = row.line;
        let parsed = parse_row(&row, &ctx, opts).and_then(|(id, voter)| {
            // With --strict, what applying would refuse must be found before anything is written.
            if let (Some(snap), Scope::County(own)) = (&strict_snap, opts.scope)
                && let Some(stored) = snap.voter_get(id).ok().flatten()
                && stored.county != own
            {
                return Err(Rejected {
                    column: "county_code",
                    reason: not_own_voter(id, stored.county, own),
                    id: Some(id),
                    county: Some(voter.county),
                });
            }
            Ok((id, voter))
        });
        match parsed {
            Ok((id, voter)) => {
                counties.insert(voter.county);
                buf.clear();
                postcard::to_io(&voter, &mut buf).expect("Vec write");
                sorter
                    .push(id.key(), line, TAG_VOTER, &buf)
                    .map_err(|e| opts.io_error(e))?;
            }
            Err(r) => {
                summary.reject(line, r.column, r.reason);
                match (r.id, r.county) {
                    (Some(id), _) => sorter
                        .push(id.key(), line, TAG_SEEN, &[])
                        .map_err(|e| opts.io_error(e))?,
                    (None, Some(c)) => {
                        unsure_counties.insert(c);
                    }
                    (None, None) => removal_unsafe = true,
                }
            }
        }
    }
    drop(csv);
    drop(strict_snap);
    let mut summary = summary.refuse_if_strict(opts)?;
    let hash = digest.finish();

    // Which counties lose the voters missing from the file.
    let mut removal_counties: Vec<CountyCode> = Vec::new();
    if opts.mode == VoterMode::Full {
        if removal_unsafe {
            summary.warnings.push(
                "no voter was removed: a row whose voter and county could not be read was rejected"
                    .into(),
            );
        } else {
            for c in &counties {
                if unsure_counties.contains(c) {
                    summary.warnings.push(format!(
                        "no voter of county {c} was removed: a row of that county whose voter id could not be read was rejected"
                    ));
                } else {
                    removal_counties.push(*c);
                }
            }
        }
    }

    tracing::debug!(
        rows = summary.rows,
        secs = clock.elapsed().as_secs_f64(),
        "voters: parsed and sorted"
    );
    let mut merge = sorter.finish().map_err(|e| opts.io_error(e))?;
    if let Some(share) = opts.max_removal_share
        && !removal_counties.is_empty()
    {
        let removals = super::removal::count(store, &mut merge, &removal_counties, opts)?;
        if let Some(detail) = super::removal::refusal(&removals, share) {
            if !opts.dry_run {
                return Err(IngestError::MassRemoval {
                    source_name: opts.source.clone(),
                    detail,
                });
            }
            summary
                .warnings
                .push(format!("this import would be refused: {detail}"));
        }
    }
    // Phase 2: merge and apply in id order, with checkpoints.
    let mut driver = super::batches::Driver::new(
        store,
        opts,
        hash,
        "voters",
        mode_name(opts.mode),
        6,
        &mut summary,
    )?;
    let resumed = driver.resume_after.is_some();
    let mut apply = Apply {
        opts,
        counts: Counts(driver.counts.clone().try_into().unwrap_or_default()),
        lookup: Sorter::new(&work_dir.join("lookup"), RUN_BYTES / 2)
            .map_err(|e| opts.io_error(e))?,
        prev: None,
        late_errors: Vec::new(),
    };
    let prev = std::cell::Cell::new(None);
    driver.run(
        &mut merge,
        |e| {
            if e.tag == TAG_VOTER {
                prev.set(Some((e.key, e.line)));
            }
        },
        |b, batch, lo, hi, counts| {
            if let Some(p) = prev.take() {
                apply.prev = Some(p);
            }
            let mut candidates = Vec::new();
            for c in &removal_counties {
                candidates.extend(b.county_voters_between(*c, lo, hi)?);
            }
            candidates.sort_unstable();
            let mut ci = 0;
            for e in batch {
                while ci < candidates.len() && candidates[ci] < e.key {
                    apply.remove(b, candidates[ci])?;
                    ci += 1;
                }
                while ci < candidates.len() && candidates[ci] == e.key {
                    ci += 1;
                }
                if e.tag == TAG_VOTER {
                    apply.voter(b, e)?;
                }
            }
            for &k in &candidates[ci..] {
                apply.remove(b, k)?;
            }
            counts.copy_from_slice(&apply.counts.0);
            Ok(())
        },
    )?;
    drop(merge);
    let started_at = driver.started_at;

    tracing::debug!(secs = clock.elapsed().as_secs_f64(), "voters: applied");
    // Phase 3: the sign-up lookup index.
    if !opts.dry_run {
        if resumed {
            rebuild_lookup_index(store, work_dir, opts)?;
        } else {
            let changes = std::mem::replace(
                &mut apply.lookup,
                Sorter::new(&work_dir.join("lookup-done"), 1).map_err(|e| opts.io_error(e))?,
            );
            apply_lookup_changes(store, changes, opts)?;
        }
    }

    let [inserted, updated, unchanged, removed, late, stale] = apply.counts.0;
    summary.inserted = inserted;
    summary.updated = updated;
    summary.unchanged = unchanged;
    summary.removed = removed;
    summary.stale = stale;
    summary.rejected += late;
    summary.add_late_rejections(apply.late_errors);
    super::finish(
        store,
        &hash,
        "voters",
        mode_name(opts.mode),
        started_at,
        &summary,
        opts,
    )?;
    Ok(summary)
}

fn mode_name(m: VoterMode) -> &'static str {
    match m {
        VoterMode::Full => "full",
        VoterMode::Delta => "delta",
    }
}

/// Applies the lookup-index changes in lookup-key order, a batch per transaction.
fn apply_lookup_changes(
    store: &Store,
    changes: Sorter,
    opts: &ImportOptions,
) -> Result<(), IngestError> {
    let mut merge = changes.finish().map_err(|e| opts.io_error(e))?;
    loop {
        let mut n = 0;
        let more = store.write_as(false, |b| -> Result<bool, IngestError> {
            while n < opts.batch_rows.max(1) * 4 {
                let Some(e) = merge.next_entry().map_err(|e| opts.io_error(e))? else {
                    return Ok(false);
                };
                let l = LookupKey(e.key.to_be_bytes());
                let id = VoterId::from_key(u128::from_be_bytes(
                    e.payload.as_slice().try_into().expect("16 bytes"),
                ));
                if e.tag == TAG_INDEX_INSERT {
                    b.lookup_index_insert(l, id)?;
                } else {
                    b.lookup_index_remove(l, id)?;
                }
                n += 1;
            }
            Ok(true)
        })?;
        if !more {
            return Ok(());
        }
    }
}

/// Rebuilds the whole lookup index from the voters table (after a resumed import).
pub(super) fn rebuild_lookup_index(
    store: &Store,
    work_dir: &std::path::Path,
    opts: &ImportOptions,
) -> Result<(), IngestError> {
    let mut sorter =
        Sorter::new(&work_dir.join("rebuild"), RUN_BYTES / 2).map_err(|e| opts.io_error(e))?;
    for v in store.read()?.voters_iter()? {
        let (id, voter) = v?;
        if !voter.removed {
            sorter
                .push(
                    u128::from_be_bytes(voter.lookup.0),
                    0,
                    0,
                    &id.key().to_be_bytes(),
                )
                .map_err(|e| opts.io_error(e))?;
        }
    }
    let mut merge = sorter.finish().map_err(|e| opts.io_error(e))?;
    let entries = std::iter::from_fn(move || match merge.next_entry() {
        Ok(Some(e)) => Some(Ok((
            LookupKey(e.key.to_be_bytes()),
            VoterId::from_key(u128::from_be_bytes(
                e.payload.as_slice().try_into().expect("16 bytes"),
            )),
        ))),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    });
    store.rebuild_lookup_index(entries)?;
    Ok(())
}
