//! Corpus hints: evidence for cleaning that comes from other documents, built by map
//! ([`line_stats`] per document) and reduce ([`CorpusHints::add`], [`CorpusHints::merge`],
//! [`CorpusHints::finish`]).

use super::*;

/// Corpus-level evidence for cleaning: short lines that recur in several documents
/// that are not copies of each other (site chrome shared by one site's pages).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CorpusHints {
    /// Hash of a normalised short line -> the distinct document groups containing it (a
    /// group is a document and its copies), the smallest [`HINT_MAX_GROUPS`] kept.
    line_groups: HashMap<u64, Vec<u64>>,
}

/// Longest line (in words) that corpus repetition is recorded for.
pub(super) const HINT_MAX_WORDS: usize = 12;
/// Groups remembered per line: counts above it are reported as this many (a memory
/// bound for lines every page of a site repeats).
pub const HINT_MAX_GROUPS: usize = 64;

/// What one document contributes to the corpus hints: the hashes of its normalised short
/// lines, sorted and deduplicated (plain data, so any runner can ship it).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineStats {
    pub lines: Vec<u64>,
}

/// The hash a line is counted under: its letters and digit runs only, so that what
/// cleaning changes inside a line (spacing, a separator put between glued cells, quote
/// style) does not make a line counted in pass 1 unknown when cleaning asks about it.
fn phrase_hash(norm: &str) -> u64 {
    let key: String = norm.chars().filter(|c| *c != ' ' && *c != '*').collect();
    crate::near_dup::fnv1a64(key.as_bytes())
}

/// The line statistics of one (repaired, not yet cleaned) document.
pub fn line_stats(doc: &Document) -> LineStats {
    let text = doc.text.text();
    let mut lines: Vec<u64> = text
        .lines()
        .filter_map(|l| {
            let n = norm_phrase(l);
            (!n.is_empty() && n.split(' ').count() <= HINT_MAX_WORDS).then(|| phrase_hash(&n))
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    LineStats { lines }
}

/// Union of two sorted group lists, keeping the smallest `HINT_MAX_GROUPS`.
fn union_groups(a: &mut Vec<u64>, b: &[u64]) {
    a.extend_from_slice(b);
    a.sort_unstable();
    a.dedup();
    a.truncate(HINT_MAX_GROUPS);
}

impl CorpusHints {
    /// Hints from documents held in memory (tests, small corpora): the same reduce as the
    /// pipeline's, with copy groups from near-duplicate detection on the given text.
    pub fn build(docs: &[Document]) -> Self {
        let ok: Vec<&Document> = docs.iter().filter(|d| d.is_ok()).collect();
        let sigs: Vec<Option<near_dup::Signature>> = ok
            .iter()
            .map(|d| near_dup::signature(d.text.text()))
            .collect();
        let stats: Vec<LineStats> = ok.iter().map(|d| line_stats(d)).collect();
        Self::from_summaries(&stats, &sigs)
    }

    /// The reduce over every document's summary (in document order): copy groups from
    /// the signatures by LSH, then each document's lines counted under its group.
    pub fn from_summaries(stats: &[LineStats], sigs: &[Option<near_dup::Signature>]) -> Self {
        let copies = near_dup::find_copies_lsh(sigs);
        let mut hints = CorpusHints::default();
        for (i, s) in stats.iter().enumerate() {
            hints.add(s, copies[i].unwrap_or(i) as u64);
        }
        hints.finish()
    }

    /// Count one document's lines under its copy group.
    pub fn add(&mut self, stats: &LineStats, group: u64) {
        for h in &stats.lines {
            let g = self.line_groups.entry(*h).or_default();
            if let Err(at) = g.binary_search(&group) {
                if at < HINT_MAX_GROUPS {
                    g.insert(at, group);
                    g.truncate(HINT_MAX_GROUPS);
                }
            }
        }
    }

    /// Merge partial hints (associative and commutative).
    pub fn merge(&mut self, other: CorpusHints) {
        for (h, g) in other.line_groups {
            union_groups(self.line_groups.entry(h).or_default(), &g);
        }
    }

    /// Keep only lines in two or more groups: all cleaning asks about.
    pub fn finish(mut self) -> CorpusHints {
        self.line_groups.retain(|_, g| g.len() >= 2);
        self.line_groups.shrink_to_fit();
        self
    }

    /// In how many unrelated document groups this line occurs (0 or >= 2). This is the
    /// only question cleaning asks of the corpus; inside [`recording`] each answer is
    /// logged.
    pub fn groups_with(&self, line: &str) -> usize {
        let hash = phrase_hash(&norm_phrase(line));
        let answer = self.answer(hash);
        LOG.with(|log| {
            if let Some(log) = log.borrow_mut().as_mut() {
                log.push((hash, answer as u32));
            }
        });
        answer
    }

    /// [`CorpusHints::groups_with`] of a line by its phrase hash.
    pub fn answer(&self, hash: u64) -> usize {
        self.line_groups
            .get(&hash)
            .map_or(0, |g| if g.len() >= 2 { g.len() } else { 0 })
    }

    /// Whether these hints give every answer of a [`recording`]'s log: then cleaning a
    /// document that asked exactly those questions gives the same result with them.
    pub fn answers_match(&self, log: &[(u64, u32)]) -> bool {
        log.iter()
            .all(|&(hash, answer)| self.answer(hash) == answer as usize)
    }
}

thread_local! {
    /// The answers [`CorpusHints::groups_with`] gave on this thread inside [`recording`].
    static LOG: std::cell::RefCell<Option<Vec<(u64, u32)>>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` (the cleaning of one document) and return, with its result, every question it
/// asked of any [`CorpusHints`] and the answer: (phrase hash, groups), sorted and
/// distinct. The pipeline's cache keeps this log and re-uses the cleaned document only
/// when the corpus hints of a later run give the same answers ([`CorpusHints::answers_match`]).
/// The log is per thread: `f` must not hand cleaning work to other threads (cleaning
/// one document is sequential; rayon runs only over documents).
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<(u64, u32)>) {
    let outer = LOG.with(|log| log.replace(Some(Vec::new())));
    let out = f();
    let mut log = LOG.with(|log| log.replace(outer)).unwrap_or_default();
    // A recording around this one sees these answers too.
    LOG.with(|outer| {
        if let Some(outer) = outer.borrow_mut().as_mut() {
            outer.extend_from_slice(&log);
        }
    });
    log.sort_unstable();
    log.dedup();
    (out, log)
}
