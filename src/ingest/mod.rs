//! Streaming import of the four feeds: VoteCal voter and ballot-status extracts,
//! the print vendor's IMB crosswalk and USPS scan events.
//!
//! A file is never held in memory; gzip is detected by its magic bytes; every
//! rejected row is reported with line, column and reason; good rows are applied
//! (or, with `strict`, nothing is); the same file twice changes nothing.

use crate::domain::CountyCode;
mod ballot_update;
mod ballots;
mod batches;
mod csvin;
mod fields;
mod guard;
mod imb;
pub mod preview;
mod removal;
mod runs;
mod scans;
mod source;
mod voters;

pub use guard::ReadLimits;

use crate::store::{ImportRecord, Store, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

/// Which feed a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    Voters,
    Ballots,
    Imb,
    Scans,
}

impl Feed {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "voters" => Some(Self::Voters),
            "ballots" => Some(Self::Ballots),
            "imb" => Some(Self::Imb),
            "scans" => Some(Self::Scans),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Self::Voters => "voters",
            Self::Ballots => "ballots",
            Self::Imb => "imb",
            Self::Scans => "scans",
        }
    }
}

/// How a voter extract relates to the roll.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VoterMode {
    /// The whole roll of every county in the file: absent voters are removed.
    Full,
    /// Only the rows in the file change.
    #[default]
    Delta,
}

impl VoterMode {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "full" => Some(Self::Full),
            "delta" => Some(Self::Delta),
            _ => None,
        }
    }
}

/// Who is importing: the state may load any county's rows, a county only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    State,
    County(CountyCode),
}

/// Reports progress: bytes of input read so far.
pub type Progress = Box<dyn Fn(u64) + Send + Sync>;

pub struct ImportOptions {
    pub mode: VoterMode,
    pub dry_run: bool,
    pub strict: bool,
    pub scope: Scope,
    /// The time the import is recorded at, seconds since the epoch.
    pub now: i64,
    /// Name of the input, for messages (file path or "upload").
    pub source: String,
    /// Where sorted runs are spilled during a large import.
    pub temp_dir: PathBuf,
    pub progress: Option<Progress>,
    /// Entries applied per transaction (each commits a checkpoint).
    pub batch_rows: usize,
    /// Stop after this many rows have been applied (for crash tests); `None` in real use.
    pub stop_after_rows: Option<u64>,
    /// A full voter extract that would remove more than this share (0–1) of a
    /// county's voters is refused before anything is written; `None` allows
    /// it (`--allow-mass-removal`).
    pub max_removal_share: Option<f64>,
    /// Caps on records, fields, the header and the decompressed size.
    pub limits: ReadLimits,
}

/// One rejected row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

/// What an import did (or, dry, would do). The same object the CLI prints with
/// `--json` and the API returns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub feed: String,
    pub dry_run: bool,
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub rejected: u64,
    /// The first rejected rows (at most `MAX_ERRORS`).
    pub errors: Vec<RowError>,
    /// Ballot events that call for a message, by kind (whether or not any
    /// voter is subscribed to hear of them).
    pub events: BTreeMap<String, u64>,
    /// The same events, by county code then kind.
    pub events_by_county: BTreeMap<String, BTreeMap<String, u64>>,
    /// The messages that will really be queued for those events: subscribed
    /// voters of the event's county, on each reachable channel, in elections
    /// the county takes part in and whose window still allows them.
    pub messages_queued: Vec<preview::Queued>,
    /// The events, until they are counted into `messages_queued`.
    #[serde(skip)]
    pub due_events: Vec<preview::DueEvent>,
    /// Scans kept aside until their IMB crosswalk arrives.
    pub scans_pending: u64,
    /// Voter rows older than the stored row (by `updated_at`): left unchanged.
    pub stale: u64,
    /// Scans that changed nothing and sent nothing, by reason.
    pub scans_ignored: BTreeMap<String, u64>,
    pub warnings: Vec<String>,
}

pub const MAX_ERRORS: usize = 100;

pub use crate::config::{DEFAULT_BATCH_ROWS, DEFAULT_MAX_REMOVAL_SHARE};

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{source_name}: {reason}")]
    File { source_name: String, reason: String },
    #[error("{source_name}: {rejected} rows rejected; with --strict nothing was applied")]
    Strict {
        source_name: String,
        rejected: u64,
        summary: Box<Summary>,
    },
    #[error("{source_name}: nothing was applied: {detail}")]
    MassRemoval { source_name: String, detail: String },
    #[error("{source_name}: import stopped after {rows} rows (as asked)")]
    Stopped { source_name: String, rows: u64 },
    #[error("reading {source_name}: {err}")]
    Io {
        source_name: String,
        err: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The input could not be read to its end (a truncated or corrupt upload or
    /// gzip file): the whole file is refused, none of it applied.
    #[error(
        "{source_name}: the file is truncated or corrupt: it cannot be read past line {line} ({detail}); the whole file was refused"
    )]
    Truncated {
        source_name: String,
        line: u64,
        detail: String,
    },
    /// The file breaks its format or a reading limit at `line` (an unterminated
    /// quote, an oversized record, field or header): the whole file is refused.
    #[error("{source_name}: line {line}: {reason}; the whole file was refused")]
    Refused {
        source_name: String,
        line: u64,
        reason: String,
    },
    /// The text is larger than `[import] max_decompressed_bytes`.
    #[error(
        "{source_name}: the file holds more than {limit} bytes once decompressed ([import] max_decompressed_bytes); the whole file was refused"
    )]
    TooLarge { source_name: String, limit: u64 },
}

