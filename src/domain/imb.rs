//! Intelligent Mail barcode digits: the 20-digit tracking code and its routing code.
//!
//! The tracking code identifies one mail piece: barcode id (2 digits, the second
//! 0–4), service type id (3), mailer id (6 digits when it starts with 0–8, 9 when
//! it starts with 9) and a serial number filling the rest of 15 digits. The
//! routing code (the delivery ZIP) is 0, 5, 9 or 11 digits.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A mail piece's 20-digit tracking code, the key that joins scans to ballots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TrackingCode(u128);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imb {
    pub tracking: TrackingCode,
    pub barcode_id: u8,
    pub service_type: u16,
    pub mailer_id: u32,
    pub serial: u32,
    pub routing: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImbError {
    #[error("IMB must contain only digits")]
    NotDigits,
    #[error("IMB has {0} digits; expected 20, 25, 29 or 31")]
    Length(usize),
    #[error("IMB barcode id {0:02}: its second digit must be 0-4")]
    BarcodeId(u8),
}

impl Imb {
    pub fn parse(s: &str) -> Result<Self, ImbError> {
        let s = s.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ImbError::NotDigits);
        }
        if !matches!(s.len(), 20 | 25 | 29 | 31) {
            return Err(ImbError::Length(s.len()));
        }
        let num = |r: std::ops::Range<usize>| -> u64 { s[r].parse().expect("digits") };
        let barcode_id = num(0..2) as u8;
        if barcode_id % 10 > 4 {
            return Err(ImbError::BarcodeId(barcode_id));
        }
        let service_type = num(2..5) as u16;
        let (mailer_id, serial) = if s.as_bytes()[5] == b'9' {
            (num(5..14) as u32, num(14..20) as u32)
        } else {
            (num(5..11) as u32, num(11..20) as u32)
        };
        let tracking = TrackingCode(s[..20].parse().expect("20 digits"));
        Ok(Self {
            tracking,
            barcode_id,
            service_type,
            mailer_id,
            serial,
            routing: s[20..].to_string(),
        })
    }

    /// Number of digits of the mailer id: 9 for the large mailers whose id starts with 9.
    pub fn mailer_id_digits(&self) -> usize {
        if self.mailer_id >= 900_000_000 { 9 } else { 6 }
    }
}

impl TrackingCode {
    pub fn key(self) -> u128 {
        self.0
    }
    pub fn from_key(k: u128) -> Self {
        Self(k)
    }
}

impl fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:020}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors in the layout of USPS-B-3200 (barcode id, service type, mailer id, serial, routing).
    #[test]
    fn imb_test_vectors() {
        // 6-digit mailer id, 9-digit serial, 11-digit routing code (31 digits).
        let i = Imb::parse("0123456709498765432101234567891").unwrap();
        assert_eq!(i.barcode_id, 1);
        assert_eq!(i.service_type, 234);
        assert_eq!(i.mailer_id, 567_094);
        assert_eq!(i.serial, 987_654_321);
        assert_eq!(i.routing, "01234567891");
        assert_eq!(i.mailer_id_digits(), 6);
        assert_eq!(i.tracking.to_string(), "01234567094987654321");

        // 9-digit mailer id (starts with 9), 6-digit serial, no routing code (20 digits).
        let i = Imb::parse("00270901234567123456").unwrap();
        assert_eq!(i.barcode_id, 0);
        assert_eq!(i.service_type, 270);
        assert_eq!(i.mailer_id, 901_234_567);
        assert_eq!(i.serial, 123_456);
        assert_eq!(i.routing, "");
        assert_eq!(i.mailer_id_digits(), 9);

        // 25 (5-digit ZIP) and 29 (ZIP+4) digit forms keep the same tracking code.
        let a = Imb::parse("0070012345600000000195814").unwrap();
        let b = Imb::parse("00700123456000000001958141234").unwrap();
        assert_eq!(a.tracking, b.tracking);
        assert_eq!(a.routing, "95814");
        assert_eq!(b.routing, "958141234");
    }

    #[test]
    fn imb_rejections() {
        assert_eq!(Imb::parse("0123456709498765432"), Err(ImbError::Length(19)));
        assert_eq!(
            Imb::parse("012345670949876543210"),
            Err(ImbError::Length(21))
        );
        assert_eq!(
            Imb::parse("0123456709498765432101"),
            Err(ImbError::Length(22))
        );
        assert_eq!(
            Imb::parse("012345670949876543210123456789"),
            Err(ImbError::Length(30))
        );
        assert_eq!(Imb::parse("01234567094987654A21"), Err(ImbError::NotDigits));
        assert_eq!(
            Imb::parse("05234567094987654321"),
            Err(ImbError::BarcodeId(5))
        );
        assert_eq!(
            Imb::parse("19234567094987654321"),
            Err(ImbError::BarcodeId(19))
        );
        assert!(Imb::parse("14234567094987654321").is_ok());
    }
}
