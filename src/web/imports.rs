//! `POST /api/v1/imports/{feed}`: the upload is written to a spool file in
//! the import temp directory, then imported from there.
//!
//! Imports run one at a time; receiving the upload first means a slow or
//! stalled client holds nobody else's import, only its own connection (and
//! that only as long as it keeps `[server] min_body_bytes_per_second`). The
//! importer is synchronous and runs on its own thread at background priority.

use super::App;
use super::api::json;
use super::error::{ApiError, Body};
use super::pacing::BodyError;
use crate::ingest::{Feed, VoterMode};
use crate::service::{Actor, imports};
use crate::web::Incoming;
use http_body_util::BodyExt;
use hyper::body::Body as _;
use hyper::{Request, Response, StatusCode};
use std::io::{self, Seek};
use std::path::Path;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

/// Bytes gathered before each write to the spool file.
const SPOOL_BUFFER: usize = 1 << 20;

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
    let max = app.max_upload_bytes;
    // A declared length over the limit is refused before a byte is read.
    if req.body().size_hint().lower() > max {
        return Err(too_large(max));
    }
    let request = imports::Request {
        feed,
        mode: q.mode,
        dry_run: q.dry_run,
        strict: q.strict,
        source: "upload".to_string(),
        temp_dir: app.temp_dir.clone(),
        batch_rows: app.batch_rows,
        progress: None,
        max_removal_share: (!q.allow_mass_removal).then_some(app.max_removal_share),
        limits: app.import_limits,
    };
    tracing::info!(feed = feed.name(), actor = %actor.name, dry_run = q.dry_run, "import over the API");

    let spool = receive(&app.temp_dir, max, req.into_body()).await?;
    let store = app.store.clone();
    let now = app.now();
    let (done, importer) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("import".to_string())
        .spawn(move || {
            background_priority();
            // The spool file goes with the import, done or failed.
            let _ = done.send(imports::run(&store, &actor, request, spool, now));
        })
        .map_err(|e| ApiError::Internal(format!("import thread: {e}")))?;
    let summary = importer
        .await
        .map_err(|_| ApiError::Internal("the import thread stopped".to_string()))??;
    json(StatusCode::OK, &summary)
}

/// Uploads refused for their size, logged at most once a minute.
static TOO_LARGE: super::admission::Notice = super::admission::Notice::new();

fn too_large(max: u64) -> ApiError {
    if let Some(n) = TOO_LARGE.hit() {
        tracing::warn!(
            refused = n,
            limit = max,
            "uploads refused: larger than [import] max_upload_bytes; logged at most once a minute"
        );
    }
    ApiError::PayloadTooLarge(format!(
        "the upload is larger than {max} bytes ([import] max_upload_bytes)"
    ))
}

/// Writes the whole upload to a spool file and hands it back, read from
/// the start. Too large: 413; too slow: 408; broken off: 400.
async fn receive(dir: &Path, max: u64, mut body: Incoming) -> Result<std::fs::File, ApiError> {
    let dir = dir.to_path_buf();
    let file = tokio::task::spawn_blocking(move || spool_file(&dir))
        .await
        .map_err(|e| ApiError::Internal(format!("task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("cannot create the upload's spool file: {e}")))?;
    let mut out =
        tokio::io::BufWriter::with_capacity(SPOOL_BUFFER, tokio::fs::File::from_std(file));
    let mut received: u64 = 0;
    let write_failed =
        |e: io::Error| ApiError::Internal(format!("writing the upload's spool file: {e}"));
    while let Some(frame) = body.frame().await {
        let data = match frame {
            Ok(f) => match f.into_data() {
                Ok(data) => data,
                Err(_trailers) => continue,
            },
            Err(e @ BodyError::TooSlow(_)) => return Err(ApiError::RequestTimeout(e.to_string())),
            Err(e) => return Err(ApiError::BadRequest(format!("the upload broke off: {e}"))),
        };
        received += data.len() as u64;
        if received > max {
            return Err(too_large(max));
        }
        out.write_all(&data).await.map_err(write_failed)?;
    }
    out.flush().await.map_err(write_failed)?;
    let mut file = out.into_inner().into_std().await;
    tokio::task::spawn_blocking(move || file.rewind().map(|()| file))
        .await
        .map_err(|e| ApiError::Internal(format!("task: {e}")))?
        .map_err(write_failed)
}

/// A new file in `dir` only this user may read, already unlinked: its
/// space is freed when the import drops it, and nothing is left behind if
/// the process dies.
fn spool_file(dir: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!(
        "upload-{}-{:016x}",
        std::process::id(),
        rand::random::<u64>()
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

struct Query {
    mode: VoterMode,
    dry_run: bool,
    strict: bool,
    allow_mass_removal: bool,
}

impl Query {
    fn parse(q: &str) -> Result<Self, ApiError> {
        let mut out = Query {
            mode: VoterMode::Delta,
            dry_run: false,
            strict: false,
            allow_mass_removal: false,
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
                "allow_mass_removal" => out.allow_mass_removal = flag(k, v)?,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spool_files_are_private_and_leave_nothing_behind() {
        use std::io::{Read, Write};
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let spool = dir.path().join("tmp");
        let mut file = spool_file(&spool).unwrap();
        let mode = file.metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        assert_eq!(std::fs::read_dir(&spool).unwrap().count(), 0);
        file.write_all(b"votecal_id\n").unwrap();
        file.rewind().unwrap();
        let mut back = String::new();
        file.read_to_string(&mut back).unwrap();
        assert_eq!(back, "votecal_id\n");
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
        assert!(!Query::parse("mode=full").unwrap().allow_mass_removal);
        assert!(
            Query::parse("allow_mass_removal=true")
                .unwrap()
                .allow_mass_removal
        );
        assert!(Query::parse("allow_mass_removal=maybe").is_err());
    }
}
