//! The instance secret and the keys derived from it.
//!
//! The secret lives in its own file (`[secrets] file`, mode 0600), not in the
//! database: a copy of the database alone (a backup, a file handed to a
//! vendor) must not give away the key to the sign-up lookup hashes, which
//! hide voters' dates of birth. The database keeps only a fingerprint of the
//! secret, so a wrong or missing file is refused rather than silently
//! replaced (a new secret would find no voter at sign-up).
//!
//! Each use has its own key, derived with HKDF-SHA256 under its own label: a
//! key that leaks from one use (a session signer, say) gives nothing for
//! another. The lookup hash is the exception, keyed by the secret itself as
//! it always was: the dates of birth it hides are stored nowhere, so hashes
//! keyed otherwise could not be worked out again for the voters on file.

use super::{Batch, Store, StoreError};
use hkdf::Hkdf;
use redb::ReadableTable;
use sha2::Sha256;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The secret's length in bytes.
pub const SECRET_LEN: usize = 32;

/// The file's name when the configuration names none: beside the database.
pub const DEFAULT_FILE: &str = "secret.key";

/// What a derived key is for; each has its own HKDF label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPurpose {
    /// Signatures of one-click unsubscribe links.
    UnsubscribeLinks,
    /// The keyed permutation that conceals voter keys in links and cookies.
    ConcealVoters,
    /// Signed-in voters' session cookies.
    VoterSessions,
    /// The manage link in every message.
    ManageLinks,
    /// The voter pages' form tokens (CSRF).
    FormTokens,
    /// Hashes of one-time codes and of the challenges they answer.
    CodeHashes,
    /// Keys of sign-in attempt limits per contact.
    AttemptLimits,
    /// Message ids and idempotency keys handed to providers.
    MessageIds,
    /// The link that removes a contact that joined a voter's sign-up.
    RemovalLinks,
}

impl KeyPurpose {
    const ALL: [KeyPurpose; 9] = [
        Self::UnsubscribeLinks,
        Self::ConcealVoters,
        Self::VoterSessions,
        Self::ManageLinks,
        Self::FormTokens,
        Self::CodeHashes,
        Self::AttemptLimits,
        Self::MessageIds,
        Self::RemovalLinks,
    ];

    /// The HKDF `info` label; never changed once keys are in use.
    fn label(self) -> &'static [u8] {
        match self {
            Self::UnsubscribeLinks => b"ballot-tracker v1 unsubscribe links",
            Self::ConcealVoters => b"ballot-tracker v1 voter key concealment",
            Self::VoterSessions => b"ballot-tracker v1 voter sessions",
            Self::ManageLinks => b"ballot-tracker v1 manage links",
            Self::FormTokens => b"ballot-tracker v1 form tokens",
            Self::CodeHashes => b"ballot-tracker v1 one-time code hashes",
            Self::AttemptLimits => b"ballot-tracker v1 attempt limits",
            Self::MessageIds => b"ballot-tracker v1 message ids",
            Self::RemovalLinks => b"ballot-tracker v1 contact removal links",
        }
    }
}

/// Label of the fingerprint the database keeps to recognise its secret.
const FINGERPRINT_LABEL: &[u8] = b"ballot-tracker v1 secret fingerprint";

/// The keys of one instance.
#[derive(Clone)]
pub struct Keys {
    lookup: [u8; SECRET_LEN],
    derived: [[u8; 32]; KeyPurpose::ALL.len()],
    fingerprint: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    /// Every key of the instance whose secret is `secret` (any length: tests
    /// pass short ones).
    pub fn derive(secret: &[u8]) -> Self {
        let hk = Hkdf::<Sha256>::new(None, secret);
        let expand = |label: &[u8]| {
            let mut k = [0u8; 32];
            hk.expand(label, &mut k)
                .expect("32 bytes is a valid length");
            k
        };
        let mut lookup = [0u8; SECRET_LEN];
        let n = secret.len().min(SECRET_LEN);
        lookup[..n].copy_from_slice(&secret[..n]);
        Self {
            lookup: if secret.len() == SECRET_LEN {
                lookup
            } else {
                // Only tests use other lengths; the lookup key must still
                // depend on all of it.
                expand(b"ballot-tracker test lookup")
            },
            derived: KeyPurpose::ALL.map(|p| expand(p.label())),
            fingerprint: expand(FINGERPRINT_LABEL),
        }
    }

