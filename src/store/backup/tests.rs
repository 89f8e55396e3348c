use super::*;
use crate::service::{Actor, tokens};
use crate::store::{TokenScope, default_secret_file};
use redb::TableHandle;

struct Source {
    dir: tempfile::TempDir,
    store: Store,
    identity: PathBuf,
    recipients: Recipients,
}

fn now() -> jiff::Timestamp {
    "2026-10-06T17:00:00Z".parse().unwrap()
}

/// A store with a few tables filled, and a key pair for its backups.
fn source() -> Source {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("db")).unwrap();
    let store = Store::open(&dir.path().join("db/ballot-tracker.redb")).unwrap();
    let e = crate::domain::Election::new(
        "2026-11-03-GEN",
        "General",
        jiff::civil::date(2026, 11, 3),
        crate::domain::ElectionKind::Statewide,
    )
    .unwrap();
    store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .unwrap();
    tokens::create(
        &store,
        &Actor::operator(),
        TokenScope::State,
        "county upload",
        now(),
    )
    .unwrap();
    store
        .write(true, |b| {
            for i in 0..2000 {
                b.audit(i, "operator", &format!("change {i}"))?;
            }
            Ok(())
        })
        .unwrap();
    let identity = dir.path().join("backup.key");
    let public = keygen(&identity, now()).unwrap();
    let recipients = Recipients::parse(&[public]).unwrap();
    Source {
        dir,
        store,
        identity,
        recipients,
    }
}

fn target(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("ballot-tracker.redb"), dir.join("secret.key"))
}

fn restore_to(file: &Path, identity: &Path, dir: &Path) -> Result<Manifest, StoreError> {
    let (db, secret_file) = target(dir);
    restore(
        file,
        &Identities::from_file(identity).unwrap(),
        &restore::Target {
            data_dir: dir,
            db: &db,
            secret_file: &secret_file,
            cache_bytes: 1 << 20,
        },
        now(),
    )
}

#[test]
fn a_restored_store_holds_every_table_as_backed_up_and_the_same_secret() {
    let s = source();
    let file = s.dir.path().join("b.backup");
    let before = s.store.read().unwrap().table_digests().unwrap();
    let written = s.store.backup_to_file(&file, &s.recipients, now()).unwrap();
    assert_eq!(written.manifest.tables, before);
    assert!(written.manifest.rows() > 2000);
    assert!(!partial_path(&file).exists());
    // Encrypted: no audit text appears in the file.
    let raw = std::fs::read(&file).unwrap();
    assert!(!raw.windows(9).any(|w| w == b"change 17"));

    let new = s.dir.path().join("fallback");
    let manifest = restore_to(&file, &s.identity, &new).unwrap();
    assert_eq!(manifest, written.manifest);
    let (db, secret_file) = target(&new);
    let restored = Store::open_with(&db, 1 << 20, &secret_file).unwrap();
    let mut after = restored.read().unwrap().table_digests().unwrap();
    // The restore marks the store and audits itself; the rest is as backed up.
    let changed: Vec<&str> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.name.as_str())
        .collect();
    assert_eq!(changed, ["meta", "audit"]);
    after.retain(|t| t.name != "meta" && t.name != "audit");
    let mut kept = before.clone();
    kept.retain(|t| t.name != "meta" && t.name != "audit");
    assert_eq!(after, kept);
    assert_eq!(restored.keys().lookup(), s.store.keys().lookup());
    assert_eq!(
        restored.read().unwrap().restored_from().unwrap(),
        Some(now().as_second())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), 0o700);
        assert_eq!(mode(&secret_file), 0o600);
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&file), 0o600);
    }
}

#[test]
fn every_table_of_the_store_is_in_a_backup() {
    let s = source();
    let snapshot = s.store.read().unwrap();
    let mut found: Vec<String> = snapshot
        .txn
        .list_tables()
        .unwrap()
        .map(|t| t.name().to_string())
        .collect();
    found.sort();
    let mut known = table_names();
    known.sort();
    assert_eq!(found, known);
}

#[test]
fn a_backup_opens_with_its_identity_only() {
    let s = source();
    let file = s.dir.path().join("b.backup");
    s.store.backup_to_file(&file, &s.recipients, now()).unwrap();
    let other = s.dir.path().join("other.key");
    keygen(&other, now()).unwrap();
    let err = verify_file(&file, &Identities::from_file(&other).unwrap()).unwrap_err();
    assert!(
        matches!(err, StoreError::Backup(BackupError::WrongIdentity { .. })),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("other.key") && text.contains("b.backup"),
        "{text}"
    );
    let new = s.dir.path().join("fallback");
    assert!(restore_to(&file, &other, &new).is_err());
    assert!(!target(&new).0.exists() && !target(&new).1.exists());
    // The right one opens it.
    let v = verify_file(&file, &Identities::from_file(&s.identity).unwrap()).unwrap();
    assert_eq!(v.manifest.header.schema, crate::store::SCHEMA);
}

