//! Deadlines that keep a slow client from holding a connection: a request
//! body must keep up a minimum rate (`Paced`), and a connection idle between
//! requests is closed (`KeepAlive`). The header deadline is hyper's own.

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// Bodies dropped for their pace, logged at most once a minute.
static SLOW_BODIES: super::admission::Notice = super::admission::Notice::new();

/// The slowest a request body may come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    /// Bytes a second on average; 0: no check.
    pub min_bytes_per_second: u32,
    /// How far the body may fall behind that rate, or pause, at most.
    pub grace: Duration,
}

impl Pace {
    pub fn from_config(s: &crate::config::ServerConfig) -> Self {
        Self {
            min_bytes_per_second: s.min_body_bytes_per_second,
            grace: Duration::from_secs(s.body_grace_seconds),
        }
    }

    /// The waiting `bytes` more pay for.
    fn credit(&self, bytes: usize) -> Duration {
        let rate = u64::from(self.min_bytes_per_second.max(1));
        Duration::from_nanos((bytes as u64).saturating_mul(1_000_000_000) / rate)
    }
}

/// Why a request body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error(
        "the request body came too slowly (under {0} bytes a second, or a pause too long); it was dropped"
    )]
    TooSlow(u32),
    #[error(transparent)]
    Broken(#[from] hyper::Error),
}

/// A request body as the handlers see it: hyper's, dropped with
/// [`BodyError::TooSlow`] once the client falls too far behind the pace.
///
/// The client starts with `grace` of slack; waiting for it uses slack up,
/// and each byte received gives back `1 / rate` seconds, never more than
/// `grace` in all. Slack banked by a fast start cannot pay for a long
/// trickle, and only time spent waiting for the client counts.
pub struct Paced<B = hyper::body::Incoming> {
    inner: B,
    pace: Pace,
    slack: Duration,
    waiting_since: Option<Instant>,
    /// Made the first time the body has to wait.
    timer: Option<Pin<Box<Sleep>>>,
}

impl<B> Paced<B> {
    pub fn new(inner: B, pace: Pace) -> Self {
        Self {
            inner,
            pace,
            slack: pace.grace,
            waiting_since: None,
            timer: None,
        }
    }

    /// Whether the client has used up its slack; if not, wakes the task when it will have.
    fn out_of_time(&mut self, cx: &mut Context<'_>) -> bool {
        let now = Instant::now();
        let since = *self.waiting_since.get_or_insert(now);
        let deadline = since + self.slack;
        if now >= deadline {
            return true;
        }
        match &mut self.timer {
            Some(t) if t.deadline() == deadline => {}
            Some(t) => t.as_mut().reset(deadline),
            None => self.timer = Some(Box::pin(tokio::time::sleep_until(deadline))),
        }
        let timer = self.timer.as_mut().expect("set above");
        timer.as_mut().poll(cx).is_ready()
    }
}

