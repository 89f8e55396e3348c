//! The threads connections are served on: one single-threaded runtime per
//! core, handed connections in turn by the accepting task. A connection's
//! requests then stay on one thread (no work stealing, no wake-ups across
//! threads), and every thread serves as many connections as the others, so
//! page times under load stay even.

use std::future::Future;
use std::pin::Pin;
use std::thread::JoinHandle;
use tokio::sync::mpsc;

/// Work for a thread: made there, so that sockets register with its runtime.
type Job = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

pub struct Workers {
    senders: Vec<mpsc::UnboundedSender<Job>>,
    threads: Vec<JoinHandle<()>>,
    next: usize,
}

impl Workers {
    /// `threads` threads, or with 0 one per core the process may use.
    pub fn start(threads: usize) -> std::io::Result<Self> {
        let n = match threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let mut senders = Vec::with_capacity(n);
        let mut threads = Vec::with_capacity(n);
        for i in 0..n {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
            let thread = std::thread::Builder::new()
                .name(format!("web-{i}"))
                .spawn(move || {
                    rt.block_on(async move {
                        while let Some(job) = rx.recv().await {
                            tokio::spawn(job());
                        }
                    });
                    // Connections finished before the queue closed; what is
                    // left is idle keep-alive reads.
                    rt.shutdown_timeout(std::time::Duration::from_secs(1));
                })?;
            senders.push(tx);
            threads.push(thread);
        }
        Ok(Self {
            senders,
            threads,
            next: 0,
        })
    }

    /// Runs the future `make` returns on the next thread in turn.
    pub fn run<F>(&mut self, make: impl FnOnce() -> F + Send + 'static)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let job: Job = Box::new(move || Box::pin(make()));
        let i = self.next;
        self.next = (i + 1) % self.senders.len();
        // A thread's queue closes only when `self` is dropped.
        let _ = self.senders[i].send(job);
    }

    /// Closes the queues and waits for the threads, off the async threads.
    pub async fn stop(self) {
        drop(self.senders);
        let threads = self.threads;
        let _ = tokio::task::spawn_blocking(move || {
            for t in threads {
                let _ = t.join();
            }
        })
        .await;
    }
}
