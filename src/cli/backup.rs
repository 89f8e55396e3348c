//! `backup FILE`, `backup keygen --out FILE`, `backup verify FILE --identity KEY`,
//! `restore FILE --identity KEY` (into `--data DIR`), and the scheduled
//! backups `serve` takes (`[backup] every`).
//!
//! While the service holds the database, `backup` asks it for one
//! (`POST /api/v1/backups`: the service reads its own snapshot) and copies
//! the file it wrote; otherwise it opens the database itself.

use super::{CliError, Target, print_json};
use crate::config::Config;
use crate::service::{Actor, backups};
use crate::store::Store;
use crate::store::backup::{self, Identities, Manifest, Written};
use crate::web::shutdown::Shutdown;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Where to write the backup (a new file; encrypted to `[backup] recipients`).
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    /// Print the manifest as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Make an age key pair: the secret key into a new file (keep it off the
    /// service's machine), the public key printed for `[backup] recipients`.
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Decrypt a backup and check every table against its manifest, restoring nothing.
    Verify {
        file: PathBuf,
        /// The age identity file holding a secret key the backup was encrypted to.
        #[arg(long, value_name = "KEY")]
        identity: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// The backup file.
    pub file: PathBuf,
    /// The age identity file holding a secret key the backup was encrypted to.
    #[arg(long, value_name = "KEY")]
    pub identity: PathBuf,
}

pub fn run(cfg: &Config, args: &Args) -> Result<(), CliError> {
    match &args.command {
        Some(Command::Keygen { out }) => {
            let public = backup::keygen(out, jiff::Timestamp::now())?;
            eprintln!(
                "secret key written to {}; keep it off this machine, where only a restore needs it",
                out.display()
            );
            println!("{public}");
            Ok(())
        }
        Some(Command::Verify { file, identity }) => {
            let ids = Identities::from_file(identity)?;
            let read = backup::verify_file(file, &ids)?;
            show(&format!("{} is whole", file.display()), &read, args.json);
            Ok(())
        }
        None => {
            let file = args.file.as_deref().expect("clap requires FILE");
            let written = take(cfg, file)?;
            show(
                &format!("backup written to {}", file.display()),
                &written,
                args.json,
            );
            Ok(())
        }
    }
}

fn take(cfg: &Config, file: &Path) -> Result<Written, CliError> {
    if file.exists() {
        return Err(CliError::Usage(format!(
            "{} exists already: a backup never writes over a file",
            file.display()
        )));
    }
    match super::open_target(cfg)? {
        Target::Local(store) => {
            let settings = backups::Settings::from_config(cfg);
            Ok(backups::take(
                &store,
                &Actor::operator(),
                &settings.recipients,
                file,
                jiff::Timestamp::now(),
            )?)
        }
        Target::Service(ep) => {
            eprintln!(
                "the service holds the database: POST {}/api/v1/backups",
                ep.url
            );
            let answer = super::client_runtime()?.block_on(crate::web::client::call_json(
                &ep,
                hyper::Method::POST,
                "/api/v1/backups",
                None,
            ))?;
            let taken: backups::Taken = serde_json::from_value(answer).map_err(|e| {
                CliError::Usage(format!("the service's answer is not a backup: {e}"))
            })?;
            copy_checked(&taken.file, file, &taken.written.sha256)?;
            eprintln!("(the service keeps its copy, {})", taken.file.display());
            Ok(taken.written)
        }
    }
}

