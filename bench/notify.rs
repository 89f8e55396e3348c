//! Notification engine benchmark: `cargo bench --bench notify` (see bench/README.md).
//!
//! 1. Event → outbox: 5M subscriptions among 22.5M voters, a 2M-row status
//!    delta in the event log; times the planner turning it into outbox rows.
//! 2. Dispatch: sends every message the planner queued through the null
//!    driver; times the dispatcher (claim, render, hand over, record).
//! 3. Rate-limit accuracy: one provider limited to `BENCH_RATE` messages per
//!    second (default 100, an SMS short code) for 60 s; counts what it got.
//!
//! Writes its section of `bench/RESULTS.md` (between the `notify` markers;
//! `BENCH_RESULTS=path` writes elsewhere). Environment: `BENCH_SUBSCRIBERS`
//! (default 5,000,000), `BENCH_EVENTS` (2,000,000), `BENCH_RATE`,
//! `BENCH_RATE_SECS` (60).

#[path = "results.rs"]
mod results;

use ballot_tracker::clock::ManualClock;
use ballot_tracker::domain::{
    Channel, Contact, CountyCode, Election, ElectionKind, Hours, Language, MessageKind,
    Subscription, VoterId,
};
use ballot_tracker::notify::catalog::Catalog;
use ballot_tracker::notify::dispatch::{Dispatcher, Lane};
use ballot_tracker::notify::drivers::{BoxFuture, Driver, NullDriver, Outcome, Outgoing};
use ballot_tracker::notify::planner;
use ballot_tracker::store::{EventLogEntry, EventLogKind, Store};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

const VOTERS: u64 = 22_548_350;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A bijective scramble of 0..VOTERS, so subscribers and events spread over the roll.
fn scramble(i: u64) -> u64 {
    (i * 7_919_977) % VOTERS
}

fn voter(i: u64) -> VoterId {
    VoterId::parse(&format!("CA{i:010}")).expect("valid id")
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

struct Row {
    step: String,
    count: u64,
    secs: f64,
    note: String,
}

fn subscribe(store: &Store, n: u64) -> u64 {
    let langs = Language::ALL;
    let mut channels = 0;
    let per_txn = 100_000;
    let mut i = 0;
    while i < n {
        let end = (i + per_txn).min(n);
        store
            .write(true, |b| {
                for k in i..end {
                    let v = scramble(k);
                    let sms = k % 2 == 0;
                    channels += 1 + sms as u64;
                    let s = Subscription {
                        voter: voter(v),
                        county: CountyCode::from_number((1 + v % 58) as u8).expect("county"),
                        language: langs[(k % 10) as usize],
                        hours: Hours::DEFAULT,
                        time_zone: "America/Los_Angeles".into(),
                        email: Some(Contact::new(format!("v{v}@example.org"), true)),
                        sms: sms.then(|| Contact::new(format!("+1916{:07}", v % 10_000_000), true)),
                        voice: None,
                        created_at: 1_790_000_000,
                        since_event: 0,
                    };
                    b.subscription_put(&s)?;
                }
                Ok(())
            })
            .expect("subscriptions written");
        i = end;
    }
    channels
}

/// Logs a status delta: `n` ballots changing, over the whole roll, as an
/// import would (a block per 200k rows).
fn log_delta(store: &Store, n: u64, at: i64) {
    let kinds = [
        MessageKind::Received,
        MessageKind::Accepted,
        MessageKind::Outbound,
        MessageKind::ContactCounty,
    ];
    let per_txn = 200_000;
    let mut i = 0;
    while i < n {
        let end = (i + per_txn).min(n);
        store
            .write(true, |b| {
                for k in i..end {
                    // Another scramble than the subscribers', so ~22% are subscribed.
                    let v = (k * 2_654_435_761 + 12_345) % VOTERS;
                    b.log_event(&EventLogEntry {
                        voter: voter(v).key(),
                        county: CountyCode::from_number((1 + v % 58) as u8).expect("county"),
                        kind: EventLogKind::Message {
                            election: 1,
                            kind: kinds[(k % 4) as usize],
                            code: None,
                            round: 0,
                        },
                        at,
                        recorded_at: at,
                    })?;
                }
                Ok(())
            })
            .expect("events written");
        i = end;
    }
}

/// Counts what it is handed, with the times.
struct CountingDriver {
    sent: AtomicU64,
    times: Mutex<Vec<Instant>>,
}

impl Driver for CountingDriver {
    fn name(&self) -> &'static str {
        "counting"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            self.sent.fetch_add(1, Ordering::Relaxed);
            self.times.lock().unwrap().push(Instant::now());
            Outcome::Accepted {
                provider_id: m.idempotency_key.clone(),
            }
        })
    }
}

