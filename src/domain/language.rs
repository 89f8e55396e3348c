//! The languages messages and pages exist in.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Es,
    Zh,
    Hi,
    Ja,
    Km,
    Ko,
    Tl,
    Th,
    Vi,
}

impl Language {
    pub const ALL: [Language; 10] = [
        Self::En,
        Self::Es,
        Self::Zh,
        Self::Hi,
        Self::Ja,
        Self::Km,
        Self::Ko,
        Self::Tl,
        Self::Th,
        Self::Vi,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::Zh => "zh",
            Self::Hi => "hi",
            Self::Ja => "ja",
            Self::Km => "km",
            Self::Ko => "ko",
            Self::Tl => "tl",
            Self::Th => "th",
            Self::Vi => "vi",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s))
    }
}
