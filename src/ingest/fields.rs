//! Field formats shared by the feeds.

use crate::domain::pacific::pacific;
use jiff::Timestamp;
use jiff::civil::Date;

/// `YYYY-MM-DD`.
pub fn date(s: &str) -> Result<Date, String> {
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return Err(format!("{s:?} is not a date in the form YYYY-MM-DD"));
    }
    s.parse::<Date>()
        .map_err(|_| format!("{s:?} is not a valid date"))
}

/// An RFC 3339 timestamp, or a `YYYY-MM-DD` date meaning midnight Pacific.
pub fn timestamp_or_date(s: &str) -> Result<Timestamp, String> {
    if s.len() == 10 {
        // Extracts repeat a handful of dates millions of times: remember the last one.
        thread_local! {
            static LAST: std::cell::Cell<Option<([u8; 10], Timestamp)>> =
                const { std::cell::Cell::new(None) };
        }
        let raw: [u8; 10] = s.as_bytes().try_into().expect("10 bytes");
        if let Some((d, t)) = LAST.get()
            && d == raw
        {
            return Ok(t);
        }
        let t = date(s)?
            .to_zoned(pacific())
            .map(|z| z.timestamp())
            .map_err(|e| format!("{s:?}: {e}"))?;
        LAST.set(Some((raw, t)));
        return Ok(t);
    }
    timestamp(s)
}

/// An RFC 3339 timestamp (with an offset).
pub fn timestamp(s: &str) -> Result<Timestamp, String> {
    s.parse::<Timestamp>()
        .map_err(|_| format!("{s:?} is not an RFC 3339 timestamp (e.g. 2026-10-05T09:30:00-07:00)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(
            timestamp_or_date("2026-10-05").unwrap().to_string(),
            "2026-10-05T07:00:00Z"
        );
        assert_eq!(
            timestamp_or_date("2026-12-05").unwrap().to_string(),
            "2026-12-05T08:00:00Z"
        );
        assert_eq!(
            timestamp_or_date("2026-10-05T10:00:00-07:00")
                .unwrap()
                .to_string(),
            "2026-10-05T17:00:00Z"
        );
        assert!(timestamp_or_date("2026-10-05T10:00:00").is_err());
        assert!(date("2026-02-30").is_err());
        assert!(date("10/05/2026").is_err());
    }
}
