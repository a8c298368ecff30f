//! Vocabulary shared by claim extraction and consolidation: words with their byte
//! offsets, the Porter stemmer, the subject and word synonym maps
//! (`data/synonyms_subjects.txt`, `data/synonyms_words.txt`), stopwords, negation and
//! term weights from general-English frequencies (so a comparison never depends on
//! which other articles are in the corpus).

use crate::lexicon::data_lines;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// A word of a text: lowercase surface form and byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub lower: String,
    pub range: Range<usize>,
}

/// Split text into words: letters and digits, with inner apostrophes and dots of
/// abbreviations ("don't", "e.g") kept; hyphens split ("knee-to-chest" is three words).
/// Footnote digits glued to a word ("worse1") are left out of the word.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if !c.is_alphanumeric() {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        let mut rest = text[end..].chars();
        while let Some(ch) = rest.next() {
            let joiner = matches!(ch, '\'' | '\u{2019}')
                && rest.clone().next().is_some_and(char::is_alphabetic);
            if ch.is_alphanumeric() || joiner {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        let mut surface = &text[start..end];
        // "worse1" -> "worse": trailing digits after letters are footnote markers.
        let trimmed = surface.trim_end_matches(|c: char| c.is_ascii_digit());
        if !trimmed.is_empty() && trimmed.chars().any(|c| c.is_alphabetic()) {
            surface = trimmed;
        }
        let lower = if surface.is_ascii() {
            surface.to_ascii_lowercase()
        } else {
            surface.replace('\u{2019}', "'").to_lowercase()
        };
        out.push(Word {
            lower,
            range: start..start + surface.len(),
        });
        pos = end;
    }
    out
}

// ---------------------------------------------------------------------------
// Porter stemmer (M. F. Porter, 1980), for lowercase ASCII words.

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Number of vowel-consonant sequences in `w[..len]`.
fn measure(w: &[u8], len: usize) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < len && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < len && !is_consonant(w, i) {
            i += 1;
        }
        if i >= len {
            return m;
        }
        while i < len && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
}

fn has_vowel(w: &[u8], len: usize) -> bool {
    (0..len).any(|i| !is_consonant(w, i))
}

fn double_consonant(w: &[u8], len: usize) -> bool {
    len >= 2 && w[len - 1] == w[len - 2] && is_consonant(w, len - 1)
}

/// consonant-vowel-consonant ending, the last not w, x or y.
fn cvc(w: &[u8], len: usize) -> bool {
    len >= 3
        && is_consonant(w, len - 3)
        && !is_consonant(w, len - 2)
        && is_consonant(w, len - 1)
        && !matches!(w[len - 1], b'w' | b'x' | b'y')
}

/// Replace suffix `from` by `to` when the stem before it has measure > `min_m`.
fn replace_if(w: &mut Vec<u8>, from: &str, to: &str, min_m: usize) -> Option<bool> {
    if !w.ends_with(from.as_bytes()) {
        return None;
    }
    let stem_len = w.len() - from.len();
    if measure(w, stem_len) > min_m {
        w.truncate(stem_len);
        w.extend_from_slice(to.as_bytes());
        Some(true)
    } else {
        Some(false)
    }
}

/// `stem(word)`, remembered per thread: documents repeat their words, and a lookup is
/// several times cheaper than the suffix steps. The cache is dropped when it grows large.
pub fn stem_memo(word: &str) -> String {
    const MAX_ENTRIES: usize = 1 << 16;
    thread_local! {
        static STEMS: std::cell::RefCell<HashMap<String, String>> =
            std::cell::RefCell::new(HashMap::default());
    }
    STEMS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(word) {
            return s.clone();
        }
        let s = stem(word);
        if c.len() >= MAX_ENTRIES {
            c.clear();
        }
        c.insert(word.to_string(), s.clone());
        s
    })
}

