//! The web server: hyper 1 on tokio, TLS with rustls when configured, a
//! bounded number of connections, graceful shutdown. The only module that
//! knows HTTP.

mod api;
mod auth;
pub mod client;
pub mod error;
mod headers;
mod hooks;
mod imports;
mod languages;
mod notices;
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
use tokio::sync::{Semaphore, broadcast, mpsc};
use tokio_rustls::TlsAcceptor;

/// Connections served at once; more wait in the kernel's accept queue.
pub const MAX_CONNECTIONS: usize = 512;
/// How long shutdown waits for requests in progress (a large upload may not finish).
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
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
    /// Whether answers go over TLS (for HSTS).
    pub tls: bool,
    /// The notification engine's clock, catalogs and public address.
    pub notifier: Arc<crate::notify::engine::Notifier>,
    /// Hours and time zone of voters who chose none.
    pub defaults: crate::service::subscriptions::Defaults,
    /// Auth tokens of the configured Twilio accounts (request signatures).
    pub twilio_tokens: Vec<String>,
    /// The voter pages' sign-ups in progress and rate limits.
    pub portal: portal::PortalState,
    /// Requests answered, logged as a summary.
    pub traffic: Arc<traffic::Traffic>,
}

impl App {
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
    max_connections: usize,
    /// Threads serving connections (0: one per core).
    threads: usize,
}

impl Server {
    /// Binds `cfg.listen` (port 0 picks a free port) and loads TLS if configured.
    pub async fn bind(
        cfg: &Config,
        store: Arc<Store>,
        notifier: Arc<crate::notify::engine::Notifier>,
    ) -> Result<Self, WebError> {
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
            store,
            temp_dir: cfg.temp_dir(),
            batch_rows: cfg.import.batch_rows,
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
        });
        Ok(Self {
            listener,
            tls,
            app,
            max_connections: MAX_CONNECTIONS,
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
        let limit = Arc::new(Semaphore::new(self.max_connections));
        tokio::pin!(shutdown);
        tracing::info!(url = %self.local_url()?, "serving");
        let sweeper = tokio::spawn(sweep_codes(self.app.clone()));
        let summaries = tokio::spawn(traffic::log_summaries(self.app.traffic.clone()));
        let mut workers = workers::Workers::start(self.threads)?;
        loop {
            let permit = tokio::select! {
                p = limit.clone().acquire_owned() => p.expect("semaphore never closed"),
                () = &mut shutdown => break,
            };
            let (stream, peer) = tokio::select! {
                r = self.listener.accept() => match r {
                    Ok(s) => s,
                    Err(err) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!(%err, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let stream = match stream.into_std() {
                Ok(s) => s,
                Err(err) => {
                    tracing::debug!(%peer, %err, "connection lost before it was served");
                    continue;
                }
            };
            let app = self.app.clone();
            let tls = self.tls.clone();
            let mut stop = shutdown::Shutdown::new(notify.subscribe());
            let done = done_tx.clone();
            workers.run(move || async move {
                let stream = match tokio::net::TcpStream::from_std(stream) {
                    Ok(s) => s,
                    Err(err) => {
                        tracing::warn!(%peer, %err, "cannot serve a connection");
                        return;
                    }
                };
                match tls {
                    None => serve_connection(stream, app, peer.ip(), &mut stop).await,
                    Some(acceptor) => {
                        match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream))
                            .await
                        {
                            Ok(Ok(s)) => serve_connection(s, app, peer.ip(), &mut stop).await,
                            Ok(Err(err)) => tracing::debug!(%peer, %err, "TLS handshake failed"),
                            Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
                        }
                    }
                }
                drop(permit);
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
        let now = app.notifier.clock.now();
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

async fn serve_connection<I>(
    io: I,
    app: Arc<App>,
    client: std::net::IpAddr,
    stop: &mut shutdown::Shutdown,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let svc = service_fn(move |req| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(router::handle(app, req, client).await) }
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(io), svc);
    tokio::pin!(conn);
    let result = tokio::select! {
        r = conn.as_mut() => r,
        () = stop.recv() => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(err) = result {
        tracing::debug!(%err, "connection ended with an error");
    }
}
