//! The web server: hyper 1 on tokio, TLS with rustls when configured, a
//! bounded number of connections (in all and per client address), deadlines
//! for slow clients, graceful shutdown. The only module that knows HTTP.

mod admission;
mod api;
mod auth;
mod backups;
pub mod client;
pub mod error;
mod headers;
mod hooks;
mod imports;
pub mod kit;
mod languages;
mod notices;
pub mod pacing;
pub mod portal;
mod router;
pub mod shutdown;
pub(crate) mod subscriptions;
pub mod tls;
mod traffic;
mod workers;

use crate::config::Config;
use crate::service::{Result as ServiceResult, ServiceError};
use crate::store::Store;
use error::ApiError;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, mpsc};
use tokio_rustls::TlsAcceptor;

/// A request as the handlers see it: its body is dropped when the client
/// sends it too slowly (`[server] min_body_bytes_per_second`).
pub type Incoming = pacing::Paced;

/// How long shutdown waits for requests in progress (a large upload may not finish).
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("cannot listen on {addr}: {err}")]
    Bind {
        addr: SocketAddr,
        err: std::io::Error,
    },
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the added languages' page texts: {0}")]
    Texts(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// What every handler shares.
pub struct App {
    pub store: Arc<Store>,
    pub temp_dir: PathBuf,
    /// Entries per import transaction.
    pub batch_rows: usize,
    /// Largest upload taken, in bytes.
    pub max_upload_bytes: u64,
    /// `[import] max_removal_share`: the refusal line of full voter extracts.
    pub max_removal_share: f64,
    /// Caps on what an import reads (`[import]`).
    pub import_limits: crate::ingest::ReadLimits,
    /// Whether answers go over TLS (for HSTS).
    pub tls: bool,
    /// The one clock: every handler's "now" (a rehearsal's clock too).
    pub clock: Arc<dyn crate::clock::Clock>,
    /// The notification engine's catalogs, signer and public address.
    pub notifier: Arc<crate::notify::engine::Notifier>,
    /// Hours and time zone of voters who chose none.
    pub defaults: crate::service::subscriptions::Defaults,
    /// Auth tokens of the configured Twilio accounts (request signatures).
    pub twilio_tokens: Vec<String>,
    /// The voter pages' sign-ups in progress and rate limits.
    pub portal: portal::PortalState,
    /// Requests answered, logged as a summary.
    pub traffic: Arc<traffic::Traffic>,
    /// `[backup]`: where `POST /api/v1/backups` writes, encrypted to whom.
    pub backups: crate::service::backups::Settings,
}

impl App {
    /// Now, by the service's one clock.
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// Runs a store-bound service call off the async threads.
    pub async fn blocking<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> ServiceResult<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| ApiError::Internal(format!("task: {e}")))?
            .map_err(ApiError::from)
    }

    /// Runs a short read-only service call right here: a page of one voter
    /// reads a few keys, less than handing it to another thread costs.
    pub fn read_now<T>(&self, f: impl FnOnce(&Store) -> ServiceResult<T>) -> Result<T, ApiError> {
        f(&self.store).map_err(ApiError::from)
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        ApiError::from(ServiceError::Store(e))
    }
}

/// A bound, not yet running, server.
pub struct Server {
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    app: Arc<App>,
    admission: Arc<admission::Admission>,
    limits: Limits,
    /// Threads serving connections (0: one per core).
    threads: usize,
}

/// How long a client may take, per connection.
#[derive(Clone, Copy)]
struct Limits {
    header: Duration,
    keep_alive: Duration,
    pace: pacing::Pace,
}

