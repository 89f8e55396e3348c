//! The command line: `serve`, `import`, `ballot`, `election`, `token`,
//! `subscription`, `county`, `catalog`, `language`, `backup`, `restore`.
//!
//! Each subcommand loads the configuration, opens the store, calls the service
//! layer and prints. Errors are one line on stderr; the exit code is 0 on
//! success, 2 when an import rejected rows, 1 on any error.

mod backup;
mod ballot;
mod catalog;
mod county;
mod election;
mod import;
mod language;
mod logging;
mod serve;
mod subscription;
mod systemd;
mod token;

pub use logging::log_to;

use crate::config::{self, Config, ConfigError, Overrides};
use crate::service::ServiceError;
use crate::store::{Store, StoreError};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "ballot-tracker",
    version,
    about = "Vote-by-mail ballot tracking for California counties"
)]
pub struct Cli {
    /// Configuration file (TOML).
    #[arg(long, global = true, value_name = "FILE", env = config::ENV_CONFIG)]
    pub config: Option<PathBuf>,
    /// Data directory (overrides `data_dir` of the configuration).
    #[arg(long, global = true, value_name = "DIR", env = config::ENV_DATA)]
    pub data: Option<PathBuf>,
    /// Make the data directory (owner-only) if it does not exist yet.
    #[arg(long, global = true)]
    pub create: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web service.
    Serve(serve::Args),
    /// Load a VoteCal extract, IMB crosswalk or USPS scan file.
    Import(import::Args),
    /// A voter's ballot.
    #[command(subcommand)]
    Ballot(ballot::Command),
    /// Define elections; opt counties out or sign them up.
    #[command(subcommand)]
    Election(election::Command),
    /// API tokens.
    #[command(subcommand)]
    Token(token::Command),
    /// Voters' subscriptions to ballot messages.
    #[command(subcommand)]
    Subscription(subscription::Command),
    /// A county elections office's details in messages.
    #[command(subcommand)]
    County(county::Command),
    /// Message texts: overrides and previews.
    #[command(subcommand)]
    Catalog(catalog::Command),
    /// Languages beyond the ten built in.
    #[command(subcommand)]
    Language(language::Command),
    /// An encrypted backup of the database, taken while the service runs.
    Backup(backup::Args),
    /// Restore a backup into a new data directory (`--data DIR`).
    Restore(backup::RestoreArgs),
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Web(#[from] crate::web::WebError),
    #[error(transparent)]
    Client(#[from] crate::web::client::ClientError),
    #[error("{0}")]
    Usage(String),
    #[error("{what}: {err}")]
    Io { what: String, err: std::io::Error },
}

/// What a command reports back to `main`.
pub enum Outcome {
    Ok,
    /// An import rejected rows.
    Rejected,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    private_files();
    init_logging(&cli.command);
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(2),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, CliError> {
    let mut overrides = Overrides {
        config_file: cli.config,
        data_dir: cli.data,
        listen: None,
    };
    if cli.create {
        create_data_dir(&Config::load(&overrides)?.data_dir)?;
    }
    match cli.command {
        Command::Serve(args) => {
            overrides.listen = args.listen;
            serve::run(&Config::load(&overrides)?, &args).map(|()| Outcome::Ok)
        }
        Command::Import(args) => import::run(&Config::load(&overrides)?, &args),
        Command::Ballot(c) => ballot::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::Election(c) => election::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::Token(c) => token::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::County(c) => county::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::Catalog(c) => catalog::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::Language(c) => language::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok),
        Command::Backup(a) => backup::run(&Config::load(&overrides)?, &a).map(|()| Outcome::Ok),
        Command::Restore(a) => {
            backup::restore(&Config::load(&overrides)?, &a).map(|()| Outcome::Ok)
        }
        Command::Subscription(c) => {
            subscription::run(&Config::load(&overrides)?, &c).map(|()| Outcome::Ok)
        }
    }
}

/// Files and directories this process creates (database, secret, service
/// file, outbox files, spooled uploads, sort runs) are its user's alone,
/// whatever umask the shell or service manager gave it.
fn private_files() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Logs go to stderr; `RUST_LOG` chooses the level (info for `serve`, warnings otherwise).
fn init_logging(cmd: &Command) {
    let default = if matches!(cmd, Command::Serve(_)) {
        "info"
    } else {
        "warn"
    };
    log_to(default, std::io::stderr, std::io::stderr().is_terminal());
}

/// Opens the store of an existing data directory.
fn open_store(cfg: &Config) -> Result<Store, CliError> {
    match open_target(cfg)? {
        Target::Local(store) => Ok(store),
        Target::Service(_) => Err(CliError::Usage(format!(
            "the database {} is held by the running service; stop it first, or use its HTTP API",
            cfg.db_path().display()
        ))),
    }
}

/// Where a command's changes go: the database itself, or the running
/// service that holds it.
enum Target {
    Local(Store),
    Service(crate::web::client::Endpoint),
}

/// Makes the data directory and its parents; only its owner may enter it.
fn create_data_dir(dir: &std::path::Path) -> Result<(), CliError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|err| CliError::Io {
        what: format!("cannot make the data directory {}", dir.display()),
        err,
    })
}

/// What to do about a data directory that is not there.
fn missing_data_dir(dir: &std::path::Path) -> CliError {
    let shown = dir.display();
    CliError::Usage(format!(
        "data directory {shown} does not exist: make it with `mkdir -p {shown}`, or add --create"
    ))
}

fn open_target(cfg: &Config) -> Result<Target, CliError> {
    if !cfg.data_dir.is_dir() {
        return Err(missing_data_dir(&cfg.data_dir));
    }
    match Store::open_with(&cfg.db_path(), cfg.store.cache_mb << 20, &cfg.secret_file()) {
        Ok(store) => Ok(Target::Local(store)),
        Err(StoreError::InUse { .. }) => Ok(Target::Service(service_endpoint(cfg)?)),
        Err(e) => Err(e.into()),
    }
}

/// The running service's address and token, from the file `serve` leaves
/// in the data directory.
fn service_endpoint(cfg: &Config) -> Result<crate::web::client::Endpoint, CliError> {
    let path = cfg.service_file();
    let text = std::fs::read_to_string(&path).map_err(|err| CliError::Io {
        what: format!(
            "the database is in use by another process, and its service file {} cannot be read",
            path.display()
        ),
        err,
    })?;
    let sf: import::ServiceFile = serde_json::from_str(&text).map_err(|e| {
        CliError::Usage(format!("service file {} is not valid: {e}", path.display()))
    })?;
    Ok(crate::web::client::Endpoint {
        url: sf.url,
        token: sf.token,
        ca: cfg.tls.cert.clone(),
    })
}

/// The runtime a command talks to the service on.
fn client_runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| CliError::Io {
            what: "cannot start the async runtime".into(),
            err,
        })
}

/// A command's change made through the running service's API; prints its
/// JSON answer.
fn through_service(
    ep: &crate::web::client::Endpoint,
    method: hyper::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> Result<(), CliError> {
    eprintln!("the service holds the database: {method} {}{path}", ep.url);
    let answer = client_runtime()?.block_on(crate::web::client::call_json(
        ep,
        method,
        path,
        body.as_ref(),
    ))?;
    print_json(&answer);
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("serializes")
    );
}
