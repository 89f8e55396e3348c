//! The one in-process server of the HTTP tests: the real `web::Server` on
//! 127.0.0.1, port 0, over a store in a temp dir, with the notifier built
//! from the same configuration (the file driver unless a test sets a
//! provider), stopped gracefully by `stop` or when dropped.

use ballot_tracker::clock::{Clock, SystemClock};
use ballot_tracker::config::Config;
use ballot_tracker::domain::Channel;
use ballot_tracker::notify::engine::Notifier;
use ballot_tracker::service::{Actor, tokens};
use ballot_tracker::store::{Store, TokenScope};
use ballot_tracker::web::Server;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::oneshot;

pub struct Served {
    pub addr: SocketAddr,
    pub store: Arc<Store>,
    pub notifier: Arc<Notifier>,
    pub cfg: Config,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
}

impl Served {
    pub async fn start() -> Self {
        Self::start_with(|_, _| {}, |_| {}).await
    }

    /// `configure` sees the configuration (and the temp dir, for files
    /// such as certificates) before anything opens; `prepare` sees the
    /// store before the server does.
    pub async fn start_with(
        configure: impl FnOnce(&mut Config, &std::path::Path),
        prepare: impl FnOnce(&Store),
    ) -> Self {
        Self::start_clocked(Arc::new(SystemClock), configure, prepare).await
    }

    /// The same, with the service's one clock set by the test (a rehearsal).
    pub async fn start_clocked(
        clock: Arc<dyn Clock>,
        configure: impl FnOnce(&mut Config, &std::path::Path),
        prepare: impl FnOnce(&Store),
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().into(),
            ..Config::default()
        };
        configure(&mut cfg, dir.path());
        std::fs::create_dir_all(&cfg.data_dir).unwrap();
        let store = Arc::new(Store::open(&cfg.db_path()).unwrap());
        prepare(&store);
        let notifier = Arc::new(Notifier::from_config(&cfg, store.clone(), clock).unwrap());
        let server = Server::bind(&cfg, store.clone(), notifier.clone())
            .await
            .unwrap();
        let addr = server.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Self {
            addr,
            store,
            notifier,
            cfg,
            dir,
            stop: Some(stop),
            done: Some(done),
        }
    }

    /// Where the file driver writes `channel`'s messages.
    pub fn outbox(&self, channel: Channel) -> PathBuf {
        ballot_tracker::notify::engine::file_path(&self.cfg, channel)
    }

    /// A new API token of `scope`.
    pub fn token(&self, scope: TokenScope) -> String {
        tokens::create(
            &self.store,
            &Actor::operator(),
            scope,
            "test",
            jiff::Timestamp::now(),
        )
        .unwrap()
    }

    /// Stops the server and waits until it has.
    pub async fn stop(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        self.done.take().unwrap().await.unwrap();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}
