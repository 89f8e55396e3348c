//! Who may open one more connection: at most `max_connections` in all and
//! `max_connections_per_client` from one client address, so one address
//! cannot take the slots everyone else needs. Checked once when a connection
//! is accepted and once when it closes; a refused connection is closed at
//! once, and accepting never waits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

/// A client address as the limits see it: an IPv4 address, or an IPv6 /64
/// (what one home or host is given, so it cannot dodge the limit by
/// changing the address's lower half).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientKey {
    V4(u32),
    V6(u64),
}

impl ClientKey {
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(a) => Self::V4(u32::from(a)),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => Self::V4(u32::from(v4)),
                None => Self::V6((u128::from(a) >> 64) as u64),
            },
        }
    }
}

/// Why a connection was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Its address has `max_connections_per_client` open.
    PerClient,
    /// The server has `max_connections` open.
    Full,
}

#[derive(Default)]
struct Open {
    total: usize,
    by_client: HashMap<ClientKey, u32, foldhash::fast::RandomState>,
}

/// The connections open, by client address.
pub struct Admission {
    open: Mutex<Open>,
    max_total: usize,
    max_per_client: u32,
    /// Reverse proxies: many voters behind one address, so counted only in the total.
    exempt: Vec<IpAddr>,
}

/// One admitted connection; dropping it gives its place back.
pub struct Ticket {
    admission: Arc<Admission>,
    key: Option<ClientKey>,
}

