//! Data files shipped with the binary (`data/`), parsed once. Each file is plain text
//! with `#` comments, reviewed like code. See `data/README.md` for sources and licences.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Non-empty, non-comment lines of a data file, trimmed.
pub fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|l| l.split_once(" #").map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static UNIGRAMS: LazyLock<HashMap<&'static str, u64>> = LazyLock::new(|| {
    data_lines(include_str!("../data/en_unigram_freq.txt"))
        .filter_map(|l| {
            let (w, n) = l.rsplit_once(' ')?;
            Some((w, n.parse().ok()?))
        })
        .collect()
});

static BIGRAMS: LazyLock<HashMap<(&'static str, &'static str), u64>> = LazyLock::new(|| {
    data_lines(include_str!("../data/en_bigram_freq.txt"))
        .filter_map(|l| {
            let mut it = l.split(' ');
            let (a, b, n) = (it.next()?, it.next()?, it.next()?);
            Some(((a, b), n.parse().ok()?))
        })
        .collect()
});

/// Total of all unigram counts (for probabilities).
pub static UNIGRAM_TOTAL: LazyLock<u64> = LazyLock::new(|| UNIGRAMS.values().sum());

/// General-English count of a lowercase word (0 when unknown).
pub fn word_count(word: &str) -> u64 {
    UNIGRAMS.get(word).copied().unwrap_or(0)
}

/// Whether a lowercase word is a known English word.
pub fn is_word(word: &str) -> bool {
    UNIGRAMS.contains_key(word)
}

/// Every general-English word with its count (any order).
pub fn unigrams() -> impl Iterator<Item = (&'static str, u64)> {
    UNIGRAMS.iter().map(|(w, n)| (*w, *n))
}

/// Every general-English word pair with its count (any order).
pub fn bigrams() -> impl Iterator<Item = ((&'static str, &'static str), u64)> {
    BIGRAMS.iter().map(|(p, n)| (*p, *n))
}

/// General-English count of a lowercase word pair (0 when unknown).
pub fn bigram_count(a: &str, b: &str) -> u64 {
    BIGRAMS.get(&(a, b)).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_tables_load() {
        assert!(word_count("the") > word_count("muscle"));
        assert!(word_count("muscle") > 0);
        assert_eq!(word_count("xqzzyv"), 0);
        assert!(bigram_count("lower", "back") > 0);
        assert!(*UNIGRAM_TOTAL > 1_000_000);
    }

    #[test]
    fn comments_are_stripped() {
        let v: Vec<_> = data_lines("# header\nfoo # note\n\n  bar\n").collect();
        assert_eq!(v, vec!["foo", "bar"]);
    }
}
