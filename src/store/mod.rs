//! The only module that touches redb: typed tables, one codec, schema version
//! and migrations, secondary indexes.
//!
//! Writes happen in batches (`Store::write`), each one redb write transaction
//! with every table open; readers (`Store::read`) see the last commit and never
//! block a writer.

pub mod backup;
mod ballots;
mod catalog_overrides;
mod challenges;
mod contact_notices;
mod county_offices;
mod elections;
mod events;
mod imports;
mod kept;
pub mod keys;
mod languages;
mod outbox;
mod postings;
mod provider_reports;
mod recordings;
mod scans;
mod secret;
mod subscriptions;
mod tables;
mod tokens;
mod voters;

pub use ballots::ballot_key;
pub use catalog_overrides::OverrideVersion;
pub use challenges::PendingSignUp;
pub use events::{EventLogEntry, EventLogKind};
pub use imports::{Checkpoint, ImportRecord};
pub use languages::AddedLanguage;
pub use outbox::{OutboxRow, encode_key as outbox_key_bytes, parse_key as outbox_key_parse};
pub use recordings::Recording;
pub use scans::{ImbRecord, PendingScan};
use secret::create_private;
pub use secret::{KeyPurpose, Keys, SecretError, default_secret_file};
pub use tokens::{TokenRecord, TokenScope};

use crate::codec::{self, CodecError};
use kept::Kept;
use redb::{Database, Durability, ReadableDatabase, ReadableTable};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tables::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} is in use by another ballot-tracker process (while the service runs, use its HTTP API)"
    )]
    InUse { path: PathBuf },
    #[error(
        "the database {path} was written by a newer ballot-tracker (schema {found}, this build knows {known})"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("database error: {0}")]
    Redb(#[from] redb::Error),
    #[error(transparent)]
    Codec(#[from] CodecError),
    #[error("no {0} with that key")]
    Missing(&'static str),
    #[error(transparent)]
    BackwardMove(#[from] crate::domain::outbox::BackwardMove),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Redb(e.into())
            }
        }
    )*};
}
from_redb!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);

pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema this build writes; `migrate` brings older stores up to it.
pub const SCHEMA: u32 = 5;

pub struct Store {
    /// A snapshot of the last commit, shared by the readers that come before
    /// the next one: voter pages read a few keys each, and beginning a
    /// transaction and opening its tables cost more than those reads. Dropped
    /// at every commit, so a reader always sees what was written before it
    /// asked, and an old snapshot never keeps the writer from reusing freed
    /// pages. Before `db` (fields drop in order): let go before the database
    /// closes.
    latest: Kept<Arc<Snapshot>>,
    db: Database,
    /// Boxed: read through a pointer on every use anyway, and a `Store`
    /// moves whole.
    keys: Box<Keys>,
    path: PathBuf,
    /// The elections as of the last commit, decoded once: every voter page
    /// shows them, and they change a few times a year.
    elections: Kept<Elections>,
}

/// Every election with its number, by date then code.
pub type Elections = Arc<Vec<(u16, Arc<crate::domain::Election>)>>;

