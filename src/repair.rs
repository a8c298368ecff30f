//! Encoding and Unicode repair: line endings, mojibake (UTF-8 read as Windows-1252,
//! once or twice), NFC, space and zero-width variants, one quote style, stray control
//! characters and decorative pictographs. Conservative, as ftfy is: a sequence is only
//! re-decoded when its bytes form valid UTF-8, so correct text is never changed.

use crate::model::Document;
use crate::rules::{Fix, Rule};
use crate::text::{Replacement, TrackedText};
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::{is_nfc, UnicodeNormalization};

pub const RULES: &[Rule] = &[
    Rule {
        code: "E001",
        name: "line-ending",
        stage: "repair",
        doc: "CRLF and lone CR line endings become LF.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E002",
        name: "mojibake",
        stage: "repair",
        doc: "UTF-8 that was decoded as Windows-1252 (once or twice) is re-decoded: 'itâ€™s' -> 'it's'.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E003",
        name: "unicode-nfc",
        stage: "repair",
        doc: "Text is put in Unicode normalisation form C.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E004",
        name: "space-variant",
        stage: "repair",
        doc: "No-break, thin and other space characters become a plain space.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E005",
        name: "invisible-char",
        stage: "repair",
        doc: "Zero-width characters, soft hyphens and stray byte order marks are removed.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E006",
        name: "quote-style",
        stage: "repair",
        doc: "Curly and other quote marks become ASCII ' and \" (one consistent choice).",
        fix: Fix::Safe,
    },
    Rule {
        code: "E007",
        name: "control-char",
        stage: "repair",
        doc: "Control characters other than newline are removed; tabs become spaces.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E008",
        name: "pictograph",
        stage: "repair",
        doc: "Decorative emoji and dingbats (used as bullets or icons) are removed.",
        fix: Fix::Safe,
    },
];

/// Repair one document's text in place.
pub fn repair_document(doc: &mut Document) {
    repair_text(&mut doc.text);
}

/// Repair a tracked text. Idempotent: repairing repaired text changes nothing.
pub fn repair_text(t: &mut TrackedText) {
    line_endings(t);
    mojibake(t);
    nfc(t);
    char_classes(t);
}

fn line_endings(t: &mut TrackedText) {
    static CR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\r\n?").unwrap());
    let reps = CR
        .find_iter(t.text())
        .map(|m| Replacement::new(m.range(), "\n", "E001"))
        .collect();
    t.apply(reps);
}

/// The Windows-1252 byte a char was decoded from, if any (C1 controls stand for the
/// five bytes that Windows-1252 leaves undefined, as sloppy decoders produce them).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    if matches!(u, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) {
        return Some(u as u8);
    }
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('\u{2018}', 0x91),
        ('\u{2019}', 0x92),
        ('\u{201C}', 0x93),
        ('\u{201D}', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b)
}

/// Find mojibake sequences: a lead byte (C2-F4) followed by the continuation bytes
/// (80-BF) its UTF-8 form needs, all as Windows-1252 chars, decoding to one char.
fn mojibake_replacements(s: &str) -> Vec<Replacement> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let need = match cp1252_byte(c) {
            Some(0xC2..=0xDF) => 1,
            Some(0xE0..=0xEF) => 2,
            Some(0xF0..=0xF4) => 3,
            _ => 0,
        };
        if need > 0 {
            let mut bytes = vec![cp1252_byte(c).unwrap_or(0)];
            let mut ok = true;
            for k in 1..=need {
                match chars.get(i + k).and_then(|(_, ch)| cp1252_byte(*ch)) {
                    Some(b @ 0x80..=0xBF) => bytes.push(b),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                if let Ok(decoded) = std::str::from_utf8(&bytes) {
                    let end = chars.get(i + need + 1).map(|(p, _)| *p).unwrap_or(s.len());
                    out.push(
                        Replacement::new(start..end, decoded, "E002")
                            .with_evidence(format!("{:02X?}", bytes)),
                    );
                    i += need + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn mojibake(t: &mut TrackedText) {
    // Double-encoded text needs two rounds; three is a safe upper bound.
    for _ in 0..3 {
        let reps = mojibake_replacements(t.text());
        if reps.is_empty() || t.apply(reps) == 0 {
            break;
        }
    }
}

fn nfc(t: &mut TrackedText) {
    let mut reps = Vec::new();
    for r in t.lines() {
        let line = &t.text()[r.clone()];
        if !is_nfc(line) {
            reps.push(Replacement::new(r, line.nfc().collect::<String>(), "E003"));
        }
    }
    t.apply(reps);
}

fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}

fn char_classes(t: &mut TrackedText) {
    let s = t.text();
    let mut reps = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let end = i + c.len_utf8();
        let prev_alpha = k > 0 && chars[k - 1].1.is_alphanumeric();
        let next_alpha = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        let rep = match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some((" ", "E004"))
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Some(("", "E005")),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some(("'", "E006")),
            '\u{00B4}' | '`' if prev_alpha && next_alpha => Some(("'", "E006")),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some(("\"", "E006")),
            '\t' => Some((" ", "E007")),
            c if c.is_control() && c != '\n' => Some(("", "E007")),
            c if is_pictograph(c) => Some(("", "E008")),
            _ => None,
        };
        if let Some((after, rule)) = rep {
            // A pictograph takes one following space with it, so no double space is left.
            let end = if rule == "E008" && s[end..].starts_with(' ') {
                end + 1
            } else {
                end
            };
            reps.push(Replacement::new(i..end, after, rule));
        }
    }
    t.apply(reps);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(s: &str) -> String {
        let mut t = TrackedText::from_str(s);
        repair_text(&mut t);
        t.text().to_string()
    }

    #[test]
    fn single_mojibake_is_repaired() {
        assert_eq!(repaired("itâ€™s here â€” now"), "it's here — now");
        assert_eq!(repaired("cafÃ© crÃ¨me"), "café crème");
    }

    #[test]
    fn double_mojibake_is_repaired() {
        // "’" encoded to UTF-8, read as cp1252, encoded again, read again.
        let once: String = "’"
            .bytes()
            .map(|b| crate::ingest::decode_windows_1252(&[b]))
            .collect();
        let twice: String = once
            .bytes()
            .map(|b| crate::ingest::decode_windows_1252(&[b]))
            .collect();
        assert_eq!(repaired(&format!("It{twice}s fine")), "It's fine");
    }

    #[test]
    fn correct_text_is_untouched() {
        for s in [
            "Plain English text, with commas; and dashes — fine.",
            "Zürich, São Paulo, naïve café, Ångström, €5, 20°C.",
            "Ã alone, or â at the end â",
        ] {
            assert_eq!(repaired(s), s);
        }
    }

    #[test]
    fn spaces_quotes_and_invisibles_are_normalised() {
        assert_eq!(
            repaired("a\u{00A0}b\u{200B}c \u{201C}q\u{201D} don\u{2019}t\r\nx\ry"),
            "a bc \"q\" don't\nx\ny"
        );
        assert_eq!(repaired("\u{1F4A1} Tip: rest"), "Tip: rest");
    }

    #[test]
    fn repair_maps_back_to_raw() {
        let raw = "Itâ€™s fine";
        let mut t = TrackedText::from_str(raw);
        repair_text(&mut t);
        assert_eq!(t.text(), "It's fine");
        assert_eq!(&raw[t.raw_span(0..4)], "Itâ€™s");
        assert_eq!(&raw[t.raw_span(5..9)], "fine");
    }
}