/// Porter stem of a lowercase word; words with non-ASCII letters or digits, and words
/// of up to two letters, are returned unchanged.
pub fn stem(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();

    // Step 1a: plurals.
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && !w.ends_with(b"ss") {
        w.pop();
    }

    // Step 1b: -eed, -ed, -ing.
    if w.ends_with(b"eed") {
        if measure(&w, w.len() - 3) > 0 {
            w.pop();
        }
    } else {
        let cut = if w.ends_with(b"ed") && has_vowel(&w, w.len() - 2) {
            Some(2)
        } else if w.ends_with(b"ing") && has_vowel(&w, w.len() - 3) {
            Some(3)
        } else {
            None
        };
        if let Some(n) = cut {
            w.truncate(w.len() - n);
            if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
                w.push(b'e');
            } else if double_consonant(&w, w.len()) && !matches!(w[w.len() - 1], b'l' | b's' | b'z')
            {
                w.pop();
            } else if measure(&w, w.len()) == 1 && cvc(&w, w.len()) {
                w.push(b'e');
            }
        }
    }

    // Step 1c: y -> i after a vowel-bearing stem.
    if w.ends_with(b"y") && has_vowel(&w, w.len() - 1) {
        let n = w.len();
        w[n - 1] = b'i';
    }

    // Step 2.
    const STEP2: &[(&str, &str)] = &[
        ("ational", "ate"),
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("izer", "ize"),
        ("bli", "ble"),
        ("alli", "al"),
        ("entli", "ent"),
        ("eli", "e"),
        ("ousli", "ous"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("aliti", "al"),
        ("iviti", "ive"),
        ("biliti", "ble"),
        ("logi", "log"),
    ];
    for (from, to) in STEP2 {
        if replace_if(&mut w, from, to, 0).is_some() {
            break;
        }
    }

    // Step 3.
    const STEP3: &[(&str, &str)] = &[
        ("icate", "ic"),
        ("ative", ""),
        ("alize", "al"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
    ];
    for (from, to) in STEP3 {
        if replace_if(&mut w, from, to, 0).is_some() {
            break;
        }
    }

    // Step 4.
    const STEP4: &[&str] = &[
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
        "ou", "ism", "ate", "iti", "ous", "ive", "ize",
    ];
    for suffix in STEP4 {
        if w.ends_with(suffix.as_bytes()) {
            let stem_len = w.len() - suffix.len();
            let ok = measure(&w, stem_len) > 1
                && (*suffix != "ion" || (stem_len > 0 && matches!(w[stem_len - 1], b's' | b't')));
            if ok {
                w.truncate(stem_len);
            }
            break;
        }
    }

    // Step 5a / 5b.
    if w.ends_with(b"e") {
        let m = measure(&w, w.len() - 1);
        if m > 1 || (m == 1 && !cvc(&w, w.len() - 1)) {
            w.pop();
        }
    }
    if w.ends_with(b"ll") && measure(&w, w.len()) > 1 {
        w.pop();
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

// ---------------------------------------------------------------------------
// Lexicons.

/// What a phrase of the synonym tables stands for.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Subject(&'static str),
    /// A phrase that looks like a subject but is not one: kept as its own words.
    NotSubject,
    /// Canonical words (stemmed).
    Words(Vec<String>),
}

struct Lexicon {
    /// Phrases by first stem, longest first.
    phrases: HashMap<String, Vec<(Vec<String>, Target)>>,
    stopwords: HashSet<String>,
    /// Total count of general-English words by stem.
    stem_counts: HashMap<String, u64>,
}

fn stem_phrase(phrase: &str) -> Vec<String> {
    words(phrase).iter().map(|w| stem(&w.lower)).collect()
}

/// The lines `canonical = variant, variant` of a synonym file.
fn synonym_lines(text: &'static str) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    data_lines(text).filter_map(|l| {
        let (canon, vars) = l.split_once('=')?;
        let vars = vars
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        Some((canon.trim(), vars))
    })
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut phrases: HashMap<String, Vec<(Vec<String>, Target)>> = HashMap::default();
    let mut add = |key: Vec<String>, target: Target| {
        if let Some(first) = key.first().cloned() {
            let list = phrases.entry(first).or_default();
            if !list.iter().any(|(k, _)| *k == key) {
                list.push((key, target));
            }
        }
    };
    // Word synonyms first: subject variants are then normalised through them too.
    let mut word_map: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (canon, vars) in synonym_lines(include_str!("../../data/synonyms_words.txt")) {
        let canon_stems = stem_phrase(canon);
        for v in vars {
            word_map.push((stem_phrase(v), canon_stems.clone()));
        }
    }
    let normalise = |stems: Vec<String>| -> Vec<String> {
        // Single-word variants only: phrase variants are matched on raw stems.
        stems
            .into_iter()
            .flat_map(|s| {
                word_map
                    .iter()
                    .find(|(k, _)| k.len() == 1 && k[0] == s)
                    .map_or_else(|| vec![s.clone()], |(_, c)| c.clone())
            })
            .collect()
    };
    for (canon, vars) in synonym_lines(include_str!("../../data/synonyms_subjects.txt")) {
        let target = if canon == "-" {
            Target::NotSubject
        } else {
            Target::Subject(canon)
        };
        for v in vars {
            let raw = stem_phrase(v);
            let norm = normalise(raw.clone());
            add(raw, target.clone());
            add(norm, target.clone());
        }
    }
    for (k, c) in &word_map {
        add(k.clone(), Target::Words(c.clone()));
    }
    for list in phrases.values_mut() {
        // Longest first; among equals, subjects before words (stable on file order).
        list.sort_by_key(|(k, t)| (std::cmp::Reverse(k.len()), !matches!(t, Target::Subject(_))));
    }
    let stopwords = data_lines(include_str!("../../data/claims_stopwords.txt"))
        .map(str::to_string)
        .collect();
    let mut stem_counts: HashMap<String, u64> = HashMap::default();
    for l in data_lines(include_str!("../../data/en_unigram_freq.txt")) {
        if let Some((w, n)) = l.rsplit_once(' ') {
            if let Ok(n) = n.parse::<u64>() {
                *stem_counts.entry(stem(w)).or_default() += n;
            }
        }
    }
    Lexicon {
        phrases,
        stopwords,
        stem_counts,
    }
});

