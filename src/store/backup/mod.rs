//! Backups of the whole store, taken while the service runs, and restores.
//!
//! A backup reads one redb read transaction: a snapshot of the last commit
//! that never blocks the writer (redb's maintainers: never copy the file of
//! a database in use). Every table is streamed, entry by entry, through gzip
//! into age encryption to the configured recipients, so voters' contacts
//! are never on disk unencrypted. The stream carries the instance secret
//! (manage and unsubscribe links keep working after a restore) and ends with
//! a manifest: each table's row count and SHA-256 digest.
//!
//! Each backup is also encrypted to a key made for it and kept in memory
//! only: with it the file just written is read back, decrypted and checked
//! against the manifest before it takes its final name; the service never
//! holds a key that opens older backups.

mod fence;
pub mod restore;
mod stream;

use stream::Hashing;

pub use fence::RESTORE_FENCE_SECONDS;
use fence::{RESTORE_FENCE_UNTIL, RESTORED_SNAPSHOT_AT};

pub use restore::restore;

use super::secret::SECRET_LEN;
use super::tables::*;
use super::{Keys, Snapshot, Store, StoreError};
use redb::{MultimapTableHandle, ReadableTable, ReadableTableMetadata, TableHandle};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The stream's format; a reader refuses others.
const FORMAT: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{what} {path}: {err}")]
    Io {
        what: &'static str,
        path: PathBuf,
        err: io::Error,
    },
    #[error(
        "no backup recipients: set [backup] recipients to at least one age public key (age1…; `ballot-tracker backup keygen --out FILE` makes a pair)"
    )]
    NoRecipients,
    #[error("[backup] recipients: {0:?} is not an age public key (age1…)")]
    Recipient(String),
    #[error("the identity file {path} holds no usable age secret key: {why}")]
    Identity { path: PathBuf, why: String },
    #[error(
        "the identity file {identity} cannot open the backup {path}: it was encrypted for other keys"
    )]
    WrongIdentity { path: PathBuf, identity: PathBuf },
    #[error("the backup {path} is damaged, cut short or not a ballot-tracker backup: {why}")]
    Damaged { path: PathBuf, why: String },
    #[error("the backup {path} did not read back as written: {why}")]
    Unverified { path: PathBuf, why: String },
    #[error(
        "the data directory {dir} is not empty: a restore makes a new one (name a new or empty directory)"
    )]
    NotEmpty { dir: PathBuf },
    #[error("{path} exists already: a restore never writes over a file")]
    Exists { path: PathBuf },
    #[error(
        "the backup {path} was written by a newer ballot-tracker (schema {found}, this build knows {known})"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("the database has a table {0:?} that this build's backups do not know")]
    UnknownTable(String),
}

fn io_err<'p>(what: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> StoreError + 'p {
    move |err| {
        BackupError::Io {
            what,
            path: path.to_path_buf(),
            err,
        }
        .into()
    }
}

/// What the stream says about itself before its tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The store's schema version.
    pub schema: u32,
    /// When the snapshot was taken (seconds since the epoch).
    pub snapshot_at: i64,
    /// The instance secret's fingerprint (hex): the restored secret is checked against it.
    pub fingerprint: String,
    pub table_names: Vec<String>,
}

/// One table: how many rows, and the SHA-256 of every entry in key order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableDigest {
    pub name: String,
    pub rows: u64,
    pub digest: String,
}

/// What a backup holds: its header and every table's count and digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub header: Header,
    pub tables: Vec<TableDigest>,
}

impl Manifest {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

/// A backup written and read back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Written {
    pub manifest: Manifest,
    /// The file's size and SHA-256 as written (encrypted).
    pub bytes: u64,
    pub sha256: String,
}

/// The age public keys backups are encrypted to (`[backup] recipients`).
#[derive(Clone, Default)]
pub struct Recipients(Vec<age::x25519::Recipient>);

impl std::fmt::Debug for Recipients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Recipients({})", self.0.len())
    }
}

