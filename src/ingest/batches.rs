//! Applying a sorted stream in batches: each batch is one transaction that
//! also records how far the import got, so a re-run after a crash skips what
//! was committed and completes the rest exactly.

use super::runs::{Entry, Merge};
use super::{ImportOptions, IngestError, Summary};
use crate::store::{Batch, Checkpoint, ImportRecord, Snapshot, Store};

/// Transactions between durable commits.
const DURABLE_EVERY: u32 = 10;

pub struct Driver<'a> {
    pub store: &'a Store,
    pub opts: &'a ImportOptions,
    pub hash: [u8; 32],
    pub feed: &'static str,
    pub mode: &'static str,
    pub started_at: i64,
    /// Keys up to this one were applied by an interrupted run of the same file.
    pub resume_after: Option<u128>,
    /// Counters kept in the checkpoint so a resumed import reports the whole file.
    pub counts: Vec<u64>,
}

impl<'a> Driver<'a> {
    /// Looks for an earlier import of the same content.
    pub fn new(
        store: &'a Store,
        opts: &'a ImportOptions,
        hash: [u8; 32],
        feed: &'static str,
        mode: &'static str,
        counters: usize,
        summary: &mut Summary,
    ) -> Result<Self, IngestError> {
        let prior = store.read()?.import_get(&hash)?;
        let mut d = Self {
            store,
            opts,
            hash,
            feed,
            mode,
            started_at: prior.as_ref().map_or(opts.now, |p| p.started_at),
            resume_after: None,
            counts: vec![0; counters],
        };
        match prior {
            Some(ImportRecord {
                finished: Some((at, _)),
                ..
            }) => {
                let at = jiff::Timestamp::from_second(at)
                    .map_or_else(|_| at.to_string(), |t| t.to_string());
                summary
                    .warnings
                    .push(format!("this file was already imported at {at}"));
            }
            Some(ImportRecord {
                checkpoint: Some(cp),
                finished: None,
                ..
            }) if !opts.dry_run => {
                d.resume_after = Some(u128::from_be_bytes(
                    cp.through.as_slice().try_into().unwrap_or([0; 16]),
                ));
                for (i, n) in cp.counts.iter().enumerate().take(counters) {
                    d.counts[i] = *n;
                }
                summary
                    .warnings
                    .push("resumed an interrupted import of this file".to_string());
            }
            _ => {}
        }
        Ok(d)
    }

    /// Feeds `merge` to `apply` in batches that end between two keys. `apply`
    /// gets the batch's entries and the key range `(lo, hi]` it covers (the last
    /// batch reaches to the end of the key space). `skipped` sees entries a
    /// resumed run skips.
    pub fn run(
        &mut self,
        merge: &mut Merge,
        mut skipped: impl FnMut(&Entry),
        mut apply: impl FnMut(
            &mut Batch<'_>,
            &[Entry],
            Option<u128>,
            u128,
            &mut [u64],
        ) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        let io = |err| IngestError::Io {
            source_name: self.opts.source.clone(),
            err,
        };
        let mut lo = self.resume_after;
        let batch_rows = self.opts.batch_rows.max(1);
        let mut batch: Vec<Entry> = Vec::with_capacity(batch_rows);
        let mut commits = 0u32;
        let mut applied = 0u64;
        loop {
            batch.clear();
            while let Some(next) = merge.peek_key().map_err(io)? {
                if batch.len() >= batch_rows && batch.last().is_some_and(|e| e.key != next) {
                    break;
                }
                let e = merge.next_entry().map_err(io)?.expect("peeked");
                if self.resume_after.is_some_and(|r| e.key <= r) {
                    skipped(&e);
                    continue;
                }
                batch.push(e);
            }
            let done = merge.peek_key().map_err(io)?.is_none();
            let hi = if done {
                u128::MAX
            } else {
                batch.last().map_or(u128::MAX, |e| e.key)
            };
            commits += 1;
            let durable = done || commits.is_multiple_of(DURABLE_EVERY);
            let record = |counts: &[u64]| ImportRecord {
                feed: self.feed.into(),
                mode: self.mode.into(),
                started_at: self.started_at,
                checkpoint: Some(Checkpoint {
                    through: hi.to_be_bytes().to_vec(),
                    lookup_index_stale: true,
                    counts: counts.to_vec(),
                }),
                finished: None,
            };
            let (store, dry, hash) = (self.store, self.opts.dry_run, self.hash);
            let counts = &mut self.counts;
            store.write_as(durable, |b| -> Result<(), IngestError> {
                apply(b, &batch, lo, hi, counts)?;
                if !dry {
                    b.import_put(&hash, &record(counts))?;
                }
                Ok(())
            })?;
            applied += batch.len() as u64;
            lo = Some(hi);
            if done {
                return Ok(());
            }
            if let Some(n) = self.opts.stop_after_rows
                && applied >= n
            {
                return Err(IngestError::Stopped {
                    source_name: self.opts.source.clone(),
                    rows: applied,
                });
            }
        }
    }

