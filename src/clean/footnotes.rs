//! Pass 2, footnote markers glued to words or in brackets.

use super::*;

// ---------------------------------------------------------------------------------
// Pass 2: in-line repairs

/// What a footnote number is glued to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glue {
    /// A lexicon word ("worse1"): the evidence that sets the document's footnote numbers.
    Word,
    /// Other letters, a bracket, a percent sign, punctuation after a word ("sms3",
    /// "(NSAIDs)4", "pain.5"), or a year ("in 20193,"): only known numbers count.
    Other,
}

/// A run of digits that may be footnote markers.
#[derive(Debug, Clone)]
pub(super) struct MarkerCandidate {
    /// Byte range of the marker digits in the current text (a list keeps its commas).
    pub(super) digits: Range<usize>,
    pub(super) glue: Glue,
    /// A comma list of markers ("pain1,2.").
    pub(super) list: bool,
}

pub(super) fn marker_candidates(text: &str) -> Vec<MarkerCandidate> {
    let b = text.as_bytes();
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while digit_at(i) {
            i += 1;
        }
        // "1,2,3": a comma list of short numbers.
        let mut e = i;
        let mut list = false;
        while b.get(e) == Some(&b',') && digit_at(e + 1) && !digit_at(e + 3) {
            e += 1;
            while digit_at(e) {
                e += 1;
            }
            list = true;
        }
        i = e;
        if s == 0 || b[s] == b'0' || e - s > 12 {
            continue;
        }
        // What follows: end, space or punctuation (not a decimal part, not a letter).
        let after_ok = match b.get(e).copied() {
            None => true,
            Some(c) if c.is_ascii_whitespace() => true,
            Some(b'.' | b',' | b';' | b':') => !b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric),
            Some(b'!' | b'?' | b')' | b']' | b'"' | b'\'') => true,
            _ => false,
        };
        if !after_ok {
            continue;
        }
        let prev = b[s - 1];
        let other = |digits: Range<usize>| MarkerCandidate {
            digits,
            glue: Glue::Other,
            list,
        };
        match prev {
            b')' | b']' | b'%' => out.push(other(s..e)),
            // "pain.5 Next": after a word and its punctuation, before a space.
            b'.' | b',' | b';' | b':'
                if s >= 2
                    && b[s - 2].is_ascii_alphabetic()
                    && (e == b.len() || b[e].is_ascii_whitespace()) =>
            {
                out.push(other(s..e));
            }
            b' ' if !list
                && (5..=6).contains(&(e - s))
                && (text[s..].starts_with("19") || text[s..].starts_with("20"))
                && matches!(b.get(e), Some(b'.' | b',' | b';' | b':')) =>
            {
                out.push(other(s + 4..e));
            }
            c if c.is_ascii_alphabetic() => {
                let mut ws = s;
                while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
                    ws -= 1;
                }
                if ws > 0 && (b[ws - 1].is_ascii_alphanumeric() || b[ws - 1] >= 0x80) {
                    continue;
                }
                let stem = &text[ws..s];
                // "CO2", "COVID19", "HbA1c": capitals after the first letter mean a name.
                if stem.len() < 2 || stem.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
                    continue;
                }
                let lower = stem.to_ascii_lowercase();
                if ALNUM_STEMS.contains(lower.as_str()) {
                    continue;
                }
                out.push(MarkerCandidate {
                    digits: s..e,
                    glue: if lexicon::is_word(&lower) {
                        Glue::Word
                    } else {
                        Glue::Other
                    },
                    list,
                });
            }
            _ => {}
        }
    }
    out
}

/// The numbers of a comma list ("1,2,5"): strictly increasing, each in 1..=limit.
pub(super) fn list_numbers(digits: &str, limit: u32) -> Option<Parts> {
    let mut out: Parts = Vec::new();
    let mut off = 0;
    for piece in digits.split(',') {
        let v: u32 = piece.parse().ok()?;
        if piece.starts_with('0') || v == 0 || v > limit || out.last().is_some_and(|(_, p)| v <= *p)
        {
            return None;
        }
        out.push((off, v));
        off += piece.len() + 1;
    }
    Some(out)
}

/// Numbers cut out of a digit run: (offset in the run, number).
type Parts = Vec<(usize, u32)>;

/// Split a digit run into strictly increasing numbers in 1..=limit: fewest parts,
/// then most parts already seen as single markers. Returns (offset, number) pairs.
pub(super) fn decompose(digits: &str, limit: u32, seen: &BTreeSet<u32>) -> Option<Parts> {
    let d = digits.as_bytes();
    if d.is_empty() || d.len() > 8 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut best: Option<(usize, usize, Parts)> = None;
    // Every way to cut the run: bit k set = a cut after digit k.
    for mask in 0u32..(1 << (d.len() - 1)) {
        let mut parts = Vec::new();
        let mut start = 0;
        for end in 1..=d.len() {
            if end == d.len() || mask & (1 << (end - 1)) != 0 {
                parts.push((start, &digits[start..end]));
                start = end;
            }
        }
        let mut nums: Vec<(usize, u32)> = Vec::with_capacity(parts.len());
        let ok = parts.iter().all(|(off, p)| {
            let v: u32 = p.parse().unwrap_or(0);
            let fine = !p.starts_with('0')
                && p.len() <= 3
                && (1..=limit).contains(&v)
                && nums.last().is_none_or(|(_, prev)| v > *prev);
            nums.push((*off, v));
            fine
        });
        if !ok {
            continue;
        }
        let known = nums.iter().filter(|(_, v)| seen.contains(v)).count();
        let better = match &best {
            None => true,
            Some((len, k, _)) => nums.len() < *len || (nums.len() == *len && known > *k),
        };
        if better {
            best = Some((nums.len(), known, nums));
        }
    }
    best.map(|(_, _, v)| v)
}

