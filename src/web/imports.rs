//! `POST /api/v1/imports/{feed}`: the request body streams into the importer.
//!
//! The importer is synchronous and runs on its own thread at background
//! priority; it reads through a `Read` adapter over a small bounded channel of
//! body chunks, so a statewide extract is never held in memory and a slow
//! importer slows the upload.

use super::App;
use super::api::json;
use super::error::{ApiError, Body};
use crate::ingest::{Feed, VoterMode};
use crate::service::{Actor, imports};
use bytes::{Buf, Bytes};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use std::io::{self, Read};
use std::sync::Arc;
use tokio::sync::mpsc;

/// Chunks in flight between the connection and the importer.
const CHANNEL_CHUNKS: usize = 16;

pub async fn post(
    app: &Arc<App>,
    actor: Actor,
    feed: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let feed = Feed::parse(feed).ok_or_else(|| {
        ApiError::NotFound(format!(
            "no feed {feed:?}: use voters, ballots, imb or scans"
        ))
    })?;
    let q = Query::parse(req.uri().query().unwrap_or(""))?;
    let request = imports::Request {
        feed,
        mode: q.mode,
        dry_run: q.dry_run,
        strict: q.strict,
        source: "upload".to_string(),
        temp_dir: app.temp_dir.clone(),
        batch_rows: app.batch_rows,
        progress: None,
        limits: app.import_limits,
    };
    tracing::info!(feed = feed.name(), actor = %actor.name, dry_run = q.dry_run, "import over the API");

    let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
    let store = app.store.clone();
    let now = jiff::Timestamp::now();
    let (done, importer) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("import".to_string())
        .spawn(move || {
            background_priority();
            let _ = done.send(imports::run(
                &store,
                &actor,
                request,
                ChannelReader::new(rx),
                now,
            ));
        })
        .map_err(|e| ApiError::Internal(format!("import thread: {e}")))?;

    let mut body = req.into_body();
    while let Some(frame) = body.frame().await {
        let chunk = match frame {
            Ok(f) => match f.into_data() {
                Ok(data) => Ok(data),
                Err(_trailers) => continue,
            },
            Err(e) => Err(io::Error::other(format!("the upload broke off: {e}"))),
        };
        let failed = chunk.is_err();
        // The importer stopped reading (it failed, or has all it needs).
        if tx.send(chunk).await.is_err() || failed {
            break;
        }
    }
    drop(tx);

    let summary = importer
        .await
        .map_err(|_| ApiError::Internal("the import thread stopped".to_string()))??;
    json(StatusCode::OK, &summary)
}

struct Query {
    mode: VoterMode,
    dry_run: bool,
    strict: bool,
}

impl Query {
    fn parse(q: &str) -> Result<Self, ApiError> {
        let mut out = Query {
            mode: VoterMode::Delta,
            dry_run: false,
            strict: false,
        };
        let flag = |k: &str, v: &str| match v {
            "true" | "1" | "" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ApiError::BadRequest(format!(
                "{k}={v:?}: expected true or false"
            ))),
        };
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "mode" => {
                    out.mode = VoterMode::parse(v).ok_or_else(|| {
                        ApiError::BadRequest(format!("mode={v:?}: expected full or delta"))
                    })?;
                }
                "dry_run" => out.dry_run = flag(k, v)?,
                "strict" => out.strict = flag(k, v)?,
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "unknown query parameter {k:?}"
                    )));
                }
            }
        }
        Ok(out)
    }
}

/// Nice 19 for the calling thread (and the threads it starts): a statewide
/// import gives way to voter pages and message dispatch instead of taking
/// their cores; alone on the machine it still runs at full speed.
fn background_priority() {
    const NICE: libc::c_int = 19;
    // SAFETY: setpriority only reads its integer arguments. On Linux the nice
    // value is per thread and `who = 0` is the calling thread.
    let r = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICE) };
    if r != 0 {
        tracing::debug!("could not lower the import thread's priority");
    }
}

/// Blocking `Read` over the body chunks sent by the connection task.
struct ChannelReader {
    rx: mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl ChannelReader {
    fn new(rx: mpsc::Receiver<io::Result<Bytes>>) -> Self {
        Self {
            rx,
            current: Bytes::new(),
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(chunk)) => self.current = chunk,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current.advance(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_joins_chunks_and_passes_errors() {
        let (tx, rx) = mpsc::channel(4);
        tx.try_send(Ok(Bytes::from_static(b"ab"))).unwrap();
        tx.try_send(Ok(Bytes::new())).unwrap();
        tx.try_send(Ok(Bytes::from_static(b"cde"))).unwrap();
        drop(tx);
        let mut s = String::new();
        ChannelReader::new(rx).read_to_string(&mut s).unwrap();
        assert_eq!(s, "abcde");

        let (tx, rx) = mpsc::channel(4);
        tx.try_send(Err(io::Error::other("cut"))).unwrap();
        assert!(ChannelReader::new(rx).read_to_string(&mut s).is_err());
    }

    #[test]
    fn imports_run_at_background_priority() {
        let nice = std::thread::spawn(|| {
            background_priority();
            // Field 19 of the thread's own stat line is its nice value.
            let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
            let after_name = &stat[stat.rfind(')').unwrap() + 2..];
            after_name
                .split(' ')
                .nth(16)
                .unwrap()
                .parse::<i32>()
                .unwrap()
        })
        .join()
        .unwrap();
        assert_eq!(nice, 19);
    }

    #[test]
    fn query() {
        let q = Query::parse("mode=full&dry_run=true&strict").unwrap();
        assert_eq!((q.mode, q.dry_run, q.strict), (VoterMode::Full, true, true));
        assert!(Query::parse("mode=partial").is_err());
        assert!(Query::parse("dryrun=1").is_err());
    }
}
