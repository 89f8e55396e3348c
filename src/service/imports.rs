//! Loading a feed file, by the operator or through the API, with the importer's
//! scope and an audit line.

use super::{Actor, Result, secs};
use crate::ingest::{self, Feed, ImportOptions, Progress, ReadLimits, Scope, Summary, VoterMode};
use crate::store::{Store, TokenScope};
use std::io::Read;
use std::path::PathBuf;

/// What the caller chose for one import.
pub struct Request {
    pub feed: Feed,
    pub mode: VoterMode,
    pub dry_run: bool,
    pub strict: bool,
    /// File path or `upload`, for messages and the audit log.
    pub source: String,
    pub temp_dir: PathBuf,
    /// Entries per transaction (`[import] batch_rows`).
    pub batch_rows: usize,
    pub progress: Option<Progress>,
    /// The largest share of a county's voters a full extract may remove
    /// (`[import] max_removal_share`); `None` when mass removal is allowed.
    pub max_removal_share: Option<f64>,
    /// Caps on records, fields, the header and the decompressed size (`[import]`).
    pub limits: ReadLimits,
}

pub fn run(
    store: &Store,
    actor: &Actor,
    req: Request,
    input: impl Read + Send,
    now: jiff::Timestamp,
) -> Result<Summary> {
    let scope = match actor.scope {
        TokenScope::State => Scope::State,
        TokenScope::County(c) => Scope::County(c),
    };
    // Spill files may be needed by a large import; a missing directory would fail it late.
    if let Err(err) = std::fs::create_dir_all(&req.temp_dir) {
        tracing::warn!(dir = %req.temp_dir.display(), %err, "cannot create the import temp directory");
    }
    let opts = ImportOptions {
        mode: req.mode,
        dry_run: req.dry_run,
        strict: req.strict,
        scope,
        now: secs(now),
        source: req.source.clone(),
        temp_dir: req.temp_dir,
        batch_rows: req.batch_rows,
        progress: req.progress,
        stop_after_rows: None,
        max_removal_share: req.max_removal_share,
        limits: req.limits,
    };
    let result = ingest::import(store, req.feed, input, &opts);
    let outcome = match &result {
        Ok(s) if s.dry_run => format!("dry run: {} rows, {} rejected", s.rows, s.rejected),
        Ok(s) => format!(
            "{} rows: {} inserted, {} updated, {} unchanged, {} removed, {} rejected",
            s.rows, s.inserted, s.updated, s.unchanged, s.removed, s.rejected
        ),
        Err(e) => format!("failed: {e}"),
    };
    let line = format!(
        "import {} {} ({}): {outcome}",
        req.feed.name(),
        mode_name(req.mode),
        req.source
    );
    store.write(true, |b| b.audit(secs(now), &actor.name, &line))?;
    Ok(result?)
}

pub fn mode_name(m: VoterMode) -> &'static str {
    match m {
        VoterMode::Full => "full",
        VoterMode::Delta => "delta",
    }
}
