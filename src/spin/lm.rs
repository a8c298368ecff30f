//! An interpolated n-gram language model: domain trigram and bigram counts from the
//! corpus's own clean articles, and general-English bigram and unigram counts from
//! `lexicon`. Used only to compare wordings of one passage, so it needs no exact
//! normalisation, only the same scale for every alternative.

use super::tokens::Token;
use crate::lexicon;
use std::collections::HashMap;

pub const START: &str = "<s>";
pub const END: &str = "</s>";
pub const NUM: &str = "<num>";

/// Bonus (nats) per word of a wording, so a longer wording is not favoured or punished
/// merely for its length: about minus the log probability of an ordinary word in context.
pub const WORD_BONUS: f64 = 3.0;

/// Interpolation weights: domain trigram, domain bigram, general bigram, unigram.
const W_TRI: f64 = 0.2;
const W_BI_DOMAIN: f64 = 0.3;
const W_BI_GENERAL: f64 = 0.35;
const W_UNI: f64 = 0.15;

/// The n-gram form of a token: lowercase word, digits as `<num>`.
pub fn gram(t: &Token) -> &str {
    if t.is_digits() {
        NUM
    } else {
        &t.lower
    }
}

/// Word segments of a token list: runs of words on one line not broken by punctuation
/// (a hyphen joining two words does not break). Returns token indices per segment.
pub fn segments(toks: &[Token]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut line = usize::MAX;
    for (i, t) in toks.iter().enumerate() {
        if t.line != line {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            line = t.line;
        }
        if t.is_word {
            cur.push(i);
        } else if !t.is_joiner() && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Unigram, bigram and trigram counts with sentence-boundary markers.
#[derive(Debug, Default, Clone)]
pub struct NgramCounts {
    uni: HashMap<String, u32>,
    bi: HashMap<(String, String), u32>,
    tri: HashMap<(String, String, String), u32>,
    /// Followers of each word, sorted (built by `index_followers`, for the corpus model).
    next: HashMap<String, Vec<String>>,
    pub words: u64,
}

impl NgramCounts {
    pub fn add_tokens(&mut self, toks: &[Token]) {
        for seg in segments(toks) {
            let mut g: Vec<&str> = vec![START, START];
            g.extend(seg.iter().map(|&i| gram(&toks[i])));
            g.push(END);
            for k in 2..g.len() {
                *self.uni.entry(g[k - 1].to_string()).or_default() += 1;
                *self
                    .bi
                    .entry((g[k - 1].to_string(), g[k].to_string()))
                    .or_default() += 1;
                *self
                    .tri
                    .entry((g[k - 2].to_string(), g[k - 1].to_string(), g[k].to_string()))
                    .or_default() += 1;
            }
            self.words += seg.len() as u64;
        }
    }

    pub fn add(&mut self, other: &NgramCounts) {
        for (k, v) in &other.uni {
            *self.uni.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.bi {
            *self.bi.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.tri {
            *self.tri.entry(k.clone()).or_default() += v;
        }
        self.words += other.words;
    }

    fn uni(&self, a: &str) -> u32 {
        self.uni.get(a).copied().unwrap_or(0)
    }
    fn bi(&self, a: &str, b: &str) -> u32 {
        // Borrowed lookup without allocating would need a custom key; the corpus is small.
        self.bi
            .get(&(a.to_string(), b.to_string()))
            .copied()
            .unwrap_or(0)
    }
    fn tri(&self, a: &str, b: &str, c: &str) -> u32 {
        self.tri
            .get(&(a.to_string(), b.to_string(), c.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Index the followers of each word, so `followers` need not scan every bigram.
    pub fn index_followers(&mut self) {
        let mut next: HashMap<String, Vec<String>> = HashMap::new();
        for (a, b) in self.bi.keys() {
            next.entry(a.clone()).or_default().push(b.clone());
        }
        for v in next.values_mut() {
            v.sort();
        }
        self.next = next;
    }

    /// Words seen right after `a`, with counts, sorted.
    pub fn followers(&self, a: &str) -> Vec<(&str, u32)> {
        if !self.next.is_empty() {
            return self.next.get(a).map_or(Vec::new(), |v| {
                v.iter().map(|b| (b.as_str(), self.bi(a, b))).collect()
            });
        }
        let mut v: Vec<(&str, u32)> = self
            .bi
            .iter()
            .filter(|((x, _), _)| x == a)
            .map(|((_, y), n)| (y.as_str(), *n))
            .collect();
        v.sort();
        v
    }
}

/// Domain counts of the corpus, less those of the document being scored.
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a> {
    pub domain: &'a NgramCounts,
    pub own: Option<&'a NgramCounts>,
}

impl Scorer<'_> {
    pub fn uni(&self, a: &str) -> u32 {
        self.domain
            .uni(a)
            .saturating_sub(self.own.map_or(0, |o| o.uni(a)))
    }
    pub fn bi(&self, a: &str, b: &str) -> u32 {
        self.domain
            .bi(a, b)
            .saturating_sub(self.own.map_or(0, |o| o.bi(a, b)))
    }
    pub fn tri(&self, a: &str, b: &str, c: &str) -> u32 {
        self.domain
            .tri(a, b, c)
            .saturating_sub(self.own.map_or(0, |o| o.tri(a, b, c)))
    }
    fn words(&self) -> u64 {
        self.domain
            .words
            .saturating_sub(self.own.map_or(0, |o| o.words))
    }

    /// Words that follow `a` in the domain corpus (own document left out).
    pub fn followers(&self, a: &str) -> Vec<(String, u32)> {
        self.domain
            .followers(a)
            .into_iter()
            .map(|(w, _)| (w.to_string(), self.bi(a, w)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// log P(w | u v).
    pub fn logp(&self, u: &str, v: &str, w: &str) -> f64 {
        let tri_ctx = self.bi(u, v);
        let pt = if tri_ctx > 0 {
            self.tri(u, v, w) as f64 / tri_ctx as f64
        } else {
            0.0
        };
        let bi_ctx = self.uni(v);
        let pbd = if bi_ctx > 0 {
            self.bi(v, w) as f64 / bi_ctx as f64
        } else {
            0.0
        };
        let pbg = general_bigram_p(v, w);
        let pu = if w == END {
            0.1
        } else {
            let general = if w == NUM {
                1e-3
            } else {
                lexicon::word_count(w) as f64 / *lexicon::UNIGRAM_TOTAL as f64
            };
            let words = self.words();
            let domain = if words > 0 {
                self.uni(w) as f64 / words as f64
            } else {
                0.0
            };
            (0.8 * general + 0.2 * domain).max(1e-10)
        };
        (W_TRI * pt + W_BI_DOMAIN * pbd + W_BI_GENERAL * pbg + W_UNI * pu).ln()
    }

    /// Score of `words[from..]` given the words before it, plus the word bonus for
    /// `bonus_words` words.
    pub fn score(&self, words: &[&str], from: usize, bonus_words: usize) -> f64 {
        let mut s = 0.0;
        for k in from.max(2)..words.len() {
            s += self.logp(words[k - 2], words[k - 1], words[k]);
        }
        s + WORD_BONUS * bonus_words as f64
    }
}

/// General-English P(w | v) from the bigram table (0 when unknown).
pub fn general_bigram_p(v: &str, w: &str) -> f64 {
    if v == START || w == END {
        return 0.0;
    }
    let (v, w) = (if v == NUM { "" } else { v }, if w == NUM { "" } else { w });
    let cv = lexicon::word_count(v);
    if cv == 0 {
        return 0.0;
    }
    (lexicon::bigram_count(v, w) as f64 / cv as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn counts(s: &str) -> NgramCounts {
        let mut c = NgramCounts::default();
        c.add_tokens(&tokenize(s));
        c
    }

    #[test]
    fn segments_break_at_punctuation_not_hyphens() {
        let t = tokenize("Over-the-counter pills, then rest.\nNext line");
        let s = segments(&t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].len(), 4);
    }

    #[test]
    fn domain_counts_prefer_attested_wording() {
        let c = counts("Back spasms hurt. Back spasms ease with rest. Apply ice for 15 minutes.");
        let sc = Scorer {
            domain: &c,
            own: None,
        };
        let good = sc.score(&[START, START, "back", "spasms", "hurt"], 2, 2);
        let bad = sc.score(&[START, START, "again", "spasms", "hurt"], 2, 2);
        assert!(good > bad + 2.0, "{good} vs {bad}");
        assert_eq!(sc.bi(NUM, "minutes"), 1);
    }

    #[test]
    fn own_counts_are_left_out() {
        let all = counts("back spasms. back spasms.");
        let own = counts("back spasms.");
        let sc = Scorer {
            domain: &all,
            own: Some(&own),
        };
        assert_eq!(sc.bi("back", "spasms"), 1);
    }

    #[test]
    fn general_table_knows_common_pairs() {
        assert!(general_bigram_p("lower", "back") > general_bigram_p("reduce", "back"));
    }
}
