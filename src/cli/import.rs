//! `import voters|ballots|imb|scans FILE`: loads a feed file, directly into the
//! store or, when the service holds the store, through the service's API.

use super::{CliError, Outcome, Target, print_json};
use crate::config::Config;
use crate::ingest::{Feed, IngestError, Summary, VoterMode};
use crate::service::{Actor, ServiceError, imports};
use crate::store::Store;
use crate::web::client::{self, ImportAnswer};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which feed the file is: voters, ballots, imb or scans.
    #[arg(value_parser = ["voters", "ballots", "imb", "scans"])]
    pub feed: String,
    /// The file (CSV, pipe-delimited or JSON; gzip-compressed or not).
    pub file: PathBuf,
    /// Voter extracts: `full` (absent voters of the file's counties are removed) or `delta`.
    #[arg(long, value_parser = ["full", "delta"], default_value = "delta")]
    pub mode: String,
    /// Report what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply nothing if any row is rejected.
    #[arg(long)]
    pub strict: bool,
    /// Full voter extracts: apply even if more than `[import] max_removal_share`
    /// of a county's voters would be removed.
    #[arg(long)]
    pub allow_mass_removal: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The service's address and token, written by `serve` into the data directory.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ServiceFile {
    pub url: String,
    pub token: String,
}

pub fn run(cfg: &Config, args: &Args) -> Result<Outcome, CliError> {
    let feed = Feed::parse(&args.feed).expect("clap checked the feed");
    let mode = VoterMode::parse(&args.mode).expect("clap checked the mode");
    let len = std::fs::metadata(&args.file)
        .map_err(|err| CliError::Io {
            what: format!("cannot read {}", args.file.display()),
            err,
        })?
        .len();
    let target = super::open_target(cfg)?;
    let bar = progress_bar(len, args.json);
    let result = match target {
        Target::Local(store) => local(cfg, args, feed, mode, &store, &bar),
        Target::Service(ep) => remote(&ep, args, feed, mode, &bar),
    };
    bar.finish_and_clear();
    let (summary, refused) = result?;
    if args.json {
        print_json(&summary);
    } else {
        print_summary(&args.file.display().to_string(), &summary);
        if refused {
            println!(
                "nothing was applied: --strict and {} rows were rejected",
                summary.rejected
            );
        }
    }
    Ok(if summary.rejected > 0 {
        Outcome::Rejected
    } else {
        Outcome::Ok
    })
}

fn progress_bar(len: u64, json: bool) -> ProgressBar {
    if json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40.cyan/blue} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// `(summary, refused)`: refused when `--strict` kept the rows out.
type Answer = (Summary, bool);

fn local(
    cfg: &Config,
    args: &Args,
    feed: Feed,
    mode: VoterMode,
    store: &Store,
    bar: &ProgressBar,
) -> Result<Answer, CliError> {
    let file = std::fs::File::open(&args.file).map_err(|err| CliError::Io {
        what: format!("cannot open {}", args.file.display()),
        err,
    })?;
    let bar = bar.clone();
    let req = imports::Request {
        feed,
        mode,
        dry_run: args.dry_run,
        strict: args.strict,
        source: args.file.display().to_string(),
        temp_dir: cfg.temp_dir(),
        batch_rows: cfg.import.batch_rows,
        progress: Some(Box::new(move |n| bar.set_position(n))),
        max_removal_share: (!args.allow_mass_removal).then_some(cfg.import.max_removal_share.0),
        limits: crate::ingest::ReadLimits::from_config(&cfg.import),
    };
    match imports::run(
        store,
        &Actor::operator(),
        req,
        std::io::BufReader::new(file),
        jiff::Timestamp::now(),
    ) {
        Ok(s) => Ok((s, false)),
        Err(ServiceError::Ingest(IngestError::Strict { summary, .. })) => Ok((*summary, true)),
        Err(e) => Err(e.into()),
    }
}

fn remote(
    ep: &client::Endpoint,
    args: &Args,
    feed: Feed,
    mode: VoterMode,
    bar: &ProgressBar,
) -> Result<Answer, CliError> {
    let query = format!(
        "mode={}&dry_run={}&strict={}&allow_mass_removal={}",
        imports::mode_name(mode),
        args.dry_run,
        args.strict,
        args.allow_mass_removal
    );
    if !args.json {
        eprintln!(
            "the service holds the database: sending {} to {}",
            args.file.display(),
            ep.url
        );
    }
    let bar = bar.clone();
    let answer = super::client_runtime()?.block_on(client::import_file(
        ep,
        feed,
        &query,
        &args.file,
        move |n| bar.set_position(n),
    ))?;
    Ok(match answer {
        ImportAnswer::Done(s) => (s, false),
        ImportAnswer::Refused(s) => (s, true),
    })
}

/// The human summary: counts, the first rejected rows, messages due.
pub fn print_summary(source: &str, s: &Summary) {
    let dry = if s.dry_run {
        " (dry run: nothing was changed)"
    } else {
        ""
    };
    println!("{} from {source}: {} rows{dry}", s.feed, s.rows);
    for (what, n) in [
        ("inserted", s.inserted),
        ("updated", s.updated),
        ("unchanged", s.unchanged),
        ("removed", s.removed),
        ("rejected", s.rejected),
    ] {
        println!("  {what:<10} {n:>10}");
    }
    for e in &s.errors {
        println!("    line {}, column {}: {}", e.line, e.column, e.reason);
    }
    if s.rejected > s.errors.len() as u64 {
        println!(
            "    … and {} more rejected rows",
            s.rejected - s.errors.len() as u64
        );
    }
    if s.stale > 0 {
        println!(
            "  stale rows (older than the stored voter, left unchanged): {}",
            s.stale
        );
    }
    for (why, n) in &s.scans_ignored {
        println!("  scans ignored ({why}): {n}");
    }
    if s.scans_pending > 0 {
        println!(
            "  scans kept aside until their IMB crosswalk arrives: {}",
            s.scans_pending
        );
    }
    if s.events.is_empty() {
        println!("  events calling for a message: none");
    } else {
        println!("  events calling for a message:");
        for (kind, n) in &s.events {
            println!("    {kind:<16} {n:>10}");
        }
    }
    let total: u64 = s.messages_queued.iter().map(|q| q.count).sum();
    println!("  messages to be queued: {total}");
    // A preview shows where the messages would go, county by county.
    if s.dry_run {
        for q in &s.messages_queued {
            let name = crate::domain::CountyCode::parse(&q.county).map_or("", |c| c.name());
            println!(
                "    {} {name:<16} {:<16} {:<3} {:<5} {:>10}",
                q.county, q.kind, q.language, q.channel, q.count
            );
        }
    }
    for w in &s.warnings {
        println!("  warning: {w}");
    }
}
