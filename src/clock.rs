//! The one clock the service reads: the notification engine and every web
//! handler. Production uses the system clock; tests and simulations use a
//! manual one, so a whole election calendar runs in seconds; rehearsals a
//! fast one (`serve --clock-start … --clock-speed …`).

use jiff::Timestamp;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to.
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self(Arc::new(AtomicI64::new(start.as_second())))
    }

    pub fn set(&self, t: Timestamp) {
        self.0.store(t.as_second(), Ordering::SeqCst);
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_second(self.0.load(Ordering::SeqCst)).expect("in range")
    }
}

/// A clock that starts at a given instant and runs `speed` times as fast as
/// real time: `serve --clock-start … --clock-speed …` for rehearsals and tests
/// of a running server.
pub struct FastClock {
    start: Timestamp,
    real_start: std::time::Instant,
    speed: f64,
}

impl FastClock {
    pub fn new(start: Timestamp, speed: f64) -> Self {
        Self {
            start,
            real_start: std::time::Instant::now(),
            speed,
        }
    }
}

impl Clock for FastClock {
    fn now(&self) -> Timestamp {
        // Saturates at the end of the calendar rather than panic (`as`
        // saturates a huge or NaN product; the sum is checked).
        let elapsed = (self.real_start.elapsed().as_secs_f64() * self.speed) as i64;
        let secs = self.start.as_second().saturating_add(elapsed.max(0));
        Timestamp::from_second(secs).unwrap_or(Timestamp::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fast_clock_at_the_end_of_the_calendar_stays_there() {
        let c = FastClock::new(Timestamp::MAX - jiff::SignedDuration::from_secs(5), 1e300);
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert_eq!(c.now(), Timestamp::MAX);
        let nan = FastClock::new(Timestamp::UNIX_EPOCH, f64::NAN);
        assert_eq!(nan.now(), Timestamp::UNIX_EPOCH);
    }
}
