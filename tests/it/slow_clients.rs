//! Slow and stalling clients, black box: a real server on 127.0.0.1, clients
//! on other loopback addresses (Linux answers all of 127/8), raw sockets so
//! a test can stop half-way through a request.

use crate::common::server::Served;

use ballot_tracker::config::Config;
use ballot_tracker::store::TokenScope;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::Instant;

/// The address the slow clients come from, and one for everybody else.
const SLOW: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
const OTHER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

struct TestServer(Served);

impl std::ops::Deref for TestServer {
    type Target = Served;
    fn deref(&self) -> &Served {
        &self.0
    }
}

impl TestServer {
    /// Short deadlines, so a test sees them pass in seconds.
    async fn start(configure: impl FnOnce(&mut Config)) -> Self {
        Self(
            Served::start_with(
                |cfg, _| {
                    cfg.server.header_timeout_seconds = 2;
                    cfg.server.keep_alive_seconds = 1;
                    cfg.server.body_grace_seconds = 2;
                    cfg.server.min_body_bytes_per_second = 1024;
                    configure(cfg);
                },
                |_| {},
            )
            .await,
        )
    }

    fn county_token(&self, county: &str) -> String {
        let county = ballot_tracker::domain::CountyCode::parse(county).unwrap();
        self.token(TokenScope::County(county))
    }

    async fn connect(&self, from: Ipv4Addr) -> TcpStream {
        let socket = TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::from((from, 0))).unwrap();
        socket.connect(self.addr).await.unwrap()
    }

    /// Sends `request` whole from `from` and reads the answer to the end
    /// (the requests say `Connection: close`), within `limit`.
    async fn exchange(&self, from: Ipv4Addr, request: &[u8], limit: Duration) -> String {
        let work = async {
            let mut s = self.connect(from).await;
            s.write_all(request).await.unwrap();
            // A reset after the answer still leaves the answer.
            let mut answer = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = s.read(&mut buf).await {
                answer.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&answer).into_owned()
        };
        tokio::time::timeout(limit, work)
            .await
            .unwrap_or_else(|_| panic!("no answer within {limit:?}"))
    }

    async fn stop(self) {
        self.0.stop().await
    }
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").into_bytes()
}

fn status(answer: &str) -> &str {
    answer.get(9..12).unwrap_or(answer)
}

