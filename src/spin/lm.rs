//! An interpolated n-gram language model: domain trigram and bigram counts from the
//! corpus's own clean articles, and general-English bigram and unigram counts from
//! `lexicon`. Used only to compare wordings of one passage, so it needs no exact
//! normalisation, only the same scale for every alternative.
//!
//! Domain counts are kept by hashed key in a fixed-size count-min table (two rows, the
//! smaller count wins), so memory does not grow with the corpus: a table is built by
//! adding per-document counts, and two tables merge by adding cells, in any order.

use super::tokens::Token;
use crate::lexicon;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

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

/// Stable 64-bit hash of a gram (FNV-1a, then a finaliser).
pub fn ghash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Keys of an n-gram of gram hashes (distinct per order).
#[inline]
pub fn key1(a: u64) -> u64 {
    mix(a ^ 0x1357_9bdf_0246_8ace)
}
#[inline]
pub fn key2(a: u64, b: u64) -> u64 {
    mix(mix(a ^ 0x2468_ace0_1357_9bdf) ^ b)
}
#[inline]
pub fn key3(a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(a ^ 0x0f1e_2d3c_4b5a_6978) ^ b) ^ c)
}

/// A document's n-gram counts: (key, count) sorted by key, and its word count.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocCounts {
    pub keys: Vec<(u64, u32)>,
    pub words: u64,
}

impl DocCounts {
    pub fn from_tokens(toks: &[Token]) -> Self {
        let mut keys: Vec<u64> = Vec::new();
        let mut words = 0;
        let (s, e) = (ghash(START), ghash(END));
        for seg in segments(toks) {
            let mut g: Vec<u64> = Vec::with_capacity(seg.len() + 3);
            g.extend([s, s]);
            g.extend(seg.iter().map(|&i| ghash(gram(&toks[i]))));
            g.push(e);
            for k in 2..g.len() {
                keys.push(key1(g[k - 1]));
                keys.push(key2(g[k - 1], g[k]));
                keys.push(key3(g[k - 2], g[k - 1], g[k]));
            }
            words += seg.len() as u64;
        }
        keys.sort_unstable();
        let mut out: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
        for k in keys {
            match out.last_mut() {
                Some((last, n)) if *last == k => *n += 1,
                _ => out.push((k, 1)),
            }
        }
        DocCounts { keys: out, words }
    }

    fn get(&self, key: u64) -> u32 {
        self.keys
            .binary_search_by_key(&key, |&(k, _)| k)
            .map_or(0, |i| self.keys[i].1)
    }
}

/// Cells per row of the domain table (2 rows of u32: 32 MB).
pub const TABLE_BITS: u32 = 22;
const TABLE_MASK: u64 = (1 << TABLE_BITS) - 1;

/// Domain n-gram counts in a fixed-size count-min table. Cells add with saturation, so
/// any order of adds and merges gives the same table.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountTable {
    /// Two rows of 2^TABLE_BITS cells, allocated on the first add.
    cells: Vec<u32>,
    pub words: u64,
}

impl CountTable {
    #[inline]
    fn slots(key: u64) -> (usize, usize) {
        let a = (key & TABLE_MASK) as usize;
        let b = ((key >> 32) & TABLE_MASK) as usize + (1 << TABLE_BITS);
        (a, b)
    }

    fn alloc(&mut self) {
        if self.cells.is_empty() {
            self.cells = vec![0; 2 << TABLE_BITS];
        }
    }

    pub fn add_doc(&mut self, c: &DocCounts) {
        if c.keys.is_empty() {
            return;
        }
        self.alloc();
        for &(k, n) in &c.keys {
            let (a, b) = Self::slots(k);
            self.cells[a] = self.cells[a].saturating_add(n);
            self.cells[b] = self.cells[b].saturating_add(n);
        }
        self.words += c.words;
    }

    pub fn merge(&mut self, other: &CountTable) {
        if other.cells.is_empty() {
            self.words += other.words;
            return;
        }
        self.alloc();
        for (x, y) in self.cells.iter_mut().zip(&other.cells) {
            *x = x.saturating_add(*y);
        }
        self.words += other.words;
    }

    #[inline]
    pub fn get(&self, key: u64) -> u32 {
        if self.cells.is_empty() {
            return 0;
        }
        let (a, b) = Self::slots(key);
        self.cells[a].min(self.cells[b])
    }
}

/// Domain counts of the corpus, less those of the document being scored.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scorer<'a> {
    pub domain: Option<&'a CountTable>,
    pub own: Option<&'a DocCounts>,
}