    /// Like `run`, on two cores: a second thread merges and `prepare`s each
    /// batch against a snapshot (the batches' keys are disjoint, so the snapshot
    /// need not hold the previous batch) while this thread `write`s the one
    /// before and commits it with its checkpoint.
    pub fn run_pipelined<P: Send>(
        &mut self,
        merge: &mut Merge,
        mut skipped: impl FnMut(&Entry) + Send,
        mut prepare: impl FnMut(&Snapshot, &[Entry], Option<u128>, u128) -> Result<P, IngestError>
        + Send,
        mut write: impl FnMut(&mut Batch<'_>, P, &mut [u64]) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        let (store, opts, resume_after) = (self.store, self.opts, self.resume_after);
        let batch_rows = opts.batch_rows.max(1);
        let (tx, rx) =
            std::sync::mpsc::sync_channel::<Result<(P, u128, bool, usize), IngestError>>(1);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let io = |err| IngestError::Io {
                    source_name: opts.source.clone(),
                    err,
                };
                let mut lo = resume_after;
                let mut batch: Vec<Entry> = Vec::with_capacity(batch_rows);
                loop {
                    batch.clear();
                    let step = (|| -> Result<(P, u128, bool, usize), IngestError> {
                        while let Some(next) = merge.peek_key().map_err(io)? {
                            if batch.len() >= batch_rows
                                && batch.last().is_some_and(|e| e.key != next)
                            {
                                break;
                            }
                            let e = merge.next_entry().map_err(io)?.expect("peeked");
                            if resume_after.is_some_and(|r| e.key <= r) {
                                skipped(&e);
                                continue;
                            }
                            batch.push(e);
                        }
                        let done = merge.peek_key().map_err(io)?.is_none();
                        let hi = if done {
                            u128::MAX
                        } else {
                            batch.last().map_or(u128::MAX, |e| e.key)
                        };
                        let snap = store.read()?;
                        let p = prepare(&snap, &batch, lo, hi)?;
                        Ok((p, hi, done, batch.len()))
                    })();
                    let stop = step.as_ref().map_or(true, |s| s.2);
                    if let Ok((_, hi, _, _)) = &step {
                        lo = Some(*hi);
                    }
                    // The writer hung up (stopped or failed): nothing more to do.
                    if tx.send(step).is_err() || stop {
                        return;
                    }
                }
            });
            // Owned here, so returning early hangs up and the preparing thread ends.
            let rx = rx;
            let mut commits = 0u32;
            let mut applied = 0u64;
            for step in rx.iter() {
                let (p, hi, done, n) = step?;
                commits += 1;
                let durable = done || commits.is_multiple_of(DURABLE_EVERY);
                let record = |counts: &[u64]| ImportRecord {
                    feed: self.feed.into(),
                    mode: self.mode.into(),
                    started_at: self.started_at,
                    checkpoint: Some(Checkpoint {
                        through: hi.to_be_bytes().to_vec(),
                        lookup_index_stale: true,
                        counts: counts.to_vec(),
                    }),
                    finished: None,
                };
                let (dry, hash) = (opts.dry_run, self.hash);
                let counts = &mut self.counts;
                store.write_as(durable, |b| -> Result<(), IngestError> {
                    write(b, p, counts)?;
                    if !dry {
                        b.import_put(&hash, &record(counts))?;
                    }
                    Ok(())
                })?;
                applied += n as u64;
                if done {
                    return Ok(());
                }
                if let Some(limit) = opts.stop_after_rows
                    && applied >= limit
                {
                    return Err(IngestError::Stopped {
                        source_name: opts.source.clone(),
                        rows: applied,
                    });
                }
            }
            Err(IngestError::File {
                source_name: opts.source.clone(),
                reason: "the import stopped unexpectedly".into(),
            })
        })
    }
}
