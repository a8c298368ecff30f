//! A plausibility ("badness") measure for short stretches of text, used to decide
//! whether re-decoding a stretch makes it more plausible. It counts the traces that
//! mojibake leaves and real writing in any script does not:
//!
//! - C1 control characters (never meant as text);
//! - a run of symbols wedged between letters, where a letter next to it is not ASCII
//!   (`Ã©t`, `â€™s`: the continuation bytes of UTF-8 read as punctuation);
//! - a non-ASCII capital right after a lowercase letter (`cafÃ©`, `РґРѕ`), and a
//!   non-ASCII lowercase letter between capitals (`ZURÃœCK`);
//! - a non-ASCII lowercase letter directly followed by a symbol (`â€”`);
//! - a lone non-ASCII capital between lowercase words (`Ã perturber`);
//! - letters of two scripts touching inside a word, and box drawing touching letters;
//! - characters rare in any real text (IPA, modifier letters, most of Latin
//!   Extended-B, Syriac, NKo, private use, stray combining marks ...).
//!
//! The terms look at most four characters wide, so the difference between two
//! versions of a span only depends on the span and three characters either side.

use super::codecs::Codec;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Space,
    Upper,
    Lower,
    /// A letter without case (CJK, Arabic, Hebrew, ...).
    Letter,
    Mark,
    /// ASCII digits and punctuation.
    Ascii,
    /// Non-ASCII symbols and punctuation (and modifier letters, ª º µ).
    Sym,
    C1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    None,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Cjk,
    /// Any other script, told apart by its 128-code-point block.
    Other(u16),
}

#[inline]
pub fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            Kind::Upper
        } else if c.is_ascii_lowercase() {
            Kind::Lower
        } else if c == ' ' || c == '\t' {
            Kind::Space
        } else {
            Kind::Ascii
        };
    }
    let u = c as u32;
    // The commonest letters first, without the Unicode table lookups.
    match u {
        0x80..=0x9F => return Kind::C1,
        0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3A9 | 0x410..=0x42F => {
            return Kind::Upper
        }
        0xDF..=0xF6 | 0xF8..=0xFF | 0x3B1..=0x3C9 | 0x430..=0x44F => return Kind::Lower,
        0x5D0..=0x5EA
        | 0x621..=0x63A
        | 0x641..=0x64A
        | 0xE01..=0xE30
        | 0x905..=0x939
        | 0x3041..=0x3096
        | 0x30A1..=0x30FA
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3 => return Kind::Letter,
        _ => {}
    }
    if c.is_whitespace() {
        return Kind::Space;
    }
    if matches!(u, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0x2B0..=0x2FF) {
        return Kind::Sym;
    }
    if unicode_normalization::char::canonical_combining_class(c) != 0 {
        return Kind::Mark;
    }
    if c.is_uppercase() {
        Kind::Upper
    } else if c.is_lowercase() {
        Kind::Lower
    } else if c.is_alphabetic() {
        Kind::Letter
    } else if c.is_numeric() {
        Kind::Ascii
    } else {
        Kind::Sym
    }
}

#[inline]
pub fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0xFB00..=0xFB06 => {
            Script::Latin
        }
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF => Script::Cjk,
        0..=0x7F => Script::None,
        u => Script::Other((u >> 7) as u16),
    }
}

/// The script a letter or a non-ASCII digit is written in (None for anything else).
pub fn letter_script(c: char) -> Script {
    match kind(c) {
        Kind::Upper | Kind::Lower | Kind::Letter => script(c),
        Kind::Ascii if !c.is_ascii() => script(c),
        _ => Script::None,
    }
}

/// Two letters (or digits) of different scripts side by side, as in no real word;
/// Greek μ is the micro sign of Latin-script units (`10μs`).
pub fn scripts_clash(a: char, b: char) -> bool {
    let (sa, sb) = (letter_script(a), letter_script(b));
    // Basic Greek letters name things inside Latin words (`IL2Rγc`, `TNFα`, `10μs`).
    let greek_in_latin = |x: char, sx: Script, sy: Script| {
        sx == Script::Greek && sy == Script::Latin && ('\u{370}'..='\u{3FF}').contains(&x)
    };
    sa != Script::None
        && sb != Script::None
        && sa != sb
        && !greek_in_latin(a, sa, sb)
        && !greek_in_latin(b, sb, sa)
}

