//! Precision guards: what real text looks like, so that correct text in any script is
//! never re-decoded. Text decoded with a codec holds only that codec's characters, and
//! real words keep to one script.

use super::{Codec, WORD_REACH};
use crate::repair::badness::{kind, letter_script, scripts_clash, Kind, Script};

/// Does a re-decoded span put letters of two scripts side by side (`Ņå` + `ῦ`,
/// `٥Lkimc`)? Real words keep to one script, so such an output is not the text meant.
pub(super) fn clashes(left: &[char], out: &[char], right: &[char]) -> bool {
    let letters = |cs: &[char]| -> Vec<char> {
        cs.iter()
            .copied()
            .filter(|&c| kind(c) != Kind::Mark)
            .collect()
    };
    let out = letters(out);
    let (Some(&first), Some(&last)) = (out.first(), out.last()) else {
        return false;
    };
    if out.windows(2).any(|p| scripts_clash(p[0], p[1])) {
        return true;
    }
    // Three letters or more of one script are a word of their own: an ASCII letter
    // beside them is a typo or a code (`Cрпски`), not evidence against them.
    let long = out
        .iter()
        .filter(|&&c| letter_script(c) != Script::None)
        .count()
        >= 3;
    let clash_at = |ctx: Option<&char>, c: char| {
        ctx.is_some_and(|&x| !(long && x.is_ascii()) && scripts_clash(x, c))
    };
    clash_at(letters(left).last(), first) || clash_at(letters(right).first(), last)
}

/// Text decoded with a codec consists of that codec's characters only: the word
/// around a candidate span (up to ASCII whitespace, at most `WORD_REACH` chars either
/// side) must encode in the codec, or the span is correct text that happens to look
/// like mojibake next to other letters (`ŪĘĖĘÂ®`, `ЩЛНОМ€어`).
pub(super) fn word_encodes(
    codec: Codec,
    left: &[char],
    seg: &[char],
    right: &[char],
    start: usize,
    end: usize,
) -> bool {
    let ok = |ch: &char| ch.is_ascii() || *ch == '\u{FFFD}' || codec.encode(*ch).is_some();
    let boundary = |ch: &char| matches!(ch, ' ' | '\t' | '\n');
    let before = seg[..start].iter().rev().chain(left.iter().rev());
    let after = seg[end..].iter().chain(right.iter());
    before
        .take(WORD_REACH)
        .take_while(|ch| !boundary(ch))
        .all(ok)
        && after
            .take(WORD_REACH)
            .take_while(|ch| !boundary(ch))
            .all(ok)
        && seg[start..end].iter().all(ok)
}

/// Punctuation and marks that follow a word in real text (`ж«\u{A0}`, `IRMÃ”`,
/// `Name®`), as opposed to the symbols (`±`, `¶`, `€`) that mojibake puts after a lead
/// letter, and to the low and single opening quotes (`‚`, `„`, `‹`), which open a word
/// rather than end one.
fn is_word_end_punctuation(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '›'
            | '…'
            | '–'
            | '—'
            | '•'
            | '·'
            | '\u{A0}'
            | '®'
            | '™'
            | '©'
            | '°'
    )
}

