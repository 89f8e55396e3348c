//! Reading limits, and the byte-level guards that keep an import's memory
//! bounded whatever the input. The parsers (csv, serde_json) grow their buffers
//! to hold a whole record or string, so the guards sit below them, follow the
//! quoting of the format byte by byte and stop the read as soon as a record, a
//! field or the header passes its cap. They also keep the line each record
//! starts on (physical lines: CRLF, LF or CR; quoted line breaks count) and
//! notice a quote still open at the end of the file.

use super::IngestError;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// Caps on what one import reads (`[import]` in the configuration).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadLimits {
    /// Longest record in bytes: a CSV or pipe-delimited row (quoted line breaks
    /// included), one scan object of a JSON array, one NDJSON line.
    pub record_bytes: u64,
    /// Longest field in bytes (quotes included), or JSON string.
    pub field_bytes: u64,
    /// Longest header row in bytes.
    pub header_bytes: u64,
    /// Most text one file may hold once decompressed (plain files: their size).
    /// It bounds the sort's spill files on disk, and the merge of them (one
    /// buffer per 64-96 MiB of rows) in memory.
    pub decompressed_bytes: u64,
}

impl ReadLimits {
    /// The caps `[import]` sets.
    pub fn from_config(c: &crate::config::ImportConfig) -> Self {
        Self {
            record_bytes: c.max_record_bytes,
            field_bytes: c.max_field_bytes,
            header_bytes: c.max_header_bytes,
            decompressed_bytes: c.max_decompressed_bytes,
        }
    }
}

/// The configuration's defaults.
impl Default for ReadLimits {
    fn default() -> Self {
        Self::from_config(&crate::config::ImportConfig::default())
    }
}

/// Which cap a file broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Limit {
    Record,
    Field,
    Header,
}

/// Why reading a file stopped; carried through the parsers inside an `io::Error`.
#[derive(Debug, thiserror::Error)]
pub(super) enum ReadError {
    #[error("the file cannot be read past line {line}: {detail}")]
    Unreadable { line: u64, detail: String },
    #[error("more than {limit} bytes once decompressed")]
    TooLarge { limit: u64 },
    #[error("line {line}: over the {what:?} limit of {limit} bytes")]
    Limit { line: u64, what: Limit, limit: u64 },
    #[error("line {line}: unterminated quote")]
    UnterminatedQuote { line: u64 },
}

impl ReadError {
    fn into_io(self) -> io::Error {
        io::Error::other(self)
    }
}

/// Turns an error met while reading the input into the import's error: a
/// broken limit or quote refuses the file at its line; anything else means the
/// file could not be read to its end (a truncated or corrupt upload or gzip file).
pub(super) fn failure(source: &str, err: io::Error, line: u64) -> IngestError {
    let source_name = source.to_string();
    let carried = err.get_ref().is_some_and(|e| e.is::<ReadError>());
    let err = if carried {
        *err.into_inner()
            .and_then(|e| e.downcast::<ReadError>().ok())
            .expect("checked above")
    } else {
        ReadError::Unreadable {
            line,
            detail: err.to_string(),
        }
    };
    match err {
        ReadError::Unreadable { line, detail } => IngestError::Truncated {
            source_name,
            line,
            detail,
        },
        ReadError::TooLarge { limit } => IngestError::TooLarge { source_name, limit },
        ReadError::Limit { line, what, limit } => {
            let (thing, key) = match what {
                Limit::Record => ("a record", "max_record_bytes"),
                Limit::Field => ("a field", "max_field_bytes"),
                Limit::Header => ("the header row", "max_header_bytes"),
            };
            IngestError::Refused {
                source_name,
                line,
                reason: format!(
                    "{thing} is longer than the limit of {limit} bytes ([import] {key})"
                ),
            }
        }
        ReadError::UnterminatedQuote { line } => IngestError::Refused {
            source_name,
            line,
            reason: "unterminated quote: the quoted field that starts here is never closed".into(),
        },
    }
}

/// Passes at most `limit` bytes of decompressed text.
pub(super) struct Capped<R> {
    pub inner: R,
    pub limit: u64,
    pub read: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(ReadError::TooLarge { limit: self.limit }.into_io());
        }
        Ok(n)
    }
}

/// Counts physical lines: `\r\n`, `\n` and a lone `\r` each end one.
#[derive(Clone, Copy)]
struct Lines {
    line: u64,
    prev_cr: bool,
}

impl Lines {
    fn new(first: u64) -> Self {
        Self {
            line: first,
            prev_cr: false,
        }
    }

