//! The sign-up rules of the state's guidance: what the form asks (first and
//! last name, date of birth, ZIP code), how it is read, and which voter it
//! matches. Pure: the lookup itself is the store's.

use super::VoterId;
use super::voter::{Voter, VoterStatus, Zip};
use jiff::civil::Date;

/// Longest name the voter extract allows.
pub const MAX_NAME: usize = 100;

/// The fields of the sign-up form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdentityForm {
    pub first_name: String,
    pub last_name: String,
    pub dob: String,
    pub zip: String,
}

/// Which field a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    FirstName,
    LastName,
    Dob,
    Zip,
}

/// What is wrong with a field (each has its own text on the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("missing")]
    Missing,
    #[error("longer than {MAX_NAME} characters")]
    TooLong,
    /// Not MM-DD-YYYY or MM/DD/YYYY.
    #[error("not MM-DD-YYYY")]
    DateFormat,
    /// In the format, but no such day.
    #[error("no such date")]
    NoSuchDate,
    #[error("not a 5-digit ZIP code")]
    ZipFormat,
}

/// A well-formed identity, ready to be looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub first_name: String,
    pub last_name: String,
    pub dob: Date,
    pub zip5: u32,
}

impl Identity {
    /// `(year, month, day)`, as the lookup key takes it.
    pub fn dob_parts(&self) -> (i16, i8, i8) {
        (self.dob.year(), self.dob.month(), self.dob.day())
    }
}

/// Reads the form; every field's problem at once, in the form's order.
pub fn read_identity(form: &IdentityForm) -> Result<Identity, Vec<(Field, FieldError)>> {
    let mut errors = Vec::new();
    let name = |field: Field, s: &str, errors: &mut Vec<(Field, FieldError)>| {
        let s = s.trim();
        if s.is_empty() {
            errors.push((field, FieldError::Missing));
        } else if s.chars().count() > MAX_NAME {
            errors.push((field, FieldError::TooLong));
        }
        s.to_string()
    };
    let first_name = name(Field::FirstName, &form.first_name, &mut errors);
    let last_name = name(Field::LastName, &form.last_name, &mut errors);
    let dob = match parse_dob(&form.dob) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push((Field::Dob, e));
            None
        }
    };
    let zip5 = match parse_zip(&form.zip) {
        Ok(z) => Some(z),
        Err(e) => {
            errors.push((Field::Zip, e));
            None
        }
    };
    match (dob, zip5) {
        (Some(dob), Some(zip5)) if errors.is_empty() => Ok(Identity {
            first_name,
            last_name,
            dob,
            zip5,
        }),
        _ => Err(errors),
    }
}

/// `MM-DD-YYYY` or `MM/DD/YYYY` (one-digit months and days too), as the form
/// says; not the year first, which would be read wrongly as often as not.
pub fn parse_dob(s: &str) -> Result<Date, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::Missing);
    }
    let sep = if s.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = s.split(sep).collect();
    let [m, d, y] = parts.as_slice() else {
        return Err(FieldError::DateFormat);
    };
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(m, 1, 2) && digits(d, 1, 2) && digits(y, 4, 4)) {
        return Err(FieldError::DateFormat);
    }
    let (m, d, y): (i8, i8, i16) = (
        m.parse().map_err(|_| FieldError::DateFormat)?,
        d.parse().map_err(|_| FieldError::DateFormat)?,
        y.parse().map_err(|_| FieldError::DateFormat)?,
    );
    if !(1..=12).contains(&m) {
        // 13-01-1980 is a day-first date: the format, not the calendar, is wrong.
        return Err(FieldError::DateFormat);
    }
    if y < 1900 {
        return Err(FieldError::NoSuchDate);
    }
    Date::new(y, m, d).map_err(|_| FieldError::NoSuchDate)
}

/// A ZIP code's first five digits (ZIP+4 accepted).
pub fn parse_zip(s: &str) -> Result<u32, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::Missing);
    }
    Zip::parse(s).map(|z| z.zip5).ok_or(FieldError::ZipFormat)
}

/// What a looked-up identity comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// Exactly one voter who can sign up.
    One(VoterId),
    /// Several can: the VoteCal id decides.
    Several(Vec<VoterId>),
    /// None can — not registered, not active, or mis-typed: the page does not say which.
    NoMatch,
}

/// Only active voters still on the roll can sign up.
pub fn can_sign_up(v: &Voter) -> bool {
    v.status == VoterStatus::Active && !v.removed
}

/// Decides among the voters whose name, date of birth and ZIP code match.
pub fn decide(candidates: &[(VoterId, Voter)]) -> Match {
    let mut ok: Vec<VoterId> = candidates
        .iter()
        .filter(|(_, v)| can_sign_up(v))
        .map(|(id, _)| *id)
        .collect();
    ok.sort();
    ok.dedup();
    match ok.len() {
        0 => Match::NoMatch,
        1 => Match::One(ok[0]),
        _ => Match::Several(ok),
    }
}

/// The voter among several whose VoteCal id was typed, if it is one of them.
pub fn choose(several: &[VoterId], typed: &str) -> Option<VoterId> {
    let typed = VoterId::parse(&typed.trim().to_ascii_uppercase())?;
    several.iter().copied().find(|id| *id == typed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn both_date_forms_are_read_and_others_named_as_format_errors() {
        assert_eq!(parse_dob("07-04-1980"), Ok(date(1980, 7, 4)));
        assert_eq!(parse_dob(" 07/04/1980 "), Ok(date(1980, 7, 4)));
        assert_eq!(parse_dob("7/4/1980"), Ok(date(1980, 7, 4)));
        assert_eq!(parse_dob(""), Err(FieldError::Missing));
        for bad in [
            "1980-07-04",
            "07-04-80",
            "07.04.1980",
            "07-04/1980",
            "July 4 1980",
            "13-04-1980",
            "07-04-19801",
        ] {
            assert_eq!(parse_dob(bad), Err(FieldError::DateFormat), "{bad}");
        }
        assert_eq!(parse_dob("02-30-1980"), Err(FieldError::NoSuchDate));
        assert_eq!(parse_dob("02-29-1981"), Err(FieldError::NoSuchDate));
        assert_eq!(parse_dob("02-29-1980"), Ok(date(1980, 2, 29)));
        assert_eq!(parse_dob("01-01-1850"), Err(FieldError::NoSuchDate));
    }

    #[test]
    fn every_field_problem_is_reported_at_once() {
        let form = IdentityForm {
            first_name: "  ".into(),
            last_name: "x".repeat(101),
            dob: "1980-07-04".into(),
            zip: "9581".into(),
        };
        assert_eq!(
            read_identity(&form),
            Err(vec![
                (Field::FirstName, FieldError::Missing),
                (Field::LastName, FieldError::TooLong),
                (Field::Dob, FieldError::DateFormat),
                (Field::Zip, FieldError::ZipFormat),
            ])
        );
        let ok = IdentityForm {
            first_name: " Ana ".into(),
            last_name: "García".into(),
            dob: "07/04/1980".into(),
            zip: "95814-1234".into(),
        };
        let id = read_identity(&ok).expect("valid");
        assert_eq!(id.first_name, "Ana");
        assert_eq!(id.zip5, 95814);
        assert_eq!(id.dob_parts(), (1980, 7, 4));
    }
}