/// A normalised token of a text.
#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    /// A canonical subject ("cold therapy").
    Subject(&'static str),
    /// A content word: canonical stem.
    Content(String),
    /// A negator: not, no, never, n't.
    Negation,
    /// A stopword, a number or a number word (kept for positions, ignored in comparisons).
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    pub kind: TokKind,
    /// Byte range in the analysed text (a phrase covers all its words).
    pub range: Range<usize>,
}

/// Whether a lowercase word negates ("not", "never", "don't", "can't").
pub fn is_negator(lower: &str) -> bool {
    matches!(lower, "not" | "no" | "never" | "nor" | "cannot" | "neither") || lower.ends_with("n't")
}

/// Analyse a text: words to canonical tokens (subjects, content stems, negation).
/// "no more than", "not only", "no matter" are not negations.
pub fn analyse(text: &str) -> Vec<Tok> {
    let lex = &*LEXICON;
    let ws = words(text);
    let mut stems: Vec<String> = ws.iter().map(|w| stem_memo(&w.lower)).collect();
    let mut out = Vec::with_capacity(ws.len());
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if is_negator(&w.lower) {
            let next = ws.get(i + 1).map(|n| n.lower.as_str());
            let prev = i.checked_sub(1).map(|k| ws[k].lower.as_str());
            // "no more than", "not only", "no matter", "whether or not": not negations.
            let bounded = (matches!(w.lower.as_str(), "no" | "not")
                && matches!(
                    next,
                    Some("more" | "longer" | "less" | "later" | "only" | "matter")
                ))
                || (w.lower == "not" && prev == Some("or"));
            out.push(Tok {
                kind: if bounded {
                    TokKind::Other
                } else {
                    TokKind::Negation
                },
                range: w.range.clone(),
            });
            i += 1;
            continue;
        }
        if let Some(list) = lex.phrases.get(&stems[i]) {
            let hit = list
                .iter()
                .find(|(k, _)| stems.len() >= i + k.len() && stems[i..i + k.len()] == k[..]);
            if let Some((k, target)) = hit {
                let range = w.range.start..ws[i + k.len() - 1].range.end;
                match target {
                    Target::Subject(s) => out.push(Tok {
                        kind: TokKind::Subject(s),
                        range,
                    }),
                    Target::NotSubject => {
                        for j in i..i + k.len() {
                            out.push(content_or_other(&ws[j], &mut stems[j], lex));
                        }
                    }
                    Target::Words(c) => {
                        for s in c {
                            out.push(Tok {
                                kind: TokKind::Content(s.clone()),
                                range: range.clone(),
                            });
                        }
                    }
                }
                i += k.len();
                continue;
            }
        }
        // Position i is never looked at again: its stem moves into the token.
        out.push(content_or_other(w, &mut stems[i], lex));
        i += 1;
    }
    out
}

