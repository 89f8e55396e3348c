//! What `serve` tells systemd (`Type=notify`): READY=1 once it listens with
//! the store open, STOPPING=1 when a shutdown begins, and WATCHDOG=1 while the
//! runtime and the store answer. Outside systemd (`NOTIFY_SOCKET` unset)
//! nothing is sent and no watchdog task runs.

use crate::store::{Store, StoreError};
use sd_notify::NotifyState;
use std::sync::Arc;
use std::time::Duration;

/// The shortest ping interval: a misread tiny `WATCHDOG_USEC` must not turn
/// the watchdog task into a busy loop.
const MIN_PING: Duration = Duration::from_millis(10);

/// The service manager that started this process, if any.
#[derive(Clone, Copy, Debug)]
pub struct Supervisor {
    present: bool,
}

impl Supervisor {
    /// Looks at `NOTIFY_SOCKET` once: a process started by hand has none.
    pub fn from_env() -> Self {
        Self {
            present: std::env::var_os("NOTIFY_SOCKET").is_some_and(|s| !s.is_empty()),
        }
    }

    /// The service is up: it listens and its store is open.
    pub fn ready(self, url: &str) {
        self.send(&[
            NotifyState::Ready,
            NotifyState::Status(&format!("serving on {url}")),
        ]);
    }

    /// A shutdown began: systemd waits for the exit instead of calling it a crash.
    pub fn stopping(self) {
        self.send(&[NotifyState::Stopping, NotifyState::Status("shutting down")]);
    }

    /// Starts the watchdog task on the current runtime when systemd asked for
    /// one (`WatchdogSec=`, passed as `WATCHDOG_USEC`).
    pub fn start_watchdog(self, store: Arc<Store>) {
        if !self.present {
            return;
        }
        let Some(every) = ping_interval(sd_notify::watchdog_enabled()) else {
            return;
        };
        tracing::info!(every_ms = every.as_millis() as u64, "systemd watchdog");
        tokio::spawn(watchdog(self, store, every));
    }

    fn send(self, states: &[NotifyState]) {
        if !self.present {
            return;
        }
        if let Err(err) = sd_notify::notify(states) {
            tracing::warn!(%err, "cannot notify systemd");
        }
    }
}

/// How often to ping: half the watchdog's timeout, as sd_watchdog_enabled(3)
/// advises, so one late tick does not get the service killed. None when there
/// is no watchdog (unset or zero).
pub fn ping_interval(timeout: Option<Duration>) -> Option<Duration> {
    let timeout = timeout.filter(|t| !t.is_zero())?;
    Some((timeout / 2).max(MIN_PING))
}

/// Pings only after a health check passes: the tick itself shows that the
/// runtime schedules tasks; a store read (on a blocking thread, bounded by
/// the interval) shows the database answers. A check that fails or hangs
/// skips the ping, so systemd restarts a service that stopped answering. A
/// hung read is waited for again rather than joined by more of its kind.
async fn watchdog(supervisor: Supervisor, store: Arc<Store>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut hung: Option<tokio::task::JoinHandle<Result<(), StoreError>>> = None;
    let mut failing = false;
    loop {
        ticks.tick().await;
        let mut check = hung.take().unwrap_or_else(|| {
            let store = store.clone();
            tokio::task::spawn_blocking(move || store.read().map(drop))
        });
        let why = match tokio::time::timeout(every, &mut check).await {
            Ok(Ok(Ok(()))) => None,
            Ok(Ok(Err(err))) => Some(err.to_string()),
            Ok(Err(err)) => Some(err.to_string()),
            Err(_) => {
                hung = Some(check);
                Some("a store read took longer than the ping interval".to_string())
            }
        };
        match why {
            None => {
                if failing {
                    tracing::info!("the store answers again: watchdog pings resume");
                    failing = false;
                }
                supervisor.send(&[NotifyState::Watchdog]);
            }
            Some(why) if !failing => {
                tracing::error!(%why, "health check failed: no watchdog ping");
                failing = true;
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pings_at_half_the_timeout() {
        assert_eq!(
            ping_interval(Some(Duration::from_secs(30))),
            Some(Duration::from_secs(15))
        );
        assert_eq!(
            ping_interval(Some(Duration::from_micros(3_000_001))),
            Some(Duration::from_nanos(1_500_000_500))
        );
    }

    #[test]
    fn no_watchdog_means_no_pings() {
        assert_eq!(ping_interval(None), None);
        assert_eq!(ping_interval(Some(Duration::ZERO)), None);
    }

    #[test]
    fn a_tiny_timeout_does_not_make_a_busy_loop() {
        assert_eq!(
            ping_interval(Some(Duration::from_micros(1))),
            Some(MIN_PING)
        );
        assert_eq!(
            ping_interval(Some(Duration::from_millis(20))),
            Some(MIN_PING)
        );
        assert_eq!(
            ping_interval(Some(Duration::from_millis(22))),
            Some(Duration::from_millis(11))
        );
    }
}