    /// The key for `purpose`.
    pub fn get(&self, purpose: KeyPurpose) -> &[u8; 32] {
        let i = KeyPurpose::ALL
            .iter()
            .position(|p| *p == purpose)
            .expect("every purpose is listed");
        &self.derived[i]
    }

    /// The key of the sign-up lookup hash: the secret itself (see the module).
    pub fn lookup(&self) -> &[u8; SECRET_LEN] {
        &self.lookup
    }

    /// What the database keeps to recognise the secret; reveals nothing of it.
    pub fn fingerprint(&self) -> &[u8; 32] {
        &self.fingerprint
    }
}

/// Problems with the secret file.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("cannot use the secret file {path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    #[error("the secret file {path} does not hold a secret (64 hexadecimal digits)")]
    Invalid { path: PathBuf },
    #[error(
        "the secret file {path} does not belong to this database (restore the file kept with it, or set [secrets] file)"
    )]
    Mismatch { path: PathBuf },
    #[error(
        "the secret file {path} is missing, and this database's sign-up lookups need it (restore it from a backup, or set [secrets] file)"
    )]
    Missing { path: PathBuf },
}

/// The secret in `path`, if the file exists.
pub fn read(path: &Path) -> Result<Option<[u8; SECRET_LEN]>, SecretError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(SecretError::Io {
                path: path.into(),
                err,
            });
        }
    };
    let mut secret = [0u8; SECRET_LEN];
    hex::decode_to_slice(text.trim(), &mut secret)
        .map_err(|_| SecretError::Invalid { path: path.into() })?;
    // A file provided by configuration management may belong to another
    // user (root, readable by the service's group): used as it is.
    if let Err(err) = make_private(path) {
        tracing::warn!(%err, "the secret file is readable by other users");
    }
    Ok(Some(secret))
}

/// Writes a new secret file, readable by its owner only, durably: the
/// database forgets its copy only after this.
pub fn write_new(path: &Path, secret: &[u8; SECRET_LEN]) -> Result<(), SecretError> {
    let io = |err| SecretError::Io {
        path: path.into(),
        err,
    };
    let tmp = path.with_extension("key.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp).map_err(io)?;
    f.write_all(format!("{}\n", hex::encode(secret)).as_bytes())
        .map_err(io)?;
    f.sync_all().map_err(io)?;
    // Never over an existing file: that would lose the secret it holds.
    std::fs::hard_link(&tmp, path).map_err(io)?;
    std::fs::remove_file(&tmp).map_err(io)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(())
}

/// Takes group and other permissions off a file (one made under a
/// permissive umask by an older version, or copied in by hand).
pub fn make_private(path: &Path) -> Result<(), SecretError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let io = |err| SecretError::Io {
            path: path.into(),
            err,
        };
        let mode = std::fs::metadata(path).map_err(io)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(io)?;
        }
    }
    Ok(())
}

/// The secret file beside a database, when the configuration names none.
pub fn default_secret_file(db: &Path) -> PathBuf {
    db.with_file_name(DEFAULT_FILE)
}

/// Creates the database file readable by its owner only before redb opens
/// it (redb would create it under the process's umask), and takes group and
/// other permissions off an existing one.
pub(super) fn create_private(db: &Path) -> Result<(), SecretError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(db) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => make_private(db),
        Err(err) => Err(SecretError::Io {
            path: db.into(),
            err,
        }),
    }
}