impl Scorer<'_> {
    #[inline]
    fn count(&self, key: u64) -> u32 {
        let Some(d) = self.domain else {
            return 0;
        };
        let n = d.get(key);
        if n == 0 {
            return 0;
        }
        n.saturating_sub(self.own.map_or(0, |o| o.get(key)))
    }
    pub fn uni(&self, a: &str) -> u32 {
        self.count(key1(ghash(a)))
    }
    pub fn bi(&self, a: &str, b: &str) -> u32 {
        self.count(key2(ghash(a), ghash(b)))
    }
    pub fn tri(&self, a: &str, b: &str, c: &str) -> u32 {
        self.count(key3(ghash(a), ghash(b), ghash(c)))
    }
    fn words(&self) -> u64 {
        self.domain
            .map_or(0, |d| d.words)
            .saturating_sub(self.own.map_or(0, |o| o.words))
    }

    /// log P(w | u v).
    pub fn logp(&self, u: &str, v: &str, w: &str) -> f64 {
        self.logp_h(ghash(u), ghash(v), ghash(w))
    }

    /// log P(w | u v) of gram hashes.
    pub fn logp_h(&self, u: u64, v: u64, w: u64) -> f64 {
        let (pt, pbd, pd) = if self.domain.is_some() {
            let tri_ctx = self.count(key2(u, v));
            let pt = if tri_ctx > 0 {
                self.count(key3(u, v, w)) as f64 / tri_ctx as f64
            } else {
                0.0
            };
            let bi_ctx = self.count(key1(v));
            let pbd = if bi_ctx > 0 {
                self.count(key2(v, w)) as f64 / bi_ctx as f64
            } else {
                0.0
            };
            let words = self.words();
            let pd = if words > 0 {
                self.count(key1(w)) as f64 / words as f64
            } else {
                0.0
            };
            (pt.min(1.0), pbd.min(1.0), pd.min(1.0))
        } else {
            (0.0, 0.0, 0.0)
        };
        let g = &*GENERAL;
        let pbg = g.bi.get(&key2(v, w)).copied().unwrap_or(0.0) as f64;
        let pu = if w == g.end {
            0.1
        } else {
            let general = if w == g.num {
                1e-3
            } else {
                g.uni.get(&w).copied().unwrap_or(0.0) as f64
            };
            (0.8 * general + 0.2 * pd).max(1e-10)
        };
        (W_TRI * pt + W_BI_DOMAIN * pbd + W_BI_GENERAL * pbg + W_UNI * pu).ln()
    }

    /// Score of `words[from..]` given the words before it, plus the word bonus for
    /// `bonus_words` words.
    pub fn score(&self, words: &[&str], from: usize, bonus_words: usize) -> f64 {
        let h: Vec<u64> = words.iter().map(|w| ghash(w)).collect();
        let mut s = 0.0;
        for k in from.max(2)..h.len() {
            s += self.logp_h(h[k - 2], h[k - 1], h[k]);
        }
        s + WORD_BONUS * bonus_words as f64
    }
}

/// Keys are already hashed: the map hashes them no further.
#[derive(Default)]
pub(super) struct KeyHasher(u64);
impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub(super) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// General-English probabilities by gram hash: P(w), and P(w | v) by bigram key.
struct General {
    uni: KeyMap<f32>,
    bi: KeyMap<f32>,
    end: u64,
    num: u64,
}

static GENERAL: LazyLock<General> = LazyLock::new(|| {
    let total = *lexicon::UNIGRAM_TOTAL as f64;
    let mut uni: KeyMap<f32> = KeyMap::default();
    for (w, n) in lexicon::unigrams() {
        uni.insert(ghash(w), (n as f64 / total) as f32);
    }
    let mut bi: KeyMap<f32> = KeyMap::default();
    for ((v, w), n) in lexicon::bigrams() {
        let cv = lexicon::word_count(v);
        if cv > 0 {
            bi.insert(
                key2(ghash(v), ghash(w)),
                (n as f64 / cv as f64).min(1.0) as f32,
            );
        }
    }
    General {
        uni,
        bi,
        end: ghash(END),
        num: ghash(NUM),
    }
});

/// General-English P(w | v) from the bigram table (0 when unknown).
pub fn general_bigram_p(v: &str, w: &str) -> f64 {
    GENERAL
        .bi
        .get(&key2(ghash(v), ghash(w)))
        .copied()
        .unwrap_or(0.0) as f64
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn counts(s: &str) -> CountTable {
        let mut c = CountTable::default();
        c.add_doc(&DocCounts::from_tokens(&tokenize(s)));
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
            domain: Some(&c),
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
        let own = DocCounts::from_tokens(&tokenize("back spasms."));
        let sc = Scorer {
            domain: Some(&all),
            own: Some(&own),
        };
        assert_eq!(sc.bi("back", "spasms"), 1);
    }

    #[test]
    fn tables_merge_in_any_order() {
        let docs = [
            "back spasms hurt.",
            "rest helps back spasms.",
            "ice for 15 minutes.",
        ];
        let c: Vec<DocCounts> = docs
            .iter()
            .map(|d| DocCounts::from_tokens(&tokenize(d)))
            .collect();
        let mut one = CountTable::default();
        for d in &c {
            one.add_doc(d);
        }
        let (mut a, mut b) = (CountTable::default(), CountTable::default());
        b.add_doc(&c[2]);
        b.add_doc(&c[0]);
        a.add_doc(&c[1]);
        b.merge(&a);
        assert_eq!(one, b);
        assert_eq!(one.get(key2(ghash("back"), ghash("spasms"))), 2);
    }

    #[test]
    fn general_table_knows_common_pairs() {
        assert!(general_bigram_p("lower", "back") > general_bigram_p("reduce", "back"));
    }
}