fn is_letter(k: Kind) -> bool {
    matches!(k, Kind::Upper | Kind::Lower | Kind::Letter)
}

/// `lead` begins a three- or four-byte UTF-8 sequence as Windows-1252 or Windows-1251
/// read it and the two characters after it are continuation bytes in the same codec
/// (`â€™`, `ä¸­`), or `lead` is a Windows-1252 continuation letter between such a lead
/// and a continuation (`âœ”`). A lead with one symbol after it is a letter and its
/// punctuation as often as not (`æ—`).
fn lead_then_continuation(
    before: Option<char>,
    lead: char,
    next: char,
    third: Option<char>,
) -> bool {
    let continuation =
        |codec: Codec, c: char| codec.encode(c).is_some_and(|b| (0x80..0xC0).contains(&b));
    let both =
        |codec: Codec| continuation(codec, next) && third.is_some_and(|t| continuation(codec, t));
    let after_lead = before.is_some_and(|b| ('\u{E0}'..='\u{F4}').contains(&b));
    match lead {
        '\u{E0}'..='\u{F4}' => both(Codec::Cp1252),
        'œ' | 'š' | 'ž' | 'ƒ' if after_lead => continuation(Codec::Cp1252, next),
        'а'..='п' => both(Codec::Cp1251),
        _ => false,
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// CJK punctuation and fullwidth forms, which sit next to ideographs.
fn is_cjk_mark(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn is_box(c: char) -> bool {
    matches!(c as u32, 0x2500..=0x259F)
}

/// How rare a character is in real text, on its own (0 = ordinary).
#[inline]
pub fn rarity(c: char, prev: Option<char>) -> i32 {
    let u = c as u32;
    match u {
        0..=0x7F => 0,
        0x80..=0x9F => 3,
        0x17F => 2,
        0x192 => 1,
        0x180..=0x24F => match u {
            0x18F
            | 0x190
            | 0x186
            | 0x1A0
            | 0x1A1
            | 0x1AF
            | 0x1B0
            | 0x1C4..=0x1DC
            | 0x218..=0x21B
            | 0x259 => 0,
            _ => 2,
        },
        0x250..=0x2AF => match u {
            0x259 | 0x25B | 0x254 => 1,
            _ => 2,
        },
        0x2B0..=0x2FF => 2,
        // Overlay marks strike through any character (`$̶6̶3̶`: a crossed-out price).
        0x334..=0x338 if prev.is_some_and(|p| !p.is_whitespace()) => 0,
        0x300..=0x36F => {
            let after_letter = prev.is_some_and(|p| is_letter(kind(p)));
            let common = matches!(u, 0x300..=0x30C | 0x323..=0x328 | 0x331);
            match (after_letter, common) {
                (true, true) => 0,
                (true, false) => 1,
                _ => 2,
            }
        }
        0x3D8..=0x3EF | 0x460..=0x489 | 0x500..=0x52F => 2,
        0x6D6..=0x6ED => 2,
        0x6F0..=0x6F9 => 1,
        0x591..=0x5C7 | 0x5F3 | 0x5F4 => 2,
        0x610..=0x61A => 2,
        0x700..=0x7FF => 2,
        0x1800..=0x18AF | 0x1D00..=0x1DBF => 2,
        0x19E0..=0x19FF => 2,
        // Scripts and blocks rare in any web text, which three-byte sequences of
        // stray letters and symbols decode to (Georgian capitals 1C90.. are common).
        0x0800..=0x08FF
        | 0x1380..=0x17FF
        | 0x18B0..=0x19DF
        | 0x1A00..=0x1C8F
        | 0x1CC0..=0x1CFF
        | 0x2C00..=0x2C5F
        | 0x2C80..=0x2DFF
        | 0x2E80..=0x2FFF
        | 0x3190..=0x31EF
        | 0x4DC0..=0x4DFF
        | 0xA000..=0xABFF
        | 0xD7B0..=0xD7FF
        | 0xFE10..=0xFE6F => 2,
        0xFB50..=0xFDFF | 0xFE70..=0xFEFE => 1,
        // CJK Extension A: ideographs rare even in CJK text.
        0x3400..=0x4DBF => 1,
        0xE000..=0xF8FF => 3,
        0xFFF0..=0xFFFC => 2,
        _ => {
            if u >= 0x370
                && unicode_normalization::char::canonical_combining_class(c) != 0
                && !prev.is_some_and(|p| is_letter(kind(p)))
            {
                2
            } else {
                0
            }
        }
    }
}

/// Badness of a stretch of characters. Comparable only between versions of a span
/// with the same context either side.
pub fn badness(cs: &[char]) -> i32 {
    let n = cs.len();
    let mut score = 0;
    let ks: Vec<Kind> = cs.iter().map(|&c| kind(c)).collect();
    let mut i = 0;
    while i < n {
        let c = cs[i];
        let k = ks[i];
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        score += rarity(c, prev);
        // A lone ideograph among other scripts: CJK text comes in runs, and one
        // three-byte sequence is all a stray Latin-1 letter and two symbols make.
        if is_ideograph(c) {
            let near =
                |d: Option<&char>| d.is_some_and(|&d| script(d) == Script::Cjk || is_cjk_mark(d));
            if !near(prev.as_ref()) && !near(cs.get(i + 1)) {
                score += 1;
            }
        }
        if i > 0 {
            let (pc, pk) = (cs[i - 1], ks[i - 1]);
            // A non-ASCII capital right after a lowercase letter, or a capital right
            // after a non-ASCII lowercase letter (`ĕUrope`).
            if pk == Kind::Lower && k == Kind::Upper && (!c.is_ascii() || !pc.is_ascii()) {
                score += 1;
            }
            // The lead of a three- or four-byte sequence (Latin-1 à..ô, Windows-1251 а..п)
            // or a Windows-1252 continuation letter, followed by a symbol (`â€`, `âœ”`).
            let ppc = if i >= 2 { Some(cs[i - 2]) } else { None };
            if k == Kind::Sym && lead_then_continuation(ppc, pc, c, cs.get(i + 1).copied()) {
                score += 1;
            }
            // Letters of two scripts touching.
            if is_letter(pk) && is_letter(k) {
                let (a, b) = (script(pc), script(c));
                let greek_latin = matches!(
                    (a, b),
                    (Script::Greek, Script::Latin) | (Script::Latin, Script::Greek)
                );
                if a != b && a != Script::None && b != Script::None && !greek_latin {
                    score += if a == Script::Cjk || b == Script::Cjk {
                        2
                    } else {
                        1
                    };
                } else if a != b && (a == Script::Cjk || b == Script::Cjk) {
                    score += 2;
                }
            }
            // Box drawing touching a letter.
            if (is_box(c) && is_letter(pk)) || (is_box(pc) && is_letter(k)) {
                score += 1;
            }
        }
        // A non-ASCII lowercase letter between capitals.
        if i > 0
            && i + 1 < n
            && k == Kind::Lower
            && !c.is_ascii()
            && ks[i - 1] == Kind::Upper
            && ks[i + 1] == Kind::Upper
        {
            score += 1;
        }
        // A lone `Ã` or `Â` (UTF-8 lead bytes) as a word, before a lowercase word.
        if matches!(c, 'Ã' | 'Â')
            && (i == 0 || matches!(ks[i - 1], Kind::Space) || cs[i - 1] == '\'')
            && i + 2 < n
            && ks[i + 1] == Kind::Space
            && ks[i + 2] == Kind::Lower
        {
            score += 1;
        }
        // A run of one to three symbols wedged between letters, next to a non-ASCII
        // one (or itself two non-ASCII symbols); an apostrophe is not suspect.
        if k == Kind::Sym && !matches!(c, '\u{2019}' | '\u{B7}') && i > 0 && is_letter(ks[i - 1]) {
            let mut j = i;
            while j < n && j < i + 3 && ks[j] == Kind::Sym {
                j += 1;
            }
            if j < n
                && is_letter(ks[j])
                && (!cs[i - 1].is_ascii() || !cs[j].is_ascii() || j - i >= 2)
            {
                score += 1;
            }
        }
        if k == Kind::Sym && i >= 2 {
            // Four non-ASCII symbols in a row (Hebrew or Arabic read as Windows-1252).
            if i >= 3 && ks[i - 1] == Kind::Sym && ks[i - 2] == Kind::Sym && ks[i - 3] == Kind::Sym
            {
                score += 1;
            }
            // Two non-ASCII symbols starting a word (MacRoman: `√©quilibr√©`).
            if ks[i - 1] == Kind::Sym
                && !cs[i - 1].is_ascii()
                && (i < 2 || matches!(ks[i - 2], Kind::Space))
                && cs.get(i + 1).is_some_and(|&d| is_letter(kind(d)))
            {
                score += 1;
            }
            // A letter followed by two non-ASCII symbols (MacRoman: `Zam√≤`).
            if ks[i - 1] == Kind::Sym && is_letter(ks[i - 2]) && (i < 3 || ks[i - 3] != Kind::Sym) {
                score += 1;
            }
        }
        if i > 0
            && (k == Kind::Sym || k == Kind::C1)
            && c != '\u{2019}'
            && matches!(cs[i - 1], 'Â' | 'Ã')
        {
            // The lead bytes of UTF-8 for Latin-1 followed by a symbol or a C1 control:
            // `Â£`, `Ã™`, `Â\u{81}`.
            score += 1;
        } else if i > 0
            && matches!(cs[i - 1], 'Ì' | 'Í' | 'Î' | 'Ï')
            && matches!(c, '\u{A0}'..='\u{BF}')
            && !matches!(c, '«' | '»' | '·' | '\u{A0}')
        {
            // The leads of combining marks and Greek (CC..CF) before a Latin-1 symbol that
            // no word ends with: `Ì¶`, `Î¼`.
            score += 1;
        }
        if i >= 2
            && k == Kind::Lower
            && ks[i - 1] == Kind::Upper
            && ks[i - 2] == Kind::Upper
            && !cs[i - 1].is_ascii()
            && !cs[i - 2].is_ascii()
        {
            // Two non-ASCII capitals starting a lowercase word: `ÄŒeština`, `ÄÆdomu`.
            score += 1;
        }
        if i > 0
            && c == '\u{A0}'
            && ks[i - 1] == Kind::Upper
            && !cs[i - 1].is_ascii()
            && script(cs[i - 1]) == Script::Latin
        {
            // A non-ASCII capital, then a no-break space inside a lowercase word: `GÃ\u{A0}idhlig`.
            // (Inside a word: at a word's start the lone-capital term above counts it.)
            let inside = i >= 2 && is_letter(ks[i - 2]);
            if cs
                .get(i + 1)
                .is_some_and(|&d| d == ' ' || (inside && kind(d) == Kind::Lower))
            {
                score += 1;
            }
        }
        i += 1;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> i32 {
        badness(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn correct_text_scores_zero() {
        for s in [
            "café crème",
            "Straße",
            "дорога",
            "Ελληνικά",
            "日本語",
            "NESTLÉ®",
            "4288×…",
            "l'État",
        ] {
            assert_eq!(b(s), 0, "{s}");
        }
    }

    #[test]
    fn fast_kinds_agree_with_unicode() {
        // The shortcut ranges in `kind` give what the Unicode tables give.
        for u in (0xA0..0x500)
            .chain(0x590..0x1000)
            .chain(0x3040..0x3100)
            .chain(0x4E00..0x4E80)
            .chain(0xAC00..0xAC80)
        {
            let Some(c) = char::from_u32(u) else { continue };
            if c.is_whitespace()
                || matches!(u, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0x2B0..=0x2FF)
                || unicode_normalization::char::canonical_combining_class(c) != 0
            {
                continue;
            }
            let slow = if c.is_uppercase() {
                Kind::Upper
            } else if c.is_lowercase() {
                Kind::Lower
            } else if c.is_alphabetic() {
                Kind::Letter
            } else if c.is_numeric() {
                Kind::Ascii
            } else {
                Kind::Sym
            };
            assert_eq!(kind(c), slow, "U+{u:04X}");
        }
    }

    #[test]
    fn mojibake_scores_higher() {
        assert!(b("cafÃ©") > b("café"));
        assert!(b("itâ€™s") > b("it’s"));
        assert!(b("РґРѕСЂРѕРіРµ") > b("дороге"));
        assert!(b("ZURÃœCK") > b("ZURÜCK"));
        assert!(b("NESTLɮ") > b("NESTLÉ®"));
    }
}