/// What the footnote search found in a text (offsets in the current text).
#[derive(Debug, Default)]
pub(super) struct FootnoteFinds {
    pub(super) deletions: Vec<Replacement>,
    /// (number, start of its digits).
    pub(super) markers: Vec<(u32, usize)>,
    /// Known marker numbers standing alone before a full stop ("spasms 3."): too
    /// ambiguous to edit, reported. (range of the space and digits, number)
    pub(super) spaced: Vec<(Range<usize>, u32)>,
}

pub(super) static SPACED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z]{2,}( ([1-9][0-9]?))\.(?:\s|$)").unwrap());

/// Footnote markers glued to words, with document-level evidence: the one- and
/// two-digit numbers glued to real words must form a footnote set (several numbers,
/// starting small, dense, mostly first seen in increasing order). Runs of digits
/// ("171819") are cut into increasing numbers of that set's range.
pub(super) fn footnote_markers(text: &str) -> FootnoteFinds {
    let mut finds = bracket_markers(text);
    let cands = marker_candidates(text);
    let mut order: Vec<u32> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in cands
        .iter()
        .filter(|c| c.glue == Glue::Word && !c.list && c.digits.len() <= 2)
    {
        let v: u32 = text[c.digits.clone()].parse().unwrap_or(0);
        if v > 0 && seen.insert(v) {
            order.push(v);
        }
    }
    let distinct = seen.len();
    let (Some(&min), Some(&max)) = (seen.first(), seen.last()) else {
        return finds;
    };
    // Numbers that set a new maximum when first seen: footnotes are numbered in order.
    let mut records = 0;
    let mut running = 0;
    for v in &order {
        if *v > running {
            records += 1;
            running = *v;
        }
    }
    let plausible = distinct >= 3
        && min <= 3
        && (max as usize) <= 4 * distinct + 5
        && records as f32 >= 0.6 * distinct as f32;
    if !plausible {
        return finds;
    }
    // Runs may continue the sequence a little past the largest single marker.
    let limit = max + (distinct as u32 / 4).max(3);
    let evidence = format!("footnote set of {distinct} numbers up to {max}");
    for c in &cands {
        let digits = &text[c.digits.clone()];
        let parts = if c.list {
            list_numbers(digits, limit)
        } else {
            decompose(digits, limit, &seen)
        };
        let Some(parts) = parts else {
            continue;
        };
        // Not glued to a real word: only numbers already seen as markers.
        if c.glue == Glue::Other && !parts.iter().all(|(_, v)| seen.contains(v)) {
            continue;
        }
        // A run cut into several numbers must count up ("171819"); "312" in a
        // table of sets and repetitions is no footnote run.
        if !c.list && parts.windows(2).any(|w| w[1].1 != w[0].1 + 1) {
            continue;
        }
        for (off, v) in &parts {
            finds.markers.push((*v, c.digits.start + off));
        }
        finds.deletions.push(
            Replacement::delete(c.digits.clone(), "S005")
                .with_confidence(0.9)
                .with_evidence(evidence.clone()),
        );
    }
    for c in SPACED_NUMBER.captures_iter(text) {
        let (Some(whole), Some(num)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let v: u32 = num.as_str().parse().unwrap_or(0);
        if seen.contains(&v) {
            finds.spaced.push((whole.range(), v));
        }
    }
    finds
}

/// Bracketed reference numbers right after a word or a stop: "weeks.[1]", "cause[2,3]".
pub(super) static BRACKET_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\s\[]((?:\[\d{1,3}(?:[,\u{2013}-] ?\d{1,3})*\])+)").unwrap());

/// Wikipedia-style reference markers: unambiguous, so no document-level evidence is needed.
pub(super) fn bracket_markers(text: &str) -> FootnoteFinds {
    let mut finds = FootnoteFinds::default();
    for c in BRACKET_MARKER.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let mut numbers = Vec::new();
        let mut digits_at = None;
        for (i, ch) in m.as_str().char_indices() {
            if ch.is_ascii_digit() {
                digits_at.get_or_insert(m.start() + i);
            } else if let Some(at) = digits_at.take() {
                numbers.push((text[at..m.start() + i].parse().unwrap_or(0), at));
            }
        }
        finds
            .markers
            .extend(numbers.into_iter().filter(|(v, _)| *v > 0));
        finds.deletions.push(
            Replacement::delete(m.range(), "S005")
                .with_confidence(0.95)
                .with_evidence("bracketed reference number"),
        );
    }
    finds
}