    #[inline]
    fn step(&mut self, b: u8) {
        if b == b'\r' || (b == b'\n' && !self.prev_cr) {
            self.line += 1;
        }
        self.prev_cr = b == b'\r';
    }
}

/// Where a CSV reader is, mirroring csv-core's reader (RFC 4180, `"` quotes,
/// doubled quotes, CR, LF or CRLF ends a record, blank lines skipped).
#[derive(Clone, Copy, PartialEq, Eq)]
enum CsvState {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    /// A quote inside a quoted field: closes it, or starts a doubled quote.
    QuoteInQuoted,
}

/// Sits below a `csv::Reader` and stops it before it buffers an oversized
/// record, field or header, or reads to the end inside a quoted field.
pub(super) struct CsvGuard<R> {
    inner: R,
    limits: ReadLimits,
    delimiter: u8,
    state: CsvState,
    lines: Lines,
    /// Records begun so far (the first is the header).
    records: u64,
    record_line: u64,
    record_len: u64,
    field_len: u64,
    quote_line: u64,
    /// First lines of records read ahead of the parser, in order.
    starts: VecDeque<u64>,
    bom_checked: bool,
}

impl<R: Read> CsvGuard<R> {
    pub fn new(inner: R, delimiter: u8, limits: ReadLimits, first_line: u64) -> Self {
        Self {
            inner,
            limits,
            delimiter,
            state: CsvState::StartRecord,
            lines: Lines::new(first_line),
            records: 0,
            record_line: first_line,
            record_len: 0,
            field_len: 0,
            quote_line: first_line,
            starts: VecDeque::new(),
            bom_checked: false,
        }
    }

    /// The first line of the next record the parser hands out.
    pub fn take_start(&mut self) -> Option<u64> {
        self.starts.pop_front()
    }

    /// The line reading has reached.
    pub fn line(&self) -> u64 {
        self.lines.line
    }

    fn begin_record(&mut self) {
        self.records += 1;
        self.record_line = self.lines.line;
        self.record_len = 0;
        self.starts.push_back(self.lines.line);
    }

    #[inline]
    fn field_start(&mut self, b: u8, term: bool) -> CsvState {
        self.field_len = 0;
        if b == b'"' {
            self.quote_line = self.lines.line;
            CsvState::InQuoted
        } else if b == self.delimiter {
            CsvState::StartField
        } else if term {
            CsvState::StartRecord
        } else {
            CsvState::InField
        }
    }

    fn scan(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let (record_cap, field_cap) = (self.limits.record_bytes, self.limits.field_bytes);
        for &b in bytes {
            let term = b == b'\r' || b == b'\n';
            self.state = match self.state {
                CsvState::StartRecord if term => CsvState::StartRecord,
                CsvState::StartRecord => {
                    self.begin_record();
                    self.field_start(b, false)
                }
                CsvState::StartField => self.field_start(b, term),
                CsvState::InField if b == self.delimiter => CsvState::StartField,
                CsvState::InField if term => CsvState::StartRecord,
                CsvState::InField => CsvState::InField,
                CsvState::InQuoted if b == b'"' => CsvState::QuoteInQuoted,
                CsvState::InQuoted => CsvState::InQuoted,
                CsvState::QuoteInQuoted if b == b'"' => CsvState::InQuoted,
                CsvState::QuoteInQuoted if b == self.delimiter => CsvState::StartField,
                CsvState::QuoteInQuoted if term => CsvState::StartRecord,
                CsvState::QuoteInQuoted => CsvState::InField,
            };
            if self.state != CsvState::StartRecord {
                self.record_len += 1;
                if self.state == CsvState::StartField {
                    self.field_len = 0;
                } else {
                    self.field_len += 1;
                }
                let (cap, what) = match self.records {
                    1 => (self.limits.header_bytes, Limit::Header),
                    _ => (record_cap, Limit::Record),
                };
                if self.record_len > cap || self.field_len > field_cap {
                    let what = if self.record_len > cap {
                        what
                    } else {
                        Limit::Field
                    };
                    let limit = if what == Limit::Field { field_cap } else { cap };
                    return Err(ReadError::Limit {
                        line: self.record_line,
                        what,
                        limit,
                    });
                }
            }
            self.lines.step(b);
        }
        Ok(())
    }

    fn unreadable(&self, err: io::Error) -> io::Error {
        if err.get_ref().is_some_and(|e| e.is::<ReadError>()) {
            return err;
        }
        ReadError::Unreadable {
            line: self.lines.line,
            detail: err.to_string(),
        }
        .into_io()
    }
}

