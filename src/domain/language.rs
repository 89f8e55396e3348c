//! The languages messages and pages exist in: the ten built in, and any an
//! operator adds at run time with its catalogs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The longest language code kept (`zh-Hant-TW` fits; private-use tags do not).
const MAX_CODE: usize = 15;

/// A language by its code (`es`, `hy`, `pa-Arab`): a lowercase language
/// subtag of 2–3 letters and up to two subtags of 2–8 letters or digits.
/// Whether this instance speaks it is the catalogs' business, not the code's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language {
    code: [u8; MAX_CODE],
    len: u8,
}

const fn builtin(code: &[u8; 2]) -> Language {
    let mut c = [0u8; MAX_CODE];
    c[0] = code[0];
    c[1] = code[1];
    Language { code: c, len: 2 }
}

impl Language {
    pub const EN: Language = builtin(b"en");
    pub const ES: Language = builtin(b"es");
    pub const ZH: Language = builtin(b"zh");
    pub const HI: Language = builtin(b"hi");
    pub const JA: Language = builtin(b"ja");
    pub const KM: Language = builtin(b"km");
    pub const KO: Language = builtin(b"ko");
    pub const TL: Language = builtin(b"tl");
    pub const TH: Language = builtin(b"th");
    pub const VI: Language = builtin(b"vi");

    /// The ten languages built into the binary, in the order pickers list them.
    pub const ALL: [Language; 10] = [
        Self::EN,
        Self::ES,
        Self::ZH,
        Self::HI,
        Self::JA,
        Self::KM,
        Self::KO,
        Self::TL,
        Self::TH,
        Self::VI,
    ];

    pub fn code(&self) -> &str {
        // Only ASCII is ever stored (checked by `parse_code`).
        std::str::from_utf8(&self.code[..self.len as usize]).unwrap_or("und")
    }

    /// One of the ten built-in languages (VoteCal extracts carry only these).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s))
    }

    /// Any well-formed code: built-in or not. The language subtag is
    /// lowercased; a four-letter script subtag gets its first letter
    /// capitalised, a region is uppercased (`PA-arab` → `pa-Arab`).
    pub fn parse_code(s: &str) -> Option<Self> {
        if s.is_empty() || s.len() > MAX_CODE {
            return None;
        }
        // Every voter page's address starts with a built-in code, as written.
        if let Some(l) = Self::ALL.into_iter().find(|l| l.code() == s) {
            return Some(l);
        }
        let mut out = String::with_capacity(s.len());
        for (i, sub) in s.split(['-', '_']).enumerate() {
            let alnum = sub.bytes().all(|b| b.is_ascii_alphanumeric());
            let ok = match i {
                0 => (2..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphabetic()),
                1 | 2 => alnum && (2..=8).contains(&sub.len()),
                _ => false,
            };
            if !ok {
                return None;
            }
            if i > 0 {
                out.push('-');
            }
            match (i, sub.len()) {
                (0, _) => out.push_str(&sub.to_ascii_lowercase()),
                (_, 4) => {
                    let lower = sub.to_ascii_lowercase();
                    out.push_str(&lower[..1].to_ascii_uppercase());
                    out.push_str(&lower[1..]);
                }
                (_, 2) => out.push_str(&sub.to_ascii_uppercase()),
                _ => out.push_str(&sub.to_ascii_lowercase()),
            }
        }
        let mut code = [0u8; MAX_CODE];
        code[..out.len()].copy_from_slice(out.as_bytes());
        Some(Self {
            code,
            len: out.len() as u8,
        })
    }

    pub fn is_builtin(&self) -> bool {
        Self::ALL.contains(self)
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a language is kept in the store: the ten built-in ones as the enum
/// they were before languages could be added (so stored rows read back
/// unchanged), any other by its code.
#[derive(Serialize, Deserialize)]
enum Stored {
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
    Other(String),
}

const STORED_BUILTIN: [Stored; 10] = [
    Stored::En,
    Stored::Es,
    Stored::Zh,
    Stored::Hi,
    Stored::Ja,
    Stored::Km,
    Stored::Ko,
    Stored::Tl,
    Stored::Th,
    Stored::Vi,
];

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return s.serialize_str(self.code());
        }
        match Self::ALL.iter().position(|l| l == self) {
            Some(i) => STORED_BUILTIN[i].serialize(s),
            None => Stored::Other(self.code().to_string()).serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let code = if d.is_human_readable() {
            String::deserialize(d)?
        } else {
            match Stored::deserialize(d)? {
                Stored::Other(code) => code,
                builtin => {
                    let i = STORED_BUILTIN
                        .iter()
                        .position(|b| std::mem::discriminant(b) == std::mem::discriminant(&builtin))
                        .unwrap_or(0);
                    return Ok(Self::ALL[i]);
                }
            }
        };
        Self::parse_code(&code)
            .ok_or_else(|| D::Error::custom(format!("{code:?} is not a language code")))
    }
}

