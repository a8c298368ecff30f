//! Corpus hints: evidence for cleaning that comes from other documents.

use super::*;

// ---------------------------------------------------------------------------------
// Corpus hints

/// Corpus-level evidence for cleaning: short lines that recur in several documents
/// that are not copies of each other (site chrome shared by one site's pages).
#[derive(Debug, Default)]
pub struct CorpusHints {
    /// Normalised short line -> number of distinct document groups containing it
    /// (only lines in two or more groups; a group is a document and its copies).
    pub(super) line_groups: HashMap<String, usize>,
}

/// Longest line (in words) that corpus repetition is recorded for.
pub(super) const HINT_MAX_WORDS: usize = 12;

impl CorpusHints {
    pub fn build(docs: &[Document]) -> Self {
        let ok: Vec<&Document> = docs.iter().filter(|d| d.is_ok()).collect();
        let sets: Vec<Vec<u64>> = ok
            .iter()
            .map(|d| near_dup::shingles(d.text.text()))
            .collect();
        let copies = near_dup::find_copies(&sets);
        let mut seen: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, d) in ok.iter().enumerate() {
            let group = copies[i].unwrap_or(i);
            for r in d.text.lines() {
                let n = norm_phrase(&d.text.text()[r]);
                if n.is_empty() || n.split(' ').count() > HINT_MAX_WORDS {
                    continue;
                }
                seen.entry(n).or_default().insert(group);
            }
        }
        CorpusHints {
            line_groups: seen
                .into_iter()
                .filter(|(_, g)| g.len() >= 2)
                .map(|(k, g)| (k, g.len()))
                .collect(),
        }
    }

    /// In how many unrelated document groups this line occurs (0 or >= 2).
    pub fn groups_with(&self, line: &str) -> usize {
        self.line_groups
            .get(&norm_phrase(line))
            .copied()
            .unwrap_or(0)
    }
}
