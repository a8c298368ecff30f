//! What a raw file's bytes are before they are decoded, and whether decoded text is worth
//! the expensive stages: file signatures (PDF, ZIP/Office, images...), UTF-32 and
//! UTF-16 without a byte order mark, and the hard limits of [`Limits`]. Every check is
//! one linear pass over the bytes or the text.

use unicode_normalization::char::is_combining_mark;

/// Hard limits on one raw file. A file over a limit is skipped with a reason in
/// `documents.jsonl` before the expensive stages run (`factsieve.toml`'s `[limits]` sets
/// them, and `factsieve run --max-file-mb N --max-line-kb N` overrides the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Largest raw file read, in bytes (default 16 MiB). Larger files are not read at all.
    pub max_file_bytes: u64,
    /// Longest line of decoded text, in bytes (default 64 KiB). A document with a longer
    /// line is skipped: scraped prose has paragraphs of a few KB, a longer line is a dump,
    /// minified code or a page without line breaks, and skipping it keeps every stage's
    /// per-line work bounded.
    pub max_line_bytes: usize,
    /// Most combining marks stacked on one character (default 32; Unicode's stream-safe
    /// format allows 30). More is "zalgo" text, not an article.
    pub max_combining_run: usize,
    /// The rules allowed to edit documents (`factsieve.toml`'s `[rules]`; default all).
    pub rules: crate::rules::RuleSet,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 << 20,
            max_line_bytes: 64 << 10,
            max_combining_run: 32,
            rules: crate::rules::RuleSet::all(),
        }
    }
}

/// Document formats recognised by their first bytes: they are not scraped text.
pub fn signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB document)"),
        (b"PK\x05\x06", "an empty ZIP archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an OLE document (old Office format)",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x89PNG\r\n\x1A\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
        (b"\x1F\x8B", "a gzip file"),
        (b"BZh", "a bzip2 file"),
        (b"\xFD7zXZ\x00", "an xz file"),
        (b"\x28\xB5\x2F\xFD", "a zstd file"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"\x7FELF", "an ELF executable"),
        (b"%!PS", "a PostScript document"),
        (b"\x00asm", "a WebAssembly module"),
        (b"SQLite format 3\x00", "an SQLite database"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| *what)
}

/// A UTF-32 byte order mark, as a skip reason.
pub fn utf32_reason(bytes: &[u8]) -> Option<String> {
    let which = match bytes {
        [0xFF, 0xFE, 0x00, 0x00, ..] => "LE",
        [0x00, 0x00, 0xFE, 0xFF, ..] => "BE",
        _ => return None,
    };
    Some(format!(
        "UTF-32 {which} (byte order mark): not supported, convert the file to UTF-8"
    ))
}

