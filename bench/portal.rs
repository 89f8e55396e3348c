//! The "my ballot" page for a signed-in voter under wrk on loopback (64
//! connections), beside nginx (one worker) serving a static file of the same
//! size in the same run. Served by one thread (as nginx by its one worker)
//! and by the default one thread per core, each quiet and then while voter
//! imports run through the API one after another. Quiet runs come in
//! rounds (nginx, then each server, back to back) and each server is
//! compared with nginx of its own round, the median of the rounds reported:
//! on a shared machine a run's tail varies with the minute it ran in. nginx
//! runs again during each server's imports, and runs during imports are
//! compared with that. The service logs as `serve` does (info level unless
//! `RUST_LOG` says otherwise).
//!
//!     cargo bench --bench portal
//!
//! Uses the statewide database that `cargo bench --bench statewide` leaves in
//! `bench/data/bt/` (22.5M voters and their ballots; `BENCH_DB` names another
//! one, which is changed: one voter is subscribed, and the voters of the
//! imported deltas get a new `updated_at`), and Debian's `wrk` and `nginx`
//! (`apt-get install wrk nginx-light`). Results go to bench/RESULTS.md between
//! the `portal` markers.

#[path = "results.rs"]
mod results;

use ballot_tracker::config::Config;
use ballot_tracker::service::subscriptions::{self, SubscriptionRequest};
use ballot_tracker::service::{Actor, tokens};
use ballot_tracker::store::{Store, TokenScope};
use ballot_tracker::web::Server;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// wrk's run per measurement.
const SECONDS: u64 = 20;

struct Wrk {
    rps: f64,
    p99_ms: f64,
    requests: u64,
    errors: u64,
}

fn wrk(url: &str, cookie: Option<&str>) -> Wrk {
    wrk_for(url, cookie, SECONDS)
}

