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
        let mut lo = self.resume_after;
        let mut batch: Vec<Entry> = Vec::new();
        let mut progress = Progress::default();
        loop {
            let (hi, done) = next_batch(
                merge,
                &mut batch,
                self.opts,
                self.resume_after,
                &mut skipped,
            )?;
            self.commit(&mut progress, hi, done, batch.len(), |b, counts| {
                apply(b, &batch, lo, hi, counts)
            })?;
            if done {
                return Ok(());
            }
            lo = Some(hi);
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
        type Step<P> = Result<(P, u128, bool, usize), IngestError>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Step<P>>(1);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut lo = resume_after;
                let mut batch: Vec<Entry> = Vec::new();
                loop {
                    let step = next_batch(merge, &mut batch, opts, resume_after, &mut skipped)
                        .and_then(|(hi, done)| {
                            let p = prepare(&store.read()?, &batch, lo, hi)?;
                            Ok((p, hi, done, batch.len()))
                        });
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
            let mut progress = Progress::default();
            for step in rx.iter() {
                let (p, hi, done, n) = step?;
                self.commit(&mut progress, hi, done, n, |b, counts| write(b, p, counts))?;
                if done {
                    return Ok(());
                }
            }
            Err(IngestError::File {
                source_name: opts.source.clone(),
                reason: "the import stopped unexpectedly".into(),
            })
        })
    }

    /// Commits one batch with its checkpoint (durably every few batches and at
    /// the end), then stops the import if it was asked to stop here.
    fn commit(
        &mut self,
        progress: &mut Progress,
        hi: u128,
        done: bool,
        rows: usize,
        apply: impl FnOnce(&mut Batch<'_>, &mut [u64]) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        progress.commits += 1;
        let durable = done || progress.commits.is_multiple_of(DURABLE_EVERY);
        let (store, dry, hash) = (self.store, self.opts.dry_run, self.hash);
        let (feed, mode, started_at) = (self.feed, self.mode, self.started_at);
        let counts = &mut self.counts;
        store.write_as(durable, |b| -> Result<(), IngestError> {
            apply(b, counts)?;
            if !dry {
                let record = ImportRecord {
                    feed: feed.into(),
                    mode: mode.into(),
                    started_at,
                    checkpoint: Some(Checkpoint {
                        through: hi.to_be_bytes().to_vec(),
                        lookup_index_stale: true,
                        counts: counts.to_vec(),
                    }),
                    finished: None,
                };
                b.import_put(&hash, &record)?;
            }
            Ok(())
        })?;
        progress.applied += rows as u64;
        if !done
            && let Some(limit) = self.opts.stop_after_rows
            && progress.applied >= limit
        {
            return Err(IngestError::Stopped {
                source_name: self.opts.source.clone(),
                rows: progress.applied,
            });
        }
        Ok(())
    }
}

/// Batches committed and rows applied so far in this run.
#[derive(Default)]
struct Progress {
    commits: u32,
    applied: u64,
}

/// Refills `batch` with the next entries, ending between two keys and skipping
/// what an interrupted run already applied. Returns the batch's upper key bound
/// (the end of the key space for the last batch) and whether it is the last.
fn next_batch(
    merge: &mut Merge,
    batch: &mut Vec<Entry>,
    opts: &ImportOptions,
    resume_after: Option<u128>,
    skipped: &mut impl FnMut(&Entry),
) -> Result<(u128, bool), IngestError> {
    let io = |err| opts.io_error(err);
    let batch_rows = opts.batch_rows.max(1);
    batch.clear();
    while let Some(next) = merge.peek_key().map_err(io)? {
        if batch.len() >= batch_rows && batch.last().is_some_and(|e| e.key != next) {
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
    Ok((hi, done))
}
