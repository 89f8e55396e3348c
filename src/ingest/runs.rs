//! External sort: entries are buffered, sorted and spilled to run files on a
//! second thread while the parser fills the next buffer, then merged in order.
//! Memory stays bounded whatever the size of the file.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// An entry: a sort key, the input line it came from, a tag and its payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: u128,
    pub line: u64,
    pub tag: u8,
    pub payload: Vec<u8>,
}

/// A buffer of entries kept compact: one arena of payloads and a small index.
#[derive(Default)]
struct Chunk {
    index: Vec<(u128, u64, u8, u32, u32)>,
    arena: Vec<u8>,
}

impl Chunk {
    fn bytes(&self) -> usize {
        self.arena.len() + self.index.len() * 48
    }

    fn sort(&mut self) {
        self.index.sort_unstable_by_key(|e| (e.0, e.1));
    }

    fn write(&self, path: &Path) -> io::Result<()> {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(path)?);
        for &(key, line, tag, off, len) in &self.index {
            w.write_all(&key.to_le_bytes())?;
            w.write_all(&line.to_le_bytes())?;
            w.write_all(&[tag])?;
            w.write_all(&len.to_le_bytes())?;
            w.write_all(&self.arena[off as usize..(off + len) as usize])?;
        }
        w.flush()
    }
}

/// The background sorter: chunks go in, sorted run files come out.
type SpillThread = (
    mpsc::SyncSender<(Chunk, PathBuf)>,
    JoinHandle<io::Result<()>>,
);

pub struct Sorter {
    dir: PathBuf,
    chunk: Chunk,
    limit: usize,
    runs: Vec<PathBuf>,
    spill: Option<SpillThread>,
}

impl Sorter {
    /// `dir` is created and holds the run files; `limit` is the buffer size in bytes.
    pub fn new(dir: &Path, limit: usize) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            chunk: Chunk::default(),
            limit,
            runs: Vec::new(),
            spill: None,
        })
    }

    pub fn push(&mut self, key: u128, line: u64, tag: u8, payload: &[u8]) -> io::Result<()> {
        let off = self.chunk.arena.len() as u32;
        self.chunk.arena.extend_from_slice(payload);
        self.chunk
            .index
            .push((key, line, tag, off, payload.len() as u32));
        if self.chunk.bytes() >= self.limit {
            self.spill_chunk()?;
        }
        Ok(())
    }

    fn spill_chunk(&mut self) -> io::Result<()> {
        let chunk = std::mem::take(&mut self.chunk);
        let path = self.dir.join(format!("run-{:05}", self.runs.len()));
        self.runs.push(path.clone());
        if self.spill.is_none() {
            // One spill in flight at a time: the parser keeps the other core busy.
            let (tx, rx) = mpsc::sync_channel::<(Chunk, PathBuf)>(0);
            let handle = std::thread::spawn(move || {
                for (mut c, p) in rx {
                    c.sort();
                    c.write(&p)?;
                }
                Ok(())
            });
            self.spill = Some((tx, handle));
        }
        let (tx, _) = self.spill.as_ref().expect("spill thread");
        if tx.send((chunk, path)).is_err() {
            return self.join_spill();
        }
        Ok(())
    }

    fn join_spill(&mut self) -> io::Result<()> {
        if let Some((tx, handle)) = self.spill.take() {
            drop(tx);
            handle
                .join()
                .map_err(|_| io::Error::other("sort thread panicked"))??;
        }
        Ok(())
    }

    /// Finishes the sort; the entries come back ordered by (key, line).
    pub fn finish(mut self) -> io::Result<Merge> {
        if self.runs.is_empty() {
            // Everything fit in memory: no run files.
            let mut chunk = std::mem::take(&mut self.chunk);
            chunk.sort();
            return Ok(Merge {
                sources: vec![Source::Memory(chunk, 0)],
                heap: BinaryHeap::new(),
                started: false,
                dir: Some(self.dir.clone()),
            });
        }
        if !self.chunk.index.is_empty() {
            self.spill_chunk()?;
        }
        self.join_spill()?;
        let mut sources = Vec::new();
        for p in &self.runs {
            sources.push(Source::File(BufReader::with_capacity(
                256 << 10,
                File::open(p)?,
            )));
        }
        Ok(Merge {
            sources,
            heap: BinaryHeap::new(),
            started: false,
            dir: Some(self.dir.clone()),
        })
    }
}

impl Drop for Sorter {
    fn drop(&mut self) {
        let _ = self.join_spill();
    }
}

enum Source {
    Memory(Chunk, usize),
    File(BufReader<File>),
}

