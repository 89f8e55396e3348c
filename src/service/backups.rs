//! Backups: taking one (by the operator, a state token, or the schedule),
//! each audited, and keeping the newest `keep` in the backup directory.

use super::{Actor, Result, ServiceError, secs};
use crate::store::backup::{Recipients, Written};
use crate::store::{Store, TokenScope};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How the service writes backups (`[backup]`).
#[derive(Clone, Debug)]
pub struct Settings {
    pub dir: PathBuf,
    pub recipients: Recipients,
    pub keep: usize,
}

impl Settings {
    /// From the configuration, whose recipients were checked when it loaded.
    pub fn from_config(cfg: &crate::config::Config) -> Self {
        Self {
            dir: cfg.backup_dir(),
            recipients: Recipients::parse(&cfg.backup.recipients).unwrap_or_default(),
            keep: cfg.backup.keep,
        }
    }
}

/// A backup written into the backup directory.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Taken {
    pub file: PathBuf,
    #[serde(flatten)]
    pub written: Written,
}

/// The schedule's name in the audit log.
pub fn schedule_actor() -> Actor {
    Actor {
        name: "backup schedule".into(),
        scope: TokenScope::State,
    }
}

/// Writes a verified, encrypted backup of the last commit to `file`. The
/// state's alone: a backup holds every county's voters.
pub fn take(
    store: &Store,
    actor: &Actor,
    recipients: &Recipients,
    file: &Path,
    now: jiff::Timestamp,
) -> Result<Written> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may take backups: they hold every county's voters".into(),
        ));
    }
    if recipients.is_empty() {
        return Err(ServiceError::Invalid(
            "no backup recipients: set [backup] recipients to at least one age public key (age1…; `ballot-tracker backup keygen --out FILE` makes a pair)".into(),
        ));
    }
    if file.exists() {
        return Err(ServiceError::Conflict(format!(
            "{} exists already: a backup never writes over a file",
            file.display()
        )));
    }
    let written = store.backup_to_file(file, recipients, now)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    store.write(true, |b| {
        b.audit(
            secs(now),
            &actor.name,
            &format!(
                "took a backup {name} ({} tables, {} rows)",
                written.manifest.tables.len(),
                written.manifest.rows()
            ),
        )
    })?;
    Ok(written)
}

/// A backup into the backup directory, under a name that sorts by time,
/// then the oldest beyond `keep` deleted.
pub fn take_into_dir(
    store: &Store,
    actor: &Actor,
    settings: &Settings,
    now: jiff::Timestamp,
) -> Result<Taken> {
    make_private_dir(&settings.dir)?;
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let file = (0..)
        .map(|n| match n {
            0 => settings.dir.join(format!("{PREFIX}{stamp}{SUFFIX}")),
            n => settings.dir.join(format!("{PREFIX}{stamp}-{n}{SUFFIX}")),
        })
        .find(|p| !p.exists())
        .expect("some name is free");
    let written = take(store, actor, &settings.recipients, &file, now)?;
    if let Err(err) = prune(&settings.dir, settings.keep) {
        tracing::warn!(%err, dir = %settings.dir.display(), "cannot delete old backups");
    }
    Ok(Taken { file, written })
}

const PREFIX: &str = "ballot-tracker-";
const SUFFIX: &str = ".backup";

/// The backup files of `dir`, oldest first.
pub fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    // By time, then by the number a second backup in the same second gets
    // (`…Z-1.backup` would sort before `…Z.backup` as text).
    out.sort_by_key(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = &name[PREFIX.len()..name.len() - SUFFIX.len()];
        match stem.split_once('-') {
            Some((stamp, n)) => (stamp.to_string(), n.parse::<u32>().unwrap_or(u32::MAX)),
            None => (stem.to_string(), 0),
        }
    });
    Ok(out)
}

/// Deletes all but the newest `keep` backups, and what a backup cut off
/// by a stop left (`.partial`). Returns the files deleted.
pub fn prune(dir: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let all = list(dir)?;
    let mut gone: Vec<PathBuf> = all[..all.len().saturating_sub(keep)].to_vec();
    for e in std::fs::read_dir(dir)?.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(PREFIX) && name.ends_with(".partial") {
            gone.push(e.path());
        }
    }
    for p in &gone {
        std::fs::remove_file(p)?;
    }
    Ok(gone)
}

/// When the newest backup in `dir` was written, if there is one.
pub fn newest(dir: &Path) -> Option<std::time::SystemTime> {
    list(dir)
        .ok()?
        .last()
        .and_then(|p| std::fs::metadata(p).ok())
        .and_then(|m| m.modified().ok())
}

fn make_private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| {
        ServiceError::Invalid(format!(
            "cannot make the backup directory {}: {e}",
            dir.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Timestamp {
        "2026-10-06T17:00:00Z".parse().unwrap()
    }

    fn settings(dir: &Path, keep: usize) -> Settings {
        let public = crate::store::backup::keygen(&dir.join("key"), now()).unwrap();
        Settings {
            dir: dir.join("backups"),
            recipients: Recipients::parse(&[public]).unwrap(),
            keep,
        }
    }

    #[test]
    fn scheduled_backups_keep_the_newest_and_are_audited() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let s = settings(dir.path(), 3);
        let mut taken = Vec::new();
        for i in 0..5 {
            let at = now() + jiff::SignedDuration::from_hours(i);
            taken.push(
                take_into_dir(&store, &schedule_actor(), &s, at)
                    .unwrap()
                    .file,
            );
        }
        // A backup cut off by a stop leaves a partial file; the next prune removes it.
        std::fs::write(s.dir.join("ballot-tracker-x.backup.partial"), "cut").unwrap();
        std::fs::write(s.dir.join("notes.txt"), "not a backup").unwrap();
        let gone = prune(&s.dir, 3).unwrap();
        assert_eq!(gone.len(), 1);
        assert_eq!(list(&s.dir).unwrap(), taken[2..].to_vec());
        assert!(s.dir.join("notes.txt").exists());
        let audit = store.read().unwrap().audit_log().unwrap();
        let lines: Vec<_> = audit
            .iter()
            .filter(|(_, who, what)| who == "backup schedule" && what.starts_with("took a backup"))
            .collect();
        assert_eq!(lines.len(), 5);
        // Two in the same second get two names.
        let at = now() + jiff::SignedDuration::from_hours(5);
        let a = take_into_dir(&store, &schedule_actor(), &s, at).unwrap();
        let b = take_into_dir(&store, &schedule_actor(), &s, at).unwrap();
        assert_ne!(a.file, b.file);
        assert_eq!(list(&s.dir).unwrap(), [taken[4].clone(), a.file, b.file]);
    }

    #[test]
    fn only_the_state_takes_backups_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let s = settings(dir.path(), 3);
        let county = Actor::token(
            "alpine",
            TokenScope::County(crate::domain::CountyCode::parse("02").unwrap()),
        );
        let file = dir.path().join("b.backup");
        assert!(matches!(
            take(&store, &county, &s.recipients, &file, now()),
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            take(
                &store,
                &Actor::operator(),
                &Recipients::default(),
                &file,
                now()
            ),
            Err(ServiceError::Invalid(_))
        ));
        assert!(!file.exists());
        take(&store, &Actor::operator(), &s.recipients, &file, now()).unwrap();
        assert!(matches!(
            take(&store, &Actor::operator(), &s.recipients, &file, now()),
            Err(ServiceError::Conflict(_))
        ));
    }
}