#[test]
fn a_cut_or_damaged_backup_is_refused_naming_the_file() {
    let s = source();
    let file = s.dir.path().join("b.backup");
    s.store.backup_to_file(&file, &s.recipients, now()).unwrap();
    let whole = std::fs::read(&file).unwrap();
    let ids = Identities::from_file(&s.identity).unwrap();
    let cut = s.dir.path().join("cut.backup");
    std::fs::write(&cut, &whole[..whole.len() * 2 / 3]).unwrap();
    let mut flipped = whole.clone();
    let at = whole.len() / 2;
    flipped[at] ^= 0x40;
    let damaged = s.dir.path().join("damaged.backup");
    std::fs::write(&damaged, &flipped).unwrap();
    let not_age = s.dir.path().join("notes.backup");
    std::fs::write(&not_age, "not a backup").unwrap();
    for bad in [&cut, &damaged, &not_age] {
        let err = verify_file(bad, &ids).unwrap_err();
        assert!(
            matches!(err, StoreError::Backup(BackupError::Damaged { .. })),
            "{err}"
        );
        let name = bad.file_name().unwrap().to_str().unwrap();
        assert!(err.to_string().contains(name), "{err}");
        let new = s.dir.path().join(format!("restored-{name}"));
        let err = restore_to(bad, &s.identity, &new).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
        // Nothing half-restored is left behind.
        assert_eq!(std::fs::read_dir(&new).unwrap().count(), 0);
    }
}

#[test]
fn a_restore_writes_only_into_a_new_or_empty_directory() {
    let s = source();
    let file = s.dir.path().join("b.backup");
    s.store.backup_to_file(&file, &s.recipients, now()).unwrap();
    let used = s.dir.path().join("used");
    std::fs::create_dir(&used).unwrap();
    std::fs::write(used.join("notes.txt"), "keep me").unwrap();
    let err = restore_to(&file, &s.identity, &used).unwrap_err();
    assert!(
        matches!(err, StoreError::Backup(BackupError::NotEmpty { .. })),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&used).unwrap().count(), 1);
    // Nor over the live data directory itself.
    let live = s.dir.path().join("db");
    assert!(restore_to(&file, &s.identity, &live).is_err());
    assert!(default_secret_file(s.store.path()).exists());
}

#[test]
fn no_backup_without_a_recipient_and_no_bad_key_taken() {
    let s = source();
    let file = s.dir.path().join("b.backup");
    let err = s
        .store
        .backup_to_file(&file, &Recipients::default(), now())
        .unwrap_err();
    assert!(matches!(err, StoreError::Backup(BackupError::NoRecipients)));
    assert!(!file.exists());
    assert!(matches!(
        Recipients::parse(&["age1notakey".into()]),
        Err(BackupError::Recipient(_))
    ));
    // A key file is never written over, and is its owner's alone.
    assert!(keygen(&s.identity, now()).is_err());
}

#[test]
fn the_fence_starts_at_the_first_start_after_a_restore_and_ends() {
    let s = source();
    // A store never restored has no fence.
    assert_eq!(s.store.restore_fence_begin(100).unwrap(), None);
    let file = s.dir.path().join("b.backup");
    s.store.backup_to_file(&file, &s.recipients, now()).unwrap();
    let new = s.dir.path().join("fallback");
    restore_to(&file, &s.identity, &new).unwrap();
    let (db, secret_file) = target(&new);
    let restored = Store::open_with(&db, 1 << 20, &secret_file).unwrap();
    let t = now().as_second() + 3600;
    assert!(!restored.read().unwrap().restore_fenced(t).unwrap());
    let until = restored.restore_fence_begin(t).unwrap().unwrap();
    assert_eq!(until, t + RESTORE_FENCE_SECONDS);
    // A restart keeps the same end.
    assert_eq!(restored.restore_fence_begin(t + 60).unwrap(), Some(until));
    let r = restored.read().unwrap();
    assert!(r.restore_fenced(until - 1).unwrap());
    assert!(!r.restore_fenced(until).unwrap());
    drop(r);
    assert_eq!(restored.restore_fence_begin(until).unwrap(), None);
}
