//! The local CLI's client for a running service: streams a file to the
//! imports endpoint and reads back the summary, and makes the settings calls
//! the CLI makes on the database when no service holds it.

use super::tls;
use crate::ingest::{Feed, RowError, Summary};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, channel::Channel};
use hyper::{Method, Request, StatusCode, Uri, header};
use hyper_util::rt::TokioIo;
use rustls_pki_types::ServerName;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Where the service is and the token it gave the local CLI.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub url: String,
    pub token: String,
    /// The service's certificate, trusted for an `https` URL.
    pub ca: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("service URL {0:?} is not usable")]
    Url(String),
    #[error("cannot reach the service at {url}: {err}")]
    Connect { url: String, err: std::io::Error },
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    #[error("talking to the service: {0}")]
    Http(#[from] hyper::Error),
    #[error("reading {path}: {err}")]
    File { path: PathBuf, err: std::io::Error },
    #[error("the service answered {status}: {detail}")]
    Problem { status: u16, detail: String },
    #[error("the service's answer is not understood: {0}")]
    Answer(String),
}

/// The service's answer to an import.
#[derive(Debug)]
pub enum ImportAnswer {
    Done(Summary),
    /// `strict` and rows were rejected: nothing applied.
    Refused(Summary),
}

/// Streams the file at `path` to `POST /api/v1/imports/{feed}?{query}`;
/// `progress` hears the bytes sent so far.
pub async fn import_file(
    ep: &Endpoint,
    feed: Feed,
    query: &str,
    path: &Path,
    progress: impl Fn(u64) + Send + 'static,
) -> Result<ImportAnswer, ClientError> {
    let file_err = |err| ClientError::File {
        path: path.to_path_buf(),
        err,
    };
    let mut file = tokio::fs::File::open(path).await.map_err(file_err)?;
    let len = file.metadata().await.map_err(file_err)?.len();

    let (io, authority) = connect(ep).await?;
    let (body_tx, body) = Channel::<Bytes, std::io::Error>::new(4);
    let target = format!("/api/v1/imports/{}?{query}", feed.name());
    let req = Request::post(target)
        .header(header::HOST, authority)
        .header(header::AUTHORIZATION, format!("Bearer {}", ep.token))
        .header(header::CONTENT_LENGTH, len)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(body)
        .map_err(|e| ClientError::Answer(e.to_string()))?;

    // The file is read and sent in chunks while the request is in flight.
    let pump = tokio::spawn(async move {
        let mut tx = body_tx;
        let mut sent = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match file.read(&mut buf).await {
                Ok(0) => return Ok(()),
                Ok(n) => {
                    sent += n as u64;
                    if tx
                        .send_data(Bytes::copy_from_slice(&buf[..n]))
                        .await
                        .is_err()
                    {
                        // The service stopped reading: its answer says why.
                        return Ok(());
                    }
                    progress(sent);
                }
                Err(err) => {
                    tx.abort(std::io::Error::other(err.to_string()));
                    return Err(err);
                }
            }
        }
    });

    let resp = send(io, req).await?;
    if let Ok(Err(err)) = pump.await {
        return Err(ClientError::File {
            path: path.to_path_buf(),
            err,
        });
    }
    let (status, bytes) = resp;
    decode(status, &bytes)
}

/// A connection to the service and the `Host` it answers to: TCP, with TLS
/// when the URL is `https` (trusting only the service's own certificate).
async fn connect(ep: &Endpoint) -> Result<(TokioIo<Box<dyn Stream>>, String), ClientError> {
    let uri: Uri = ep
        .url
        .parse()
        .map_err(|_| ClientError::Url(ep.url.clone()))?;
    let host = uri
        .host()
        .ok_or_else(|| ClientError::Url(ep.url.clone()))?
        .trim_matches(['[', ']'])
        .to_string();
    let authority = uri.authority().map_or(host.clone(), |a| a.to_string());
    let https = uri.scheme_str() == Some("https");
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let connect_err = |err| ClientError::Connect {
        url: ep.url.clone(),
        err,
    };
    let tcp = TcpStream::connect((host.as_str(), port))
        .await
        .map_err(connect_err)?;
    if !https {
        return Ok((TokioIo::new(Box::new(tcp)), authority));
    }
    let ca = ep.ca.as_deref().ok_or_else(|| {
        ClientError::Url(format!("{} (https, but no certificate to trust)", ep.url))
    })?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(tls::client_config(ca)?));
    let name = ServerName::try_from(host).map_err(|_| ClientError::Url(ep.url.clone()))?;
    let stream = connector.connect(name, tcp).await.map_err(connect_err)?;
    Ok((TokioIo::new(Box::new(stream)), authority))
}

/// A plain or TLS connection.
trait Stream: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Stream for T {}