fn dispatcher(
    store: Arc<Store>,
    clock: &ManualClock,
    lanes: BTreeMap<Channel, Lane>,
    batch: usize,
) -> Dispatcher {
    let mut d = Dispatcher::new(
        store,
        Arc::new(clock.clone()),
        Arc::new(RwLock::new(Catalog::builtin().expect("catalogs"))),
        lanes,
        "https://ballots.example.gov".into(),
    );
    d.batch = batch;
    d
}

fn main() {
    let subscribers = env_u64("BENCH_SUBSCRIBERS", 5_000_000);
    let events = env_u64("BENCH_EVENTS", 2_000_000);
    let rate = env_u64("BENCH_RATE", 100) as u32;
    let rate_secs = env_u64("BENCH_RATE_SECS", 60);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("bench").join("data");
    std::fs::create_dir_all(&data).expect("bench/data");
    let db = data.join("notify.redb");
    let _ = std::fs::remove_file(&db);
    // As a statewide instance is configured: `[store] cache_mb = 2048`.
    let store = Arc::new(Store::open_with_cache(&db, 2048 << 20).expect("store"));
    let mut rows = Vec::new();

    let e = Election::new(
        "2026-11-03-GEN",
        "General",
        jiff::civil::date(2026, 11, 3),
        ElectionKind::Statewide,
    )
    .expect("election");
    store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .expect("election");

    let t = Instant::now();
    let channels = subscribe(&store, subscribers);
    rows.push(Row {
        step: "setup: subscriptions written".into(),
        count: subscribers,
        secs: t.elapsed().as_secs_f64(),
        note: format!("{channels} contacts (email all, SMS half)"),
    });
    // Noon in Sacramento on Oct 20: inside the window and everyone's hours.
    let now: jiff::Timestamp = "2026-10-20T19:00:00Z".parse().expect("time");
    let t = Instant::now();
    log_delta(&store, events, now.as_second() - 3600);
    rows.push(Row {
        step: "setup: status delta in the event log".into(),
        count: events,
        secs: t.elapsed().as_secs_f64(),
        note: String::new(),
    });

    // 1. Event → outbox.
    let t = Instant::now();
    let mut report = planner::PlanReport::default();
    loop {
        let p = planner::plan(&store, now, planner::BATCH).expect("plan");
        if p.events == 0 {
            break;
        }
        report.add(&p);
    }
    let plan_secs = t.elapsed().as_secs_f64();
    rows.push(Row {
        step: "event → outbox (planner)".into(),
        count: report.events,
        secs: plan_secs,
        note: format!(
            "{} messages queued for the subscribed voters; target ≥ 250,000 rows/s",
            report.queued
        ),
    });
    println!(
        "planner: {} events in {plan_secs:.2} s, {} queued",
        report.events, report.queued
    );

    // 2. Dispatch through the null driver.
    let clock = ManualClock::new(now);
    let mut lanes = BTreeMap::new();
    for c in Channel::ALL {
        lanes.insert(c, Lane::new(Arc::new(NullDriver), 1_000_000_000, 4096));
    }
    let d = dispatcher(store.clone(), &clock, lanes, 50_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let t = Instant::now();
    let mut sent = 0;
    loop {
        let r = rt.block_on(d.dispatch_due()).expect("dispatch");
        if r.attempted == 0 && r.deferred == 0 && r.cancelled == 0 {
            break;
        }
        sent += r.sent;
    }
    let dispatch_secs = t.elapsed().as_secs_f64();
    rows.push(Row {
        step: "dispatch, null driver (claim, render, send, record)".into(),
        count: sent,
        secs: dispatch_secs,
        note: "target ≥ 100,000 messages/s".into(),
    });
    println!("dispatch: {sent} messages in {dispatch_secs:.2} s");

    // 3. Rate-limit accuracy: queue more than the window can take, run it for
    // `rate_secs` and count what the provider got in that time.
    let counting = Arc::new(CountingDriver {
        sent: AtomicU64::new(0),
        times: Mutex::new(Vec::new()),
    });
    let need = rate as u64 * (rate_secs + 5);
    let _ = std::fs::remove_file(data.join("notify-rate.redb"));
    let small = Arc::new(Store::open(&data.join("notify-rate.redb")).expect("store"));
    small
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .expect("election");
    subscribe(&small, need);
    // Confirmations: one per subscription, due now.
    small
        .write(true, |b| {
            for k in 0..need {
                let sub = b
                    .subscription_get(voter(scramble(k)).key())?
                    .expect("subscribed");
                let sub = Subscription { sms: None, ..sub };
                let mut r = planner::PlanReport::default();
                let o = planner::Occasion {
                    election: None,
                    kind: MessageKind::Confirmation,
                    round: 0,
                    code: None,
                    at: now.as_second(),
                };
                planner::queue(b, &sub, &o, now.as_second(), &mut r)?;
            }
            Ok(())
        })
        .expect("queued");
    let mut lanes = BTreeMap::new();
    lanes.insert(Channel::Email, Lane::new(counting.clone(), rate, 8));
    let d = dispatcher(
        small.clone(),
        &clock,
        lanes,
        ballot_tracker::notify::dispatch::round_size(rate as u64),
    );
    let start = Instant::now();
    let deadline = start + Duration::from_secs(rate_secs + 1);
    while Instant::now() < deadline {
        rt.block_on(d.dispatch_due()).expect("dispatch");
    }
    let times = counting.times.lock().unwrap().clone();
    // The first second is the limiter filling; count a full `rate_secs` after it.
    let from = start + Duration::from_secs(1);
    let to = from + Duration::from_secs(rate_secs);
    let in_window = times.iter().filter(|t| **t >= from && **t < to).count() as u64;
    let expected = rate as u64 * rate_secs;
    let error = (in_window as f64 - expected as f64) / expected as f64 * 100.0;
    rows.push(Row {
        step: format!("rate limit {rate}/s over {rate_secs} s"),
        count: in_window,
        secs: rate_secs as f64,
        note: format!("expected {expected}: {error:+.2} % (target within ±1 %)"),
    });
    println!("rate: {in_window} in {rate_secs} s, expected {expected}, {error:+.2} %");

    write_results(&root, &rows, subscribers, events);
    let _ = std::fs::remove_file(&db);
    let _ = std::fs::remove_file(data.join("notify-rate.redb"));
}

fn write_results(root: &Path, rows: &[Row], subscribers: u64, events: u64) {
    let mut s = String::new();
    let _ = writeln!(s, "{}", results::begin("notify"));
    let _ = writeln!(s, "## Notification engine\n");
    let _ = writeln!(
        s,
        "Produced by `bench/notify.rs`; command: `cargo bench --bench notify`.\n"
    );
    let _ = writeln!(
        s,
        "- Date: {}\n- Machine: {} CPUs\n- {subscribers} subscriptions among {VOTERS} voters; a {events}-row status delta\n- Peak RSS of the benchmark process: {:.0} MiB\n",
        jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC"),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        rss_mib()
    );
    let _ = writeln!(
        s,
        "| step | count | wall | per second | note |\n|---|---:|---:|---:|---|"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {:.2} s | {:.0} | {} |",
            r.step,
            r.count,
            r.secs,
            r.count as f64 / r.secs.max(1e-9),
            r.note
        );
    }
    let _ = writeln!(s, "{}", results::end("notify"));
    results::write(root, "notify", &s);
}