impl Source {
    fn next(&mut self) -> io::Result<Option<Entry>> {
        match self {
            Source::Memory(c, i) => {
                let Some(&(key, line, tag, off, len)) = c.index.get(*i) else {
                    return Ok(None);
                };
                *i += 1;
                Ok(Some(Entry {
                    key,
                    line,
                    tag,
                    payload: c.arena[off as usize..(off + len) as usize].to_vec(),
                }))
            }
            Source::File(r) => {
                let mut head = [0u8; 16 + 8 + 1 + 4];
                match r.read_exact(&mut head) {
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
                    other => other?,
                }
                let key = u128::from_le_bytes(head[..16].try_into().expect("16"));
                let line = u64::from_le_bytes(head[16..24].try_into().expect("8"));
                let tag = head[24];
                let len = u32::from_le_bytes(head[25..29].try_into().expect("4")) as usize;
                let mut payload = vec![0; len];
                r.read_exact(&mut payload)?;
                Ok(Some(Entry {
                    key,
                    line,
                    tag,
                    payload,
                }))
            }
        }
    }
}

/// The k-way merge of the sorted runs.
pub struct Merge {
    sources: Vec<Source>,
    heap: BinaryHeap<Reverse<(u128, u64, usize, HeapEntry)>>,
    started: bool,
    dir: Option<PathBuf>,
}

#[derive(PartialEq, Eq)]
struct HeapEntry(Entry);

impl PartialOrd for HeapEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapEntry {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl Merge {
    fn refill(&mut self, i: usize) -> io::Result<()> {
        if let Some(e) = self.sources[i].next()? {
            self.heap.push(Reverse((e.key, e.line, i, HeapEntry(e))));
        }
        Ok(())
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            for i in 0..self.sources.len() {
                self.refill(i)?;
            }
        }
        Ok(())
    }

    /// The key of the next entry, without taking it.
    pub fn peek_key(&mut self) -> io::Result<Option<u128>> {
        self.start()?;
        Ok(self.heap.peek().map(|Reverse((k, ..))| *k))
    }

    /// Starts again from the first entry: a second pass over the same runs.
    pub fn rewind(&mut self) -> io::Result<()> {
        self.heap.clear();
        self.started = false;
        for s in &mut self.sources {
            match s {
                Source::Memory(_, i) => *i = 0,
                Source::File(r) => {
                    std::io::Seek::seek(r, std::io::SeekFrom::Start(0))?;
                }
            }
        }
        Ok(())
    }

    pub fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        self.start()?;
        let Some(Reverse((_, _, i, HeapEntry(e)))) = self.heap.pop() else {
            return Ok(None);
        };
        self.refill(i)?;
        Ok(Some(e))
    }
}

impl Drop for Merge {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_spilled_runs_in_key_then_line_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Sorter::new(&dir.path().join("r"), 200).unwrap();
        let mut expect = Vec::new();
        for i in 0..500u64 {
            let key = u128::from((i * 7919) % 101);
            s.push(key, i, (i % 2) as u8, &i.to_le_bytes()).unwrap();
            expect.push((key, i));
        }
        expect.sort();
        let mut m = s.finish().unwrap();
        let mut got = Vec::new();
        while let Some(e) = m.next_entry().unwrap() {
            assert_eq!(e.payload, e.line.to_le_bytes());
            assert_eq!(e.tag, (e.line % 2) as u8);
            got.push((e.key, e.line));
        }
        assert_eq!(got, expect);
        drop(m);
        assert!(!dir.path().join("r").exists(), "run files removed");
    }

    #[test]
    fn small_input_stays_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Sorter::new(&dir.path().join("r"), 1 << 20).unwrap();
        s.push(3, 1, 0, b"c").unwrap();
        s.push(1, 2, 0, b"a").unwrap();
        let mut m = s.finish().unwrap();
        assert_eq!(m.next_entry().unwrap().unwrap().payload, b"a");
        assert_eq!(m.next_entry().unwrap().unwrap().payload, b"c");
        assert!(m.next_entry().unwrap().is_none());
    }

    #[test]
    fn a_rewound_merge_gives_the_same_entries_again() {
        let dir = tempfile::tempdir().unwrap();
        for limit in [100, 1 << 20] {
            let mut s = Sorter::new(&dir.path().join(format!("r{limit}")), limit).unwrap();
            for i in 0..300u64 {
                s.push(u128::from((i * 31) % 97), i, 0, &i.to_le_bytes())
                    .unwrap();
            }
            let mut m = s.finish().unwrap();
            let mut pass = || {
                let mut got = Vec::new();
                while let Some(e) = m.next_entry().unwrap() {
                    got.push((e.key, e.line, e.payload));
                }
                m.rewind().unwrap();
                got
            };
            let first = pass();
            assert_eq!(first.len(), 300);
            assert_eq!(pass(), first, "buffer limit {limit}");
        }
    }
}
