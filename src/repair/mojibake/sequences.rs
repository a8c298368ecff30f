//! UTF-8 sequences in text that was decoded with a single-byte codec: each character
//! encoded back to its byte, and runs of bytes read as UTF-8 (with lost bytes, a 0xA0
//! byte turned into a space, and CESU-8 surrogate pairs).

use super::Codec;

/// An encoded unit: a byte, or a byte that was lost (`?` or U+FFFD in the text).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Byte(u8),
    Lost,
    /// Not encodable in this codec: a barrier.
    None,
}

/// One decoded UTF-8 sequence: source chars [start, end) of the segment.
pub(super) struct Piece {
    start: usize,
    end: usize,
    out: String,
    lossy: bool,
    /// Only a space read as a 0xA0 byte before a lowercase word: needs other evidence.
    weak: bool,
}

pub(super) fn encode(codec: Codec, c: char) -> Unit {
    if c == '\u{FFFD}' {
        return Unit::Lost;
    }
    match codec.encode(c) {
        Some(b) => Unit::Byte(b),
        None => Unit::None,
    }
}

pub(super) fn need(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => 0,
    }
}

/// Decode the sequence that starts at `i`, if any.
pub(super) fn decode_at(
    units: &[Unit],
    cs: &[char],
    right: &[char],
    before: Option<char>,
    i: usize,
    a0_is_nbsp: bool,
) -> Option<Piece> {
    let at = |k: usize| cs.get(k).or_else(|| right.get(k - cs.len())).copied();
    let Unit::Byte(lead) = units[i] else {
        return None;
    };
    let n = need(lead);
    if n == 0 {
        return None;
    }
    // CESU-8: a surrogate pair encoded as two three-byte sequences.
    if lead == 0xED && i + 5 < units.len() {
        if let [Unit::Byte(0xED), Unit::Byte(b1 @ 0xA0..=0xAF), Unit::Byte(b2 @ 0x80..=0xBF), Unit::Byte(0xED), Unit::Byte(b4 @ 0xB0..=0xBF), Unit::Byte(b5 @ 0x80..=0xBF)] =
            units[i..i + 6]
        {
            let hi = 0xD000 | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
            let lo = 0xD000 | ((b4 as u32 & 0x3F) << 6) | (b5 as u32 & 0x3F);
            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            if let Some(c) = char::from_u32(cp) {
                return Some(Piece {
                    start: i,
                    end: i + 6,
                    out: c.to_string(),
                    lossy: false,
                    weak: false,
                });
            }
        }
    }
    let mut bytes = vec![lead];
    let mut lost = 0;
    let mut j = i + 1;
    while bytes.len() < n + 1 {
        match units.get(j) {
            Some(Unit::Byte(b @ 0x80..=0xBF)) => bytes.push(*b),
            Some(Unit::Lost) => {
                lost += 1;
                bytes.push(0x80);
            }
            Some(Unit::Byte(b'?'))
                if n >= 2
                    || units
                        .get(j + 1)
                        .is_some_and(|u| matches!(u, Unit::Byte(0x80..))) =>
            {
                lost += 1;
                bytes.push(0x80);
            }
            // A 0xA0 byte that became a space (where the codec reads it as a no-break
            // space, which later became a plain one).
            Some(Unit::Byte(b' ')) if a0_is_nbsp => {
                let after = at(j + 1);
                if bytes.len() < n {
                    // Inside a sequence: more of it must follow.
                    if after.is_none_or(|c| c.is_ascii()) {
                        return None;
                    }
                    bytes.push(0xA0);
                } else {
                    bytes.push(0xA0);
                    let s = std::str::from_utf8(&bytes).ok()?.to_string();
                    let (out, weak) = match after {
                        // More mojibake follows: the next char must start a sequence.
                        Some(c) if !c.is_ascii() => {
                            if !matches!(units.get(j + 1), Some(Unit::Byte(0xC2..=0xF4))) {
                                return None;
                            }
                            (s, false)
                        }
                        // Two spaces: one was the byte, one is a space.
                        Some(' ') => (s, false),
                        Some(c) if c.is_ascii_lowercase() => {
                            // "Ã s" was "às" (a word), "Ã perturber" was "à perturber".
                            let s_word = c == 's'
                                && !at(j + 2)
                                    .is_some_and(|d| d.is_alphabetic() || d == '\'' || d == '’');
                            // Weak unless the lead ends a word (`voilÃ le`).
                            let prev = if i > 0 { Some(cs[i - 1]) } else { before };
                            let word_end = prev.is_some_and(|p| p.is_alphabetic());
                            // Only `à` is a word of its own; any other character was
                            // the start of the word that follows (`Å veices`: `Šveices`).
                            let keep_space = s == "à" && !s_word;
                            (if keep_space { format!("{s} ") } else { s }, !word_end)
                        }
                        _ => return None,
                    };
                    return Some(Piece {
                        start: i,
                        end: j + 1,
                        out,
                        lossy: false,
                        weak,
                    });
                }
            }
            _ => return None,
        }
        j += 1;
    }
    if lost > 0 {
        // The lead and the bytes kept must still be able to start a valid sequence.
        let mut probe = bytes.clone();
        for (k, b) in probe.iter_mut().enumerate().skip(1) {
            if *b == 0x80 && matches!(units[i + k], Unit::Lost | Unit::Byte(b'?')) {
                *b = match (lead, k) {
                    (0xE0, 1) => 0xA0,
                    (0xF0, 1) => 0x90,
                    _ => 0x80,
                };
            }
        }
        std::str::from_utf8(&probe).ok()?;
        if lost == n {
            // Nothing of the sequence is left but its lead: only a U+FFFD counts.
            // ... or a '?' inside a dense stretch of mojibake.
            let dense = at(j).is_some_and(|c| !c.is_ascii());
            if !dense && !units[i + 1..j].iter().all(|u| *u == Unit::Lost) {
                return None;
            }
        }
        return Some(Piece {
            start: i,
            end: j,
            out: '\u{FFFD}'.to_string(),
            lossy: true,
            weak: false,
        });
    }
    let s = std::str::from_utf8(&bytes).ok()?;
    Some(Piece {
        start: i,
        end: j,
        out: s.to_string(),
        lossy: false,
        weak: false,
    })
}

pub(super) struct Cluster {
    pub start: usize,
    pub end: usize,
    pub out: String,
    pub lossy: bool,
    pub weak: bool,
}

/// Clusters of adjacent decoded pieces in `seg` under one codec.
pub(super) fn clusters(
    codec: Codec,
    seg: &[char],
    right: &[char],
    before: Option<char>,
) -> Vec<Cluster> {
    let units: Vec<Unit> = seg.iter().map(|&c| encode(codec, c)).collect();
    let a0_is_nbsp = codec.decode(0xA0) == '\u{A0}';
    let mut out: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if let Some(p) = decode_at(&units, seg, right, before, i, a0_is_nbsp) {
            match out.last_mut() {
                Some(last) if last.end == p.start => {
                    last.end = p.end;
                    last.out.push_str(&p.out);
                    last.lossy |= p.lossy;
                    last.weak &= p.weak;
                }
                _ => out.push(Cluster {
                    start: p.start,
                    end: p.end,
                    out: p.out,
                    lossy: p.lossy,
                    weak: p.weak,
                }),
            }
            i = p.end;
        } else {
            i += 1;
        }
    }
    out
}