/// Reads into `buf`, skipping a UTF-8 byte-order mark at the very start.
fn read_skipping_bom(
    inner: &mut impl Read,
    buf: &mut [u8],
    checked: &mut bool,
) -> io::Result<usize> {
    let mut n = inner.read(buf)?;
    if *checked || buf.len() < 3 {
        return Ok(n);
    }
    // The mark may arrive split over several reads.
    while (1..3).contains(&n) && buf[..n] == b"\xef\xbb\xbf"[..n] {
        let more = inner.read(&mut buf[n..])?;
        if more == 0 {
            break;
        }
        n += more;
    }
    *checked = n > 0;
    if buf[..n].starts_with(b"\xef\xbb\xbf") {
        buf.copy_within(3..n, 0);
        n -= 3;
        if n == 0 {
            return inner.read(buf);
        }
    }
    Ok(n)
}

impl<R: Read> Read for CsvGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_skipping_bom(&mut self.inner, buf, &mut self.bom_checked)
            .map_err(|e| self.unreadable(e))?;
        if n == 0 && self.state == CsvState::InQuoted {
            return Err(ReadError::UnterminatedQuote {
                line: self.quote_line,
            }
            .into_io());
        }
        self.scan(&buf[..n]).map_err(ReadError::into_io)?;
        Ok(n)
    }
}

/// Sits below serde_json reading one JSON array of scans: stops it before it
/// buffers an element over the record cap or a string over the field cap, and
/// keeps the line each element starts on.
pub(super) struct JsonGuard<R> {
    inner: R,
    limits: ReadLimits,
    lines: Lines,
    depth: u32,
    in_string: bool,
    escape: bool,
    string_len: u64,
    /// Length of the element being read, if one is.
    element_len: Option<u64>,
    element_line: u64,
    starts: Starts,
}

/// First lines of array elements, shared with the code that takes them.
pub(super) type Starts = std::rc::Rc<std::cell::RefCell<VecDeque<u64>>>;

impl<R: Read> JsonGuard<R> {
    pub fn new(inner: R, limits: ReadLimits, first_line: u64) -> (Self, Starts) {
        let starts = Starts::default();
        let guard = Self {
            inner,
            limits,
            lines: Lines::new(first_line),
            depth: 0,
            in_string: false,
            escape: false,
            string_len: 0,
            element_len: None,
            element_line: first_line,
            starts: starts.clone(),
        };
        (guard, starts)
    }

    fn begin_element(&mut self) {
        if self.depth == 1 && self.element_len.is_none() {
            self.element_len = Some(0);
            self.element_line = self.lines.line;
            self.starts.borrow_mut().push_back(self.lines.line);
        }
    }

    fn scan(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        for &b in bytes {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                self.string_len += 1;
                if self.string_len > self.limits.field_bytes {
                    return Err(ReadError::Limit {
                        line: self.element_line,
                        what: Limit::Field,
                        limit: self.limits.field_bytes,
                    });
                }
            } else {
                match b {
                    b'"' => {
                        self.begin_element();
                        self.in_string = true;
                        self.string_len = 1;
                    }
                    b'[' | b'{' => {
                        self.begin_element();
                        self.depth += 1;
                    }
                    b']' | b'}' => {
                        if self.depth == 1 {
                            self.element_len = None;
                        }
                        self.depth = self.depth.saturating_sub(1);
                    }
                    b',' if self.depth == 1 => self.element_len = None,
                    b' ' | b'\t' | b'\r' | b'\n' => {}
                    _ => self.begin_element(),
                }
            }
            if let Some(len) = &mut self.element_len {
                *len += 1;
                if *len > self.limits.record_bytes {
                    return Err(ReadError::Limit {
                        line: self.element_line,
                        what: Limit::Record,
                        limit: self.limits.record_bytes,
                    });
                }
            }
            self.lines.step(b);
        }
        Ok(())
    }
}

impl<R: Read> Read for JsonGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(|e| {
            if e.get_ref().is_some_and(|i| i.is::<ReadError>()) {
                return e;
            }
            ReadError::Unreadable {
                line: self.lines.line,
                detail: e.to_string(),
            }
            .into_io()
        })?;
        self.scan(&buf[..n]).map_err(ReadError::into_io)?;
        Ok(n)
    }
}