impl Server {
    /// Binds `cfg.listen` (port 0 picks a free port) and loads TLS if configured.
    pub async fn bind(
        cfg: &Config,
        store: Arc<Store>,
        notifier: Arc<crate::notify::engine::Notifier>,
    ) -> Result<Self, WebError> {
        admission::raise_open_files(cfg.server.max_connections);
        let tls = match cfg.tls_files() {
            Some((cert, key)) => Some(tls::acceptor(cert, key)?),
            None => None,
        };
        let added = store.read()?.languages_added()?;
        let texts = portal::text::Texts::with_added(&added).map_err(WebError::Texts)?;
        let listener = TcpListener::bind(cfg.listen)
            .await
            .map_err(|err| WebError::Bind {
                addr: cfg.listen,
                err,
            })?;
        let app = Arc::new(App {
            clock: notifier.clock.clone(),
            store,
            temp_dir: cfg.temp_dir(),
            batch_rows: cfg.import.batch_rows,
            max_upload_bytes: cfg.import.max_upload_bytes,
            max_removal_share: cfg.import.max_removal_share.0,
            import_limits: crate::ingest::ReadLimits::from_config(&cfg.import),
            tls: tls.is_some(),
            notifier,
            defaults: crate::service::subscriptions::Defaults {
                hours: cfg.default_hours().unwrap_or(crate::domain::Hours::DEFAULT),
                time_zone: cfg.scheduler.default_time_zone.clone(),
            },
            twilio_tokens: [&cfg.sms, &cfg.voice]
                .into_iter()
                .filter(|p| p.provider == crate::config::Provider::Twilio)
                .map(|p| p.auth_token.clone())
                .collect(),
            portal: portal::PortalState::new(&cfg.portal, texts),
            traffic: Arc::default(),
            backups: crate::service::backups::Settings::from_config(cfg),
        });
        Ok(Self {
            listener,
            tls,
            app,
            admission: Arc::new(admission::Admission::new(
                cfg.server.max_connections,
                cfg.server.max_connections_per_client,
                cfg.portal.trusted_proxies.clone(),
            )),
            limits: Limits {
                header: Duration::from_secs(cfg.server.header_timeout_seconds),
                keep_alive: Duration::from_secs(cfg.server.keep_alive_seconds),
                pace: pacing::Pace::from_config(&cfg.server),
            },
            threads: cfg.web_threads,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The URL a local client uses: a wildcard listen address becomes loopback.
    pub fn local_url(&self) -> std::io::Result<String> {
        let mut addr = self.local_addr()?;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => [127, 0, 0, 1].into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        Ok(format!("{scheme}://{addr}"))
    }

    /// Serves until `shutdown` resolves, then lets requests in progress finish.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), WebError> {
        let (notify, _) = broadcast::channel::<()>(1);
        let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
        tokio::pin!(shutdown);
        tracing::info!(url = %self.local_url()?, "serving");
        let sweeper = tokio::spawn(sweep_codes(self.app.clone()));
        let summaries = tokio::spawn(traffic::log_summaries(self.app.traffic.clone()));
        let mut workers = workers::Workers::start(self.threads)?;
        loop {
            let (stream, peer) = tokio::select! {
                r = self.listener.accept() => match r {
                    Ok(s) => s,
                    Err(err) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        admission::log_accept_failure(&err);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            // Refused at once, never waited for: accepting goes on for everyone else.
            let ticket = match self.admission.admit(peer.ip()) {
                Ok(t) => t,
                Err(refused) => {
                    refused.log(&self.admission);
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let stream = match stream.into_std() {
                Ok(s) => s,
                Err(err) => {
                    tracing::debug!(%err, "connection lost before it was served");
                    continue;
                }
            };
            let app = self.app.clone();
            let tls = self.tls.clone();
            let limits = self.limits;
            let mut stop = shutdown::Shutdown::new(notify.subscribe());
            let done = done_tx.clone();
            workers.run(move || async move {
                let stream = match tokio::net::TcpStream::from_std(stream) {
                    Ok(s) => pacing::KeepAlive::new(s, limits.keep_alive),
                    Err(err) => {
                        tracing::warn!(%err, "cannot serve a connection");
                        return;
                    }
                };
                let client = peer.ip();
                match tls {
                    None => serve_connection(stream, app, client, limits, &mut stop).await,
                    Some(acceptor) => {
                        match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream))
                            .await
                        {
                            Ok(Ok(s)) => serve_connection(s, app, client, limits, &mut stop).await,
                            Ok(Err(err)) => tracing::debug!(%err, "TLS handshake failed"),
                            Err(_) => tracing::debug!("TLS handshake timed out"),
                        }
                    }
                }
                drop(ticket);
                drop(done);
            });
        }
        drop(self.listener);
        sweeper.abort();
        summaries.abort();
        let _ = notify.send(());
        drop(done_tx);
        if tokio::time::timeout(DRAIN_TIMEOUT, done_rx.recv())
            .await
            .is_err()
        {
            tracing::warn!("some requests were still running at shutdown");
        }
        workers.stop().await;
        traffic::log_summary(&self.app.traffic);
        tracing::info!("stopped");
        Ok(())
    }
}

/// How often expired one-time codes and unconfirmed sign-ups are deleted.
const SWEEP_EVERY: Duration = Duration::from_secs(600);

/// Deletes expired codes and sign-ups nobody confirmed: personal data kept
/// no longer than the sign-up needs it.
async fn sweep_codes(app: Arc<App>) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        let now = app.now();
        match app
            .blocking(move |store| crate::service::portal::sweep(store, now))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "expired codes and sign-ups deleted"),
            Err(err) => tracing::warn!(%err, "deleting expired codes"),
        }
    }
}

/// Request headers that did not come in time, logged at most once a minute.
static LATE_HEADERS: admission::Notice = admission::Notice::new();

async fn serve_connection<I>(
    io: I,
    app: Arc<App>,
    client: std::net::IpAddr,
    limits: Limits,
    stop: &mut shutdown::Shutdown,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let svc = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let app = app.clone();
        let req = req.map(|body| pacing::Paced::new(body, limits.pace));
        async move { Ok::<_, Infallible>(router::handle(app, req, client).await) }
    });
    // hyper's header deadline runs from when it waits for a request, so it
    // also closes a connection idle that long.
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header)
        .serve_connection(TokioIo::new(io), svc);
    tokio::pin!(conn);
    let result = tokio::select! {
        r = conn.as_mut() => r,
        () = stop.recv() => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    match result {
        Ok(()) => {}
        Err(err) if err.is_timeout() => {
            if let Some(n) = LATE_HEADERS.hit() {
                tracing::warn!(
                    closed = n,
                    limit_seconds = limits.header.as_secs(),
                    "connections closed: request headers did not arrive in time ([server] header_timeout_seconds); logged at most once a minute"
                );
            }
        }
        Err(err) => tracing::debug!(%err, "connection ended with an error"),
    }
}
