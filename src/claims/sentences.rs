//! Sentence splitting of one line of clean text (a paragraph, list item or heading).
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by white space and a capital letter,
//! a digit or an opening quote, or at the end of the line. Not ends: abbreviations
//! (`data/claims_abbreviations.txt`, dotted forms like "e.g."), initials ("J. Smith"),
//! decimals ("2.5"), ranges ("15-20", "2-3 times") and list numbering ("1. Rest").
//! Footnote digits after the stop ("pain.3 Next") stay with the sentence they follow.

use crate::lexicon::data_lines;
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/claims_abbreviations.txt")).collect());

/// A list marker at the start of a line: bullets, "1." / "1)" / "(1)", "Step 2:",
/// and spelled-out numbers ("three.") as spun text has them.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:[•·▪◦‣∙●○■□►▶✓✔➢➤*>\-–—]+\s*|\(?\d{1,2}[.)]\s+|step\s+\d{1,2}\s*[:.)-]\s*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[.)]\s+)",
    )
    .unwrap()
});

/// Length in bytes of a list marker at the start of `line` (0 when none).
pub fn list_marker_len(line: &str) -> usize {
    LIST_MARKER.find(line).map_or(0, |m| {
        // A marker must be followed by text, and "-" must not be a minus sign ("-5").
        let rest = &line[m.end()..];
        if rest.trim().is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
            0
        } else {
            m.end()
        }
    })
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '«')
}

/// Whether the word ending just before byte `dot` of `s` is an abbreviation or initial.
fn is_abbreviation(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    if word.is_empty() {
        return false;
    }
    // An initial: one capital letter ("J. Smith").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(lower.as_str())
        // Dotted acronyms "U.S", "e.g" with their inner dots.
        || (lower.contains('.') && lower.split('.').all(|p| p.chars().count() <= 2))
}

/// Sentence byte ranges of `line` (relative to it), trimmed of white space.
pub fn split_sentences(line: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Decimal point or a dot inside a token ("2.5", "e.g.x").
        let next = chars.get(i + 1).map(|x| x.1);
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        if c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // Take further stops and closing quotes or brackets.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closer(chars[j].1))
        {
            j += 1;
        }
        // Footnote digits right after the stop: "pain.3 Next".
        let mut k = j;
        while k < chars.len() && chars[k].1.is_ascii_digit() && k - j < 3 {
            k += 1;
        }
        if k > j && (k == chars.len() || chars[k].1.is_whitespace()) {
            j = k;
        }
        let end_of_sentence = j;
        // Need white space, then a sentence start, or the end of the line.
        let mut m = j;
        while m < chars.len() && chars[m].1.is_whitespace() {
            m += 1;
        }
        let at_end = m == chars.len();
        let boundary = if at_end {
            true
        } else if m == j {
            false
        } else {
            let n = chars[m].1;
            let starts = n.is_uppercase()
                || n.is_ascii_digit()
                || is_opener(n)
                || matches!(n, '•' | '-' | '*');
            starts && !(c == '.' && j == i + 1 && is_abbreviation(line, pos))
        };
        if boundary {
            let end = chars.get(end_of_sentence).map_or(line.len(), |x| x.0);
            push_trimmed(line, start..end, &mut out);
            start = chars.get(m).map_or(line.len(), |x| x.0);
            i = m;
        } else {
            i = j.max(i + 1);
        }
    }
    push_trimmed(line, start..line.len(), &mut out);
    out
}

fn push_trimmed(line: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &line[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_stops_before_capitals() {
        assert_eq!(
            split("Rest the leg. Then walk again! Does it hurt? Stop."),
            [
                "Rest the leg.",
                "Then walk again!",
                "Does it hurt?",
                "Stop."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_decimals_and_ranges() {
        assert_eq!(
            split("Take e.g. 2.5 mg twice daily. Dr. Lee and J. Park agree, i.e. Rest works."),
            [
                "Take e.g. 2.5 mg twice daily.",
                "Dr. Lee and J. Park agree, i.e. Rest works."
            ]
        );
        assert_eq!(
            split("Stretch 2-3 times a day for 15-20 minutes. Walk 10 min. daily."),
            [
                "Stretch 2-3 times a day for 15-20 minutes.",
                "Walk 10 min. daily."
            ]
        );
        assert_eq!(
            split("Made in the U.S. Army labs."),
            ["Made in the U.S. Army labs."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            split("Use ice etc. as needed."),
            ["Use ice etc. as needed."]
        );
    }

    #[test]
    fn footnote_digits_stay_with_their_sentence() {
        assert_eq!(
            split("Walking helps.12 Swimming helps too3. Rest."),
            ["Walking helps.12", "Swimming helps too3.", "Rest."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("She said \"stop now.\" Then she left."),
            ["She said \"stop now.\"", "Then she left."]
        );
    }

    #[test]
    fn list_markers_are_recognised() {
        assert_eq!(list_marker_len("• Apply ice"), "• ".len());
        assert_eq!(list_marker_len("  - Apply ice"), "  - ".len());
        assert_eq!(list_marker_len("3. Heat therapy"), 3);
        assert_eq!(list_marker_len("three. Heat therapy"), 7);
        assert_eq!(list_marker_len("Step 2: Cool down"), 8);
        assert_eq!(list_marker_len("15-20 minutes"), 0);
        assert_eq!(list_marker_len("-5 degrees"), 0);
        assert_eq!(list_marker_len("Ice helps"), 0);
    }
}