fn content_or_other(w: &Word, stem: &mut String, lex: &Lexicon) -> Tok {
    // "it's", "you're", "we'll": the word without its contraction.
    let base = ["'s", "'re", "'ve", "'ll", "'d", "'m"]
        .iter()
        .find_map(|c| w.lower.strip_suffix(c))
        .unwrap_or(&w.lower);
    let other = lex.stopwords.contains(base)
        || w.lower.chars().any(|c| c.is_ascii_digit())
        || crate::quantity::is_number_word(&w.lower)
        || w.lower.chars().count() < 2;
    Tok {
        kind: if other {
            TokKind::Other
        } else {
            TokKind::Content(std::mem::take(stem))
        },
        range: w.range.clone(),
    }
}

/// The canonical subject named `name` ("cold therapy"), if it is one.
pub fn canonical_subject(name: &str) -> Option<&'static str> {
    LEXICON
        .phrases
        .values()
        .flatten()
        .find_map(|(_, t)| match t {
            Target::Subject(s) if *s == name => Some(*s),
            _ => None,
        })
}

/// Whether a lowercase word is a stopword.
pub fn is_stopword(lower: &str) -> bool {
    LEXICON.stopwords.contains(lower)
}

/// The canonical content stems of the entries of a word-list data file.
fn canonical_set(text: &'static str) -> HashSet<String> {
    data_lines(text)
        .flat_map(analyse)
        .filter_map(|t| match t.kind {
            TokKind::Content(s) => Some(s),
            _ => None,
        })
        .collect()
}

static TOPIC_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| canonical_set(include_str!("../../data/claims_topic_words.txt")));
static GENERIC_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| canonical_set(include_str!("../../data/claims_generic.txt")));

static KIND_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| canonical_set(include_str!("../../data/claims_kind_words.txt")));

/// Whether a content stem says what kind of thing a subject is ("medication", "otc").
pub fn is_kind_word(stem: &str) -> bool {
    KIND_WORDS.contains(stem)
}

static RELATIONAL_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| canonical_set(include_str!("../../data/claims_relational.txt")));

/// Whether a content stem relates subjects to each other ("alternate", "instead").
pub fn is_relational_word(stem: &str) -> bool {
    RELATIONAL_WORDS.contains(stem)
}

/// Whether a content stem names the condition or body part articles are about.
pub fn is_topic_word(stem: &str) -> bool {
    TOPIC_WORDS.contains(stem)
}

/// Whether a content stem only says that something is good ("help", "useful").
pub fn is_generic_word(stem: &str) -> bool {
    GENERIC_WORDS.contains(stem)
}

