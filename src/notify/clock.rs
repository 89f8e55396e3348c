//! The one clock the notification engine reads. Production uses the system
//! clock; tests and simulations use a manual one, so a whole election
//! calendar runs in seconds.

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
        let elapsed = self.real_start.elapsed().as_secs_f64() * self.speed;
        Timestamp::from_second(self.start.as_second() + elapsed as i64).expect("in range")
    }
}
