//! The backup's plain stream, as it is before compression and encryption:
//!
//! ```text
//! MAGIC
//! frame: header (JSON)            format, schema, snapshot time, secret fingerprint, table names
//! frame: the instance secret      32 bytes
//! per table: b'T', frame: name, then entries (u32 key length, key, u32 value length, value),
//!            ended by a key length of u32::MAX
//! b'E', frame: manifest (JSON)    every table's rows and digest
//! ```
//!
//! A frame is a u32 length (big-endian) and that many bytes. Lengths are
//! capped, so a damaged stream cannot make the reader allocate without bound.

use super::{Header, Manifest, TableDigest};
use sha2::{Digest, Sha256};
use std::io::{self, Read, Write};

pub const MAGIC: &[u8] = b"ballot-tracker backup v1\n";
const TABLE: u8 = b'T';
const END: u8 = b'E';
const END_OF_TABLE: u32 = u32::MAX;
/// Largest key or value taken (recordings are the largest values, a few MiB).
const MAX_ENTRY: u32 = 256 << 20;
/// Largest header or manifest taken.
const MAX_FRAME: u32 = 16 << 20;

/// Writes the stream; keeps each table's running count and digest.
pub struct StreamWriter<W: Write> {
    out: W,
    table: Option<(String, u64, Sha256)>,
    done: Vec<TableDigest>,
}

impl<W: Write> StreamWriter<W> {
    pub fn start(mut out: W, header: &Header, secret: &[u8]) -> io::Result<Self> {
        out.write_all(MAGIC)?;
        frame(
            &mut out,
            &serde_json::to_vec(header).expect("header serializes"),
        )?;
        frame(&mut out, secret)?;
        Ok(Self {
            out,
            table: None,
            done: Vec::new(),
        })
    }

    pub fn begin_table(&mut self, name: &str) -> io::Result<()> {
        self.out.write_all(&[TABLE])?;
        frame(&mut self.out, name.as_bytes())?;
        self.table = Some((name.to_string(), 0, Sha256::new()));
        Ok(())
    }

    pub fn entry(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let (_, rows, digest) = self.table.as_mut().expect("inside a table");
        *rows += 1;
        digest_entry(digest, key, value);
        frame(&mut self.out, key)?;
        frame(&mut self.out, value)
    }

    pub fn end_table(&mut self) -> io::Result<()> {
        self.out.write_all(&END_OF_TABLE.to_be_bytes())?;
        let (name, rows, digest) = self.table.take().expect("inside a table");
        self.done.push(TableDigest {
            name,
            rows,
            digest: hex::encode(digest.finalize()),
        });
        Ok(())
    }

    /// Writes the manifest and hands back the output and the manifest.
    pub fn finish(mut self, header: Header) -> io::Result<(W, Manifest)> {
        let manifest = Manifest {
            header,
            tables: self.done,
        };
        self.out.write_all(&[END])?;
        frame(
            &mut self.out,
            &serde_json::to_vec(&manifest).expect("manifest serializes"),
        )?;
        Ok((self.out, manifest))
    }
}

/// One entry's part of its table's digest: lengths, then bytes, so no two
/// different tables digest alike.
pub fn digest_entry(digest: &mut Sha256, key: &[u8], value: &[u8]) {
    digest.update((key.len() as u32).to_be_bytes());
    digest.update(key);
    digest.update((value.len() as u32).to_be_bytes());
    digest.update(value);
}

fn frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|n| *n < END_OF_TABLE)
        .ok_or_else(|| io::Error::other("an entry is larger than a backup can hold"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)
}

/// What the reader found next.
pub enum Item {
    Table(String),
    Entry(Vec<u8>, Vec<u8>),
    EndOfTable,
    End(Manifest),
}

/// Reads the stream back, checking each table's count and digest against
/// the manifest at its end.
pub struct StreamReader<R: Read> {
    input: R,
    pub header: Header,
    pub secret: Vec<u8>,
    /// The manifest, once read and checked.
    pub manifest: Option<Manifest>,
    table: Option<(String, u64, Sha256)>,
    seen: Vec<TableDigest>,
}