impl ImportOptions {
    /// An I/O error while reading this import's input or its spill files.
    pub fn io_error(&self, err: std::io::Error) -> IngestError {
        IngestError::Io {
            source_name: self.source.clone(),
            err,
        }
    }
}

impl Summary {
    /// With `--strict`, a file with any rejected row is refused before anything is written.
    fn refuse_if_strict(self, opts: &ImportOptions) -> Result<Self, IngestError> {
        if opts.strict && self.rejected > 0 {
            return Err(IngestError::Strict {
                source_name: opts.source.clone(),
                rejected: self.rejected,
                summary: Box::new(self),
            });
        }
        Ok(self)
    }

    /// Adds rows rejected after sorting (duplicates), keeping the list in line order.
    fn add_late_errors(&mut self, column: &str, errors: Vec<(u64, String)>) {
        for (line, reason) in errors {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(RowError {
                    line,
                    column: column.to_string(),
                    reason,
                });
            }
        }
        self.errors.sort_by_key(|e| e.line);
    }

    /// Adds rows rejected while applying, each with its column, keeping the list in line order.
    fn add_late_rejections(&mut self, errors: Vec<(u64, &'static str, String)>) {
        for (line, column, reason) in errors {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(RowError {
                    line,
                    column: column.to_string(),
                    reason,
                });
            }
        }
        self.errors.sort_by_key(|e| e.line);
    }

    /// Counts scans that changed nothing, by why.
    pub fn scans_ignored(&mut self, reason: String, n: u64) {
        if n > 0 {
            *self.scans_ignored.entry(reason).or_default() += n;
        }
    }

    pub fn new(feed: &str, dry_run: bool) -> Self {
        Self {
            feed: feed.to_string(),
            dry_run,
            ..Default::default()
        }
    }

    pub fn reject(&mut self, line: u64, column: &str, reason: impl Into<String>) {
        self.rejected += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(RowError {
                line,
                column: column.to_string(),
                reason: reason.into(),
            });
        }
    }

    /// Counts an event that calls for a message (on the hot path of large
    /// imports: no allocation once a key exists) and keeps it for the preview.
    pub fn message_due(&mut self, e: preview::DueEvent) {
        fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
            match map.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    map.insert(key.to_string(), 1);
                }
            }
        }
        bump(&mut self.events, e.kind.name());
        let by_county = match self.events_by_county.get_mut(e.county.code()) {
            Some(m) => m,
            None => self
                .events_by_county
                .entry(e.county.code().to_string())
                .or_default(),
        };
        bump(by_county, e.kind.name());
        self.due_events.push(e);
    }

    /// Counts the kept events into the messages the planner will queue.
    fn count_messages_queued(&mut self, store: &Store, now: i64) -> Result<(), IngestError> {
        let mut events = std::mem::take(&mut self.due_events);
        self.messages_queued = preview::messages_queued(&store.read()?, &mut events, now)?;
        Ok(())
    }
}

/// Imports one file of `feed` from `input`. Imports run one at a time.
pub fn import(
    store: &Store,
    feed: Feed,
    input: impl Read + Send,
    opts: &ImportOptions,
) -> Result<Summary, IngestError> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let io = |err| opts.io_error(err);
    let (reader, digest) = source::open(input, opts.limits.decompressed_bytes)
        .map_err(|e| guard::failure(&opts.source, e, 1))?;
    let reader = Box::new(ProgressReader {
        inner: reader,
        digest: digest.clone(),
        progress: opts.progress.as_ref(),
        calls: 0,
    });
    let work_dir = opts.temp_dir.join(format!(
        "import-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&work_dir).map_err(io)?;
    let reader: Box<dyn Read + Send + '_> = reader;
    let result = match feed {
        Feed::Voters => voters::import(store, reader, digest, opts, &work_dir),
        Feed::Ballots => ballots::import(store, reader, digest, opts, &work_dir),
        Feed::Imb => imb::import(store, reader, digest, opts, &work_dir),
        Feed::Scans => scans::import(store, reader, digest, opts, &work_dir),
    };
    let _ = std::fs::remove_dir_all(&work_dir);
    let mut summary = result?;
    summary.count_messages_queued(store, opts.now)?;
    Ok(summary)
}

/// Reports the raw bytes read to the caller's progress function now and then.
struct ProgressReader<'a> {
    inner: Box<dyn Read + Send + 'a>,
    digest: source::Digester,
    progress: Option<&'a Progress>,
    calls: u32,
}

impl Read for ProgressReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.calls = self.calls.wrapping_add(1);
        if let Some(p) = self.progress
            && (self.calls.is_multiple_of(16) || n == 0)
        {
            p(self.digest.bytes_read());
        }
        Ok(n)
    }
}

/// Records a finished import: its summary under the file's hash (the caller audits it).
fn finish(
    store: &Store,
    hash: &[u8; 32],
    feed: &str,
    mode: &str,
    started_at: i64,
    summary: &Summary,
    opts: &ImportOptions,
) -> Result<(), IngestError> {
    if opts.dry_run {
        return Ok(());
    }
    let json = serde_json::to_string(summary).expect("summary serializes");
    store.write_as(true, |b| -> Result<(), IngestError> {
        b.import_put(
            hash,
            &ImportRecord {
                feed: feed.into(),
                mode: mode.into(),
                started_at,
                checkpoint: None,
                finished: Some((opts.now, json)),
            },
        )?;
        Ok(())
    })
}
