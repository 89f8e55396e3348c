//! Counts of the requests answered, logged once a minute. A log line per
//! request would be tens of thousands of lines a second under load, more
//! than the journal keeps (it drops the rest, warnings included), and would
//! cost the web threads as much as rendering the page.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// How often the counts are logged.
pub const SUMMARY_EVERY: Duration = Duration::from_secs(60);

/// Answers since the counts were last taken.
#[derive(Debug, Default)]
pub struct Traffic {
    /// By status class, 1xx to 5xx.
    by_class: [AtomicU64; 5],
    slowest_ms: AtomicU64,
}

/// What [`Traffic::take`] hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub answered: u64,
    /// 4xx: refused, not found, rate limited, bad input.
    pub client_errors: u64,
    /// 5xx: each also logged, with its cause, when it became a response.
    pub server_errors: u64,
    pub slowest_ms: u64,
}

impl Traffic {
    pub fn record(&self, status: u16, ms: u64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Relaxed);
        // Read first: most answers are not the slowest, and a read leaves
        // the counter's cache line shared between the web threads.
        if ms > self.slowest_ms.load(Relaxed) {
            self.slowest_ms.fetch_max(ms, Relaxed);
        }
    }

    /// The counts since the last call; starts counting afresh.
    pub fn take(&self) -> Summary {
        let counts: [u64; 5] = std::array::from_fn(|i| self.by_class[i].swap(0, Relaxed));
        Summary {
            answered: counts.iter().sum(),
            client_errors: counts[3],
            server_errors: counts[4],
            slowest_ms: self.slowest_ms.swap(0, Relaxed),
        }
    }
}

/// Logs the counts every [`SUMMARY_EVERY`] while anything was answered.
pub async fn log_summaries(traffic: std::sync::Arc<Traffic>) {
    let mut every = tokio::time::interval(SUMMARY_EVERY);
    every.tick().await;
    loop {
        every.tick().await;
        log_summary(&traffic);
    }
}

/// Logs the counts since the last summary, if anything was answered.
pub fn log_summary(traffic: &Traffic) {
    let s = traffic.take();
    if s.answered > 0 {
        tracing::info!(
            answered = s.answered,
            client_errors = s.client_errors,
            server_errors = s.server_errors,
            slowest_ms = s.slowest_ms,
            "requests since the last summary"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_answers_by_class_and_starts_afresh_when_taken() {
        let t = Traffic::default();
        for (status, ms) in [(200, 3), (303, 1), (404, 9), (429, 0), (500, 40), (200, 12)] {
            t.record(status, ms);
        }
        assert_eq!(
            t.take(),
            Summary {
                answered: 6,
                client_errors: 2,
                server_errors: 1,
                slowest_ms: 40,
            }
        );
        assert_eq!(t.take().answered, 0);
        t.record(204, 2);
        assert_eq!(
            t.take(),
            Summary {
                answered: 1,
                client_errors: 0,
                server_errors: 0,
                slowest_ms: 2,
            }
        );
    }

    #[test]
    fn odd_status_codes_fall_into_the_nearest_class() {
        let t = Traffic::default();
        t.record(999, 0);
        t.record(42, 0);
        let s = t.take();
        assert_eq!((s.answered, s.server_errors), (2, 1));
    }
}