impl Batch<'_> {
    /// The instance's keys, from the secret file: created on first use, or
    /// moved there from the database (where versions before this one kept
    /// it), which then keeps only its fingerprint. Returns the secret too
    /// when it was just moved, for `Store::scrub`.
    pub(super) fn secret_in_file(
        &mut self,
        file: &Path,
    ) -> Result<(Keys, Option<[u8; SECRET_LEN]>), StoreError> {
        let in_db: Option<[u8; SECRET_LEN]> = self
            .meta
            .get(IN_DATABASE)?
            .and_then(|v| v.value().try_into().ok());
        let fingerprint: Option<[u8; 32]> = self
            .meta
            .get(FINGERPRINT)?
            .and_then(|v| v.value().try_into().ok());
        let mismatch = || SecretError::Mismatch { path: file.into() };
        let secret = match (read(file)?, in_db) {
            (Some(f), Some(d)) if f != d => return Err(mismatch().into()),
            (Some(f), _) => f,
            (None, Some(d)) => {
                write_new(file, &d)?;
                d
            }
            (None, None) if fingerprint.is_some() => {
                return Err(SecretError::Missing { path: file.into() }.into());
            }
            (None, None) => {
                let s: [u8; SECRET_LEN] = rand::random();
                write_new(file, &s)?;
                s
            }
        };
        let keys = Keys::derive(&secret);
        if fingerprint.is_some_and(|f| f != *keys.fingerprint()) {
            return Err(mismatch().into());
        }
        self.meta
            .insert(FINGERPRINT, keys.fingerprint().as_slice())?;
        let moved = self.meta.remove(IN_DATABASE)?.is_some();
        Ok((keys, moved.then_some(secret)))
    }
}

/// Where versions before this one kept the secret, in the meta table.
const IN_DATABASE: &str = "secret";
/// The secret's fingerprint, in the meta table.
const FINGERPRINT: &str = "secret_fingerprint";

impl Store {
    /// After the secret left the database: redb copies pages on write and
    /// does not clear the ones it frees, so the old copy is still in the
    /// file. Two more commits free every page that held it (the last commit
    /// is kept for recovery); those free pages are then overwritten in place,
    /// and the file's checksums checked.
    pub(super) fn scrub(&mut self, secret: &[u8; SECRET_LEN]) -> Result<(), StoreError> {
        for _ in 0..2 {
            let txn = self.db.begin_write()?;
            txn.open_table(super::tables::META)?;
            txn.commit()?;
        }
        overwrite_all(&self.path, secret).map_err(|err| SecretError::Io {
            path: self.path.clone(),
            err,
        })?;
        if !self
            .db
            .check_integrity()
            .map_err(|e| StoreError::Redb(e.into()))?
        {
            tracing::warn!("the database was repaired after the secret was moved out of it");
        }
        Ok(())
    }
}

