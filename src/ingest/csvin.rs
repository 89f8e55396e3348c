//! CSV input shared by the extract feeds: RFC 4180, UTF-8 (BOM skipped),
//! header matched by name without regard to case or surrounding spaces,
//! fields trimmed, blank lines skipped, every row numbered by the physical line
//! it starts on. Records, fields and the header are capped while reading; a
//! file that cannot be read to its end, or ends inside a quote, is refused.

use super::guard::{self, CsvGuard};
use super::{ImportOptions, IngestError};
use std::io::Read;

/// A column the feed reads, and whether a file must have it.
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

type Reader<'r> = csv::Reader<CsvGuard<Box<dyn Read + Send + 'r>>>;

/// The next record or row: `None` at the end, `Some(Err((line, reason)))` for
/// one the parser cannot take; `Err` refuses the whole file.
pub(super) type Next<T> = Result<Option<Result<T, (u64, String)>>, IngestError>;

pub struct CsvInput<'r> {
    reader: Reader<'r>,
    record: csv::ByteRecord,
    /// Position of each wanted column in the file's header.
    at: Vec<Option<usize>>,
    pub names: Vec<&'static str>,
    source: String,
}

/// One row: its line number and its fields by wanted-column index.
pub struct Row<'a> {
    pub line: u64,
    input: &'a CsvInput<'a>,
}

/// A `delimiter`-separated reader over `input` whose records and fields are capped.
pub(super) fn reader<'r>(
    input: Box<dyn Read + Send + 'r>,
    delimiter: u8,
    opts: &ImportOptions,
    first_line: u64,
) -> Reader<'r> {
    csv::ReaderBuilder::new()
        // The header is read as the first record, so that every record's line is taken in turn.
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .buffer_capacity(1 << 20)
        .from_reader(CsvGuard::new(input, delimiter, opts.limits, first_line))
}

/// Reads the next record into `record` and returns the line it starts on;
/// `Ok(None)` at the end. A read failure refuses the file (`Err`); a record the
/// parser cannot take is returned as `Ok(Some(Err((line, reason))))`.
pub(super) fn next_record(
    reader: &mut Reader<'_>,
    record: &mut csv::ByteRecord,
    source: &str,
) -> Next<u64> {
    let result = reader.read_byte_record(record);
    let line = reader.get_mut().take_start();
    match result {
        Ok(false) => Ok(None),
        Ok(true) => {
            Ok(Some(Ok(line.unwrap_or_else(|| {
                record.position().map_or(0, |p| p.line())
            }))))
        }
        Err(e) => {
            let line = line.unwrap_or_else(|| reader.get_ref().line());
            let reason = format!("malformed CSV: {e}");
            match e.into_kind() {
                csv::ErrorKind::Io(err) => Err(guard::failure(source, err, line)),
                _ => Ok(Some(Err((line, reason)))),
            }
        }
    }
}

/// Reads the header row: its names trimmed and lower-cased.
pub(super) fn header(reader: &mut Reader<'_>, source: &str) -> Result<Vec<String>, IngestError> {
    let mut record = csv::ByteRecord::new();
    let names = match next_record(reader, &mut record, source)? {
        None => Vec::new(),
        Some(Ok(_)) => record
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect(),
        Some(Err((_, reason))) => {
            return Err(IngestError::File {
                source_name: source.to_string(),
                reason: format!("cannot read the header: {reason}"),
            });
        }
    };
    if names.iter().all(|h| h.is_empty()) {
        return Err(IngestError::File {
            source_name: source.to_string(),
            reason: "the file is empty: no header row".into(),
        });
    }
    Ok(names)
}

