//! The reverse thesaurus (`data/spin_thesaurus.txt`): spun phrase -> likely original.

use super::tokens::{phrase_tokens, Token};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Spun side, lowercase tokens (without the `<det>` marker).
    pub spun: Vec<String>,
    /// Original side as written (lowercase, without the `<det>` marker).
    pub original: String,
    /// Log-odds bonus for the original (nats).
    pub prior: f64,
    /// Needs a determiner or possessive right before the phrase.
    pub after_determiner: bool,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "your", "my", "his", "her", "their", "our", "its", "this", "that", "these",
    "those",
];

pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// Parse one data line: `spun => original [@prior]`.
pub fn parse_line(line: &str) -> Option<Entry> {
    let (spun, rest) = line.split_once("=>")?;
    let rest = rest.trim();
    let (original, prior) = match rest.rsplit_once('@') {
        Some((o, p)) => (o.trim(), p.trim().parse().ok()?),
        None => (rest, 0.0),
    };
    let (spun, original) = (spun.trim(), original.trim());
    let det_spun = spun.strip_prefix("<det>");
    let det_orig = original.strip_prefix("<det>");
    if det_spun.is_some() != det_orig.is_some() {
        return None;
    }
    let after_determiner = det_spun.is_some();
    let spun = phrase_tokens(det_spun.unwrap_or(spun).trim());
    let original = det_orig.unwrap_or(original).trim().to_lowercase();
    if spun.is_empty() || original.is_empty() || spun == phrase_tokens(&original) {
        return None;
    }
    Some(Entry {
        spun,
        original,
        prior,
        after_determiner,
    })
}

pub struct Thesaurus {
    pub entries: Vec<Entry>,
    /// First spun token -> entry indices.
    by_first: HashMap<String, Vec<usize>>,
}

impl Thesaurus {
    pub fn parse(text: &'static str) -> Self {
        let entries: Vec<Entry> = crate::lexicon::data_lines(text)
            .filter_map(parse_line)
            .collect();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            by_first.entry(e.spun[0].clone()).or_default().push(i);
        }
        Thesaurus { entries, by_first }
    }

    /// Entries whose spun side matches the tokens starting at `i` (adjacent tokens on one
    /// line; a joiner must touch its neighbours). Returns (entry, tokens matched).
    pub fn matches_at(&self, toks: &[Token], i: usize) -> Vec<(&Entry, usize)> {
        let Some(ids) = toks.get(i).and_then(|t| self.by_first.get(&t.lower)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &id in ids {
            let e = &self.entries[id];
            let n = e.spun.len();
            let Some(span) = toks.get(i..i + n) else {
                continue;
            };
            let same = span.iter().zip(&e.spun).all(|(t, w)| &t.lower == w)
                && span.iter().all(|t| t.line == toks[i].line)
                && span
                    .iter()
                    .enumerate()
                    .all(|(k, t)| !(t.is_joiner() && k > 0 && t.space_before))
                && span
                    .windows(2)
                    .all(|w| !w[0].is_joiner() || !w[1].space_before);
            // The phrase must not continue a hyphenated compound on either side.
            let glued_left = i > 0 && toks[i - 1].is_joiner() && !toks[i].space_before;
            let glued_right = toks
                .get(i + n)
                .is_some_and(|t| t.is_joiner() && !t.space_before);
            let det_ok = !e.after_determiner
                || (i > 0 && toks[i - 1].line == toks[i].line && is_determiner(&toks[i - 1].lower));
            if same && det_ok && !glued_left && !glued_right {
                out.push((e, n));
            }
        }
        out
    }
}

pub static THESAURUS: LazyLock<Thesaurus> =
    LazyLock::new(|| Thesaurus::parse(include_str!("../../data/spin_thesaurus.txt")));

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn lines_parse() {
        let e = parse_line("pores and skin => skin @4").unwrap();
        assert_eq!(e.spun, ["pores", "and", "skin"]);
        assert_eq!((e.original.as_str(), e.prior), ("skin", 4.0));
        let d = parse_line("<det> reduce back => <det> lower back @3").unwrap();
        assert!(d.after_determiner && d.original == "lower back");
        assert!(parse_line("<det> x => y").is_none());
        assert!(parse_line("no arrow").is_none());
    }

    #[test]
    fn data_file_loads_broad_and_without_chains() {
        let t = &*THESAURUS;
        assert!(t.entries.len() >= 300, "only {} entries", t.entries.len());
        let spun: std::collections::BTreeSet<Vec<String>> =
            t.entries.iter().map(|e| e.spun.clone()).collect();
        for e in &t.entries {
            // An original that is itself a spun key would make repairs chain or cycle.
            assert!(
                !spun.contains(&phrase_tokens(&e.original)),
                "chain through {:?}",
                e.original
            );
        }
    }

    #[test]
    fn matching_respects_hyphens_and_determiners() {
        let t = &*THESAURUS;
        let toks = tokenize("Take Above-the-Counter pills for your reduce back.");
        let m = t.matches_at(&toks, 1);
        assert!(m
            .iter()
            .any(|(e, n)| e.original == "over-the-counter" && *n == 5));
        let i = toks.iter().position(|t| t.lower == "reduce").unwrap();
        assert!(t
            .matches_at(&toks, i)
            .iter()
            .any(|(e, _)| e.original == "lower back"));
        let toks = tokenize("it can reduce back pain");
        assert!(t
            .matches_at(&toks, 2)
            .iter()
            .all(|(e, _)| e.original != "lower back"));
    }
}