/// Overwrites every copy of `needle` in the file with zeros.
fn overwrite_all(path: &Path, needle: &[u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    let mut found = Vec::new();
    let mut buf = vec![0u8; 1 << 20];
    // Chunks overlap by the needle's length less one, so no copy straddles unseen.
    let (mut at, mut carried) = (0u64, 0usize);
    loop {
        let n = f.read(&mut buf[carried..])?;
        if n == 0 {
            break;
        }
        let filled = carried + n;
        let start = at - carried as u64;
        for (i, w) in buf[..filled].windows(needle.len()).enumerate() {
            if w == needle {
                found.push(start + i as u64);
            }
        }
        at += n as u64;
        carried = (needle.len() - 1).min(filled);
        buf.copy_within(filled - carried..filled, 0);
    }
    found.dedup();
    for offset in found {
        f.seek(SeekFrom::Start(offset))?;
        f.write_all(&vec![0u8; needle.len()])?;
    }
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_purpose_has_its_own_key() {
        let k = Keys::derive(&[7u8; 32]);
        let mut seen: Vec<&[u8; 32]> = KeyPurpose::ALL.iter().map(|p| k.get(*p)).collect();
        seen.push(k.lookup());
        seen.push(k.fingerprint());
        for (i, a) in seen.iter().enumerate() {
            for b in &seen[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // The lookup hash stays keyed by the secret itself; the others are not it.
        assert_eq!(k.lookup(), &[7u8; 32]);
        let other = Keys::derive(&[8u8; 32]);
        for p in KeyPurpose::ALL {
            assert_ne!(k.get(p), other.get(p));
            assert_eq!(k.get(p), Keys::derive(&[7u8; 32]).get(p), "stable");
        }
    }

    #[test]
    fn the_file_is_written_once_privately_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_FILE);
        assert!(read(&path).unwrap().is_none());
        write_new(&path, &[9u8; 32]).unwrap();
        assert_eq!(read(&path).unwrap(), Some([9u8; 32]));
        assert!(matches!(
            write_new(&path, &[1u8; 32]),
            Err(SecretError::Io { .. })
        ));
        assert_eq!(read(&path).unwrap(), Some([9u8; 32]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not hex").unwrap();
        assert!(matches!(read(&path), Err(SecretError::Invalid { .. })));
    }

    /// A store as versions before this one left it: the secret in the
    /// database, no file, no fingerprint, schema 3.
    fn old_store(db: &Path) -> [u8; 32] {
        let secret: [u8; 32] = rand::random();
        {
            let store = Store::open(db).unwrap();
            store
                .write(true, |b| {
                    b.meta.insert(IN_DATABASE, secret.as_slice())?;
                    b.meta.remove(FINGERPRINT)?;
                    b.meta.insert("schema", 3u32.to_be_bytes().as_slice())?;
                    Ok(())
                })
                .unwrap();
        }
        std::fs::remove_file(default_secret_file(db)).unwrap();
        assert!(contains(&std::fs::read(db).unwrap(), &secret));
        secret
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn an_old_databases_secret_moves_to_its_file_and_leaves_no_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bt.redb");
        let secret = old_store(&db);
        let store = Store::open(&db).unwrap();
        // The same secret, so every stored lookup hash still finds its voter.
        assert_eq!(store.keys().lookup(), &secret);
        assert_eq!(read(&default_secret_file(&db)).unwrap(), Some(secret));
        let in_db = store
            .write(true, |b| Ok(b.meta.get(IN_DATABASE)?.is_some()))
            .unwrap();
        assert!(!in_db);
        drop(store);
        let raw = std::fs::read(&db).unwrap();
        assert!(
            !contains(&raw, &secret),
            "the database file still holds the secret"
        );
        // Opened again, the file's secret is the one.
        let store = Store::open(&db).unwrap();
        assert_eq!(store.keys().lookup(), &secret);
    }

    #[test]
    fn a_missing_or_foreign_secret_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bt.redb");
        let file = default_secret_file(&db);
        drop(Store::open(&db).unwrap());
        let kept = std::fs::read(&file).unwrap();
        std::fs::remove_file(&file).unwrap();
        assert!(matches!(
            Store::open(&db),
            Err(StoreError::Secret(SecretError::Missing { .. }))
        ));
        write_new(&file, &[1u8; 32]).unwrap();
        assert!(matches!(
            Store::open(&db),
            Err(StoreError::Secret(SecretError::Mismatch { .. }))
        ));
        std::fs::remove_file(&file).unwrap();
        std::fs::write(&file, kept).unwrap();
        Store::open(&db).unwrap();
        // A file named by the configuration, elsewhere, is used instead.
        let elsewhere = dir.path().join("elsewhere.key");
        let other = Store::open_with(&dir.path().join("b.redb"), 1 << 20, &elsewhere).unwrap();
        assert_eq!(
            read(&elsewhere).unwrap().as_ref(),
            Some(other.keys().lookup())
        );
    }
}
