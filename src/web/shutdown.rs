//! Graceful shutdown, after tokio's mini-redis: the server broadcasts once;
//! each connection holds a `Shutdown` and finishes its current request before
//! closing; the server waits until every connection task has dropped its
//! completion sender.

use tokio::sync::broadcast;

/// Listens for the server's shutdown notice.
pub struct Shutdown {
    is_shutdown: bool,
    notify: broadcast::Receiver<()>,
}

impl Shutdown {
    pub fn new(notify: broadcast::Receiver<()>) -> Self {
        Self {
            is_shutdown: false,
            notify,
        }
    }

    /// Waits for the notice (returns at once if it already came).
    pub async fn recv(&mut self) {
        if self.is_shutdown {
            return;
        }
        // A lagged or closed channel means shutdown as well.
        let _ = self.notify.recv().await;
        self.is_shutdown = true;
    }
}

/// Resolves on ctrl-c or, on Unix, SIGTERM (what systemd sends).
pub async fn signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("ctrl-c: shutting down"),
        () = term => tracing::info!("SIGTERM: shutting down"),
    }
}