/// UTF-16 without a byte order mark, guessed from the NUL pattern of mostly-ASCII text:
/// `Some(true)` little endian, `Some(false)` big endian.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(1 << 16)];
    let pairs = head.len() / 2;
    let (mut even0, mut odd0) = (0usize, 0usize);
    for c in head.chunks_exact(2) {
        even0 += (c[0] == 0) as usize;
        odd0 += (c[1] == 0) as usize;
    }
    // Mostly-ASCII UTF-16: one byte of nearly every pair is NUL, the other almost never.
    if odd0 * 10 >= pairs * 7 && even0 * 20 <= pairs {
        Some(true)
    } else if even0 * 10 >= pairs * 7 && odd0 * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Bytes that are not UTF-8 and mostly high bytes are not Windows-1252 prose (random or
/// binary data decodes as "text" in a single-byte encoding): the skip reason.
pub fn high_bytes_reason(bytes: &[u8]) -> Option<String> {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    // Windows-1252 prose, even in French or German, has a few percent of high bytes.
    (high * 4 > bytes.len()).then(|| {
        format!(
            "not text: {}% of the bytes are non-ASCII and not valid UTF-8 (random or binary data?)",
            high * 100 / bytes.len()
        )
    })
}

/// Characters that take no space: a file of nothing else has no text.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// Symbols that are common in code and rare in prose.
fn code_symbol(c: char) -> bool {
    matches!(
        c,
        '{' | '}' | ';' | '=' | '<' | '>' | '|' | '&' | '$' | '\\' | '^' | '~' | '`'
    )
}

/// Why decoded text cannot be processed as an article within the limits, if it cannot:
/// a line over the limit, combining marks stacked too deep, no visible text, or text
/// that is not prose (base64, minified code, symbol soup).
pub fn text_reason(text: &str, limits: &Limits) -> Option<String> {
    let mut line_start = 0usize;
    let mut line_no = 1usize;
    let mut combining = 0usize;
    let mut bidi = 0usize;
    let (mut visible, mut letters, mut code) = (0usize, 0usize, 0usize);
    // Bytes of visible text in "words" (runs without whitespace) longer than LONG chars.
    const LONG: usize = 50;
    let (mut word_chars, mut word_bytes, mut long_word_bytes) = (0usize, 0usize, 0usize);
    for (i, c) in text.char_indices() {
        if c == '\n' {
            if i - line_start > limits.max_line_bytes {
                return Some(line_reason(line_no, i - line_start, limits));
            }
            line_start = i + 1;
            line_no += 1;
        }
        if crate::bidi::is_bidi_control(c) {
            bidi += 1;
            if bidi > crate::bidi::MAX_BIDI_CONTROLS {
                return Some(format!(
                    "more than {} bidirectional control characters (text built to display \
                     differently from what it says?)",
                    crate::bidi::MAX_BIDI_CONTROLS
                ));
            }
        }
        if is_combining_mark(c) {
            combining += 1;
            if combining > limits.max_combining_run {
                return Some(format!(
                    "more than {} combining marks stacked on one character at byte {i} \
                     (\"zalgo\" text, not an article)",
                    limits.max_combining_run
                ));
            }
        } else {
            combining = 0;
        }
        if c.is_whitespace() {
            if word_chars > LONG {
                long_word_bytes += word_bytes;
            }
            word_chars = 0;
            word_bytes = 0;
            continue;
        }
        if invisible(c) {
            continue;
        }
        visible += 1;
        word_chars += 1;
        word_bytes += c.len_utf8();
        letters += (c.is_alphabetic() || is_combining_mark(c)) as usize;
        code += code_symbol(c) as usize;
    }
    if text.len() - line_start > limits.max_line_bytes {
        return Some(line_reason(line_no, text.len() - line_start, limits));
    }
    if word_chars > LONG {
        long_word_bytes += word_bytes;
    }
    if visible == 0 {
        return Some("no visible text (only whitespace and invisible characters)".into());
    }
    // Very short files are judged by the later stages, not by proportions.
    if visible < 200 {
        return None;
    }
    let visible_bytes: usize = text
        .chars()
        .filter(|&c| !invisible(c))
        .map(char::len_utf8)
        .sum();
    if long_word_bytes * 10 > visible_bytes * 3 {
        return Some(format!(
            "not prose: {}% of the text is in runs of more than {LONG} characters without a \
             space (base64, minified code or a dump?)",
            long_word_bytes * 100 / visible_bytes
        ));
    }
    // Under 30%: a real page's archive lists and tables of dates can bring it near 45%.
    if letters * 10 < visible * 3 {
        return Some(format!(
            "not prose: only {}% of the visible characters are letters",
            letters * 100 / visible
        ));
    }
    if code * 100 > visible * 6 {
        return Some(format!(
            "not prose: {}% of the visible characters are code symbols ({{ }} ; = < > | &...): \
             source code?",
            code * 100 / visible
        ));
    }
    None
}

fn line_reason(line_no: usize, len: usize, limits: &Limits) -> String {
    format!(
        "line {line_no} is {len} bytes long, over the limit of {} bytes (--max-line-kb): \
         not an article's text (a dump, minified code or a page without line breaks?)",
        limits.max_line_bytes
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_name_the_format() {
        assert_eq!(signature(b"%PDF-1.4\n..."), Some("a PDF document"));
        assert!(signature(b"PK\x03\x04rest").unwrap().contains("ZIP"));
        assert_eq!(signature(b"Back spasms"), None);
    }

    #[test]
    fn utf16_without_bom_is_guessed_from_nuls() {
        let le: Vec<u8> = "Hello there"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hello there"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_without_bom(&le), Some(true));
        assert_eq!(utf16_without_bom(&be), Some(false));
        assert_eq!(utf16_without_bom(b"plain text here"), None);
        assert_eq!(utf16_without_bom(b"text\0with one nul"), None);
    }

    #[test]
    fn prose_passes_and_junk_is_named() {
        let l = Limits::default();
        let prose = "Back spasms often ease within a few days. Apply ice for 15 minutes, \
                     then rest; walk gently when you can. "
            .repeat(10);
        assert_eq!(text_reason(&prose, &l), None);
        let b64 =
            "QmFjayBzcGFzbXMgb2Z0ZW4gZWFzZSB3aXRoaW4gYSBmZXcgZGF5cy4gQXBwbHkgaWNl\n".repeat(20);
        assert!(text_reason(&b64, &l).unwrap().contains("without a space"));
        let code = "function f(a, b) { if (a < b) { return a; } else { x = y & z; } }\n".repeat(10);
        assert!(text_reason(&code, &l).unwrap().contains("code symbols"));
        let digits = "12 34 56 78 90 ".repeat(30);
        assert!(text_reason(&digits, &l).unwrap().contains("letters"));
        assert!(text_reason("\u{200B}\u{200B}\n\u{FEFF}", &l)
            .unwrap()
            .contains("no visible"));
        let zalgo = format!("e{}", "\u{0301}".repeat(40));
        assert!(text_reason(&zalgo, &l).unwrap().contains("combining"));
        let long = "word ".repeat(20_000);
        assert!(text_reason(&long, &l).unwrap().contains("line 1 is"));
    }

    #[test]
    fn high_bytes_are_not_windows_1252_prose() {
        assert!(high_bytes_reason(&[0xE9u8; 100]).is_some());
        assert!(high_bytes_reason(b"caf\xE9 au lait, cr\xE8me br\xFBl\xE9e").is_none());
    }
}