async fn send<B>(
    io: TokioIo<Box<dyn Stream>>,
    req: Request<B>,
) -> Result<(StatusCode, Bytes), ClientError>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io).await?;
    tokio::spawn(async move {
        if let Err(err) = conn.await {
            tracing::debug!(%err, "client connection ended");
        }
    });
    let resp = sender.send_request(req).await?;
    let status = resp.status();
    let bytes = resp.into_body().collect().await?.to_bytes();
    Ok((status, bytes))
}

/// One JSON call to the service's API: `path` with its query, `body` sent
/// as JSON. A problem answer becomes `ClientError::Problem`.
pub async fn call_json(
    ep: &Endpoint,
    method: Method,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Result<serde_json::Value, ClientError> {
    let (io, authority) = connect(ep).await?;
    let bytes = body.map_or_else(Vec::new, |b| b.to_string().into_bytes());
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, authority)
        .header(header::AUTHORIZATION, format!("Bearer {}", ep.token))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(bytes)))
        .map_err(|e| ClientError::Answer(e.to_string()))?;
    let (status, bytes) = send(io, req).await?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| ClientError::Answer(e.to_string()));
    }
    let detail = serde_json::from_slice::<WireProblem>(&bytes)
        .map(|p| p.detail.unwrap_or(p.title))
        .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned());
    Err(ClientError::Problem {
        status: status.as_u16(),
        detail,
    })
}

fn decode(status: StatusCode, bytes: &[u8]) -> Result<ImportAnswer, ClientError> {
    let bad = |e: serde_json::Error| ClientError::Answer(e.to_string());
    if status == StatusCode::OK {
        let s: WireSummary = serde_json::from_slice(bytes).map_err(bad)?;
        return Ok(ImportAnswer::Done(s.into()));
    }
    let p: WireProblem = serde_json::from_slice(bytes).map_err(|_| ClientError::Problem {
        status: status.as_u16(),
        detail: String::from_utf8_lossy(bytes).into_owned(),
    })?;
    match p.summary {
        Some(s) if status == StatusCode::UNPROCESSABLE_ENTITY => {
            Ok(ImportAnswer::Refused(s.into()))
        }
        _ => Err(ClientError::Problem {
            status: status.as_u16(),
            detail: p.detail.unwrap_or(p.title),
        }),
    }
}

#[derive(Deserialize)]
struct WireProblem {
    title: String,
    detail: Option<String>,
    summary: Option<WireSummary>,
}

/// `Summary` as it travels (the importer's type is serialize-only).
#[derive(Deserialize)]
struct WireSummary {
    feed: String,
    dry_run: bool,
    rows: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    removed: u64,
    rejected: u64,
    errors: Vec<WireRowError>,
    events: BTreeMap<String, u64>,
    events_by_county: BTreeMap<String, BTreeMap<String, u64>>,
    #[serde(default)]
    messages_queued: Vec<crate::ingest::preview::Queued>,
    scans_pending: u64,
    warnings: Vec<String>,
    #[serde(default)]
    stale: u64,
    #[serde(default)]
    scans_ignored: BTreeMap<String, u64>,
}

#[derive(Deserialize)]
struct WireRowError {
    line: u64,
    column: String,
    reason: String,
}

impl From<WireSummary> for Summary {
    fn from(w: WireSummary) -> Self {
        Summary {
            feed: w.feed,
            dry_run: w.dry_run,
            rows: w.rows,
            inserted: w.inserted,
            updated: w.updated,
            unchanged: w.unchanged,
            removed: w.removed,
            rejected: w.rejected,
            errors: w
                .errors
                .into_iter()
                .map(|e| RowError {
                    line: e.line,
                    column: e.column,
                    reason: e.reason,
                })
                .collect(),
            events: w.events,
            events_by_county: w.events_by_county,
            messages_queued: w.messages_queued,
            due_events: Vec::new(),
            scans_pending: w.scans_pending,
            warnings: w.warnings,
            stale: w.stale,
            scans_ignored: w.scans_ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_round_trips_through_the_wire() {
        let mut s = Summary {
            feed: "voters".into(),
            rows: 3,
            inserted: 2,
            ..Summary::default()
        };
        s.reject(4, "dob", "not a date");
        let json = serde_json::to_vec(&s).unwrap();
        let ImportAnswer::Done(back) = decode(StatusCode::OK, &json).unwrap() else {
            panic!()
        };
        assert_eq!(back, s);
        let problem = serde_json::json!({"type": "x", "title": "Unauthorized", "status": 401, "detail": "token"});
        let err = decode(StatusCode::UNAUTHORIZED, problem.to_string().as_bytes()).unwrap_err();
        assert!(err.to_string().contains("401"), "{err}");
    }
}
