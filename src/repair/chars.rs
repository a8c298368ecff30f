//! Character-level fixes that need no re-decoding: C1 controls that are really
//! Windows-1252 punctuation, HTML character references, Latin ligatures and
//! single-code-point digraphs, and fullwidth forms in Latin text. Each replacement
//! covers exactly the characters it changes.

use super::codecs::Codec;
use crate::text::Replacement;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A C1 control that Windows-1252 defines as a printable character (`\u{93}` -> `“`).
pub fn c1_replacements(s: &str, base: usize, out: &mut Vec<Replacement>) {
    for (i, c) in s.char_indices() {
        let u = c as u32;
        if (0x80..0xA0).contains(&u) {
            let d = Codec::Cp1252.decode(u as u8);
            if d != c {
                out.push(
                    Replacement::new(base + i..base + i + c.len_utf8(), d.to_string(), "E009")
                        .with_evidence(format!("U+{u:04X} as windows-1252")),
                );
            }
        }
    }
}

static ENTITIES: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for line in include_str!("../../data/repair_html_entities.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut it = line.split_whitespace();
        let Some(name) = it.next() else { continue };
        let value: Option<String> = it
            .map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
            .collect();
        if let Some(v) = value {
            m.insert(name, v);
        }
    }
    m
});

fn numeric_entity(body: &str) -> Option<char> {
    let n = if let Some(hex) = body.strip_prefix('x').or_else(|| body.strip_prefix('X')) {
        u32::from_str_radix(hex, 16).ok()?
    } else {
        body.parse::<u32>().ok()?
    };
    match n {
        // Numeric references to 80..9F mean Windows-1252, as browsers read them.
        0x80..=0x9F => Some(Codec::Cp1252.decode(n as u8)),
        0 | 0xD800..=0xDFFF => None,
        _ => char::from_u32(n),
    }
}

/// HTML character references (`&eacute;`, `&#233;`, `&#xE9;`), always with their `;`.
/// Lines that contain `<` may be markup shown as text and are left alone.
pub fn entity_replacements(s: &str, base: usize, out: &mut Vec<Replacement>) {
    if !s.contains('&') || s.contains('<') {
        return;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(off) = s[i..].find('&') {
        let a = i + off;
        i = a + 1;
        let rest = &s[a + 1..];
        let Some(semi) = rest.bytes().take(32).position(|c| c == b';') else {
            continue;
        };
        let body = &rest[..semi];
        if body.is_empty() || !body.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'#') {
            continue;
        }
        let value = match body.strip_prefix('#') {
            Some(num) => numeric_entity(num).map(|c| c.to_string()),
            None => ENTITIES.get(body).cloned(),
        };
        if let Some(v) = value {
            let end = a + 1 + semi + 1;
            let _ = b;
            out.push(Replacement::new(base + a..base + end, v, "E010"));
            i = end;
        }
    }
}

/// Latin ligatures and single-code-point digraphs, spelled out.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' => "ſt",
        '\u{FB06}' => "st",
        '\u{0132}' => "IJ",
        '\u{0133}' => "ij",
        '\u{0149}' => "ʼn",
        '\u{01C4}' => "DŽ",
        '\u{01C5}' => "Dž",
        '\u{01C6}' => "dž",
        '\u{01C7}' => "LJ",
        '\u{01C8}' => "Lj",
        '\u{01C9}' => "lj",
        '\u{01CA}' => "NJ",
        '\u{01CB}' => "Nj",
        '\u{01CC}' => "nj",
        '\u{01F1}' => "DZ",
        '\u{01F2}' => "Dz",
        '\u{01F3}' => "dz",
        _ => return None,
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Ligatures, digraphs and fullwidth forms. Fullwidth letters and digits always
/// become ASCII; fullwidth punctuation only where no CJK character is next to it.
pub fn form_replacements(s: &str, base: usize, out: &mut Vec<Replacement>) {
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|(_, n)| *n);
        let end = base + i + c.len_utf8();
        if let Some(l) = ligature(c) {
            // ŉ is the Afrikaans 'n: an apostrophe and n.
            let l = if c == '\u{0149}' { "'n" } else { l };
            out.push(Replacement::new(base + i..end, l, "E011"));
        } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            let a = char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c);
            let cjk_near = prev.is_some_and(|p| is_cjk(p) && !is_fullwidth_ascii(p))
                || next.is_some_and(|n| is_cjk(n) && !is_fullwidth_ascii(n));
            if a.is_ascii_alphanumeric() || !cjk_near {
                out.push(Replacement::new(base + i..end, a.to_string(), "E012"));
            }
        }
        prev = Some(c);
    }
}

fn is_fullwidth_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TrackedText;

    fn run(f: fn(&str, usize, &mut Vec<Replacement>), s: &str) -> String {
        let mut t = TrackedText::from_str(s);
        let mut reps = Vec::new();
        f(s, 0, &mut reps);
        t.apply(reps);
        t.text().to_string()
    }

    #[test]
    fn c1_as_cp1252() {
        assert_eq!(run(c1_replacements, "\u{84}Hallo\u{93}"), "„Hallo“");
        assert_eq!(run(c1_replacements, "a\u{81}b"), "a\u{81}b");
    }

    #[test]
    fn entities() {
        assert_eq!(
            run(entity_replacements, "caf&eacute; &amp; &#233;&#x20AC;"),
            "café & é€"
        );
        assert_eq!(
            run(entity_replacements, "AT&T; R&D &bogus;"),
            "AT&T; R&D &bogus;"
        );
        assert_eq!(run(entity_replacements, "<b>&amp;</b>"), "<b>&amp;</b>");
    }

    #[test]
    fn forms() {
        assert_eq!(
            run(form_replacements, "signiﬁcant ǉubav ŉ"),
            "significant ljubav 'n"
        );
        assert_eq!(run(form_replacements, "ＡＢＣ！ ok"), "ABC! ok");
        assert_eq!(run(form_replacements, "你好！"), "你好！");
    }
}