/// A write transaction with every table open.
pub struct Batch<'t> {
    pub(crate) meta: redb::Table<'t, &'static str, &'static [u8]>,
    pub(crate) elections: redb::Table<'t, &'static str, &'static [u8]>,
    pub(crate) election_ids: redb::Table<'t, u16, &'static str>,
    pub(crate) voters: redb::Table<'t, u128, &'static [u8]>,
    pub(crate) voters_by_lookup: redb::Table<'t, keys::Packed<32>, ()>,
    pub(crate) voters_by_county: redb::Table<'t, keys::Packed<17>, &'static [u8]>,
    pub(crate) ballots: redb::Table<'t, keys::Packed<18>, &'static [u8]>,
    pub(crate) ballots_by_county: redb::Table<'t, keys::Packed<19>, &'static [u8]>,
    pub(crate) event_log: redb::Table<'t, u64, &'static [u8]>,
    pub(crate) imbs: redb::Table<'t, u128, &'static [u8]>,
    pub(crate) pending_scans: redb::Table<'t, keys::Packed<24>, &'static [u8]>,
    pub(crate) imports: redb::Table<'t, keys::Packed<32>, &'static [u8]>,
    pub(crate) tokens: redb::Table<'t, keys::Packed<32>, &'static [u8]>,
    pub(crate) audit: redb::Table<'t, u64, &'static [u8]>,
    pub(crate) subscriptions: redb::Table<'t, u128, &'static [u8]>,
    pub(crate) subscriptions_by_county: redb::Table<'t, keys::Packed<17>, ()>,
    pub(crate) subscriptions_by_contact: redb::Table<'t, keys::Packed<32>, ()>,
    pub(crate) outbox: redb::Table<'t, keys::Packed<21>, &'static [u8]>,
    pub(crate) outbox_due: redb::Table<'t, keys::Packed<29>, ()>,
    pub(crate) outbox_sending: redb::Table<'t, keys::Packed<21>, ()>,
    pub(crate) outbox_by_provider_id: redb::Table<'t, &'static str, keys::Packed<21>>,
    pub(crate) county_offices: redb::Table<'t, u8, &'static [u8]>,
    pub(crate) catalog_overrides: redb::Table<'t, &'static str, &'static [u8]>,
    pub(crate) challenges: redb::Table<'t, keys::Packed<16>, &'static [u8]>,
    pub(crate) pending_signups: redb::Table<'t, u128, &'static [u8]>,
    pub(crate) contact_epochs: redb::Table<'t, u128, &'static [u8]>,
    pub(crate) codes_sent: redb::Table<'t, keys::Packed<16>, &'static [u8]>,
    pub(crate) recordings: redb::Table<'t, &'static str, &'static [u8]>,
    pub(crate) languages: redb::Table<'t, &'static str, &'static [u8]>,
    pub(crate) provider_reports: redb::Table<'t, keys::Packed<16>, i64>,
    pub(crate) provider_reports_by_time: redb::Table<'t, keys::Packed<24>, ()>,
    pub(crate) outbox_held: redb::Table<'t, keys::Packed<21>, ()>,
    pub(crate) contact_notices: redb::Table<'t, keys::Packed<26>, &'static [u8]>,
    /// The event log's next sequence number, once looked up in this transaction.
    pub(crate) next_event: Option<u64>,
    /// Event-log entries of this transaction, written as one block.
    pub(crate) events_new: Vec<events::EventLogEntry>,
    /// County-index entries to insert at the end of the batch, sorted: rows come
    /// in voter order, which scatters them over 58 counties.
    pub(crate) voters_by_county_new: Vec<(u8, u128)>,
    pub(crate) ballots_by_county_new: Vec<([u8; 3], u128)>,
    /// Whether an election was written (the cached elections are then stale).
    pub(crate) elections_changed: bool,
    /// Outbox keys moved into (true) or out of (false) the sending state, in
    /// order; the in-flight list is rewritten once, at the end of the batch.
    pub(crate) sending_moves: Vec<([u8; 21], bool)>,
}

/// A consistent snapshot for reading.
pub struct Snapshot {
    txn: redb::ReadTransaction,
    hot: HotTables,
}

/// The tables a voter's page reads, each opened on first use and kept for
/// the snapshot's life: a shared snapshot (`Store::latest`) serves many pages.
#[derive(Default)]
struct HotTables {
    voters: OnceLock<redb::ReadOnlyTable<u128, &'static [u8]>>,
    ballots: OnceLock<redb::ReadOnlyTable<keys::Packed<18>, &'static [u8]>>,
    subscriptions: OnceLock<redb::ReadOnlyTable<u128, &'static [u8]>>,
    county_offices: OnceLock<redb::ReadOnlyTable<u8, &'static [u8]>>,
    contact_epochs: OnceLock<redb::ReadOnlyTable<u128, &'static [u8]>>,
}

