//! The document verdict from general evidence: a few thesaurus-independent statistics of
//! how the document's words fit their neighbours, each relative to the document's own
//! norm where it can be, combined by a small logistic model (`data/spin_doc_model.txt`,
//! fitted by `scripts/spin_train_doc.py` on texts spun with WordNet, a thesaurus other
//! than the ones it is measured on, and calibrated there on clean real text so that none
//! is flagged). All features come from one linear pass over the document's segments.

use super::broad::BROAD;
use super::candidates::{is_content, Segments};
use super::general::Hit;
use super::lm::{self, END, START};
use super::tokens::Token;
use crate::lexicon;
use std::sync::LazyLock;

/// Feature names, in the order of `features`' vector and of the model file.
pub const FEATURES: &[&str] = &[
    "hits",
    "multi",
    "rare",
    "lone_misfit",
    "misfit_gap",
    "rarity_gap",
    "side_miss",
    "pair_miss",
    "syn_ratio",
    "oov",
    "hapax",
    "curated",
];

/// Fewest content words a count is taken over (shorter texts are scaled as if this long,
/// so a few chance hits cannot make them spun).
pub const MIN_CONTENT: usize = 200;

/// A synonym this many times more frequent makes a word "rarer than a synonym".
const SYN_RATIO: u64 = 50;