impl Recipients {
    pub fn parse(keys: &[String]) -> Result<Self, BackupError> {
        keys.iter()
            .map(|k| {
                k.trim()
                    .parse()
                    .map_err(|_| BackupError::Recipient(k.clone()))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The secret keys of an identity file (`age-keygen`'s or `backup keygen`'s).
pub struct Identities {
    path: PathBuf,
    keys: Vec<Box<dyn age::Identity + Send + Sync>>,
}

impl Identities {
    pub fn from_file(path: &Path) -> Result<Self, StoreError> {
        let bad = |why: String| BackupError::Identity {
            path: path.to_path_buf(),
            why,
        };
        let file = age::IdentityFile::from_file(path.display().to_string())
            .map_err(|e| bad(e.to_string()))?;
        let keys = file.into_identities().map_err(|e| bad(e.to_string()))?;
        if keys.is_empty() {
            return Err(bad("it has no AGE-SECRET-KEY line".into()).into());
        }
        Ok(Self {
            path: path.to_path_buf(),
            keys,
        })
    }
}

/// Makes an age key pair in an identity file (created, owner-only, never
/// over an existing file); returns the public key, for `[backup] recipients`.
pub fn keygen(out: &Path, now: jiff::Timestamp) -> Result<String, StoreError> {
    use age::secrecy::ExposeSecret;
    let key = age::x25519::Identity::generate();
    let public = key.to_public().to_string();
    let text = format!(
        "# created: {now}\n# public key: {public}\n{}\n",
        key.to_string().expose_secret()
    );
    let mut f = create_private(out).map_err(io_err("cannot create the identity file", out))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(io_err("cannot write the identity file", out))?;
    Ok(public)
}

/// A new file only its owner may read; never over an existing one.
fn create_private(path: &Path) -> io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// Something done for every table a backup holds, in the backup's order.
trait EachTable {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: redb::TableDefinition<K, V>,
    ) -> Result<(), StoreError>;
}

/// Every table of the store. A table added to `tables.rs` must be added
/// here too: a backup refuses a database with a table it does not know.
fn each_table(v: &mut impl EachTable) -> Result<(), StoreError> {
    v.table(META)?;
    v.table(ELECTIONS)?;
    v.table(ELECTION_IDS)?;
    v.table(VOTERS)?;
    v.table(VOTERS_BY_LOOKUP)?;
    v.table(VOTERS_BY_COUNTY)?;
    v.table(BALLOTS)?;
    v.table(BALLOTS_BY_COUNTY)?;
    v.table(EVENT_LOG)?;
    v.table(IMBS)?;
    v.table(PENDING_SCANS)?;
    v.table(IMPORTS)?;
    v.table(TOKENS)?;
    v.table(AUDIT)?;
    v.table(SUBSCRIPTIONS)?;
    v.table(SUBSCRIPTIONS_BY_COUNTY)?;
    v.table(SUBSCRIPTIONS_BY_CONTACT)?;
    v.table(OUTBOX)?;
    v.table(OUTBOX_DUE)?;
    v.table(OUTBOX_SENDING)?;
    v.table(OUTBOX_BY_PROVIDER_ID)?;
    v.table(COUNTY_OFFICES)?;
    v.table(CATALOG_OVERRIDES)?;
    v.table(CHALLENGES)?;
    v.table(PENDING_SIGNUPS)?;
    v.table(CONTACT_EPOCHS)?;
    v.table(CODES_SENT)?;
    v.table(RECORDINGS)?;
    v.table(LANGUAGES)?;
    v.table(PROVIDER_REPORTS)?;
    v.table(PROVIDER_REPORTS_BY_TIME)?;
    v.table(OUTBOX_HELD)?;
    v.table(CONTACT_NOTICES)?;
    Ok(())
}

/// The names of every table, in the backup's order.
fn table_names() -> Vec<String> {
    struct Names(Vec<String>);
    impl EachTable for Names {
        fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
            &mut self,
            def: redb::TableDefinition<K, V>,
        ) -> Result<(), StoreError> {
            self.0.push(def.name().to_string());
            Ok(())
        }
    }
    let mut n = Names(Vec::new());
    each_table(&mut n).expect("naming cannot fail");
    n.0
}

/// The raw bytes of a typed key or value.
fn raw<T: redb::Value + 'static>(v: &T::SelfType<'_>) -> Vec<u8> {
    T::as_bytes(v).as_ref().to_vec()
}

/// Counts and digests of the named tables (all when `only` is none) of one
/// read transaction.
fn digests(
    txn: &redb::ReadTransaction,
    only: Option<&[String]>,
) -> Result<Vec<TableDigest>, StoreError> {
    struct D<'t> {
        txn: &'t redb::ReadTransaction,
        only: Option<&'t [String]>,
        out: Vec<TableDigest>,
    }
    impl EachTable for D<'_> {
        fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
            &mut self,
            def: redb::TableDefinition<K, V>,
        ) -> Result<(), StoreError> {
            if self
                .only
                .is_some_and(|o| !o.iter().any(|n| n == def.name()))
            {
                return Ok(());
            }
            let t = self.txn.open_table(def)?;
            let mut digest = Sha256::new();
            for row in t.iter()? {
                let (k, v) = row?;
                stream::digest_entry(&mut digest, &raw::<K>(&k.value()), &raw::<V>(&v.value()));
            }
            self.out.push(TableDigest {
                name: def.name().to_string(),
                rows: t.len()?,
                digest: hex::encode(digest.finalize()),
            });
            Ok(())
        }
    }
    let mut d = D {
        txn,
        only,
        out: Vec::new(),
    };
    each_table(&mut d)?;
    Ok(d.out)
}