impl<'r> CsvInput<'r> {
    /// Reads the header; a missing required column is an error for the whole file.
    /// Unknown columns are returned as one warning.
    pub fn open(
        input: Box<dyn Read + Send + 'r>,
        columns: &[Column],
        opts: &ImportOptions,
    ) -> Result<(Self, Option<String>), IngestError> {
        let source = opts.source.as_str();
        let mut reader = reader(input, b',', opts, 1);
        let header = header(&mut reader, source)?;
        let mut at = Vec::new();
        let mut missing = Vec::new();
        for c in columns {
            let pos = header.iter().position(|h| h == c.name);
            if pos.is_none() && c.required {
                missing.push(c.name);
            }
            at.push(pos);
        }
        if !missing.is_empty() {
            return Err(IngestError::File {
                source_name: source.to_string(),
                reason: format!("line 1: the header has no column {}", missing.join(", ")),
            });
        }
        let unknown: Vec<&str> = header
            .iter()
            .filter(|h| !columns.iter().any(|c| c.name == h.as_str()))
            .map(String::as_str)
            .collect();
        let warning = (!unknown.is_empty())
            .then(|| format!("unknown columns ignored: {}", unknown.join(", ")));
        Ok((
            Self {
                reader,
                record: csv::ByteRecord::new(),
                at,
                names: columns.iter().map(|c| c.name).collect(),
                source: source.to_string(),
            },
            warning,
        ))
    }

    /// Advances to the next non-blank row. A row the CSV parser cannot take is
    /// returned as `Err((line, reason))` and the reader continues after it; a
    /// file that cannot be read to its end, breaks a cap or ends inside a quote
    /// is an error for the whole file.
    pub fn next_row(&mut self) -> Next<Row<'_>> {
        loop {
            match next_record(&mut self.reader, &mut self.record, &self.source)? {
                None => return Ok(None),
                Some(Ok(line)) => {
                    if self.record.iter().all(|f| f.is_empty()) {
                        continue;
                    }
                    return Ok(Some(Ok(Row { line, input: self })));
                }
                Some(Err(e)) => return Ok(Some(Err(e))),
            }
        }
    }
}

/// A field-level problem: the column and the reason.
pub type FieldError = (&'static str, String);

impl Row<'_> {
    /// The trimmed text of wanted column `i`, empty when absent.
    pub fn get(&self, i: usize) -> Result<&str, FieldError> {
        let Some(pos) = self.input.at[i] else {
            return Ok("");
        };
        let raw = self.input.record.get(pos).unwrap_or(b"");
        std::str::from_utf8(raw)
            .map_err(|_| (self.input.names[i], "is not valid UTF-8".to_string()))
    }

    /// Like `get`, but an empty value is an error.
    pub fn required(&self, i: usize) -> Result<&str, FieldError> {
        let v = self.get(i)?;
        if v.is_empty() {
            return Err((self.input.names[i], "is required but empty".to_string()));
        }
        Ok(v)
    }

    pub fn name(&self, i: usize) -> &'static str {
        self.input.names[i]
    }

    /// A VoteCal id (required).
    pub fn votecal_id(&self, i: usize) -> Result<crate::domain::VoterId, FieldError> {
        let raw = self.required(i)?;
        crate::domain::VoterId::parse(raw).ok_or_else(|| {
            (
                self.name(i),
                format!("{raw:?} must be 1-20 characters of A-Z and 0-9"),
            )
        })
    }

    /// A county code `01`–`58` (required).
    pub fn county(&self, i: usize) -> Result<crate::domain::CountyCode, FieldError> {
        let raw = self.required(i)?;
        crate::domain::CountyCode::parse(raw)
            .ok_or_else(|| (self.name(i), format!("{raw:?} is not a county code 01-58")))
    }

    /// A ballot sequence number, 1 when empty.
    pub fn ballot_seq(&self, i: usize) -> Result<u16, FieldError> {
        match self.get(i)? {
            "" => Ok(1),
            s => s.parse::<u16>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                (
                    self.name(i),
                    format!("{s:?} must be a whole number 1 or more"),
                )
            }),
        }
    }

    /// An election defined in the system (required), from `elections` by code.
    pub fn election<'e, T>(
        &self,
        i: usize,
        elections: &'e std::collections::HashMap<String, T>,
    ) -> Result<&'e T, FieldError> {
        let code = self.required(i)?;
        elections.get(code).ok_or_else(|| {
            (
                self.name(i),
                format!("{code:?} is not an election defined in the system"),
            )
        })
    }
}
