//! Registered voters as VoteCal describes them, and the sign-up lookup key.

use super::county::CountyCode;
use super::language::Language;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoterStatus {
    Active,
    Inactive,
    Cancelled,
    Pending,
}

impl VoterStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "A" | "a" => Some(Self::Active),
            "I" | "i" => Some(Self::Inactive),
            "C" | "c" => Some(Self::Cancelled),
            "P" | "p" => Some(Self::Pending),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "A",
            Self::Inactive => "I",
            Self::Cancelled => "C",
            Self::Pending => "P",
        }
    }
}

/// A residential ZIP code: five digits and an optional +4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zip {
    pub zip5: u32,
    pub plus4: Option<u16>,
}

impl Zip {
    /// Accepts `12345`, `12345-6789` and `123456789`.
    pub fn parse(s: &str) -> Option<Self> {
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let (five, four) = match s.len() {
            5 => (s, None),
            9 => (&s[..5], Some(&s[5..])),
            10 if s.as_bytes()[5] == b'-' => (&s[..5], Some(&s[6..])),
            _ => return None,
        };
        if !digits(five) || four.is_some_and(|f| !digits(f)) {
            return None;
        }
        Some(Self {
            zip5: five.parse().ok()?,
            plus4: four.map(|f| f.parse().expect("digits")),
        })
    }
}

impl std::fmt::Display for Zip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.plus4 {
            Some(p) => write!(f, "{:05}-{:04}", self.zip5, p),
            None => write!(f, "{:05}", self.zip5),
        }
    }
}

/// One voter's record as last loaded. The date of birth is not kept: only the
/// keyed lookup hash that contains it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voter {
    pub county: CountyCode,
    pub first_name: String,
    pub middle_name: String,
    pub last_name: String,
    pub name_suffix: String,
    pub zip: Zip,
    pub status: VoterStatus,
    pub language: Option<Language>,
    /// VoteCal's last change, seconds since the epoch.
    pub updated_at: Option<i64>,
    pub lookup: LookupKey,
    /// Missing from a full extract of the county: kept for history, not tracked.
    pub removed: bool,
}

/// Keyed hash (HMAC-SHA-256, truncated to 128 bits) of the normalised last name,
/// first name, date of birth and ZIP-5 — what the sign-up form asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LookupKey(pub [u8; 16]);

/// Compares names the way the sign-up rule says: case, surrounding and repeated
/// spaces and Unicode normalisation aside.
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // ASCII is already in normal form: skip the NFKC pass for the common case.
    let normal;
    let s = if s.is_ascii() {
        s
    } else {
        normal = s.nfkc().collect::<String>();
        normal.as_str()
    };
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_uppercase));
    }
    out
}

impl LookupKey {
    /// `dob` is `(year, month, day)`.
    pub fn compute(secret: &[u8], last: &str, first: &str, dob: (i16, i8, i8), zip5: u32) -> Self {
        LookupHasher::new(secret).key(last, first, dob, zip5)
    }
}

/// The instance's keyed hash, set up once and reused for every row of an import.
#[derive(Clone)]
pub struct LookupHasher(Hmac<Sha256>);

impl LookupHasher {
    pub fn new(secret: &[u8]) -> Self {
        Self(Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key size"))
    }

    pub fn key(&self, last: &str, first: &str, dob: (i16, i8, i8), zip5: u32) -> LookupKey {
        let mut mac = self.0.clone();
        mac.update(normalize_name(last).as_bytes());
        mac.update(&[0]);
        mac.update(normalize_name(first).as_bytes());
        mac.update(&[0]);
        let mut tail = [0u8; 16];
        let digits = |out: &mut [u8], mut v: u32| {
            for b in out.iter_mut().rev() {
                *b = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        // YYYY-MM-DD|ZZZZZ
        digits(&mut tail[0..4], dob.0.unsigned_abs().into());
        tail[4] = b'-';
        digits(&mut tail[5..7], dob.1.unsigned_abs().into());
        tail[7] = b'-';
        digits(&mut tail[8..10], dob.2.unsigned_abs().into());
        tail[10] = b'|';
        digits(&mut tail[11..16], zip5);
        mac.update(&tail);
        let full = mac.finalize().into_bytes();
        let mut k = [0u8; 16];
        k.copy_from_slice(&full[..16]);
        LookupKey(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_spaces_or_normal_form() {
        assert_eq!(
            normalize_name("  maría   de  la Cruz "),
            normalize_name("MARI\u{301}A DE LA CRUZ")
        );
        assert_ne!(normalize_name("Maria"), normalize_name("María"));
    }

    #[test]
    fn lookup_key_depends_on_every_part_and_secret() {
        let k = LookupKey::compute(b"s", "Nguyen", "An", (1980, 1, 2), 95814);
        assert_eq!(
            k,
            LookupKey::compute(b"s", " NGUYEN", "an ", (1980, 1, 2), 95814)
        );
        assert_ne!(
            k,
            LookupKey::compute(b"t", "Nguyen", "An", (1980, 1, 2), 95814)
        );
        assert_ne!(
            k,
            LookupKey::compute(b"s", "Nguyen", "An", (1980, 1, 3), 95814)
        );
        assert_ne!(
            k,
            LookupKey::compute(b"s", "Nguyen", "An", (1980, 1, 2), 95815)
        );
        assert_ne!(
            k,
            LookupKey::compute(b"s", "An", "Nguyen", (1980, 1, 2), 95814)
        );
    }

    #[test]
    fn hasher_matches_the_documented_text_form() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"k").unwrap();
        mac.update(b"LEE\x00ANA\x001980-01-02|00501");
        let full = mac.finalize().into_bytes();
        assert_eq!(
            LookupKey::compute(b"k", "Lee", "Ana", (1980, 1, 2), 501).0,
            full[..16]
        );
    }

    #[test]
    fn zip_forms() {
        assert_eq!(
            Zip::parse("95814"),
            Some(Zip {
                zip5: 95814,
                plus4: None
            })
        );
        assert_eq!(
            Zip::parse("95814-1234"),
            Some(Zip {
                zip5: 95814,
                plus4: Some(1234)
            })
        );
        assert_eq!(
            Zip::parse("958141234"),
            Some(Zip {
                zip5: 95814,
                plus4: Some(1234)
            })
        );
        assert_eq!(Zip::parse("00501").unwrap().to_string(), "00501");
        for bad in ["9581", "958141", "95814-12345", "9581A", "95814 1234", ""] {
            assert!(Zip::parse(bad).is_none(), "{bad}");
        }
    }
}
