//! Line features: normalisation, sentence shape, stop words, scripts.

use super::*;

// ---------------------------------------------------------------------------------
// Line features

/// Normalise for phrase matching: lower case, digit runs -> '#', '*' kept as a token,
/// other punctuation -> space, single spaces.
pub fn norm_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('#');
            }
            prev_digit = true;
            continue;
        }
        prev_digit = false;
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '*' {
            out.push_str(" * ");
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

pub(super) static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+\S").unwrap());
pub(super) static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,2}[.)]\s+\S").unwrap());

/// The line without trailing quotes, brackets and glued footnote digits.
pub(super) fn sentence_end(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || "\"')]*".contains(c))
        .chars()
        .last()
}

pub(super) fn ends_sentence(s: &str) -> bool {
    matches!(sentence_end(s), Some('.' | '!' | '…'))
}

pub(super) fn stop_ratio(s: &str) -> f32 {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let stops = words
        .iter()
        .filter(|w| STOPWORDS.contains(w.as_str()))
        .count();
    stops as f32 / words.len() as f32
}

/// A full stop ends a sentence when the word before it is not an abbreviation
/// ("Dr.", "St.", "vs.") and a capital follows.
pub(super) fn two_sentences(t: &str) -> bool {
    t.match_indices(". ").any(|(p, _)| {
        let before = t[..p].rsplit(' ').next().unwrap_or("");
        let letters = before.chars().filter(|c| c.is_alphabetic()).count();
        let next_capital = t[p + 2..].chars().next().is_some_and(char::is_uppercase);
        letters >= 4 && next_capital
    })
}

/// A short line that could be a title or heading: no sentence end, starts with a
/// capital or digit, not a list item.
pub(super) fn is_title_like(s: &str) -> bool {
    let t = s.trim();
    let words = word_count(t);
    if words == 0 || words > 20 || t.chars().count() > 160 {
        return false;
    }
    if BULLET.is_match(t) || NUMBERED.is_match(t) {
        return false;
    }
    if matches!(sentence_end(t), Some('.' | ',' | ';')) {
        return false;
    }
    if two_sentences(t) {
        return false;
    }
    match t.chars().find(|c| c.is_alphanumeric()) {
        Some(c) => c.is_uppercase() || c.is_ascii_digit(),
        None => false,
    }
}

/// Running text: a sentence of five words or more, or a long line with function words.
pub(super) fn is_prose(s: &str) -> bool {
    let words = word_count(s);
    (words >= 5 && ends_sentence(s)) || (words >= 14 && stop_ratio(s) >= 0.15)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Script {
    Latin,
    Greek,
    Cyrillic,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Cjk,
    Hangul,
    Other,
}

/// Script of a letter, with its weight: a CJK or Hangul character stands for a word
/// or syllable, so it weighs more than one Latin letter.
pub(super) fn script_of(c: char) -> Option<(Script, usize)> {
    if !c.is_alphabetic() {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0..=0x024F | 0x1E00..=0x1EFF => (Script::Latin, 1),
        0x0370..=0x03FF | 0x1F00..=0x1FFF => (Script::Greek, 1),
        0x0400..=0x052F => (Script::Cyrillic, 1),
        0x0590..=0x05FF => (Script::Hebrew, 1),
        0x0600..=0x06FF | 0x0750..=0x077F => (Script::Arabic, 1),
        0x0900..=0x097F => (Script::Devanagari, 1),
        0x0E00..=0x0E7F => (Script::Thai, 1),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => (Script::Cjk, 2),
        0xAC00..=0xD7AF | 0x1100..=0x11FF => (Script::Hangul, 2),
        _ => (Script::Other, 1),
    })
}

pub(super) fn script_weights(s: &str) -> BTreeMap<Script, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars() {
        if let Some((sc, w)) = script_of(c) {
            *m.entry(sc).or_insert(0) += w;
        }
    }
    m
}

/// The article's script: the one holding at least 80% of its letters (weighted);
/// a text without such a clear majority has no foreign lines.
pub(super) fn majority_script(s: &str) -> Option<Script> {
    let w = script_weights(s);
    let total: usize = w.values().sum();
    w.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .filter(|(_, n)| *n * 5 >= total * 4)
        .map(|(s, _)| s)
}

/// Share of a line's letters (weighted) that are not in the article's script.
pub(super) fn foreign_share(s: &str, main: Script) -> (f32, usize) {
    let w = script_weights(s);
    let total: usize = w.values().sum();
    let foreign = total - w.get(&main).copied().unwrap_or(0);
    if total == 0 {
        (0.0, 0)
    } else {
        (foreign as f32 / total as f32, foreign)
    }
}

/// A row of a data table (repair turns the cells' tabs into spaces): a short line of
/// a name and its figures, two or more figures ("12", "$83", "28.7%", "-2.1%",
/// "15,516") making up at least half of its tokens ("Leeds $83 2.1% -0.4%"). A
/// calendar's row of day numbers names nothing; a sentence has more words.
pub(super) fn data_row(text: &str) -> bool {
    let toks: Vec<&str> = text.split_whitespace().collect();
    if toks.len() > 12 {
        return false;
    }
    let figure = |t: &str| {
        let core = t.trim_matches(|c: char| "$€£%+-–()".contains(c));
        !core.is_empty()
            && core.chars().any(|c| c.is_ascii_digit())
            && core.chars().all(|c| c.is_ascii_digit() || ".,".contains(c))
    };
    let figures = toks.iter().filter(|t| figure(t)).count();
    let wordy = toks
        .iter()
        .any(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    wordy && figures >= 2 && figures * 2 >= toks.len()
}