impl Snapshot {
    /// Every table with its row count and the SHA-256 of its entries in key
    /// order: what a backup's manifest records, and what a restore checks.
    pub fn table_digests(&self) -> Result<Vec<TableDigest>, StoreError> {
        digests(&self.txn, None)
    }
}

/// Writes every table of `txn` to the stream.
struct Dump<'t, W: Write> {
    txn: &'t redb::ReadTransaction,
    out: stream::StreamWriter<W>,
}

impl<W: Write> EachTable for Dump<'_, W> {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: redb::TableDefinition<K, V>,
    ) -> Result<(), StoreError> {
        let w = |e: io::Error| StoreError::from(redb::StorageError::Io(e));
        self.out.begin_table(def.name()).map_err(w)?;
        for row in self.txn.open_table(def)?.iter()? {
            let (k, v) = row?;
            self.out
                .entry(&raw::<K>(&k.value()), &raw::<V>(&v.value()))
                .map_err(w)?;
        }
        self.out.end_table().map_err(w)
    }
}

impl Store {
    /// Writes an encrypted backup of the last commit to `path` (through
    /// `path.partial`, renamed once read back and checked), and returns its
    /// manifest. `now` is recorded as the snapshot's time.
    pub fn backup_to_file(
        &self,
        path: &Path,
        recipients: &Recipients,
        now: jiff::Timestamp,
    ) -> Result<Written, StoreError> {
        if recipients.is_empty() {
            return Err(BackupError::NoRecipients.into());
        }
        let partial = partial_path(path);
        let _ = std::fs::remove_file(&partial);
        let result = self.write_and_check(&partial, path, recipients, now);
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    fn write_and_check(
        &self,
        partial: &Path,
        path: &Path,
        recipients: &Recipients,
        now: jiff::Timestamp,
    ) -> Result<Written, StoreError> {
        let check_key = age::x25519::Identity::generate();
        let file = create_private(partial).map_err(io_err("cannot create the backup", partial))?;
        let written = {
            let snapshot = self.read()?;
            self.check_tables(&snapshot)?;
            let header = Header {
                format: FORMAT,
                schema: super::SCHEMA,
                snapshot_at: now.as_second(),
                fingerprint: hex::encode(self.keys.fingerprint()),
                table_names: table_names(),
            };
            let check = check_key.to_public();
            write_stream(
                &snapshot,
                header,
                self.keys.lookup(),
                file,
                recipients,
                &check,
            )
            .map_err(io_err("cannot write the backup", partial))?
        };
        let read_back = read_file(
            partial,
            &[&check_key as &dyn age::Identity],
            &mut |_| Ok(()),
        )?;
        let unverified = |why: String| BackupError::Unverified {
            path: path.to_path_buf(),
            why,
        };
        if read_back.manifest != written.manifest {
            return Err(unverified("its tables differ from the snapshot's".into()).into());
        }
        if (read_back.bytes, &read_back.sha256) != (written.bytes, &written.sha256) {
            return Err(unverified("the file on disk differs from what was written".into()).into());
        }
        std::fs::rename(partial, path).map_err(io_err("cannot name the backup", path))?;
        sync_dir(path).map_err(io_err("cannot write the directory of", path))?;
        Ok(written)
    }

    /// Refuses a database with tables this build's backups would leave out.
    fn check_tables(&self, snapshot: &Snapshot) -> Result<(), StoreError> {
        let known = table_names();
        for t in snapshot.txn.list_tables()? {
            if !known.iter().any(|n| n == t.name()) {
                return Err(BackupError::UnknownTable(t.name().to_string()).into());
            }
        }
        if let Some(t) = snapshot.txn.list_multimap_tables()?.next() {
            return Err(BackupError::UnknownTable(t.name().to_string()).into());
        }
        Ok(())
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

fn sync_dir(path: &Path) -> io::Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => std::fs::File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

/// snapshot → stream → gzip → age (to the recipients and the check key) → file.
fn write_stream(
    snapshot: &Snapshot,
    header: Header,
    secret: &[u8; SECRET_LEN],
    file: std::fs::File,
    recipients: &Recipients,
    check: &age::x25519::Recipient,
) -> io::Result<Written> {
    let to: Vec<&dyn age::Recipient> = recipients
        .0
        .iter()
        .chain(std::iter::once(check))
        .map(|r| r as &dyn age::Recipient)
        .collect();
    let encryptor = age::Encryptor::with_recipients(to.into_iter()).map_err(io::Error::other)?;
    let hashed = Hashing::new(BufWriter::with_capacity(1 << 20, file));
    let encrypted = encryptor.wrap_output(hashed)?;
    let gz = flate2::write::GzEncoder::new(encrypted, flate2::Compression::fast());
    let mut dump = Dump {
        txn: &snapshot.txn,
        out: stream::StreamWriter::start(gz, &header, secret)?,
    };
    each_table(&mut dump).map_err(io::Error::other)?;
    let (gz, manifest) = dump.out.finish(header)?;
    let (buffered, bytes, sha256) = gz.finish()?.finish()?.sum();
    buffered
        .into_inner()
        .map_err(|e| e.into_error())?
        .sync_all()?;
    Ok(Written {
        manifest,
        bytes,
        sha256,
    })
}

/// A backup's plain stream, read from the decrypted, decompressed file.
type Plain<'r> = stream::StreamReader<Box<dyn Read + 'r>>;

/// Reads a backup file whole: decrypts it with one of `keys`, checks every
/// table against the manifest, and hands each item to `each` (a restore
/// writes them). The file's own size and SHA-256 come back with the manifest.
fn read_file(
    path: &Path,
    keys: &[&dyn age::Identity],
    each: &mut dyn FnMut(&mut Plain<'_>) -> Result<(), StoreError>,
) -> Result<Written, StoreError> {
    read_with(path, keys, None, each)
}

fn read_with(
    path: &Path,
    keys: &[&dyn age::Identity],
    identity: Option<&Path>,
    each: &mut dyn FnMut(&mut Plain<'_>) -> Result<(), StoreError>,
) -> Result<Written, StoreError> {
    let damaged = |why: String| -> StoreError {
        BackupError::Damaged {
            path: path.to_path_buf(),
            why,
        }
        .into()
    };
    let file = std::fs::File::open(path).map_err(io_err("cannot open the backup", path))?;
    let mut hashed = Hashing::new(BufReader::with_capacity(1 << 20, file));
    let decrypted = {
        let decryptor = age::Decryptor::new(&mut hashed).map_err(|e| damaged(e.to_string()))?;
        match decryptor.decrypt(keys.iter().copied()) {
            Ok(r) => r,
            Err(age::DecryptError::NoMatchingKeys) => {
                return Err(BackupError::WrongIdentity {
                    path: path.to_path_buf(),
                    identity: identity.unwrap_or(Path::new("given")).to_path_buf(),
                }
                .into());
            }
            Err(e) => return Err(damaged(e.to_string())),
        }
    };
    let plain: Box<dyn Read + '_> = Box::new(BufReader::with_capacity(
        1 << 20,
        flate2::read::GzDecoder::new(decrypted),
    ));
    let mut reader = stream::StreamReader::open(plain).map_err(damaged)?;
    if reader.header.format != FORMAT {
        return Err(damaged(format!(
            "format {} is unknown",
            reader.header.format
        )));
    }
    let fingerprint_ok = <[u8; SECRET_LEN]>::try_from(reader.secret.as_slice())
        .is_ok_and(|s| hex::encode(Keys::derive(&s).fingerprint()) == reader.header.fingerprint);
    if !fingerprint_ok {
        return Err(damaged(
            "its instance secret does not match its fingerprint".into(),
        ));
    }
    each(&mut reader)?;
    // Whatever `each` left unread is read (and checked) here.
    let manifest = loop {
        if let stream::Item::End(m) = reader.next_item().map_err(damaged)? {
            break m;
        }
    };
    drop(reader);
    let (_, bytes, sha256) = hashed.sum();
    Ok(Written {
        manifest,
        bytes,
        sha256,
    })
}

/// Decrypts and checks a backup file without restoring it.
pub fn verify_file(path: &Path, ids: &Identities) -> Result<Written, StoreError> {
    let keys: Vec<&dyn age::Identity> = ids.keys.iter().map(|k| k.as_ref() as _).collect();
    read_with(path, &keys, Some(&ids.path), &mut |_| Ok(()))
}

#[cfg(test)]
mod tests;
