//! CSV input shared by the extract feeds: RFC 4180, UTF-8 (BOM skipped),
//! header matched by name without regard to case or surrounding spaces,
//! fields trimmed, blank lines skipped, line numbers kept for every row.

use super::IngestError;
use std::io::Read;

/// A column the feed reads, and whether a file must have it.
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

pub struct CsvInput<'r> {
    reader: csv::Reader<Box<dyn Read + Send + 'r>>,
    record: csv::ByteRecord,
    /// Position of each wanted column in the file's header.
    at: Vec<Option<usize>>,
    pub names: Vec<&'static str>,
}

/// One row: its line number and its fields by wanted-column index.
pub struct Row<'a> {
    pub line: u64,
    input: &'a CsvInput<'a>,
}

impl<'r> CsvInput<'r> {
    /// Reads the header; a missing required column is an error for the whole file.
    /// Unknown columns are returned as one warning.
    pub fn open(
        reader: Box<dyn Read + Send + 'r>,
        columns: &[Column],
        source: &str,
    ) -> Result<(Self, Option<String>), IngestError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .buffer_capacity(1 << 20)
            .from_reader(reader);
        let header = reader
            .byte_headers()
            .map_err(|e| IngestError::File {
                source_name: source.to_string(),
                reason: format!("cannot read the header: {e}"),
            })?
            .clone();
        let header: Vec<String> = header
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect();
        if header.iter().all(|h| h.is_empty()) {
            return Err(IngestError::File {
                source_name: source.to_string(),
                reason: "the file is empty: no header row".into(),
            });
        }
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
            },
            warning,
        ))
    }

    /// Advances to the next non-blank row. A malformed CSV line is returned as
    /// `Err((line, reason))` and the reader continues after it.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, (u64, String)>> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let line = self.record.position().map_or(0, |p| p.line());
                    if self.record.iter().all(|f| f.is_empty()) {
                        continue;
                    }
                    return Some(Ok(Row { line, input: self }));
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    if let csv::ErrorKind::Io(_) = e.kind() {
                        return Some(Err((line, format!("cannot read the file: {e}"))));
                    }
                    return Some(Err((line, format!("malformed CSV: {e}"))));
                }
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
