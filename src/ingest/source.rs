//! Opening an input: gzip detected by its magic bytes, the raw bytes hashed
//! (SHA-256, the import's identity for resume and audit), progress counted,
//! the decompressed text capped.

use sha2::{Digest, Sha256};
use std::io::{self, BufReader, Read};
use std::sync::{Arc, Mutex};

/// Hashes and counts the raw bytes as they are read.
struct Tap<R> {
    inner: R,
    state: Arc<Mutex<(Sha256, u64)>>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut st = self.state.lock().expect("hash lock");
        st.0.update(&buf[..n]);
        st.1 += n as u64;
        Ok(n)
    }
}

/// The digest of everything read so far.
#[derive(Clone)]
pub struct Digester(Arc<Mutex<(Sha256, u64)>>);

impl Digester {
    /// Raw bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.0.lock().expect("hash lock").1
    }

    /// The SHA-256 of the raw input; call after the input is read to its end.
    pub fn finish(&self) -> [u8; 32] {
        self.0
            .lock()
            .expect("hash lock")
            .0
            .clone()
            .finalize()
            .into()
    }
}

/// Wraps `input` so it reads decompressed text, at most `max_text` bytes of it
/// (a gzip bomb stops there), and returns the digester of the raw bytes.
pub fn open<'r>(
    input: impl Read + Send + 'r,
    max_text: u64,
) -> io::Result<(Box<dyn Read + Send + 'r>, Digester)> {
    let state = Arc::new(Mutex::new((Sha256::new(), 0)));
    let mut tap = Tap {
        inner: input,
        state: state.clone(),
    };
    // The two magic bytes may arrive in separate reads (an upload in small pieces).
    let mut magic = Vec::with_capacity(2);
    while magic.len() < 2 {
        let mut b = [0u8; 2];
        let n = tap.read(&mut b[..2 - magic.len()])?;
        if n == 0 {
            break;
        }
        magic.extend_from_slice(&b[..n]);
    }
    let gz = magic == [0x1f, 0x8b];
    let buffered = BufReader::with_capacity(1 << 20, io::Cursor::new(magic).chain(tap));
    let text: Box<dyn Read + Send + 'r> = if gz {
        Box::new(flate2::bufread::MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    let capped = super::guard::Capped {
        inner: text,
        limit: max_text,
        read: 0,
    };
    let reader = Box::new(BufReader::with_capacity(1 << 20, capped));
    Ok((reader, Digester(state)))
}