/// Reads one line of `r` into `buf` (without its line end); `Ok(false)` at the
/// end of the input. A line longer than the record cap stops the read there.
pub(super) fn read_line_capped(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limits: &ReadLimits,
    line: u64,
) -> io::Result<bool> {
    buf.clear();
    let mut any = false;
    loop {
        let chunk = r.fill_buf().map_err(|e| {
            if e.get_ref().is_some_and(|i| i.is::<ReadError>()) {
                return e;
            }
            ReadError::Unreadable {
                line,
                detail: e.to_string(),
            }
            .into_io()
        })?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if (buf.len() + take) as u64 > limits.record_bytes {
            return Err(ReadError::Limit {
                line,
                what: Limit::Record,
                limit: limits.record_bytes,
            }
            .into_io());
        }
        buf.extend_from_slice(&chunk[..take]);
        r.consume(take + usize::from(done));
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(any)
}

/// The refusal of a file with a field over the cap at `line`, found after parsing.
pub(super) fn field_too_long(source: &str, line: u64, limits: &ReadLimits) -> IngestError {
    let err = ReadError::Limit {
        line,
        what: Limit::Field,
        limit: limits.field_bytes,
    };
    failure(source, err.into_io(), line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &[u8], limits: ReadLimits) -> Result<Vec<u64>, String> {
        let mut g = CsvGuard::new(text, b',', limits, 1);
        let mut out = Vec::new();
        // Tiny reads: every state must survive a split anywhere.
        let mut buf = [0u8; 3];
        loop {
            match g.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return Err(failure("f", e, 0).to_string()),
            }
        }
        while let Some(l) = g.take_start() {
            out.push(l);
        }
        Ok(out)
    }

    #[test]
    fn record_lines_follow_crlf_blank_lines_and_quoted_breaks() {
        let text = b"\xef\xbb\xbfh1,h2\r\na,b\r\n\r\n\"x\r\ny\",z\r\nlast,\"q\"\"q\"\n\rcr\rend";
        assert_eq!(
            starts(text, ReadLimits::default()).unwrap(),
            vec![1, 2, 4, 6, 8, 9]
        );
    }

    #[test]
    fn caps_and_open_quotes_stop_the_read() {
        let small = ReadLimits {
            record_bytes: 20,
            field_bytes: 8,
            header_bytes: 10,
            decompressed_bytes: 1 << 20,
        };
        let e = starts(b"a,b\n1,2\n\"123456789\"\n", small).unwrap_err();
        assert!(
            e.contains("line 3: a field is longer than the limit of 8"),
            "{e}"
        );
        let e = starts(b"a,b\n1,2,3,4,5,6,7,8,9,10,11\n", small).unwrap_err();
        assert!(
            e.contains("line 2: a record is longer than the limit of 20"),
            "{e}"
        );
        let e = starts(b"a,b,c,d,e,f\n", small).unwrap_err();
        assert!(e.contains("line 1: the header row is longer"), "{e}");
        let e = starts(b"a,b\n1,\"2\n3\n", small).unwrap_err();
        assert!(e.contains("line 2: unterminated quote"), "{e}");
        // A doubled quote at the end closes nothing open.
        assert!(starts(b"a,b\n1,\"2\"\"\"\n", small).is_ok());
    }

    #[test]
    fn json_elements_and_strings_are_capped() {
        let small = ReadLimits {
            record_bytes: 30,
            field_bytes: 10,
            header_bytes: 10,
            decompressed_bytes: 1 << 20,
        };
        let run = |text: &[u8]| {
            let (mut g, starts) = JsonGuard::new(text, small, 1);
            let mut sink = Vec::new();
            let r = g
                .read_to_end(&mut sink)
                .map_err(|e| failure("f", e, 0).to_string());
            (r, starts.borrow().iter().copied().collect::<Vec<_>>())
        };
        let (r, lines) = run(b"[\n{\"a\":\"b\"},\n\n {\"c\":[1,2]}, 3]");
        assert!(r.is_ok());
        assert_eq!(lines, vec![2, 4, 4]);
        let (r, _) = run(b"[{\"a\":\"0123456789\"}]");
        assert!(r.unwrap_err().contains("a field is longer"));
        let (r, _) = run(b"[{\"a\":1},\n{\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}]");
        assert!(r.unwrap_err().contains("line 2: a record is longer"));
        // An escaped quote does not end a string.
        let (r, _) = run(b"[{\"a\":\"\\\"\\\"\\\"\\\"\\\"\"}]");
        assert!(r.unwrap_err().contains("a field is longer"));
    }
}
