//! `serve [--demo]`: runs the web service until SIGTERM or ctrl-c.
//!
//! While it runs it holds the database; it leaves `service.json` (its URL and a
//! state token, readable by the owner only) so that the local CLI's `import`
//! can go through it. Both are removed at a clean shutdown.

use super::CliError;
use super::import::ServiceFile;
use super::systemd::Supervisor;
use crate::clock::{Clock, FastClock, SystemClock};
use crate::config::Config;
use crate::notify::engine::Notifier;
use crate::service::{Actor, tokens};
use crate::store::{Store, StoreError};
use crate::web::{Server, shutdown};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Load the demo counties (Alpine and Sierra) first; creates the data directory if needed.
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on (overrides `listen` of the configuration).
    #[arg(long, value_name = "ADDR", env = crate::config::ENV_LISTEN)]
    pub listen: Option<SocketAddr>,
    /// Rehearsal: the notification engine's clock starts at this instant
    /// (RFC 3339) instead of now…
    #[arg(long, value_name = "TIME")]
    pub clock_start: Option<jiff::Timestamp>,
    /// …and runs this many times as fast as real time.
    #[arg(
        long,
        value_name = "FACTOR",
        default_value_t = 1.0,
        requires = "clock_start"
    )]
    pub clock_speed: f64,
}

pub fn run(cfg: &Config, args: &Args) -> Result<(), CliError> {
    let io = |what: String| move |err| CliError::Io { what, err };
    if args.demo {
        create_private_dir(&cfg.data_dir)
            .map_err(io(format!("cannot create {}", cfg.data_dir.display())))?;
    }
    if !cfg.data_dir.is_dir() {
        let shown = cfg.data_dir.display();
        return Err(CliError::Usage(format!(
            "data directory {shown} does not exist: make it with `mkdir -p {shown}`, add --create, or use --demo"
        )));
    }
    make_dir_private(&cfg.data_dir);
    let store = match Store::open_with(&cfg.db_path(), cfg.store.cache_mb << 20, &cfg.secret_file())
    {
        Err(StoreError::InUse { path }) => {
            return Err(CliError::Usage(format!(
                "{} is already served by another ballot-tracker",
                path.display()
            )));
        }
        other => Arc::new(other?),
    };
    let now = jiff::Timestamp::now();
    if args.demo {
        for (feed, result) in crate::demo::load(&store, &cfg.temp_dir(), now)? {
            match result {
                Ok(s) => tracing::info!(
                    feed = s.feed,
                    rows = s.rows,
                    inserted = s.inserted,
                    "demo data"
                ),
                Err(err) => tracing::warn!(feed = feed.name(), %err, "demo data not loaded"),
            }
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io("cannot start the async runtime".into()))?;
    let clock: Arc<dyn Clock> = match args.clock_start {
        Some(start)
            if !(crate::domain::election::instant_supported(start)
                && args.clock_speed > 0.0
                && args.clock_speed <= 1_000_000.0) =>
        {
            return Err(CliError::Usage(format!(
                "--clock-start {start} --clock-speed {}: the start must fall in the years {}-{} and the speed be above 0 and at most 1000000",
                args.clock_speed,
                crate::domain::election::FIRST_YEAR,
                crate::domain::election::LAST_YEAR
            )));
        }
        Some(start) => {
            tracing::warn!(%start, speed = args.clock_speed, "rehearsal clock: messages are scheduled on simulated time");
            Arc::new(FastClock::new(start, args.clock_speed))
        }
        None => Arc::new(SystemClock),
    };
    let notifier = Arc::new(
        Notifier::from_config(cfg, store.clone(), clock)
            .map_err(|e| CliError::Usage(format!("notifications: {e}")))?,
    );
    rt.block_on(async {
        let server = Server::bind(cfg, store.clone(), notifier.clone()).await?;
        let url = server
            .local_url()
            .map_err(io("cannot read the listening address".into()))?;
        let actor = Actor::operator();
        let token = tokens::renew_local(&store, &actor, now)?;
        let file = cfg.service_file();
        write_private(
            &file,
            &serde_json::to_vec(&ServiceFile {
                url: url.clone(),
                token: token.clone(),
            })
            .expect("json"),
        )
        .map_err(io(format!("cannot write {}", file.display())))?;
        eprintln!("ballot-tracker serving on {url}");
        // Ready only now: `systemctl start` returns once the address answers
        // and service.json lets the local CLI go through the service.
        let supervisor = Supervisor::from_env();
        supervisor.ready(&url);
        supervisor.start_watchdog(store.clone());
        // One shutdown signal stops both the web server and the engine; the
        // engine finishes its round, so every send it started is recorded.
        let (stop_tx, _) = tokio::sync::broadcast::channel::<()>(1);
        let mut web_stop = shutdown::Shutdown::new(stop_tx.subscribe());
        let mut engine_stop = shutdown::Shutdown::new(stop_tx.subscribe());
        super::backup::schedule(
            cfg,
            store.clone(),
            shutdown::Shutdown::new(stop_tx.subscribe()),
        );
        let engine = {
            let notifier = notifier.clone();
            tokio::spawn(async move { notifier.run(async move { engine_stop.recv().await }).await })
        };
        tokio::spawn(async move {
            shutdown::signal().await;
            supervisor.stopping();
            let _ = stop_tx.send(());
        });
        let served = server.run(async move { web_stop.recv().await }).await;
        if let Err(err) = engine.await {
            tracing::error!(%err, "the notification engine stopped abnormally");
        }
        if let Err(err) = std::fs::remove_file(&file) {
            tracing::warn!(%err, "cannot remove the service file");
        }
        tokens::revoke(
            &store,
            &actor,
            &token,
            tokens::LOCAL_CLI,
            jiff::Timestamp::now(),
        )?;
        Ok(served?)
    })
}

/// Creates the data directory (and its parents) for the service's user only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Takes group and other access off the data directory: it holds the
/// database, the service's token and outgoing messages. A directory the
/// service cannot change (another owner's) is left as it is, with a warning.
fn make_dir_private(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(mode) = std::fs::metadata(dir).map(|m| m.permissions().mode()) else {
            return;
        };
        if mode & 0o077 != 0 {
            let private = std::fs::Permissions::from_mode(mode & 0o700);
            if let Err(err) = std::fs::set_permissions(dir, private) {
                tracing::warn!(dir = %dir.display(), %err, "the data directory is open to other users");
            }
        }
    }
}

/// Writes a file only its owner can read (it holds a state token), atomically.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("json.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}
