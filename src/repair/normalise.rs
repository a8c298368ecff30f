//! The declared normalisations: NFC, one kind of space, no invisible characters, one
//! quote style, no stray control characters or decorative pictographs. Each edit
//! covers only the characters it changes (NFC: one base character and its marks).

use crate::text::Replacement;
use unicode_normalization::char::{canonical_combining_class, compose};
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// NFC, chunk by chunk: a chunk is a starter and the characters that may combine
/// with it, so a decomposed accent on a long line edits two characters, not the line.
pub fn nfc_replacements(s: &str, base: usize, out: &mut Vec<Replacement>) {
    if s.is_ascii() || is_nfc(s) {
        return;
    }
    let mut start = 0;
    let mut prev: Option<char> = None;
    let flush = |a: usize, b: usize, out: &mut Vec<Replacement>| {
        let chunk = &s[a..b];
        if !chunk.is_ascii() && !is_nfc(chunk) {
            out.push(Replacement::new(
                base + a..base + b,
                chunk.nfc().collect::<String>(),
                "E003",
            ));
        }
    };
    for (i, c) in s.char_indices() {
        let starter = canonical_combining_class(c) == 0
            && prev.is_none_or(|p| compose(p, c).is_none())
            && !matches!(c as u32, 0x1160..=0x11FF);
        if starter && i > start {
            flush(start, i, out);
            start = i;
        }
        prev = Some(c);
    }
    flush(start, s.len(), out);
}

fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}

/// Spaces, invisibles, quotes, controls and pictographs (rules E004..E008).
pub fn class_replacements(s: &str, out: &mut Vec<Replacement>) {
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let before = prev;
        prev = Some(c);
        if c.is_ascii() && c != '\t' && c != '`' && !c.is_ascii_control() {
            continue;
        }
        let next = it.peek().map(|(_, n)| *n);
        let end = i + c.len_utf8();
        // Only an acute accent or a backtick between letters needs its neighbours.
        let between_letters = || {
            before.is_some_and(|p| p.is_alphanumeric()) && next.is_some_and(|n| n.is_alphanumeric())
        };
        let rep = match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some((" ", "E004"))
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Some(("", "E005")),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some(("'", "E006")),
            '\u{00B4}' | '`' if between_letters() => Some(("'", "E006")),
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
            out.push(Replacement::new(i..end, after, rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TrackedText;

    #[test]
    fn nfc_edits_only_the_decomposed_character() {
        let line = format!("{}e\u{301}{}", "a".repeat(1000), "b".repeat(1000));
        let mut reps = Vec::new();
        nfc_replacements(&line, 0, &mut reps);
        assert_eq!(reps.len(), 1);
        assert_eq!(reps[0].range, 1000..1003);
        let mut t = TrackedText::from_str(&line);
        t.apply(reps);
        assert!(t.text().contains("aé b") || t.text().contains("aéb"));
        assert!(t.edits()[0].before.len() <= 3);
    }

    #[test]
    fn nfc_composes_across_marks_and_hangul() {
        let s = "A\u{30A}\u{301} \u{1100}\u{1161}";
        let mut reps = Vec::new();
        nfc_replacements(s, 0, &mut reps);
        let mut t = TrackedText::from_str(s);
        t.apply(reps);
        assert_eq!(t.text(), s.nfc().collect::<String>());
    }
}
