//! The 58 California counties, by their VoteCal code (`01`–`58`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A county by its two-digit VoteCal code, 1 to 58.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CountyCode(u8);

/// (code, name, approximate registered voters) — from the state's county table.
const COUNTIES: [(&str, u32); 58] = [
    ("Alameda", 990_000),
    ("Alpine", 950),
    ("Amador", 28_000),
    ("Butte", 130_000),
    ("Calaveras", 36_000),
    ("Colusa", 10_500),
    ("Contra Costa", 740_000),
    ("Del Norte", 14_500),
    ("El Dorado", 150_000),
    ("Fresno", 500_000),
    ("Glenn", 14_000),
    ("Humboldt", 90_000),
    ("Imperial", 90_000),
    ("Inyo", 11_500),
    ("Kern", 450_000),
    ("Kings", 60_000),
    ("Lake", 40_000),
    ("Lassen", 15_000),
    ("Los Angeles", 5_700_000),
    ("Madera", 70_000),
    ("Marin", 180_000),
    ("Mariposa", 12_500),
    ("Mendocino", 55_000),
    ("Merced", 120_000),
    ("Modoc", 5_500),
    ("Mono", 8_500),
    ("Monterey", 200_000),
    ("Napa", 90_000),
    ("Nevada", 80_000),
    ("Orange", 1_850_000),
    ("Placer", 290_000),
    ("Plumas", 13_500),
    ("Riverside", 1_350_000),
    ("Sacramento", 900_000),
    ("San Benito", 38_000),
    ("San Bernardino", 1_200_000),
    ("San Diego", 1_950_000),
    ("San Francisco", 520_000),
    ("San Joaquin", 400_000),
    ("San Luis Obispo", 190_000),
    ("San Mateo", 450_000),
    ("Santa Barbara", 250_000),
    ("Santa Clara", 1_000_000),
    ("Santa Cruz", 170_000),
    ("Shasta", 120_000),
    ("Sierra", 2_400),
    ("Siskiyou", 30_000),
    ("Solano", 280_000),
    ("Sonoma", 330_000),
    ("Stanislaus", 300_000),
    ("Sutter", 52_000),
    ("Tehama", 40_000),
    ("Trinity", 8_500),
    ("Tulare", 220_000),
    ("Tuolumne", 40_000),
    ("Ventura", 500_000),
    ("Yolo", 120_000),
    ("Yuba", 42_000),
];

/// Number of counties; codes run 1..=COUNT.
pub const COUNT: u8 = 58;

impl CountyCode {
    /// Parses `01`–`58` (a single digit `1`–`9` is accepted too).
    pub fn parse(s: &str) -> Option<Self> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u8 = s.parse().ok()?;
        Self::from_number(n)
    }

    pub fn from_number(n: u8) -> Option<Self> {
        (1..=COUNT).contains(&n).then_some(Self(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The two-digit code as text.
    pub fn code(self) -> &'static str {
        const CODES: [&str; 58] = [
            "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
            "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28",
            "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42",
            "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56",
            "57", "58",
        ];
        CODES[usize::from(self.0 - 1)]
    }

    pub fn name(self) -> &'static str {
        COUNTIES[usize::from(self.0 - 1)].0
    }

    pub fn approx_voters(self) -> u32 {
        COUNTIES[usize::from(self.0 - 1)].1
    }

    pub fn all() -> impl Iterator<Item = CountyCode> {
        (1..=COUNT).map(CountyCode)
    }
}

impl fmt::Display for CountyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_name() {
        let la = CountyCode::parse("19").unwrap();
        assert_eq!(la.name(), "Los Angeles");
        assert_eq!(la.to_string(), "19");
        assert_eq!(CountyCode::parse("02").unwrap().name(), "Alpine");
        assert_eq!(CountyCode::parse("58").unwrap().name(), "Yuba");
        assert!(CountyCode::parse("00").is_none());
        assert!(CountyCode::parse("59").is_none());
        assert!(CountyCode::parse("1x").is_none());
        assert!(CountyCode::parse("").is_none());
        assert_eq!(CountyCode::all().count(), 58);
        let total: u64 = CountyCode::all()
            .map(|c| u64::from(c.approx_voters()))
            .sum();
        assert!((22_000_000..23_000_000).contains(&total), "{total}");
    }
}
