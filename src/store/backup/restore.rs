//! Restoring a backup into a new data directory: the database written
//! table by table from the decrypted stream, the secret file beside it,
//! then both checked (every table against the manifest, the secret against
//! the database's fingerprint) and the store marked as restored.

use super::stream::Item;
use super::{BackupError, EachTable, Identities, Manifest, io_err, read_with};
use super::{RESTORE_FENCE_UNTIL, RESTORED_SNAPSHOT_AT};
use crate::store::{Store, StoreError, secret};
use redb::{Database, Durability, ReadableDatabase, TableHandle};
use std::path::Path;

/// Entries per transaction while the database is written.
const BATCH: usize = 50_000;

/// Where a restore writes.
pub struct Target<'a> {
    pub data_dir: &'a Path,
    pub db: &'a Path,
    pub secret_file: &'a Path,
    pub cache_bytes: usize,
}

/// Restores `file` into a new data directory; returns the backup's manifest.
/// Refuses a directory that is not empty and a secret file that exists; on
/// any failure, removes what it wrote.
pub fn restore(
    file: &Path,
    ids: &Identities,
    to: &Target<'_>,
    now: jiff::Timestamp,
) -> Result<Manifest, StoreError> {
    prepare_dir(to.data_dir)?;
    if to.secret_file.exists() {
        return Err(BackupError::Exists {
            path: to.secret_file.to_path_buf(),
        }
        .into());
    }
    let result = write_all(file, ids, to, now);
    if result.is_err() {
        let _ = std::fs::remove_file(to.db);
        let _ = std::fs::remove_file(to.secret_file);
    }
    result
}

/// The data directory: made owner-only if new, refused unless empty.
fn prepare_dir(dir: &Path) -> Result<(), StoreError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::NotEmpty {
                    dir: dir.to_path_buf(),
                }
                .into());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(dir)
                .map_err(io_err("cannot make the data directory", dir))?;
        }
        Err(e) => return Err(io_err("cannot read the data directory", dir)(e)),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(io_err("cannot make private the data directory", dir))?;
    }
    Ok(())
}

fn write_all(
    file: &Path,
    ids: &Identities,
    to: &Target<'_>,
    now: jiff::Timestamp,
) -> Result<Manifest, StoreError> {
    let keys: Vec<&dyn age::Identity> = ids.keys.iter().map(|k| k.as_ref() as _).collect();
    let mut secret_bytes = None;
    let mut header = None;
    let written = {
        super::super::secret::create_private(to.db)?;
        let db = Database::builder()
            .set_cache_size(to.cache_bytes)
            .create(to.db)?;
        let damaged = |why: String| -> StoreError {
            BackupError::Damaged {
                path: file.to_path_buf(),
                why,
            }
            .into()
        };
        let written = read_with(file, &keys, Some(&ids.path), &mut |reader| {
            if reader.header.schema > crate::store::SCHEMA {
                return Err(BackupError::NewerSchema {
                    path: file.to_path_buf(),
                    found: reader.header.schema,
                    known: crate::store::SCHEMA,
                }
                .into());
            }
            secret_bytes = Some(reader.secret.clone());
            header = Some(reader.header.clone());
            let mut load = Load {
                db: &db,
                path: file,
                reader,
                next: None,
            };
            super::each_table(&mut load)?;
            match load.take()? {
                // The manifest, checked by the reader: put back for `read_with`.
                Item::End(_) => Ok(()),
                Item::Table(name) => Err(damaged(format!(
                    "it holds a table {name:?} this build does not know (a newer version's backup?)"
                ))),
                _ => Err(damaged("an entry outside any table".into())),
            }
        })?;
        // What is on disk now, read back, must be what the backup holds.
        let names: Vec<String> = written
            .manifest
            .tables
            .iter()
            .map(|t| t.name.clone())
            .collect();
        let found = super::digests(&db.begin_read()?, Some(&names))?;
        if found != written.manifest.tables {
            return Err(damaged(
                "the restored tables differ from its manifest".into(),
            ));
        }
        written
    };
    let secret: [u8; secret::SECRET_LEN] = secret_bytes
        .and_then(|s| s.try_into().ok())
        .expect("read_with checked the secret");
    secret::write_new(to.secret_file, &secret)?;
    // Opening checks the secret against the database and runs any upgrades.
    let store = Store::open_with(to.db, to.cache_bytes, to.secret_file)?;
    let header = header.expect("read");
    store.write(true, |b| {
        b.counter_put(RESTORED_SNAPSHOT_AT, header.snapshot_at.max(1) as u64)?;
        b.counter_put(RESTORE_FENCE_UNTIL, 0)?;
        b.audit(
            now.as_second(),
            "operator",
            &format!(
                "restored from a backup of {} ({} tables, {} rows)",
                jiff::Timestamp::from_second(header.snapshot_at)
                    .map_or_else(|_| header.snapshot_at.to_string(), |t| t.to_string()),
                written.manifest.tables.len(),
                written.manifest.rows()
            ),
        )
    })?;
    Ok(written.manifest)
}

/// Writes the stream's tables, each in the order `each_table` names them;
/// a table the backup lacks (an older version's) is left for `Store::open`
/// to create.
struct Load<'a, 'r> {
    db: &'a Database,
    path: &'a Path,
    reader: &'a mut super::Plain<'r>,
    next: Option<Item>,
}

impl Load<'_, '_> {
    fn take(&mut self) -> Result<Item, StoreError> {
        match self.next.take() {
            Some(i) => Ok(i),
            None => self.reader.next_item().map_err(|why| self.damaged(why)),
        }
    }

    fn damaged(&self, why: String) -> StoreError {
        BackupError::Damaged {
            path: self.path.to_path_buf(),
            why,
        }
        .into()
    }
}

impl EachTable for Load<'_, '_> {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: redb::TableDefinition<K, V>,
    ) -> Result<(), StoreError> {
        match self.take()? {
            Item::Table(name) if name == def.name() => {}
            other => {
                self.next = Some(other);
                return Ok(());
            }
        }
        let fits = |b: &[u8], w: Option<usize>| w.is_none_or(|w| w == b.len());
        loop {
            let mut txn = self.db.begin_write()?;
            txn.set_durability(Durability::None)?;
            let mut ended = false;
            {
                let mut t = txn.open_table(def)?;
                for _ in 0..BATCH {
                    match self.take()? {
                        Item::Entry(k, v) => {
                            if !fits(&k, K::fixed_width()) || !fits(&v, V::fixed_width()) {
                                return Err(self.damaged(format!(
                                    "an entry of {} has the wrong size",
                                    def.name()
                                )));
                            }
                            t.insert(K::from_bytes(&k), V::from_bytes(&v))?;
                        }
                        Item::EndOfTable => {
                            ended = true;
                            break;
                        }
                        _ => return Err(self.damaged("a table does not end".into())),
                    }
                }
            }
            if ended {
                // The last batch of each table is durable.
                txn.set_durability(Durability::Immediate)?;
                txn.commit()?;
                return Ok(());
            }
            txn.commit()?;
        }
    }
}