/// Does the span read as correct text already: words written each in one script and
/// one case pattern (`слово`, `Слово`, `СЛОВО`), with only punctuation or no-break
/// spaces between or after them (`ж«\u{A0}`, `IRMÃ”`, `é\u{A0}œ`)? Such a span needs
/// more evidence than one mojibake trait.
pub(super) fn punctuated_word(
    left: &[char],
    seg: &[char],
    right: &[char],
    start: usize,
    end: usize,
) -> bool {
    let span = &seg[start..end];
    let is_letter = |c: char| matches!(kind(c), Kind::Upper | Kind::Lower | Kind::Letter);
    if !span.iter().any(|&c| is_letter(c))
        || !span.iter().any(|&c| !is_letter(c))
        || !span
            .iter()
            .all(|&c| is_letter(c) || is_word_end_punctuation(c))
    {
        return false;
    }
    // Each run of letters, with the letters of its word outside the span.
    let outside = |it: &mut dyn Iterator<Item = &char>| -> Vec<char> {
        it.take(WORD_REACH)
            .take_while(|&&c| is_letter(c))
            .copied()
            .collect()
    };
    let mut before = outside(&mut seg[..start].iter().rev().chain(left.iter().rev()));
    before.reverse();
    let after = outside(&mut seg[end..].iter().chain(right.iter()));
    let runs: Vec<&[char]> = span.split(|&c| !is_letter(c)).collect();
    let last = runs.len() - 1;
    runs.iter().enumerate().all(|(k, run)| {
        if run.is_empty() {
            return true;
        }
        let mut word: Vec<char> = if k == 0 { before.clone() } else { Vec::new() };
        word.extend_from_slice(run);
        if k == last {
            word.extend_from_slice(&after);
        }
        is_plain_word(&word)
    })
}

/// Letters of one script in one case pattern: all capitals, or any first letter and
/// then no capital.
fn is_plain_word(word: &[char]) -> bool {
    let Some(&first) = word.first() else {
        return true;
    };
    let script = letter_script(first);
    let upper = |c: &char| kind(*c) == Kind::Upper;
    word.iter().all(|&c| letter_script(c) == script)
        && (word.iter().all(upper) || !word[1..].iter().any(upper))
}

/// Does every character of the line encode in the codec (lost bytes included)?
pub(super) fn encodes_all(codec: Codec, cs: &[char]) -> bool {
    cs.iter()
        .all(|&ch| ch.is_ascii() || ch == '\u{FFFD}' || codec.encode(ch).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_word_must_encode_in_the_codec() {
        // `Â®` inside a word with letters Windows-1252 lacks was not decoded with it.
        let line = cs("ŪĘĖĘÂ® x");
        assert!(!word_encodes(Codec::Cp1252, &[], &line, &[], 4, 6));
        let line = cs("TVÂ® x");
        assert!(word_encodes(Codec::Cp1252, &[], &line, &[], 2, 4));
        // The word ends at a space: what follows it does not count.
        let line = cs("TVÂ® 어");
        assert!(word_encodes(Codec::Cp1252, &[], &line, &[], 2, 4));
    }

    #[test]
    fn two_scripts_side_by_side_clash() {
        assert!(clashes(&cs("Ņå"), &cs("ῦ"), &[]));
        assert!(clashes(&[], &cs("٥"), &cs("Lkimc")));
        assert!(!clashes(&cs("caf"), &cs("é"), &cs("s")));
        // Basic Greek inside Latin names things; a long run of one script is a word.
        assert!(!clashes(&cs("IL2R"), &cs("γ"), &cs("cKO")));
        assert!(!clashes(&cs("C"), &cs("рпски"), &[]));
    }

    #[test]
    fn a_word_and_its_punctuation_read_as_text() {
        let line = cs("слово ж«\u{a0}");
        assert!(punctuated_word(&[], &line, &[], 6, 9));
        let line = cs("IRMÃ” x");
        assert!(punctuated_word(&[], &line, &[], 3, 5));
        // Mixed case (`tÃ`) or a symbol (`Ã±`) is mojibake's shape, not a word's.
        let line = cs("tÃ« x");
        assert!(!punctuated_word(&[], &line, &[], 1, 3));
        let line = cs("CAFÃ± x");
        assert!(!punctuated_word(&[], &line, &[], 3, 5));
        let line = cs("é\u{a0}œ—");
        assert!(punctuated_word(&[], &line, &[], 0, 3));
        let line = cs("ÖÜ Ÿ™x");
        assert!(punctuated_word(&[], &line, &[], 3, 5));
    }

    #[test]
    fn whole_line_encoding() {
        assert!(encodes_all(Codec::Cp1252, &cs("cafÃ© – ok\u{FFFD}")));
        assert!(!encodes_all(Codec::Cp1252, &cs("cafÃ© 어")));
    }
}
