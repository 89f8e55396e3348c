//! Messages as JSON lines in a file: the demo's and dry runs' provider, and
//! the default when nothing is configured.

use super::{BoxFuture, Driver, Outcome, Outgoing};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct FileDriver {
    path: PathBuf,
    /// Serialises appends so lines never interleave.
    lock: Mutex<()>,
}

impl FileDriver {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }

    fn append(&self, m: &Outgoing) -> std::io::Result<()> {
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let line = super::message_json(m);
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        f.write_all(format!("{line}\n").as_bytes())?;
        f.sync_data()
    }

    fn find(&self, id: &str) -> std::io::Result<bool> {
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let f = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        for line in std::io::BufReader::new(f).lines() {
            let line = line?;
            if serde_json::from_str::<serde_json::Value>(&line).is_ok_and(|v| v["id"] == id) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Driver for FileDriver {
    fn name(&self) -> &'static str {
        "file"
    }

    fn send<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            match self.append(m) {
                Ok(()) => Outcome::Accepted {
                    provider_id: m.idempotency_key.clone(),
                },
                Err(e) => Outcome::Transient(format!("writing {}: {e}", self.path.display())),
            }
        })
    }

    /// The file is its own record: a line with the message's id means it was written.
    fn lookup<'a>(&'a self, m: &'a Outgoing) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            self.find(&m.idempotency_key)
                .ok()
                .and_then(|found| found.then(|| m.idempotency_key.clone()))
        })
    }
}
