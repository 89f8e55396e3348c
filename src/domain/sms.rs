//! SMS length: how many segments a text takes, counted the way carriers do.
//!
//! A text entirely in the GSM 03.38 alphabet is sent in 7-bit septets: 160 per
//! single message, 153 per part of a concatenated one; characters of the
//! extension table (`^{}\[~]|€` and form feed) take two septets and are never
//! split across parts. Any other character switches the whole text to UCS-2:
//! 70 UTF-16 code units alone, 67 per part, surrogate pairs never split.

/// The GSM 03.38 basic character set.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table, reached with an escape septet.
const EXTENSION: &str = "^{}\\[~]|€\u{c}";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    pub segments: usize,
}

/// The most segments any message of ours may take.
pub const MAX_SEGMENTS: usize = 3;

/// Counts the segments `text` needs.
pub fn segments(text: &str) -> Segments {
    let gsm: Option<Vec<usize>> = text
        .chars()
        .map(|c| {
            if BASIC.contains(c) {
                Some(1)
            } else if EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .collect();
    let (encoding, widths, single, part) = match gsm {
        Some(w) => (Encoding::Gsm7, w, 160, 153),
        None => (
            Encoding::Ucs2,
            text.chars().map(char::len_utf16).collect(),
            70,
            67,
        ),
    };
    let units: usize = widths.iter().sum();
    if units <= single {
        return Segments {
            encoding,
            units,
            segments: 1,
        };
    }
    // Fill parts greedily; a character that does not fit whole starts the next part.
    let (mut parts, mut used) = (1, 0);
    for w in widths {
        if used + w > part {
            parts += 1;
            used = 0;
        }
        used += w;
    }
    Segments {
        encoding,
        units,
        segments: parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm7_limits() {
        assert_eq!(
            segments(&"a".repeat(160)),
            Segments {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(segments(&"a".repeat(161)).segments, 2);
        assert_eq!(segments(&"a".repeat(306)).segments, 2);
        assert_eq!(segments(&"a".repeat(307)).segments, 3);
        assert_eq!(segments("").segments, 1);
    }

    #[test]
    fn extension_characters_take_two_septets_and_are_not_split() {
        let s = format!("{}€", "a".repeat(158));
        assert_eq!(
            segments(&s),
            Segments {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(segments(&format!("{}€", "a".repeat(159))).segments, 2);
        // 152 septets then a two-septet character: it moves whole to the second part.
        let s = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        assert_eq!(segments(&s).units, 306);
        assert_eq!(segments(&s).segments, 3);
    }

    #[test]
    fn any_other_character_means_ucs2() {
        assert_eq!(segments("Su boleta fue aceptada.").encoding, Encoding::Gsm7);
        assert_eq!(segments("¿Dónde está mi boleta?").encoding, Encoding::Ucs2); // ó is not GSM-7
        let s = "我的選票在哪裡？".repeat(8); // 64 units
        assert_eq!(
            segments(&s),
            Segments {
                encoding: Encoding::Ucs2,
                units: 64,
                segments: 1
            }
        );
        assert_eq!(segments(&"ក".repeat(71)).segments, 2);
        assert_eq!(segments(&"ក".repeat(134)).segments, 2);
        assert_eq!(segments(&"ក".repeat(135)).segments, 3);
        // A surrogate pair is not split between parts: 134 units need a third part
        // when the pair would straddle the first boundary.
        assert_eq!(segments(&format!("{}😀", "ក".repeat(66))).segments, 1);
        let s = format!("{}😀{}", "ក".repeat(66), "ក".repeat(66));
        assert_eq!(
            segments(&s),
            Segments {
                encoding: Encoding::Ucs2,
                units: 134,
                segments: 3
            }
        );
    }
}