impl<B> Body for Paced<B>
where
    B: Body<Data = Bytes, Error = hyper::Error> + Unpin,
{
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(since) = this.waiting_since.take() {
                    this.slack = this.slack.saturating_sub(since.elapsed());
                }
                let bytes = frame.data_ref().map_or(0, Bytes::len);
                this.slack = (this.slack + this.pace.credit(bytes)).min(this.pace.grace);
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e.into()))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending if this.pace.min_bytes_per_second == 0 => Poll::Pending,
            Poll::Pending => {
                if !this.out_of_time(cx) {
                    return Poll::Pending;
                }
                let rate = this.pace.min_bytes_per_second;
                if let Some(n) = SLOW_BODIES.hit() {
                    tracing::warn!(
                        dropped = n,
                        min_bytes_per_second = rate,
                        grace_seconds = this.pace.grace.as_secs(),
                        "request bodies dropped: sent too slowly ([server] min_body_bytes_per_second, body_grace_seconds); logged at most once a minute"
                    );
                }
                Poll::Ready(Some(Err(BodyError::TooSlow(rate))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A connection that is closed when no byte of a new request arrives within
/// `limit` of the last answer written (or of its opening).
///
/// Once a request has begun, hyper's header deadline and the body's pace
/// apply instead, and a handler may take as long as it needs.
pub struct KeepAlive<I> {
    io: I,
    limit: Duration,
    /// A byte arrived since the last write.
    reading: bool,
    idle_since: Instant,
    timer: Pin<Box<Sleep>>,
}

impl<I> KeepAlive<I> {
    pub fn new(io: I, limit: Duration) -> Self {
        let now = Instant::now();
        Self {
            io,
            limit,
            reading: false,
            idle_since: now,
            timer: Box::pin(tokio::time::sleep_until(now + limit)),
        }
    }

    fn wrote(&mut self, n: usize) {
        if n > 0 {
            self.reading = false;
            self.idle_since = Instant::now();
        }
    }
}

/// What a connection idle too long ends with.
const IDLE: &str = "idle connection closed";

impl<I: AsyncRead + Unpin> AsyncRead for KeepAlive<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    this.reading = true;
                }
                Poll::Ready(r)
            }
            Poll::Pending if this.reading => Poll::Pending,
            Poll::Pending => {
                let deadline = this.idle_since + this.limit;
                if this.timer.deadline() != deadline {
                    this.timer.as_mut().reset(deadline);
                }
                ready!(this.timer.as_mut().poll(cx));
                Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, IDLE)))
            }
        }
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for KeepAlive<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = ready!(Pin::new(&mut this.io).poll_write(cx, buf));
        if let Ok(n) = r {
            this.wrote(n);
        }
        Poll::Ready(r)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = ready!(Pin::new(&mut this.io).poll_write_vectored(cx, bufs));
        if let Ok(n) = r {
            this.wrote(n);
        }
        Poll::Ready(r)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use http_body_util::channel::Channel;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const PACE: Pace = Pace {
        min_bytes_per_second: 1000,
        grace: Duration::from_millis(300),
    };

    fn paced() -> (
        http_body_util::channel::Sender<Bytes, hyper::Error>,
        Paced<Channel<Bytes, hyper::Error>>,
    ) {
        let (tx, body) = Channel::new(4);
        (tx, Paced::new(body, PACE))
    }

    #[tokio::test]
    async fn a_body_that_keeps_the_pace_is_read_whole() {
        let (mut tx, body) = paced();
        let sender = tokio::spawn(async move {
            for _ in 0..6 {
                // 100 bytes every 100 ms: exactly the minimum rate.
                tx.send_data(Bytes::from(vec![b'x'; 100])).await.unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        let all = body.collect().await.unwrap().to_bytes();
        assert_eq!(all.len(), 600);
        sender.await.unwrap();
    }

    #[tokio::test]
    async fn a_stalled_body_is_dropped_after_the_grace() {
        let (mut tx, mut body) = paced();
        tx.send_data(Bytes::from_static(b"name=")).await.unwrap();
        let started = Instant::now();
        assert!(body.frame().await.unwrap().is_ok());
        let err = body.frame().await.unwrap().unwrap_err();
        assert!(matches!(err, BodyError::TooSlow(1000)), "{err}");
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(290), "{took:?}");
        assert!(took < Duration::from_secs(2), "{took:?}");
        drop(tx);
    }

    #[tokio::test]
    async fn a_fast_start_does_not_pay_for_a_trickle() {
        let (mut tx, mut body) = paced();
        // A megabyte at once would pay for 1000 s at the minimum rate; the
        // slack stays at the grace.
        tx.send_data(Bytes::from(vec![b'x'; 1 << 20]))
            .await
            .unwrap();
        assert!(body.frame().await.unwrap().is_ok());
        let trickle = tokio::spawn(async move {
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_millis(60)).await;
                if tx.send_data(Bytes::from_static(b"x")).await.is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let err = loop {
            match body.frame().await.expect("the trickle outlasts the grace") {
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        assert!(matches!(err, BodyError::TooSlow(_)), "{err}");
        assert!(started.elapsed() < Duration::from_secs(3));
        drop(body);
        trickle.await.unwrap();
    }

    #[tokio::test]
    async fn no_minimum_rate_waits_as_long_as_it_takes() {
        let (mut tx, body) = Channel::<Bytes, hyper::Error>::new(1);
        let mut body = Paced::new(
            body,
            Pace {
                min_bytes_per_second: 0,
                grace: Duration::ZERO,
            },
        );
        let late = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(200)).await;
            tx.send_data(Bytes::from_static(b"late")).await.unwrap();
        });
        let frame = body.frame().await.unwrap().unwrap();
        assert_eq!(frame.into_data().unwrap(), "late");
        late.await.unwrap();
    }

    #[tokio::test]
    async fn an_idle_connection_is_closed_and_a_busy_one_is_not() {
        let (client, server) = tokio::io::duplex(64);
        let mut conn = KeepAlive::new(server, Duration::from_millis(200));
        let (mut client_read, mut client_write) = tokio::io::split(client);
        // A request arrives; the handler then takes longer than the limit.
        client_write.write_all(b"GET").await.unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(conn.read(&mut buf).await.unwrap(), 3);
        let busy = tokio::time::timeout(Duration::from_millis(400), conn.read(&mut buf)).await;
        assert!(busy.is_err(), "closed while a request was in progress");
        // The answer goes out; the connection then idles and is closed.
        conn.write_all(b"200").await.unwrap();
        let mut answer = [0u8; 3];
        client_read.read_exact(&mut answer).await.unwrap();
        let started = Instant::now();
        let err = conn.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