impl Admission {
    pub fn new(max_total: usize, max_per_client: usize, exempt: Vec<IpAddr>) -> Self {
        Self {
            open: Mutex::default(),
            max_total,
            max_per_client: u32::try_from(max_per_client).unwrap_or(u32::MAX),
            exempt,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a new connection from `peer`, if there is one.
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Result<Ticket, Refused> {
        let key = (!self.exempt.contains(&peer)).then(|| ClientKey::of(peer));
        let mut open = self.lock();
        if open.total >= self.max_total {
            return Err(Refused::Full);
        }
        if let Some(k) = key {
            let n = open.by_client.entry(k).or_insert(0);
            if *n >= self.max_per_client {
                return Err(Refused::PerClient);
            }
            *n += 1;
        }
        open.total += 1;
        Ok(Ticket {
            admission: self.clone(),
            key,
        })
    }

    /// Connections open now.
    #[cfg(test)]
    fn open(&self) -> usize {
        self.lock().total
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self.admission.lock();
        open.total -= 1;
        if let Some(k) = self.key
            && let Some(n) = open.by_client.get_mut(&k)
        {
            *n -= 1;
            if *n == 0 {
                open.by_client.remove(&k);
            }
        }
    }
}

/// How often at most each kind of refusal is logged.
const NOTICE_EVERY_MS: u64 = 60_000;

/// A warning logged at most once a minute however often it happens, with
/// the count since the last line: under attack, one line a minute rather
/// than one per refused connection.
pub struct Notice {
    /// Milliseconds since the process's first notice when the next line may go.
    next_ms: AtomicU64,
    count: AtomicU64,
}

impl Notice {
    pub const fn new() -> Self {
        Self {
            next_ms: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }

    /// Counts one; the count to log when a line is due.
    pub fn hit(&self) -> Option<u64> {
        static START: OnceLock<Instant> = OnceLock::new();
        let now = u64::try_from(START.get_or_init(Instant::now).elapsed().as_millis())
            .unwrap_or(u64::MAX);
        self.count.fetch_add(1, Relaxed);
        let next = self.next_ms.load(Relaxed);
        if now < next
            || self
                .next_ms
                .compare_exchange(next, now + NOTICE_EVERY_MS, Relaxed, Relaxed)
                .is_err()
        {
            return None;
        }
        Some(self.count.swap(0, Relaxed))
    }
}

impl Default for Notice {
    fn default() -> Self {
        Self::new()
    }
}

static PER_CLIENT: Notice = Notice::new();
static FULL: Notice = Notice::new();
static ACCEPT_FAILED: Notice = Notice::new();

/// Logs a failed accept (out of file descriptors and the like), at most
/// once a minute: under a flood it fails for every new connection.
pub fn log_accept_failure(err: &std::io::Error) {
    if let Some(n) = ACCEPT_FAILED.hit() {
        tracing::warn!(%err, failed = n, "accepting connections failed; logged at most once a minute");
    }
}

/// Files a process needs open besides its connections: the database,
/// import spill files, provider connections.
const OTHER_FILES: u64 = 256;

/// Raises the soft limit on open files so that `max_connections` and the
/// service's own files fit (up to the hard limit), and warns when they do
/// not: the system would then refuse connections before the limits here do.
/// Returns the soft limit in force.
pub fn raise_open_files(max_connections: usize) -> u64 {
    let wanted = (max_connections as u64).saturating_add(OTHER_FILES);
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 0;
    }
    if lim.rlim_cur < wanted {
        let raised = libc::rlimit {
            rlim_cur: wanted.min(lim.rlim_max),
            rlim_max: lim.rlim_max,
        };
        // SAFETY: setrlimit only reads the struct it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim = raised;
        }
    }
    if lim.rlim_cur < wanted {
        tracing::warn!(
            open_files = lim.rlim_cur,
            max_connections,
            "the open-file limit is below [server] max_connections and the service's own files: raise LimitNOFILE, or lower max_connections"
        );
    }
    lim.rlim_cur
}

impl Refused {
    /// Logs the refusal, at most once a minute per kind (no client address:
    /// the count is what an operator acts on).
    pub fn log(self, admission: &Admission) {
        match self {
            Self::PerClient => {
                if let Some(n) = PER_CLIENT.hit() {
                    tracing::warn!(
                        refused = n,
                        limit = admission.max_per_client,
                        "connections refused: too many at once from one client address ([server] max_connections_per_client); logged at most once a minute"
                    );
                }
            }
            Self::Full => {
                if let Some(n) = FULL.hit() {
                    tracing::warn!(
                        refused = n,
                        limit = admission.max_total,
                        "connections refused: the server has as many open as it serves ([server] max_connections); logged at most once a minute"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn one_address_cannot_take_every_place() {
        let a = Arc::new(Admission::new(5, 2, vec![ip("10.0.0.9")]));
        let one = a.admit(ip("192.0.2.1")).unwrap();
        let two = a.admit(ip("192.0.2.1")).unwrap();
        assert_eq!(a.admit(ip("192.0.2.1")).err(), Some(Refused::PerClient));
        // Another address still gets in.
        let other = a.admit(ip("192.0.2.2")).unwrap();
        drop(one);
        let again = a.admit(ip("192.0.2.1")).unwrap();
        // A trusted proxy counts only toward the total.
        let proxy = a.admit(ip("10.0.0.9")).unwrap();
        let proxy2 = a.admit(ip("10.0.0.9")).unwrap();
        assert_eq!(a.open(), 5);
        assert_eq!(a.admit(ip("192.0.2.3")).err(), Some(Refused::Full));
        drop((two, other, again, proxy, proxy2));
        assert_eq!(a.open(), 0);
        assert!(
            a.lock().by_client.is_empty(),
            "closed addresses are forgotten"
        );
    }

    #[test]
    fn an_ipv6_64_is_one_client_and_mapped_ipv4_is_the_ipv4_address() {
        assert_eq!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:2:ffff:1:2:3"))
        );
        assert_ne!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:3::1"))
        );
        assert_eq!(
            ClientKey::of(ip("::ffff:192.0.2.1")),
            ClientKey::of(ip("192.0.2.1"))
        );
        let a = Arc::new(Admission::new(10, 1, vec![]));
        let _held = a.admit(ip("2001:db8::1")).unwrap();
        assert_eq!(a.admit(ip("2001:db8::2")).err(), Some(Refused::PerClient));
    }

    #[test]
    fn the_open_file_limit_makes_room_for_the_connections() {
        let mut hard = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given.
        assert_eq!(
            unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut hard) },
            0
        );
        let wanted = 2048 + OTHER_FILES;
        // Never lowered; raised as far as the hard limit allows.
        let now = raise_open_files(2048);
        assert!(
            now >= wanted.min(hard.rlim_max) && now >= hard.rlim_cur,
            "{now}"
        );
    }

    #[test]
    fn a_notice_is_logged_once_a_minute_with_the_count() {
        let n = Notice::new();
        assert_eq!(n.hit(), Some(1));
        for _ in 0..1000 {
            assert_eq!(n.hit(), None);
        }
        // The next line, a minute on, carries the thousand.
        n.next_ms.store(0, Relaxed);
        assert_eq!(n.hit(), Some(1001));
    }
}