fn attested(x: &str, y: &str) -> bool {
    x != START && y != END && lm::general_bigram_p(x, y) > 0.0
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The document's features (see `FEATURES`): swap hits (single words and multiword
/// lemmas) and rare misfits per content word; lone misfits (lowercase content words used
/// once and attested next to neither neighbour, at any frequency) per content word; the
/// misfit share of such once-used words minus that of the document's repeated words (its
/// own norm); how much rarer its once-used words are than its repeated ones (mean log
/// count); the share of content-word sides and of all word pairs the general bigram
/// table lacks; the share of content words with a WordNet synonym 50 times more frequent;
/// the share of lowercase content words unknown to the unigram table.
pub fn features(
    text: &str,
    toks: &[Token],
    segs: &Segments,
    hits: &[Hit],
    content: usize,
    rare: usize,
    curated: f64,
) -> Vec<f64> {
    let mut seen: rustc_hash::FxHashMap<&str, u32> = Default::default();
    for t in toks.iter().filter(|t| t.is_word) {
        *seen.entry(t.lower.as_str()).or_default() += 1;
    }
    let (mut lone, mut lone_miss, mut rep, mut rep_miss) = (0usize, 0usize, 0usize, 0usize);
    let (mut lone_log, mut rep_log) = (0.0f64, 0.0f64);
    let (mut sides, mut side_miss, mut pairs, mut pair_miss) = (0usize, 0usize, 0usize, 0usize);
    let (mut lower, mut oov, mut syn, mut hapax) = (0usize, 0usize, 0usize, 0usize);
    for seg in &segs.segs {
        let g: Vec<&str> = seg.iter().map(|&i| lm::gram(&toks[i])).collect();
        for w in g.windows(2) {
            pairs += 1;
            pair_miss += !attested(w[0], w[1]) as usize;
        }
        for p in 0..g.len() {
            let w = g[p];
            if !is_content(w) {
                continue;
            }
            let t = &toks[seg[p]];
            let capital = text[t.range()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            let count = lexicon::word_count(w);
            if BROAD
                .synonym_counts(w)
                .first()
                .is_some_and(|&top| count > 0 && top > SYN_RATIO * count)
            {
                syn += 1;
            }
            if capital {
                continue;
            }
            lower += 1;
            oov += (count == 0) as usize;
            hapax += (seen.get(w).copied().unwrap_or(0) == 1) as usize;
            if p == 0 || p + 1 == g.len() {
                continue;
            }
            let (l, r) = (attested(g[p - 1], w), attested(w, g[p + 1]));
            sides += 2;
            side_miss += !l as usize + !r as usize;
            let miss = !l && !r;
            let lc = ((count + 1) as f64).ln();
            if seen.get(w).copied().unwrap_or(0) > 1 {
                rep += 1;
                rep_miss += miss as usize;
                rep_log += lc;
            } else {
                lone += 1;
                lone_miss += miss as usize;
                lone_log += lc;
            }
        }
    }
    let c = content.max(MIN_CONTENT) as f64;
    let multi = hits.iter().filter(|h| h.multi).count();
    let mean = |s: f64, n: usize| if n == 0 { 0.0 } else { s / n as f64 };
    vec![
        (hits.len() - multi) as f64 / c,
        multi as f64 / c,
        rare as f64 / c,
        lone_miss as f64 / c,
        ratio(lone_miss, lone) - ratio(rep_miss, rep),
        if lone == 0 || rep == 0 {
            0.0
        } else {
            mean(rep_log, rep) - mean(lone_log, lone)
        },
        ratio(side_miss, sides),
        ratio(pair_miss, pairs),
        syn as f64 / c,
        ratio(oov, lower.max(1)),
        ratio(hapax, lower.max(1)),
        curated,
    ]
}

/// The logistic model: a bias, one weight per feature, and the score threshold.
pub struct DocModel {
    pub bias: f64,
    pub weights: Vec<f64>,
    pub threshold: f64,
}

impl DocModel {
    pub fn parse(text: &'static str) -> Self {
        let mut m = DocModel {
            bias: 0.0,
            weights: vec![0.0; FEATURES.len()],
            threshold: f64::INFINITY,
        };
        for line in lexicon::data_lines(text) {
            let mut it = line.split_whitespace();
            let (Some(name), Some(v)) = (it.next(), it.next().and_then(|v| v.parse().ok())) else {
                continue;
            };
            match name {
                "bias" => m.bias = v,
                "threshold" => m.threshold = v,
                _ => {
                    if let Some(k) = FEATURES.iter().position(|f| *f == name) {
                        m.weights[k] = v;
                    }
                }
            }
        }
        m
    }

    /// The model's log-odds for a feature vector.
    pub fn score(&self, x: &[f64]) -> f64 {
        self.bias + self.weights.iter().zip(x).map(|(w, x)| w * x).sum::<f64>()
    }
}

pub static MODEL: LazyLock<DocModel> =
    LazyLock::new(|| DocModel::parse(include_str!("../../data/spin_doc_model.txt")));

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn feats(text: &str) -> Vec<f64> {
        let toks = tokenize(text);
        features(text, &toks, &Segments::new(&toks), &[], 100, 0, 0.0)
    }

    #[test]
    fn lone_misfits_count_once_used_words_foreign_to_both_neighbours() {
        let k = FEATURES.iter().position(|f| *f == "lone_misfit").unwrap();
        // "quiddity" fits neither "the" nor "of" in general English; "cause" fits both.
        assert!(feats("The report the quiddity of the crisis today.")[k] > 0.0);
        assert_eq!(feats("The report the cause of the crisis today.")[k], 0.0);
        // A capitalised word inside a segment is a name, not a misfit.
        assert_eq!(
            feats("The report the Quiddity of the crisis today.")[k],
            0.0
        );
    }

    #[test]
    fn score_is_the_weighted_sum() {
        let m = DocModel::parse("bias 0.5\nhits 2\nthreshold 1\n");
        let mut x = vec![0.0; FEATURES.len()];
        x[0] = 0.25;
        assert_eq!(m.score(&x), 1.0);
        assert_eq!(m.threshold, 1.0);
    }

    #[test]
    fn model_file_names_every_feature() {
        assert!(MODEL.threshold.is_finite());
        let text = include_str!("../../data/spin_doc_model.txt");
        for f in FEATURES {
            assert!(
                text.lines().any(|l| l.split_whitespace().next() == Some(f)),
                "{f}"
            );
        }
    }
}