impl Store {
    /// Opens (or creates) the store at `path`, runs migrations and creates the
    /// instance secret on first use, in `secret.key` beside the database.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with_cache(path, 256 << 20)
    }

    pub fn open_with_cache(path: &Path, cache_bytes: usize) -> Result<Self> {
        Self::open_with(path, cache_bytes, &default_secret_file(path))
    }

    /// `open`, with the page cache's size and the secret file given.
    pub fn open_with(path: &Path, cache_bytes: usize, secret_file: &Path) -> Result<Self> {
        create_private(path)?;
        let db = match Database::builder().set_cache_size(cache_bytes).create(path) {
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                return Err(StoreError::InUse {
                    path: path.to_path_buf(),
                });
            }
            other => other?,
        };
        let mut store = Self {
            latest: Kept::default(),
            db,
            keys: Box::new(Keys::derive(&[0; 32])),
            path: path.to_path_buf(),
            elections: Kept::default(),
        };
        let (keys, moved_out) = store.migrate(secret_file)?;
        store.keys = Box::new(keys);
        if let Some(old) = moved_out {
            store.scrub(&old)?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The instance's keys: one per purpose, and the lookup hash's.
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The key for one purpose.
    pub fn key(&self, purpose: KeyPurpose) -> &[u8; 32] {
        self.keys.get(purpose)
    }

    /// Creates every table, checks the schema version and upgrades older stores.
    /// Returns the keys, and the secret if it was just moved out of the database.
    fn migrate(&self, secret_file: &Path) -> Result<(Keys, Option<[u8; 32]>)> {
        let txn = self.db.begin_write()?;
        let secret = {
            let mut b = Batch::open(&txn)?;
            let found = b
                .meta
                .get("schema")?
                .map(|v| u32::from_be_bytes(v.value().try_into().unwrap_or([0; 4])));
            match found {
                Some(v) if v > SCHEMA => {
                    return Err(StoreError::NewerSchema {
                        path: self.path.clone(),
                        found: v,
                        known: SCHEMA,
                    });
                }
                // Each older schema gets its upgrade step here, in order, in this transaction.
                _ => {
                    if found.is_some_and(|v| v < 2) {
                        b.elections_upgrade()?;
                    }
                    if found.is_some_and(|v| v < 3) {
                        b.outbox_sending_upgrade()?;
                    }
                    // Schema 4 moves the secret out to its own file (below): a
                    // version before it would make a new one and lose every key.
                    if found.is_some_and(|v| v < 5) {
                        b.subscriptions_contact_settings_upgrade()?;
                    }
                    b.meta.insert("schema", SCHEMA.to_be_bytes().as_slice())?;
                }
            }
            b.secret_in_file(secret_file)?
        };
        txn.commit()?;
        Ok(secret)
    }

    /// Runs `f` in one write transaction and commits it. `durable: false` commits
    /// without fsync: a crash rolls back to the last durable commit (used between
    /// import checkpoints, which are durable).
    pub fn write<T>(
        &self,
        durable: bool,
        f: impl FnOnce(&mut Batch<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_as(durable, f)
    }

    /// `write`, for callers whose closure returns their own error type.
    pub fn write_as<T, E: From<StoreError>>(
        &self,
        durable: bool,
        f: impl FnOnce(&mut Batch<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut txn = self.db.begin_write().map_err(StoreError::from)?;
        if !durable {
            txn.set_durability(Durability::None)
                .map_err(StoreError::from)?;
        }
        let (out, elections_changed) = {
            let mut batch = Batch::open(&txn)?;
            let out = f(&mut batch)?;
            batch.flush()?;
            (out, batch.elections_changed)
        };
        txn.commit().map_err(StoreError::from)?;
        self.committed();
        if elections_changed {
            // After the commit: a reader that decoded the old rows before it
            // cannot leave them behind (see `Kept::get_or`).
            self.elections.forget();
        }
        Ok(out)
    }

    /// Every election as of the last commit, by date then code; decoded once
    /// per change, not per call. Not tied to a snapshot: for pages that show
    /// elections beside a voter's records.
    pub fn elections_now(&self) -> Result<Elections> {
        self.elections.get_or(|| {
            Ok(Arc::new(
                self.read()?
                    .elections()?
                    .into_iter()
                    .map(|(id, e)| (id, Arc::new(e)))
                    .collect(),
            ))
        })
    }

    pub fn read(&self) -> Result<Snapshot> {
        Ok(Snapshot {
            txn: self.db.begin_read()?,
            hot: HotTables::default(),
        })
    }

    /// A snapshot of the last commit, shared with other readers until the
    /// next commit. For short reads on busy paths (voter pages); a long read
    /// takes its own (`read`), so as not to hold one shared past its time.
    pub fn latest(&self) -> Result<Arc<Snapshot>> {
        self.latest.get_or(|| Ok(Arc::new(self.read()?)))
    }

    /// After every commit: the shared snapshot is out of date.
    fn committed(&self) {
        self.latest.forget();
    }

    /// Size of the database file in bytes.
    pub fn file_size(&self) -> u64 {
        std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }

    /// Compacts the file after a large load (frees pages left by copy-on-write).
    pub fn compact(&mut self) -> Result<()> {
        // Compaction needs every read transaction closed.
        self.latest.forget();
        self.db.compact().map_err(|e| StoreError::Redb(e.into()))?;
        Ok(())
    }
}

impl<'t> Batch<'t> {
    fn open(txn: &'t redb::WriteTransaction) -> Result<Self> {
        Ok(Self {
            meta: txn.open_table(META)?,
            elections: txn.open_table(ELECTIONS)?,
            election_ids: txn.open_table(ELECTION_IDS)?,
            voters: txn.open_table(VOTERS)?,
            voters_by_lookup: txn.open_table(VOTERS_BY_LOOKUP)?,
            voters_by_county: txn.open_table(VOTERS_BY_COUNTY)?,
            ballots: txn.open_table(BALLOTS)?,
            ballots_by_county: txn.open_table(BALLOTS_BY_COUNTY)?,
            event_log: txn.open_table(EVENT_LOG)?,
            imbs: txn.open_table(IMBS)?,
            pending_scans: txn.open_table(PENDING_SCANS)?,
            imports: txn.open_table(IMPORTS)?,
            tokens: txn.open_table(TOKENS)?,
            audit: txn.open_table(AUDIT)?,
            subscriptions: txn.open_table(SUBSCRIPTIONS)?,
            subscriptions_by_county: txn.open_table(SUBSCRIPTIONS_BY_COUNTY)?,
            subscriptions_by_contact: txn.open_table(SUBSCRIPTIONS_BY_CONTACT)?,
            outbox: txn.open_table(OUTBOX)?,
            outbox_due: txn.open_table(OUTBOX_DUE)?,
            outbox_sending: txn.open_table(OUTBOX_SENDING)?,
            outbox_by_provider_id: txn.open_table(OUTBOX_BY_PROVIDER_ID)?,
            county_offices: txn.open_table(COUNTY_OFFICES)?,
            catalog_overrides: txn.open_table(CATALOG_OVERRIDES)?,
            challenges: txn.open_table(CHALLENGES)?,
            pending_signups: txn.open_table(PENDING_SIGNUPS)?,
            contact_epochs: txn.open_table(CONTACT_EPOCHS)?,
            codes_sent: txn.open_table(CODES_SENT)?,
            recordings: txn.open_table(RECORDINGS)?,
            languages: txn.open_table(LANGUAGES)?,
            provider_reports: txn.open_table(PROVIDER_REPORTS)?,
            provider_reports_by_time: txn.open_table(PROVIDER_REPORTS_BY_TIME)?,
            outbox_held: txn.open_table(OUTBOX_HELD)?,
            contact_notices: txn.open_table(CONTACT_NOTICES)?,
            next_event: None,
            events_new: Vec::new(),
            voters_by_county_new: Vec::new(),
            ballots_by_county_new: Vec::new(),
            elections_changed: false,
            sending_moves: Vec::new(),
        })
    }

    /// Writes the deferred index entries, in key order.
    pub(crate) fn flush(&mut self) -> Result<()> {
        self.flush_events()?;
        self.flush_sending()?;
        let mut v = std::mem::take(&mut self.voters_by_county_new);
        v.sort_unstable();
        for group in v.chunk_by(|a, b| a.0 == b.0) {
            let ids: Vec<u128> = group.iter().map(|e| e.1).collect();
            postings::add(&mut self.voters_by_county, &[group[0].0], &ids)?;
        }
        let mut b = std::mem::take(&mut self.ballots_by_county_new);
        b.sort_unstable();
        for group in b.chunk_by(|x, y| x.0 == y.0) {
            let ids: Vec<u128> = group.iter().map(|e| e.1).collect();
            postings::add(&mut self.ballots_by_county, &group[0].0, &ids)?;
        }
        Ok(())
    }

    /// A named counter or cursor kept in the meta table (0 until set).
    pub fn counter_get(&self, name: &str) -> Result<u64> {
        Ok(self.meta.get(name)?.map_or(0, |v| {
            u64::from_be_bytes(v.value().try_into().unwrap_or([0; 8]))
        }))
    }

    pub fn counter_put(&mut self, name: &str, value: u64) -> Result<()> {
        self.meta.insert(name, value.to_be_bytes().as_slice())?;
        Ok(())
    }

    /// Appends a line to the append-only audit log.
    pub fn audit(&mut self, at: i64, actor: &str, action: &str) -> Result<()> {
        let n = self.audit.last()?.map_or(1, |(k, _)| k.value() + 1);
        self.audit
            .insert(n, codec::encode(&(at, actor, action)).as_slice())?;
        Ok(())
    }
}

impl Snapshot {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: redb::TableDefinition<K, V>,
    ) -> Result<redb::ReadOnlyTable<K, V>> {
        Ok(self.txn.open_table(def)?)
    }

    /// One of the hot tables, opened the first time it is asked for.
    fn hot<'s, K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        cell: &'s OnceLock<redb::ReadOnlyTable<K, V>>,
        def: redb::TableDefinition<K, V>,
    ) -> Result<&'s redb::ReadOnlyTable<K, V>> {
        if let Some(t) = cell.get() {
            return Ok(t);
        }
        let opened = self.table(def)?;
        Ok(cell.get_or_init(|| opened))
    }

    fn voters_table(&self) -> Result<&redb::ReadOnlyTable<u128, &'static [u8]>> {
        self.hot(&self.hot.voters, VOTERS)
    }

    fn ballots_table(&self) -> Result<&redb::ReadOnlyTable<keys::Packed<18>, &'static [u8]>> {
        self.hot(&self.hot.ballots, BALLOTS)
    }

    fn subscriptions_table(&self) -> Result<&redb::ReadOnlyTable<u128, &'static [u8]>> {
        self.hot(&self.hot.subscriptions, SUBSCRIPTIONS)
    }

    fn contact_epochs_table(&self) -> Result<&redb::ReadOnlyTable<u128, &'static [u8]>> {
        self.hot(&self.hot.contact_epochs, CONTACT_EPOCHS)
    }

    fn county_offices_table(&self) -> Result<&redb::ReadOnlyTable<u8, &'static [u8]>> {
        self.hot(&self.hot.county_offices, COUNTY_OFFICES)
    }

    /// A named counter or cursor kept in the meta table (0 until set).
    pub fn counter(&self, name: &str) -> Result<u64> {
        Ok(self.table(META)?.get(name)?.map_or(0, |v| {
            u64::from_be_bytes(v.value().try_into().unwrap_or([0; 8]))
        }))
    }

    /// The audit log, oldest first: `(time, actor, action)`.
    pub fn audit_log(&self) -> Result<Vec<(i64, String, String)>> {
        let t = self.table(AUDIT)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            let (_, v) = row?;
            out.push(codec::decode(v.value())?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