/// What the pages and calls need to know of a language besides its texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageProfile {
    pub language: Language,
    /// The language's own name, as the language picker shows it.
    pub endonym: String,
    /// The voice provider's text-to-speech language (`<Say language>`), or
    /// none: calls then play uploaded recordings.
    pub tts: Option<String>,
    /// Written right to left (Arabic, Persian, Hebrew…): pages set `dir="rtl"`.
    #[serde(default)]
    pub rtl: bool,
}

impl LanguageProfile {
    /// The profiles of the ten built-in languages. Khmer has no
    /// text-to-speech voice at the usual providers.
    pub fn builtin() -> Vec<LanguageProfile> {
        let p = |language, endonym: &str, tts: Option<&str>| LanguageProfile {
            language,
            endonym: endonym.to_string(),
            tts: tts.map(str::to_string),
            rtl: false,
        };
        vec![
            p(Language::EN, "English", Some("en-US")),
            p(Language::ES, "Español", Some("es-US")),
            p(Language::ZH, "繁體中文", Some("zh-TW")),
            p(Language::HI, "हिन्दी", Some("hi-IN")),
            p(Language::JA, "日本語", Some("ja-JP")),
            p(Language::KM, "ខ្មែរ", None),
            p(Language::KO, "한국어", Some("ko-KR")),
            p(Language::TL, "Tagalog", Some("fil-PH")),
            p(Language::TH, "ไทย", Some("th-TH")),
            p(Language::VI, "Tiếng Việt", Some("vi-VN")),
        ]
    }

    /// The `lang` attribute of pages and emails: the built-in Chinese is
    /// Traditional Chinese.
    pub fn html_lang(&self) -> &str {
        match self.language {
            Language::ZH => "zh-Hant",
            ref l => l.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_put_in_their_usual_case() {
        assert_eq!(Language::parse("ES"), Some(Language::ES));
        assert_eq!(Language::parse("hy"), None, "not built in");
        assert_eq!(
            Language::parse_code("hy").map(|l| l.to_string()),
            Some("hy".into())
        );
        assert_eq!(
            Language::parse_code("PA_arab").map(|l| l.to_string()),
            Some("pa-Arab".into())
        );
        assert_eq!(
            Language::parse_code("zh-hant-tw").map(|l| l.to_string()),
            Some("zh-Hant-TW".into())
        );
        for bad in [
            "",
            "e",
            "english",
            "e1",
            "en-",
            "en-x",
            "en-US-1-2",
            "../x",
            "fr-Ω",
        ] {
            assert_eq!(Language::parse_code(bad), None, "{bad:?}");
        }
        assert!(Language::parse_code("hmn").is_some_and(|l| !l.is_builtin()));
    }

    #[test]
    fn stored_builtin_languages_read_back_as_before_and_added_ones_by_code() {
        // The enum the ten were stored as before languages could be added.
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        enum Before {
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
        let before = [
            Before::En,
            Before::Es,
            Before::Zh,
            Before::Hi,
            Before::Ja,
            Before::Km,
            Before::Ko,
            Before::Tl,
            Before::Th,
            Before::Vi,
        ];
        for (old, lang) in before.iter().zip(Language::ALL) {
            let bytes = postcard::to_allocvec(old).expect("encode");
            assert_eq!(postcard::to_allocvec(&lang).expect("encode"), bytes);
            assert_eq!(
                postcard::from_bytes::<Language>(&bytes).expect("decode"),
                lang
            );
        }
        let hy = Language::parse_code("hy").expect("code");
        let bytes = postcard::to_allocvec(&(hy, 7u8)).expect("encode");
        assert_eq!(
            postcard::from_bytes::<(Language, u8)>(&bytes).expect("decode"),
            (hy, 7)
        );
        assert_eq!(serde_json::to_string(&hy).expect("json"), "\"hy\"");
        assert_eq!(
            serde_json::from_str::<Language>("\"km\"").expect("json"),
            Language::KM
        );
        assert!(serde_json::from_str::<Language>("\"k m\"").is_err());
    }
}