/// Weight of a content stem: its rarity in general English (inverse document
/// frequency from the unigram table), so "magnesium" weighs more than "help"; topic
/// words (`data/claims_topic_words.txt`) count less.
pub fn weight(stem: &str) -> f64 {
    static TOTAL: LazyLock<f64> = LazyLock::new(|| *crate::lexicon::UNIGRAM_TOTAL as f64);
    let count = LEXICON.stem_counts.get(stem).copied().unwrap_or(0) as f64;
    let idf = (*TOTAL / (count + 1.0)).ln();
    // Very common words count a little; unknown or rare words are capped so one
    // rare word cannot decide a comparison alone.
    let w = (idf - 5.0).clamp(0.5, 7.0);
    if is_topic_word(stem) {
        w * 0.3
    } else {
        w
    }
}

/// Weight of a subject mentioned in a predicate (as in "switch to heat").
pub const SUBJECT_WEIGHT: f64 = 5.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porter_stems_agree_across_inflections() {
        for group in [
            ["relax", "relaxes", "relaxing"],
            ["reduce", "reduces", "reducing"],
            ["muscle", "muscles", "muscle"],
            ["stretch", "stretches", "stretching"],
            ["apply", "applies", "applied"],
            ["use", "used", "using"],
        ] {
            let s0 = stem(group[0]);
            for w in group {
                assert_eq!(stem(w), s0, "{w}");
            }
        }
        assert_eq!(stem("inflammation"), "inflamm");
        assert_eq!(stem("therapies"), stem("therapy"));
        assert_eq!(stem("caresses"), "caress");
        assert_eq!(stem("hopping"), "hop");
    }

    #[test]
    fn words_drop_footnote_digits_and_keep_apostrophes() {
        let ws: Vec<String> = words("worse1. Don't use knee-to-chest 15-20")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            ws,
            ["worse", "don't", "use", "knee", "to", "chest", "15", "20"]
        );
    }

    fn subjects(text: &str) -> Vec<&'static str> {
        analyse(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokKind::Subject(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    fn contents(text: &str) -> Vec<String> {
        analyse(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokKind::Content(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn subject_variants_normalise() {
        assert_eq!(
            subjects("Wrap the frozen peas in a cloth"),
            ["cold therapy"]
        );
        assert_eq!(
            subjects("Heating pads and warm baths"),
            ["heat therapy", "heat therapy"]
        );
        assert_eq!(
            subjects("Take naproxen or Tylenol"),
            ["nsaids", "acetaminophen"]
        );
        assert_eq!(subjects("in cold weather"), Vec::<&str>::new());
        assert_eq!(subjects("an anti-inflammatory diet"), ["diet"]);
    }

    #[test]
    fn predicate_words_normalise() {
        assert_eq!(
            contents("lowers swelling"),
            contents("reduces inflammation")
        );
        assert_eq!(
            contents("improves circulation"),
            contents("boosts blood flow")
        );
    }

    #[test]
    fn negation_is_kept_but_bounds_are_not_negations() {
        let neg = |s: &str| analyse(s).iter().any(|t| t.kind == TokKind::Negation);
        assert!(neg("It does not reduce swelling"));
        assert!(neg("Don't overdo it"));
        assert!(!neg("for no more than ten minutes"));
        assert!(!neg("Ice reduces swelling"));
        assert!(!neg("Whether or not you sit, keep moving"));
    }

    #[test]
    fn topic_and_generic_words_are_known() {
        assert!(is_topic_word(&stem("muscles")));
        assert!(
            contents("aches").iter().all(|t| is_topic_word(t)),
            "ache is pain"
        );
        assert!(!is_topic_word(&stem("magnesium")));
        assert!(is_generic_word("help"));
        assert_eq!(
            contents("over the counter tablets come in handy"),
            ["otc", "tablet", "help"]
        );
        assert_eq!(contents("the lower back"), ["lower", "back"]);
        assert!(contents("it's wise").iter().all(|t| t != "it"));
    }

    #[test]
    fn rare_words_weigh_more() {
        assert!(weight(&stem("magnesium")) > weight(&stem("help")));
        assert!(weight("zzzqqq") <= 7.0);
    }
}