/// Copies the service's backup to `to` (through `to.partial`), and checks
/// the copy's SHA-256 against the one the service wrote.
fn copy_checked(from: &Path, to: &Path, sha256: &str) -> Result<(), CliError> {
    use sha2::{Digest, Sha256};
    let io = |what: String| move |err| CliError::Io { what, err };
    let mut src =
        std::fs::File::open(from).map_err(io(format!("cannot read {}", from.display())))?;
    let partial = to.with_extension("partial");
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut dst = opts
        .open(&partial)
        .map_err(io(format!("cannot create {}", partial.display())))?;
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let copied = (|| -> std::io::Result<()> {
        loop {
            let n = src.read(&mut buf)?;
            if n == 0 {
                break;
            }
            sha.update(&buf[..n]);
            dst.write_all(&buf[..n])?;
        }
        dst.sync_all()
    })();
    let result = copied
        .map_err(io(format!(
            "cannot copy the backup to {}",
            partial.display()
        )))
        .and_then(|()| {
            if hex::encode(sha.finalize()) == sha256 {
                Ok(())
            } else {
                Err(CliError::Usage(format!(
                    "the copy of {} does not match what the service wrote",
                    from.display()
                )))
            }
        })
        .and_then(|()| {
            std::fs::rename(&partial, to).map_err(io(format!("cannot name {}", to.display())))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn show(title: &str, w: &Written, json: bool) {
    if json {
        print_json(w);
        return;
    }
    println!("{title}");
    summary(&w.manifest);
    println!("  {} bytes, sha256 {}", w.bytes, w.sha256);
}

fn summary(m: &Manifest) {
    let at = jiff::Timestamp::from_second(m.header.snapshot_at)
        .map_or_else(|_| m.header.snapshot_at.to_string(), |t| t.to_string());
    println!("  snapshot of {at}, schema {}", m.header.schema);
    for t in &m.tables {
        println!("  {:<28} {:>12}  {}", t.name, t.rows, &t.digest[..16]);
    }
}

pub fn restore(cfg: &Config, args: &RestoreArgs) -> Result<(), CliError> {
    let ids = Identities::from_file(&args.identity)?;
    let (db, secret_file) = (cfg.db_path(), cfg.secret_file());
    let manifest = backup::restore(
        &args.file,
        &ids,
        &backup::restore::Target {
            data_dir: &cfg.data_dir,
            db: &db,
            secret_file: &secret_file,
            cache_bytes: cfg.store.cache_mb << 20,
        },
        jiff::Timestamp::now(),
    )?;
    println!(
        "restored {} into {} (every table checked against the backup's manifest)",
        args.file.display(),
        cfg.data_dir.display()
    );
    summary(&manifest);
    println!(
        "  secret file {}\nBefore `serve`: make sure the old instance is stopped for good. For {} hours after its first start this instance looks every message up at its provider before sending it.",
        secret_file.display(),
        backup::RESTORE_FENCE_SECONDS / 3600
    );
    Ok(())
}

/// Starts the scheduled backups when `[backup] every` is set: one at a time,
/// on a thread of its own at low priority, the first one `every` after the
/// newest in the backup directory. A failure is logged and the next one
/// tried at its time; the service goes on.
pub fn schedule(cfg: &Config, store: Arc<Store>, mut stop: Shutdown) {
    let Some(every) = cfg.backup.interval() else {
        return;
    };
    let settings = backups::Settings::from_config(cfg);
    let since = backups::newest(&settings.dir)
        .and_then(|t| t.elapsed().ok())
        .unwrap_or(every);
    let first = every.saturating_sub(since).max(Duration::from_secs(60));
    tracing::info!(every_seconds = every.as_secs(), keep = settings.keep, dir = %settings.dir.display(), "scheduled backups");
    tokio::spawn(async move {
        let start = tokio::time::Instant::now() + first;
        let mut tick = tokio::time::interval_at(start, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = stop.recv() => return,
            }
            let (done, result) = tokio::sync::oneshot::channel();
            let (store, settings) = (store.clone(), settings.clone());
            let spawned = std::thread::Builder::new()
                .name("backup".into())
                .spawn(move || {
                    lower_priority();
                    let now = jiff::Timestamp::now();
                    let _ = done.send(backups::take_into_dir(
                        &store,
                        &backups::schedule_actor(),
                        &settings,
                        now,
                    ));
                });
            if let Err(err) = spawned {
                tracing::error!(%err, "cannot start the backup thread");
                continue;
            }
            // A stop does not wait for a backup under way: its partial file
            // is deleted by the next one.
            tokio::select! {
                r = result => match r {
                    Ok(Ok(t)) => tracing::info!(
                        file = %t.file.display(),
                        bytes = t.written.bytes,
                        rows = t.written.manifest.rows(),
                        "backup written and checked"
                    ),
                    Ok(Err(err)) => tracing::error!(%err, "scheduled backup failed; the next one is tried at its time"),
                    Err(_) => tracing::error!("the backup thread stopped"),
                },
                () = stop.recv() => return,
            }
        }
    });
}

/// Nice 10 for the backup thread: it reads the whole database, and voter
/// pages and dispatch come first.
fn lower_priority() {
    // SAFETY: setpriority only reads its integer arguments; on Linux the
    // nice value is per thread and `who = 0` is the calling thread.
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) };
}
