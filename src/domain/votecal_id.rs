//! The voter's statewide VoteCal id, held as a compact fixed-size key.
//!
//! Ids are 1–20 characters of `A-Z0-9`. Each character becomes a base-37 digit
//! (0 means "no character"), giving a `u128` whose numeric order is the
//! string's order: fixed 16-byte keys keep the B-tree small and sortable.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VoterId(u128);

pub const MAX_LEN: usize = 20;

impl VoterId {
    /// Parses an id; `None` when it is empty, too long or has a character outside `A-Z0-9`.
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = s.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_LEN {
            return None;
        }
        let mut v: u128 = 0;
        for i in 0..MAX_LEN {
            let d = match bytes.get(i) {
                None => 0,
                Some(b @ b'0'..=b'9') => u128::from(b - b'0') + 1,
                Some(b @ b'A'..=b'Z') => u128::from(b - b'A') + 11,
                Some(_) => return None,
            };
            v = v * 37 + d;
        }
        Some(Self(v))
    }

    pub fn from_key(k: u128) -> Self {
        Self(k)
    }

    pub fn key(self) -> u128 {
        self.0
    }
}

impl fmt::Display for VoterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = [0u8; MAX_LEN];
        let mut v = self.0;
        for d in digits.iter_mut().rev() {
            *d = (v % 37) as u8;
            v /= 37;
        }
        for d in digits {
            match d {
                0 => break,
                1..=10 => write!(f, "{}", char::from(b'0' + d - 1))?,
                _ => write!(f, "{}", char::from(b'A' + d - 11))?,
            }
        }
        Ok(())
    }
}

impl Serialize for DisplayId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Serializes a [`VoterId`] as its text form (for JSON answers).
pub struct DisplayId(pub VoterId);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trip_and_rejects() {
        for s in [
            "A",
            "0",
            "CA123456789",
            "ZZZZZZZZZZZZZZZZZZZZ",
            "00000000000000000000",
        ] {
            assert_eq!(VoterId::parse(s).unwrap().to_string(), s);
        }
        assert!(VoterId::parse("").is_none());
        assert!(VoterId::parse("abc").is_none());
        assert!(VoterId::parse("A-1").is_none());
        assert!(VoterId::parse("123456789012345678901").is_none());
    }

    proptest! {
        #[test]
        fn order_matches_string_order(a in "[A-Z0-9]{1,20}", b in "[A-Z0-9]{1,20}") {
            let (ka, kb) = (VoterId::parse(&a).unwrap(), VoterId::parse(&b).unwrap());
            prop_assert_eq!(ka.cmp(&kb), a.cmp(&b));
            prop_assert_eq!(ka.to_string(), a);
        }
    }
}