fn wrk_for(url: &str, cookie: Option<&str>, seconds: u64) -> Wrk {
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t2",
        "-c64",
        &format!("-d{seconds}s"),
        "--latency",
        "--timeout",
        "5s",
    ]);
    if let Some(c) = cookie {
        cmd.args(["-H", &format!("Cookie: {c}")]);
    }
    let out = cmd
        .arg(url)
        .output()
        .expect("wrk runs (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "wrk: {text}");
    let field = |prefix: &str| -> Option<String> {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    };
    let rps: f64 = field("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let p99 = field("99%").map_or(0.0, |v| millis(&v));
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let errors = text
        .lines()
        .find(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .map_or(0, |l| {
            l.split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse::<u64>().ok())
                .sum()
        });
    Wrk {
        rps,
        p99_ms: p99,
        requests,
        errors,
    }
}

/// wrk's `1.23ms`, `456.00us`, `1.20s`.
fn millis(v: &str) -> f64 {
    let v = v.trim();
    let (n, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
    let n: f64 = n.parse().unwrap_or(0.0);
    match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => n,
    }
}

/// nginx with one worker, serving `dir` on `port`; stopped when dropped.
struct Nginx(std::process::Child);

impl Nginx {
    fn start(dir: &Path, port: u16) -> Self {
        let conf = dir.join("nginx.conf");
        std::fs::write(
            &conf,
            format!(
                "worker_processes 1;\ndaemon off;\npid {pid};\nerror_log {err} warn;\n\
                 events {{ worker_connections 1024; }}\n\
                 http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n\
                   client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};\n\
                   uwsgi_temp_path {tmp}; scgi_temp_path {tmp};\n\
                   server {{ listen 127.0.0.1:{port}; root {root}; default_type text/html; }} }}\n",
                pid = dir.join("nginx.pid").display(),
                err = dir.join("nginx.err").display(),
                tmp = dir.display(),
                root = dir.join("www").display(),
            ),
        )
        .unwrap();
        let mut cmd = Command::new("nginx");
        cmd.arg("-c")
            .arg(&conf)
            .arg("-p")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        // Stopped with the benchmark even when a signal skips `Drop` (a
        // held run ended by hand).
        // SAFETY: between fork and exec only prctl, which is async-signal-safe.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .expect("nginx runs (apt-get install nginx-light)");
        Self(child)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // TERM, not KILL: the master stops its worker on the way out.
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The service on a free port with `threads` web threads (0: one per
/// core); answers the sender to stop it and the task that serves.
fn start_server(
    rt: &tokio::runtime::Runtime,
    store: &Arc<Store>,
    data_dir: &std::path::Path,
    threads: usize,
) -> (
    u16,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let port = free_port();
    let cfg = Config {
        listen: format!("127.0.0.1:{port}").parse().unwrap(),
        data_dir: data_dir.to_path_buf(),
        web_threads: threads,
        // Every wrk connection comes from loopback: one client address.
        server: ballot_tracker::config::ServerConfig {
            max_connections_per_client: 1024,
            ..Default::default()
        },
        ..Config::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.block_on(async {
        let notifier = Arc::new(
            ballot_tracker::notify::engine::Notifier::from_config(
                &cfg,
                store.clone(),
                Arc::new(ballot_tracker::clock::SystemClock),
            )
            .unwrap(),
        );
        Server::bind(&cfg, store.clone(), notifier).await.unwrap()
    });
    let served = rt.spawn(async move {
        server
            .run(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    (port, stop, served)
}

/// A server's run while imports go on, and nginx's while the same imports
/// go on (what they do to the machine, and to wrk on it).
struct Busy {
    page: Wrk,
    nginx: Wrk,
    /// What the imports did, for the report.
    imports: String,
}

/// Quiet rounds: nginx, then each server, back to back; each server's
/// ratios to nginx are taken within a round, so a noisy minute on a shared
/// machine falls on both sides of a comparison.
const ROUNDS: usize = 3;

/// One quiet round.
struct Round {
    nginx: Wrk,
    one: Wrk,
    per_core: Wrk,
}

/// `w`'s requests/s and p99 as multiples of `nginx`'s.
fn ratios(w: &Wrk, nginx: &Wrk) -> (f64, f64) {
    (
        w.rps / nginx.rps.max(1.0),
        w.p99_ms / nginx.p99_ms.max(1e-6),
    )
}

/// The middle value (the lower middle of an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0.0)
}

/// Rows in each delta file.
const DELTA_ROWS: usize = 200_000;
/// Delta files made ready for each busy run (more than its wrk run takes:
/// beside wrk, an import of one takes about 10 s).
const DELTAS: usize = 12;

/// `DELTAS` delta files of `DELTA_ROWS` rows each, from row `first` of the
/// roll on, every row with a new `updated_at`: each row is a real update
/// (read, compare, write), and no file is one already imported.
fn deltas(dir: &Path, voters_csv: &Path, first: usize) -> Vec<PathBuf> {
    use std::io::{BufRead, Write};
    let stamp = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let f = std::io::BufReader::new(std::fs::File::open(voters_csv).unwrap());
    let mut lines = f.lines().map_while(Result::ok);
    let header = lines.next().unwrap();
    let mut lines = lines.skip(first);
    (0..DELTAS)
        .map(|i| {
            let path = dir.join(format!("delta-{first}-{i}.csv"));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            writeln!(out, "{header}").unwrap();
            for line in lines.by_ref().take(DELTA_ROWS) {
                // `updated_at` is the last field.
                let kept = line.rsplit_once(',').map_or(line.as_str(), |(k, _)| k);
                writeln!(out, "{kept},{stamp}").unwrap();
            }
            path
        })
        .collect()
}

/// Posts `files` one after another to `url` until `stop` is set (the one
/// under way is finished); says what they did.
fn import_until(
    url: &str,
    token: &str,
    files: &[PathBuf],
    stop: &std::sync::atomic::AtomicBool,
) -> String {
    let (mut done, mut updated, mut times) = (0, 0u64, Vec::new());
    let mut failures = Vec::new();
    for f in files {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
        let started = Instant::now();
        let out = Command::new("curl")
            .args(["-s", "-w", "\\n%{http_code}", "-H"])
            .arg(format!("Authorization: Bearer {token}"))
            .args(["-H", "Content-Type: text/csv", "--data-binary"])
            .arg(format!("@{}", f.display()))
            .arg(url)
            .output()
            .expect("curl runs");
        times.push(started.elapsed().as_secs_f64());
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let (body, status) = text.rsplit_once('\n').unwrap_or(("", &text));
        let summary: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        match summary["updated"].as_u64() {
            Some(n) if status == "200" => {
                done += 1;
                updated += n;
            }
            _ => failures.push(format!("HTTP {status}: {body}")),
        }
    }
    assert!(failures.is_empty(), "imports failed: {failures:?}");
    // Files left over, or wrk over as the last one ended: imports ran
    // throughout.
    assert!(
        stop.load(std::sync::atomic::Ordering::Relaxed),
        "wrk outlasted the {DELTAS} delta files made for it ({done} imported)"
    );
    let (lo, hi) = times
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), t| (lo.min(*t), hi.max(*t)));
    format!("{done} imports, {updated} rows updated, {lo:.1}–{hi:.1} s each")
}

/// The number in environment variable `name`, or `default`.
fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// What every run during imports shares.
struct Setup<'a> {
    cookie: &'a str,
    token: &'a str,
    nginx_url: &'a str,
}

/// The page of the server on `port` while voter deltas (`files`) are
/// imported through its API one after another for the whole of wrk's run,
/// and nginx while they go on.
fn busy(setup: &Setup<'_>, port: u16, files: &[PathBuf], threads: usize) -> Busy {
    let page_url = format!("http://127.0.0.1:{port}/en/my-ballot");
    let import_url = format!("http://127.0.0.1:{port}/api/v1/imports/voters?mode=delta");
    let wrk_done = std::sync::atomic::AtomicBool::new(false);
    let (page, nginx, imports) = std::thread::scope(|s| {
        let imports = s.spawn(|| import_until(&import_url, setup.token, files, &wrk_done));
        // The first import under way before wrk starts.
        std::thread::sleep(Duration::from_millis(300));
        let page = wrk(&page_url, Some(setup.cookie));
        let nginx = wrk(setup.nginx_url, None);
        wrk_done.store(true, std::sync::atomic::Ordering::Relaxed);
        (page, nginx, imports.join().unwrap())
    });
    for f in files {
        let _ = std::fs::remove_file(f);
    }
    Busy {
        page,
        nginx,
        imports: format!("`web_threads` = {threads}: {imports}"),
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let db = std::env::var_os("BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("bench/data/bt/ballot-tracker.redb"));
    assert!(
        db.exists(),
        "{} is missing: run `cargo bench --bench statewide` first (or set BENCH_DB)",
        db.display()
    );
    let voters_csv = root.join("bench/data/voters.csv");
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(work.path().join("www")).unwrap();
    // Logged as `serve` logs (info unless RUST_LOG says otherwise), to a file.
    let log = std::fs::File::create(work.path().join("service.log")).unwrap();
    ballot_tracker::cli::log_to("info", std::sync::Mutex::new(log), false);

    let store = Arc::new(
        Store::open_with_cache(&db, env_number("BENCH_CACHE_MB", 1024) << 20).expect("store"),
    );
    let voters = store.read().unwrap().voter_count().unwrap();
    // The first voter of the generated roll with a ballot: subscribed, signed in.
    let voter_id = {
        use std::io::BufRead;
        let r = store.read().unwrap();
        let elections: Vec<u16> = r
            .elections()
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let f = std::fs::File::open(&voters_csv).expect("bench/data/voters.csv");
        std::io::BufReader::new(f)
            .lines()
            .skip(1)
            .take(10_000)
            .map_while(Result::ok)
            .filter_map(|l| {
                l.split(',')
                    .next()
                    .and_then(ballot_tracker::domain::VoterId::parse)
            })
            .find(|id| {
                elections
                    .iter()
                    .any(|e| r.ballot_get(*e, *id).ok().flatten().is_some())
            })
            .expect("a voter of bench/data/voters.csv has a ballot")
            .to_string()
    };
    let now = jiff::Timestamp::now();
    subscriptions::add(
        &store,
        &Actor::operator(),
        &SubscriptionRequest {
            votecal_id: voter_id.clone(),
            email: Some("bench@example.org".into()),
            language: "en".into(),
            confirmed: true,
            ..Default::default()
        },
        &Default::default(),
        now,
    )
    .expect("subscribed");
    let key = ballot_tracker::domain::VoterId::parse(&voter_id)
        .unwrap()
        .key();
    let session = ballot_tracker::signer::Signer::new(store.keys()).seal(
        "session",
        &[key],
        now.as_second() + 3600,
    );
    let token =
        tokens::create(&store, &Actor::operator(), TokenScope::State, "bench", now).unwrap();
    // As a signed-in browser sends them: the session and the form-token cookie.
    let cookie = format!("bt_session={session}; bt_csrf={}", "5".repeat(32));

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let data_dir = work.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    // BENCH_WEB_THREADS: the first server's `web_threads` (with BENCH_HOLD).
    let threads = env_number("BENCH_WEB_THREADS", 0);
    let (port, stop, served) = start_server(&rt, &store, &data_dir, threads);
    let page_url = format!("http://127.0.0.1:{port}/en/my-ballot");

    // The page once, for its size; the same number of bytes for nginx.
    let page = Command::new("curl")
        .args(["-s", "-H", &format!("Cookie: {cookie}"), &page_url])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&page).contains("timeline"),
        "the signed-in page shows a ballot timeline: {}",
        String::from_utf8_lossy(&page)
    );
    let size = page.len();
    // BENCH_HOLD=SECONDS: serve that long first, for profiling by hand.
    if let Some(secs) = std::env::var("BENCH_HOLD")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        println!("holding {secs} s: {page_url}\nCookie: {cookie}\nAPI token: {token}");
        std::thread::sleep(Duration::from_secs(secs));
    }
    std::fs::write(work.path().join("www/page.html"), vec![b'x'; size]).unwrap();
    let nginx_port = free_port();
    let _nginx = Nginx::start(work.path(), nginx_port);
    std::thread::sleep(Duration::from_millis(500));
    let nginx_url = format!("http://127.0.0.1:{nginx_port}/page.html");

    let _ = stop.send(());
    let _ = rt.block_on(served);
    let (one_port, one_stop, one_served) = start_server(&rt, &store, &data_dir, 1);
    let (per_core_port, per_core_stop, per_core_served) = start_server(&rt, &store, &data_dir, 0);
    let page_of = |port: u16| format!("http://127.0.0.1:{port}/en/my-ballot");
    let (one_url, per_core_url) = (page_of(one_port), page_of(per_core_port));

    // Warm-ups, not counted: the first seconds after the database was
    // opened show the machine's page cache settling, not either server.
    wrk_for(&nginx_url, None, 5);
    wrk_for(&one_url, Some(&cookie), 5);
    wrk_for(&per_core_url, Some(&cookie), 5);
    let rounds: Vec<Round> = (0..ROUNDS)
        .map(|_| Round {
            nginx: wrk(&nginx_url, None),
            one: wrk(&one_url, Some(&cookie)),
            per_core: wrk(&per_core_url, Some(&cookie)),
        })
        .collect();

    // Each server while voter deltas are imported through the API one
    // after another, each server its own rows of the roll.
    let setup = Setup {
        cookie: &cookie,
        token: &token,
        nginx_url: &nginx_url,
    };
    let one = busy(&setup, one_port, &deltas(work.path(), &voters_csv, 0), 1);
    let per_core = busy(
        &setup,
        per_core_port,
        &deltas(work.path(), &voters_csv, DELTAS * DELTA_ROWS),
        0,
    );
    for (stop, served) in [(one_stop, one_served), (per_core_stop, per_core_served)] {
        let _ = stop.send(());
        let _ = rt.block_on(served);
    }

    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}\n## Voter page under load\n",
        results::begin("portal")
    );
    let _ = writeln!(
        s,
        "Produced by `bench/portal.rs`; command: `cargo bench --bench portal`.\n"
    );
    let _ = writeln!(
        s,
        "- Date: {}\n- Machine: {} CPUs; wrk -t2 -c64 -d{SECONDS}s on loopback\n- Database: {voters} voters (the statewide benchmark's), one of them subscribed and signed in\n- Page: `/en/my-ballot`, {size} bytes; nginx (1 worker) serves a static file of {size} bytes\n- The service logs as `serve` does (info level)\n- Quiet: {ROUNDS} rounds, each nginx, then the service with `web_threads` = 1 (as nginx's one worker), then with the default `web_threads` = 0 (one per core), back to back\n- Imports during a run: 200,000-row voter deltas, every row changed, one after another through `POST /api/v1/imports/voters` for the whole of wrk's run ({}; {})\n",
        jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC"),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        one.imports,
        per_core.imports,
    );
    // A server's cell also gives its ratios to nginx of the round.
    let cell = |w: &Wrk, nginx: &Wrk| {
        let (rps, p99) = ratios(w, nginx);
        format!(
            "{:.0} /s ({rps:.2}×), {:.2} ms ({p99:.2}×)",
            w.rps, w.p99_ms
        )
    };
    let _ = writeln!(
        s,
        "| quiet round | nginx | `web_threads` = 1 (× nginx) | `web_threads` = 0 (× nginx) |\n|---|---:|---:|---:|"
    );
    for (i, r) in rounds.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {:.0} /s, {:.2} ms | {} | {} |",
            i + 1,
            r.nginx.rps,
            r.nginx.p99_ms,
            cell(&r.one, &r.nginx),
            cell(&r.per_core, &r.nginx)
        );
    }

    // A quiet server against nginx of its own round, the median of the
    // rounds' ratios; a run during imports against nginx during the same
    // imports, since they slow the machine (and wrk) for any server.
    let of = |f: &dyn Fn(&Round) -> f64| median(rounds.iter().map(f).collect());
    let medians = |pick: fn(&Round) -> &Wrk| Summary {
        rps: of(&|r| pick(r).rps),
        p99_ms: of(&|r| pick(r).p99_ms),
        errors: rounds.iter().map(|r| pick(r).errors).sum(),
        against: None,
    };
    let quiet = |pick: fn(&Round) -> &Wrk| Summary {
        against: Some((
            "nginx, same round (median of rounds)",
            of(&|r| ratios(pick(r), &r.nginx).0),
            of(&|r| ratios(pick(r), &r.nginx).1),
        )),
        ..medians(pick)
    };
    let alone = |w: &Wrk| Summary {
        rps: w.rps,
        p99_ms: w.p99_ms,
        errors: w.errors,
        against: None,
    };
    let during = |b: &Busy| {
        let (rps, p99) = ratios(&b.page, &b.nginx);
        Summary {
            against: Some(("nginx, same imports", rps, p99)),
            ..alone(&b.page)
        }
    };
    let nginx_quiet = medians(|r| &r.nginx);
    let rows = [
        ("nginx, quiet (median of rounds)", nginx_quiet),
        (
            "nginx, while the `web_threads` = 1 service imports",
            alone(&one.nginx),
        ),
        (
            "nginx, while the `web_threads` = 0 service imports",
            alone(&per_core.nginx),
        ),
        (
            "my ballot, `web_threads` = 1, quiet (median of rounds)",
            quiet(|r| &r.one),
        ),
        (
            "my ballot, `web_threads` = 1, imports running",
            during(&one),
        ),
        (
            "my ballot, `web_threads` = 0 (default), quiet (median of rounds)",
            quiet(|r| &r.per_core),
        ),
        (
            "my ballot, `web_threads` = 0 (default), imports running",
            during(&per_core),
        ),
    ];
    let _ = writeln!(
        s,
        "\n| run | requests/s | p99 | errors | against | vs nginx: requests/s (target ≥ 0.5×) | vs nginx: p99 (target ≤ 2×) | p99 vs quiet nginx |\n|---|---:|---:|---:|---|---:|---:|---:|"
    );
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    for (label, r) in &rows {
        let strict = r.p99_ms / nginx_quiet.p99_ms.max(1e-6);
        let compared = match r.against {
            None => "| |".to_string(),
            Some((name, rps, p99)) => format!(
                "{name} | {rps:.2}× {} | {p99:.2}× {}",
                mark(rps >= 0.5),
                mark(p99 <= 2.0)
            ),
        };
        let _ = writeln!(
            s,
            "| {label} | {:.0} | {:.2} ms | {} | {compared} | {strict:.2}× |",
            r.rps, r.p99_ms, r.errors
        );
    }
    let requests: u64 = rounds
        .iter()
        .flat_map(|r| [&r.nginx, &r.one, &r.per_core])
        .chain([&one.page, &one.nginx, &per_core.page, &per_core.nginx])
        .map(|w| w.requests)
        .sum();
    let _ = writeln!(
        s,
        "\nA quiet run's ratios are taken against nginx of the same round, and the table gives their median (and the median requests/s and p99 of the rounds); a run during imports is compared with nginx measured right after it, while the same imports go on. The last column compares every p99 with quiet nginx's median. ({requests} requests in all.)"
    );
    let _ = writeln!(s, "{}", results::end("portal"));
    results::write(&root, "portal", &s);
}

/// A row of the report: requests/s, p99 and errors, and against what, with
/// the ratios of requests/s and p99.
#[derive(Clone, Copy)]
struct Summary {
    rps: f64,
    p99_ms: f64,
    errors: u64,
    against: Option<(&'static str, f64, f64)>,
}
