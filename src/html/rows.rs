//! The small per-document summary the index and the list pages are built from: the lead's
//! runner keeps one per document instead of the document.

use super::short;
use crate::model::{Document, Encoding};
use std::collections::BTreeMap;

/// At most this many repair and suggestion rows of one document go into the page-wide
/// lists (suggestions first, then the applied edits of lowest confidence); the document's
/// page and `repairs.csv` have them all.
pub const REPAIRS_PER_DOC: usize = 12;

/// Texts in the list rows are cut to this many characters.
const TEXT_MAX: usize = 60;

/// One repair or suggestion, as the page-wide lists show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RepairItem {
    /// "applied" or "suggested".
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub status: crate::pipeline::wire::Name,
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub rule: crate::pipeline::wire::Name,
    pub raw_start: usize,
    pub raw_end: usize,
    pub before: String,
    pub after: String,
    pub confidence: f32,
    pub evidence: String,
    /// Index in the document's edit log (None for a suggestion).
    pub edit: Option<usize>,
}

/// What the index and the list pages know of one document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReviewRow {
    pub doc_id: String,
    pub source: String,
    pub ok: bool,
    pub reason: Option<String>,
    pub title: Option<String>,
    pub encoding: Option<Encoding>,
    pub raw_lines: usize,
    pub kept: usize,
    pub repaired: usize,
    pub dropped: usize,
    pub edits: usize,
    pub suggestions: usize,
    pub spun: bool,
    pub spin_score: f64,
    pub near_duplicate_of: Option<String>,
    /// Edits by rule code (bounded by the rule registry).
    #[serde(deserialize_with = "crate::pipeline::wire::static_keys")]
    pub edits_by_rule: BTreeMap<&'static str, usize>,
    /// Suggestions by rule code.
    #[serde(deserialize_with = "crate::pipeline::wire::static_keys")]
    pub suggestions_by_rule: BTreeMap<&'static str, usize>,
    /// At most [`REPAIRS_PER_DOC`] rows, by position.
    pub repairs: Vec<RepairItem>,
}

impl ReviewRow {
    pub fn of(doc: &Document) -> ReviewRow {
        let ledger = crate::report::ledger(doc);
        let mut edits_by_rule = BTreeMap::new();
        for e in doc.text.edits() {
            *edits_by_rule.entry(e.rule).or_default() += 1;
        }
        let mut suggestions_by_rule = BTreeMap::new();
        for s in &doc.suggestions {
            *suggestions_by_rule.entry(s.rule).or_default() += 1;
        }
        // Which rows to keep: suggestions, then the least confident edits; ties by position.
        let all = crate::report::document_repair_rows(doc);
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&all[a], &all[b]);
            (x.status != "suggested")
                .cmp(&(y.status != "suggested"))
                .then(x.confidence.total_cmp(&y.confidence))
                .then(a.cmp(&b))
        });
        order.truncate(REPAIRS_PER_DOC);
        order.sort_unstable();
        let repairs = order
            .into_iter()
            .map(|k| {
                let r = &all[k];
                RepairItem {
                    status: r.status,
                    rule: r.rule,
                    raw_start: r.raw_start,
                    raw_end: r.raw_end,
                    before: short(&r.before, TEXT_MAX),
                    after: short(&r.after, TEXT_MAX),
                    confidence: r.confidence,
                    evidence: short(&r.evidence, TEXT_MAX),
                    edit: r.edit,
                }
            })
            .collect();
        ReviewRow {
            doc_id: doc.doc_id.clone(),
            source: doc.source.clone(),
            ok: doc.is_ok(),
            reason: doc.reason.as_ref().map(|r| short(r, 200)),
            title: doc.title().map(|t| short(&t, 160)),
            encoding: doc.encoding,
            raw_lines: ledger.raw_lines,
            kept: ledger.kept,
            repaired: ledger.repaired,
            dropped: ledger.dropped,
            edits: doc.text.edits().len(),
            suggestions: doc.suggestions.len(),
            spun: doc.spin.spun,
            spin_score: doc.spin.score,
            near_duplicate_of: doc.near_duplicate_of.clone(),
            edits_by_rule,
            suggestions_by_rule,
            repairs,
        }
    }

    /// Repair and suggestion rows of this document left out of the page-wide lists.
    pub fn repairs_not_listed(&self) -> usize {
        (self.edits + self.suggestions).saturating_sub(self.repairs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Replacement;

    #[test]
    fn rows_are_bounded_and_keep_suggestions_first() {
        let text = "word ".repeat(100);
        let mut d = Document::from_text("a", &text);
        for k in 0..40 {
            let p = k * 5;
            d.text.replace(
                Replacement::new(p..p + 1, "W", "X1").with_confidence(0.5 + k as f32 / 100.0),
            );
        }
        d.suggestions.push(crate::model::Suggestion {
            rule: "S1",
            raw_start: 400,
            raw_end: 404,
            before: "word".into(),
            after: "ward".into(),
            confidence: 0.9,
            evidence: String::new(),
        });
        let r = ReviewRow::of(&d);
        assert_eq!(r.repairs.len(), REPAIRS_PER_DOC);
        assert_eq!(r.repairs_not_listed(), 41 - REPAIRS_PER_DOC);
        assert!(r.repairs.iter().any(|x| x.status == "suggested"));
        // The least confident edits are the ones kept, in position order.
        assert!(r
            .repairs
            .iter()
            .all(|x| x.status == "suggested" || x.confidence < 0.7));
        assert!(r
            .repairs
            .windows(2)
            .all(|w| w[0].raw_start <= w[1].raw_start));
        assert_eq!(r.edits_by_rule.get("X1"), Some(&40));
    }
}