/// Waits for the server to close `s`: end of stream or a reset, before `deadline`.
async fn closed_by(mut s: TcpStream, deadline: Instant) -> Result<Vec<u8>, &'static str> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => return Err("still open"),
            Ok(Ok(0) | Err(_)) => return Ok(seen),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_from_one_address_neither_stall_others_nor_keep_their_sockets() {
    let s = TestServer::start(|_| {}).await;
    let opened = Instant::now();
    // 600 sockets from one address, more than the old global limit of 512:
    // half send a form body and stall, a quarter stop inside the headers,
    // a quarter send a request and then idle.
    let mut held = Vec::new();
    for i in 0..600 {
        let mut c = s.connect(SLOW).await;
        let start: &[u8] = match i % 4 {
            0 | 1 => b"POST /en/sign-up HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ncsrf=",
            2 => b"GET /en/ HTTP/1.1\r\nHost: t\r\nX-Slow: ",
            _ => b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
        };
        // A socket the server already closed may refuse the write.
        let _ = c.write_all(start).await;
        held.push(c);
    }
    let setup = opened.elapsed();
    assert!(setup < Duration::from_secs(10), "setup took {setup:?}");

    // Meanwhile, another address gets the voter pages and the health check
    // within a second, several times over.
    for _ in 0..3 {
        for path in ["/en/", "/healthz"] {
            let started = Instant::now();
            let answer = s.exchange(OTHER, &get(path), Duration::from_secs(1)).await;
            assert_eq!(status(&answer), "200", "{path}: {answer:.200}");
            assert!(started.elapsed() < Duration::from_secs(1));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Every slow socket is closed by the server: at once beyond the
    // per-address limit, else by the body pace (2 s of grace), the header
    // deadline (2 s) or the keep-alive limit (1 s).
    let deadline = Instant::now() + Duration::from_secs(8);
    let mut answered_slow_bodies = 0;
    for (i, c) in held.into_iter().enumerate() {
        let seen = closed_by(c, deadline)
            .await
            .unwrap_or_else(|e| panic!("socket {i} (kind {}): {e}", i % 4));
        let seen = String::from_utf8_lossy(&seen);
        if i % 4 < 2 && !seen.is_empty() {
            assert!(status(&seen).starts_with('4'), "{seen:.200}");
            answered_slow_bodies += 1;
        }
    }
    assert!(answered_slow_bodies > 0, "no slow body was admitted");
    let all_closed = opened.elapsed();
    assert!(all_closed < Duration::from_secs(20), "{all_closed:?}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_idle_between_requests_is_closed_but_a_busy_one_is_served() {
    let s = TestServer::start(|_| {}).await;
    let mut c = s.connect(OTHER).await;
    // Two requests on one connection, answered; then silence.
    for _ in 0..2 {
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 4096];
        let n = c.read(&mut buf).await.unwrap();
        assert_eq!(status(&String::from_utf8_lossy(&buf[..n])), "200");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let idle = Instant::now();
    closed_by(c, Instant::now() + Duration::from_secs(5))
        .await
        .unwrap();
    let waited = idle.elapsed();
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    s.stop().await;
}

const VOTERS: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at
CA0200001,02,Ana,,Lee,,1980-02-03,96120,A,es,2026-01-01T00:00:00Z
CA0200002,02,Luis,,Garcia,,1975-07-14,96120,A,,2026-01-01T00:00:00Z
";

fn upload(token: &str, body_len: usize, start: &str) -> Vec<u8> {
    format!(
        "POST /api/v1/imports/voters HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {token}\r\nContent-Length: {body_len}\r\nConnection: close\r\n\r\n{start}"
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_upload_holds_no_other_countys_import() {
    let s = TestServer::start(|_| {}).await;
    let sierra = s.county_token("46");
    let alpine = s.county_token("02");

    // Sierra's upload stops after its first line.
    let mut stalled = s.connect(SLOW).await;
    let first = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n";
    stalled
        .write_all(&upload(&sierra, 1_000_000, first))
        .await
        .unwrap();
    let stalled_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Alpine's import goes through meanwhile.
    let started = Instant::now();
    let answer = s
        .exchange(
            OTHER,
            &[upload(&alpine, VOTERS.len(), VOTERS).as_slice()].concat(),
            Duration::from_secs(5),
        )
        .await;
    assert_eq!(status(&answer), "200", "{answer}");
    assert!(answer.contains("\"inserted\":2"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(s.store.read().unwrap().voter_count().unwrap(), 2);

    // The stalled one is dropped after the grace: 408, connection closed.
    let seen = closed_by(stalled, stalled_at + Duration::from_secs(6))
        .await
        .unwrap();
    let seen = String::from_utf8_lossy(&seen);
    assert_eq!(status(&seen), "408", "{seen}");
    assert!(seen.contains("too slowly"), "{seen}");
    assert!(stalled_at.elapsed() >= Duration::from_millis(1900));
    // No spool file is left behind.
    let tmp = s.dir.path().join("tmp");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_over_the_limit_are_refused_declared_or_not() {
    let s = TestServer::start(|c| c.import.max_upload_bytes = 100).await;
    let alpine = s.county_token("02");

    // Declared too long: refused before the body is read.
    let answer = s
        .exchange(
            OTHER,
            &upload(&alpine, VOTERS.len(), VOTERS),
            Duration::from_secs(5),
        )
        .await;
    assert_eq!(status(&answer), "413", "{answer}");
    assert!(answer.contains("max_upload_bytes"), "{answer}");

    // Chunked, without a length: refused once the limit is passed.
    let chunked = format!(
        "POST /api/v1/imports/voters HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {alpine}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{VOTERS}\r\n0\r\n\r\n",
        VOTERS.len()
    );
    let answer = s
        .exchange(OTHER, chunked.as_bytes(), Duration::from_secs(5))
        .await;
    assert_eq!(status(&answer), "413", "{answer}");
    assert_eq!(s.store.read().unwrap().voter_count().unwrap(), 0);

    // Within the limit, the same way: imported.
    let small = "votecal_id,county_code\n";
    let answer = s
        .exchange(
            OTHER,
            &upload(&alpine, small.len(), small),
            Duration::from_secs(5),
        )
        .await;
    assert_ne!(status(&answer), "413", "{answer}");
    s.stop().await;
}
