//! The real binary under a stand-in for systemd's notification socket: a
//! Unix datagram socket this test binds and names in `NOTIFY_SOCKET`, as
//! systemd does for `Type=notify`. READY=1 comes only once the service
//! answers, WATCHDOG=1 keeps coming at half of `WATCHDOG_USEC`, and STOPPING=1
//! comes at SIGTERM, before a clean exit.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

/// A child process killed on drop, so a failing test leaves nothing running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    fn sigterm(&self) {
        let pid = self.0.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits (bounded) for the exit and says whether it was a success.
    fn exited_cleanly(&mut self, within: Duration) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.success();
            }
            assert!(start.elapsed() < within, "serve did not stop in {within:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The notification socket systemd would hold.
struct Manager {
    sock: UnixDatagram,
}

impl Manager {
    fn bind(path: &Path) -> Self {
        let sock = UnixDatagram::bind(path).unwrap();
        Self { sock }
    }

    /// The next datagram, or None once `wait` passes without one.
    fn next(&self, wait: Duration) -> Option<String> {
        self.sock.set_read_timeout(Some(wait)).unwrap();
        let mut buf = [0u8; 4096];
        match self.sock.recv(&mut buf) {
            Ok(n) => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("notify socket: {e}"),
        }
    }

    /// Every datagram until one has `line` as a line of its own (bounded).
    fn until(&self, line: &str, within: Duration) -> Vec<String> {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < within {
            if let Some(msg) = self.next(within - start.elapsed().min(within)) {
                let done = msg.lines().any(|l| l == line);
                seen.push(msg);
                if done {
                    return seen;
                }
            }
        }
        panic!("no {line} in {within:?}; got {seen:?}");
    }
}

fn serve(data: &Path, notify: &Path, env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(BIN);
    cmd.arg("serve").arg("--data").arg(data).arg("--create");
    cmd.args(["--listen", "127.0.0.1:0"]);
    cmd.env_remove("BALLOT_TRACKER_CONFIG")
        .env_remove("BALLOT_TRACKER_LISTEN")
        .env_remove("WATCHDOG_USEC")
        .env_remove("WATCHDOG_PID")
        .env("NOTIFY_SOCKET", notify);
    for (k, v) in env {
        cmd.env(k, v);
    }
    Running(
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

/// The status line of GET /healthz at the address in service.json, read at
/// once: the file must be there by the time READY=1 is sent.
fn healthz_now(data: &Path) -> String {
    let text = std::fs::read_to_string(data.join("service.json"))
        .expect("service.json is written before READY=1");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let url = v["url"].as_str().unwrap();
    let addr = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let req = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn ready_once_serving_watchdog_while_healthy_stopping_at_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let manager = Manager::bind(&dir.path().join("notify.sock"));
    // 400 ms: pings every 200 ms.
    let mut child = serve(
        &data,
        &dir.path().join("notify.sock"),
        &[("WATCHDOG_USEC", "400000")],
    );

    let first = manager
        .next(Duration::from_secs(60))
        .expect("no READY=1 within 60 s");
    assert!(
        first.lines().any(|l| l == "READY=1"),
        "the first message is READY=1: {first:?}"
    );
    assert!(
        first
            .lines()
            .any(|l| l.starts_with("STATUS=serving on http://127.0.0.1:"))
    );
    assert_eq!(healthz_now(&data), "HTTP/1.1 200 OK");

    // Over two seconds: about ten pings, none of them a busy loop.
    let start = Instant::now();
    let mut pings = 0;
    while start.elapsed() < Duration::from_secs(2) {
        if let Some(msg) = manager.next(Duration::from_millis(100)) {
            assert_eq!(msg.trim_end(), "WATCHDOG=1", "only pings while serving");
            pings += 1;
        }
    }
    assert!(
        (5..=15).contains(&pings),
        "{pings} pings in 2 s at a 200 ms interval"
    );

    child.sigterm();
    let seen = manager.until("STOPPING=1", Duration::from_secs(30));
    assert!(
        seen.iter().all(|m| !m.contains("READY=1")),
        "READY=1 once only: {seen:?}"
    );
    assert!(
        child.exited_cleanly(Duration::from_secs(30)),
        "exit status after SIGTERM"
    );
}

#[test]
fn a_watchdog_meant_for_another_process_gets_no_pings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let manager = Manager::bind(&dir.path().join("notify.sock"));
    // systemd sets WATCHDOG_PID to its main process; a child that inherited
    // the variables (an ExecStartPre, a wrapper) must not ping for it.
    let env = [("WATCHDOG_USEC", "200000"), ("WATCHDOG_PID", "1")];
    let mut child = serve(&data, &dir.path().join("notify.sock"), &env);

    let first = manager
        .next(Duration::from_secs(60))
        .expect("no READY=1 within 60 s");
    assert!(first.lines().any(|l| l == "READY=1"), "{first:?}");
    assert_eq!(
        manager.next(Duration::from_millis(1500)),
        None,
        "no ping for another pid"
    );

    child.sigterm();
    let seen = manager.until("STOPPING=1", Duration::from_secs(30));
    assert_eq!(seen.len(), 1, "nothing but STOPPING=1: {seen:?}");
    assert!(
        child.exited_cleanly(Duration::from_secs(30)),
        "exit status after SIGTERM"
    );
}