impl<R: Read> StreamReader<R> {
    pub fn open(mut input: R) -> Result<Self, String> {
        let mut magic = vec![0u8; MAGIC.len()];
        input
            .read_exact(&mut magic)
            .map_err(|e| format!("reading its start: {e}"))?;
        if magic != MAGIC {
            return Err("it does not start as a ballot-tracker backup".into());
        }
        let header = read_frame(&mut input, MAX_FRAME)?;
        let header: Header =
            serde_json::from_slice(&header).map_err(|e| format!("its header: {e}"))?;
        let secret = read_frame(&mut input, 64)?;
        Ok(Self {
            input,
            header,
            secret,
            manifest: None,
            table: None,
            seen: Vec::new(),
        })
    }

    /// The next item; an error says what is wrong, in words.
    pub fn next_item(&mut self) -> Result<Item, String> {
        if let Some(m) = &self.manifest {
            return Ok(Item::End(m.clone()));
        }
        if let Some((_, rows, digest)) = &mut self.table {
            let klen = read_u32(&mut self.input)?;
            if klen == END_OF_TABLE {
                let (name, rows, digest) = self.table.take().expect("in a table");
                self.seen.push(TableDigest {
                    name,
                    rows,
                    digest: hex::encode(digest.finalize()),
                });
                return Ok(Item::EndOfTable);
            }
            let key = read_exact(&mut self.input, klen, MAX_ENTRY)?;
            let value = read_frame(&mut self.input, MAX_ENTRY)?;
            *rows += 1;
            digest_entry(digest, &key, &value);
            return Ok(Item::Entry(key, value));
        }
        let mut tag = [0u8];
        self.input
            .read_exact(&mut tag)
            .map_err(|e| format!("it ends before its manifest ({e})"))?;
        match tag[0] {
            TABLE => {
                let name = read_frame(&mut self.input, 256)?;
                let name = String::from_utf8(name).map_err(|_| "a table name is not text")?;
                self.table = Some((name.clone(), 0, Sha256::new()));
                Ok(Item::Table(name))
            }
            END => {
                let m = read_frame(&mut self.input, MAX_FRAME)?;
                let manifest: Manifest =
                    serde_json::from_slice(&m).map_err(|e| format!("its manifest: {e}"))?;
                self.check(&manifest)?;
                self.manifest = Some(manifest.clone());
                Ok(Item::End(manifest))
            }
            other => Err(format!("unexpected byte {other:#04x} between tables")),
        }
    }

    /// The manifest must describe exactly what was read, and nothing may follow it.
    fn check(&mut self, manifest: &Manifest) -> Result<(), String> {
        if manifest.header != self.header {
            return Err("its manifest does not match its header".into());
        }
        if manifest.tables != self.seen {
            let differs = manifest
                .tables
                .iter()
                .zip(&self.seen)
                .find(|(a, b)| a != b)
                .map_or_else(|| "the list of tables".to_string(), |(a, _)| a.name.clone());
            return Err(format!(
                "what it holds does not match its manifest ({differs})"
            ));
        }
        let mut rest = [0u8; 1];
        match self.input.read(&mut rest) {
            Ok(0) => Ok(()),
            Ok(_) => Err("it goes on after its manifest".into()),
            Err(e) => Err(format!("after its manifest: {e}")),
        }
    }
}

fn read_u32(input: &mut impl Read) -> Result<u32, String> {
    let mut b = [0u8; 4];
    input
        .read_exact(&mut b)
        .map_err(|e| format!("it is cut short or damaged ({e})"))?;
    Ok(u32::from_be_bytes(b))
}

fn read_frame(input: &mut impl Read, max: u32) -> Result<Vec<u8>, String> {
    let len = read_u32(input)?;
    read_exact(input, len, max)
}

fn read_exact(input: &mut impl Read, len: u32, max: u32) -> Result<Vec<u8>, String> {
    if len > max {
        return Err(format!("a part of {len} bytes is larger than any it holds"));
    }
    let mut buf = vec![0u8; len as usize];
    input
        .read_exact(&mut buf)
        .map_err(|e| format!("it is cut short or damaged ({e})"))?;
    Ok(buf)
}

/// Counts the bytes that pass and hashes them.
pub struct Hashing<T> {
    inner: T,
    bytes: u64,
    sha: Sha256,
}

impl<T> Hashing<T> {
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            bytes: 0,
            sha: Sha256::new(),
        }
    }
    pub fn sum(self) -> (T, u64, String) {
        (self.inner, self.bytes, hex::encode(self.sha.finalize()))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
}
