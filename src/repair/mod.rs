//! Encoding and Unicode repair, to ftfy's standard: change text only when the result
//! is clearly more plausible, so correct text in any language comes out unchanged.
//!
//! Steps, in order: line endings; HTML character references; mojibake (UTF-8 read
//! with a single-byte codec, one or more layers, see `mojibake`); C1 controls that
//! mean Windows-1252 punctuation; ligatures, digraphs and fullwidth forms; then the
//! declared normalisations (NFC, spaces, invisibles, quotes, controls, pictographs).
//! Every edit covers only the characters it changes.

mod badness;
mod chars;
mod codecs;
mod mojibake;
mod normalise;

pub use badness::badness;
pub use codecs::Codec;

use crate::model::Document;
use crate::rules::{Fix, Rule};
use crate::text::{Replacement, TrackedText};

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
        doc: "UTF-8 that was decoded with a single-byte codec (Windows-1252/1250/1251/1257, Latin-1, ISO-8859-2, MacRoman, cp437; one or more layers) is re-decoded when that is clearly more plausible: 'itâ€™s' -> 'it’s'.",
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
        doc: "Control characters other than newline are removed (after encoding repair had its chance at them); tabs become spaces.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E008",
        name: "pictograph",
        stage: "repair",
        doc: "Decorative emoji and dingbats (used as bullets or icons) are removed.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E009",
        name: "control-as-punctuation",
        stage: "repair",
        doc: "A C1 control that Windows-1252 defines as a character is that character: U+0093 -> '“'.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E010",
        name: "html-entity",
        stage: "repair",
        doc: "HTML character references ('&eacute;', '&#233;') are decoded, on lines without markup.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E011",
        name: "ligature",
        stage: "repair",
        doc: "Latin ligatures and single-code-point digraphs are spelled out: 'ﬁ' -> 'fi', 'ǌ' -> 'nj'.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E012",
        name: "fullwidth",
        stage: "repair",
        doc: "Fullwidth letters and digits, and fullwidth punctuation outside CJK text, become ASCII.",
        fix: Fix::Safe,
    },
    Rule {
        code: "E013",
        name: "lossy-mojibake",
        stage: "repair",
        doc: "Mojibake whose bytes were partly lost ('â€?', 'â€�') is replaced by one U+FFFD: the character cannot be recovered.",
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
    per_line(t, chars::entity_replacements);
    mojibake(t);
    per_line(t, chars::c1_replacements);
    per_line(t, chars::form_replacements);
    per_line(t, normalise::nfc_replacements);
    let mut reps = Vec::new();
    normalise::class_replacements(t.text(), &mut reps);
    t.apply(reps);
}

/// Only the declared normalisations (NFC, width and ligatures, spaces, invisibles,
/// quotes, controls, pictographs): what repair may do to text that has nothing to
/// repair.
pub fn normalise_text(t: &mut TrackedText) {
    line_endings(t);
    per_line(t, chars::form_replacements);
    per_line(t, normalise::nfc_replacements);
    let mut reps = Vec::new();
    normalise::class_replacements(t.text(), &mut reps);
    t.apply(reps);
}

/// Repair a plain string (tests, tools): the repaired text.
pub fn repair_str(s: &str) -> String {
    let mut t = TrackedText::from_str(s);
    repair_text(&mut t);
    t.text().to_string()
}

fn per_line(t: &mut TrackedText, f: fn(&str, usize, &mut Vec<Replacement>)) {
    let mut reps = Vec::new();
    for r in t.lines() {
        let line = &t.text()[r.clone()];
        if !line.is_ascii() || line.contains('&') {
            f(line, r.start, &mut reps);
        }
    }
    if !reps.is_empty() {
        t.apply(reps);
    }
}

fn line_endings(t: &mut TrackedText) {
    let s = t.text();
    if !s.contains('\r') {
        return;
    }
    let b = s.as_bytes();
    let mut reps = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            let end = if b.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            reps.push(Replacement::new(i..end, "\n", "E001"));
            i = end;
        } else {
            i += 1;
        }
    }
    t.apply(reps);
}

/// Mojibake needs two non-ASCII characters in a row, or one before a space or `?`.
fn maybe_mojibake(line: &str) -> bool {
    let mut prev_non_ascii = false;
    for c in line.chars() {
        if prev_non_ascii && (!c.is_ascii() || c == ' ' || c == '?') {
            return true;
        }
        prev_non_ascii = !c.is_ascii();
    }
    false
}

/// Mojibake, line by line; a line that changed is looked at again (up to the number of
/// layers undone at most), so a layer uncovered below another is judged in its whole
/// line, as the outer one was.
fn mojibake(t: &mut TrackedText) {
    let mut todo: Option<Vec<usize>> = None;
    for _ in 0..mojibake::MAX_LAYERS {
        let changed = mojibake_pass(t, todo.as_deref());
        if changed.is_empty() {
            break;
        }
        todo = Some(changed);
    }
}

/// One pass over the lines (all, or those numbered in `only`): the numbers of the
/// lines it changed.
fn mojibake_pass(t: &mut TrackedText, only: Option<&[usize]>) -> Vec<usize> {
    let mut reps = Vec::new();
    let mut changed = Vec::new();
    for (n, r) in t.lines().into_iter().enumerate() {
        if only.is_some_and(|o| o.binary_search(&n).is_err()) {
            continue;
        }
        let line = &t.text()[r.clone()];
        if line.is_ascii() || !maybe_mojibake(line) {
            continue;
        }
        let offs: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| i)
            .chain([line.len()])
            .collect();
        let cs: Vec<char> = line.chars().collect();
        let before = reps.len();
        for f in mojibake::fix_line(&cs, only.is_some()) {
            let range = r.start + offs[f.start]..r.start + offs[f.end];
            let rule = if f.lossy { "E013" } else { "E002" };
            reps.push(Replacement::new(range, f.text, rule).with_evidence(f.evidence));
        }
        if reps.len() > before {
            changed.push(n);
        }
    }
    if !reps.is_empty() {
        t.apply(reps);
    }
    changed
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
    fn entities_on_mojibake_are_decoded_then_repaired() {
        assert_eq!(repaired("caf&Atilde;&copy; ok"), "café ok");
        assert_eq!(repaired("5 &#xC2;&#xB0;C"), "5 °C");
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
