//! The plan of passes. Every corpus stage is a per-document map that emits a small,
//! plain summary, a reduce that merges summaries (associative and order-independent, so
//! the result does not depend on how documents were split), and a broadcast of the
//! reduced result to the next map:
//!
//! | pass | map (one document) | reduce (all summaries) |
//! |---|---|---|
//! | 1 | decode, repair; short-line hashes, MinHash of the repaired text | LSH copy groups of the raw text; repeated-line hints |
//! | 2 | + clean (hints); MinHash of the clean text, spin n-gram counts and verdict | LSH near-duplicates of the clean text; spin language model |
//! | 3 | + near-duplicate link, spin repair, claims | consolidation into facts (blocked by key), conflicts (grouped by subject and slot) |
//!
//! Nothing here holds more than one document's text; a pass re-derives its document
//! from the raw bytes with the pure per-document functions.

use crate::clean::{self, CorpusHints, LineStats};
use crate::decisions::{self, Decision};
use crate::model::Document;
use crate::near_dup::{self, Signature};
use crate::spin::{self, LanguageModel, SpinSummary};
use crate::{claims, repair};

/// What pass 1 keeps of a document.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Pass1 {
    pub line_stats: LineStats,
    pub signature: Option<Signature>,
}

/// Decode is done by the source; pass 1 repairs and summarises.
pub fn repaired(mut doc: Document) -> Document {
    if doc.is_ok() {
        repair::repair_document(&mut doc);
    }
    doc
}

pub fn pass1(doc: &Document) -> Pass1 {
    if !doc.is_ok() {
        return Pass1::default();
    }
    Pass1 {
        line_stats: clean::line_stats(doc),
        signature: near_dup::signature(doc.text.text()),
    }
}

/// Reduce of pass 1: copy groups on the repaired text (so a repost's lines are not
/// counted as repetition across sites), then the hints of repeated short lines.
pub fn reduce1(summaries: Vec<Pass1>) -> CorpusHints {
    let (stats, sigs): (Vec<LineStats>, Vec<Option<Signature>>) = summaries
        .into_iter()
        .map(|p| (p.line_stats, p.signature))
        .unzip();
    CorpusHints::from_summaries(&stats, &sigs)
}

/// A repaired document after cleaning with the corpus hints.
pub fn cleaned(mut doc: Document, hints: &CorpusHints) -> Document {
    if doc.is_ok() {
        clean::clean_document(&mut doc, hints);
    }
    doc
}

/// What pass 2 keeps of a document.
pub struct Pass2 {
    pub signature: Option<Signature>,
    pub spin: Option<SpinSummary>,
}

impl Pass2 {
    /// The summary of a document that takes no part (skipped).
    pub fn none() -> Self {
        Pass2 {
            signature: None,
            spin: None,
        }
    }
}

pub fn pass2(doc: &Document) -> Pass2 {
    if !doc.is_ok() {
        return Pass2::none();
    }
    Pass2 {
        signature: near_dup::signature(doc.text.text()),
        spin: Some(spin::doc_summary(doc)),
    }
}

/// Reduce of pass 2's signatures: for each document, the index of the earlier one it
/// copies.
pub fn near_duplicates(sigs: &[Option<Signature>]) -> Vec<Option<usize>> {
    near_dup::find_copies_lsh(sigs)
}

/// Pass 3 on a cleaned document: the near-duplicate link, spin repair, the reviewers'
/// decisions on this document's suggestions, claims. Suggestions of rules the
/// configuration disabled are dropped (their edits were already refused).
pub fn finished(
    mut doc: Document,
    near_duplicate_of: Option<String>,
    lm: &LanguageModel,
    decisions: &[Decision],
) -> (Document, claims::Extraction) {
    if !doc.is_ok() {
        return (doc, claims::Extraction::default());
    }
    doc.near_duplicate_of = near_duplicate_of;
    spin::respin_document(&mut doc, lm);
    let rules = *doc.text.rules();
    doc.suggestions.retain(|s| rules.is_enabled(s.rule));
    decisions::apply(&mut doc, decisions);
    let extraction = claims::extract(&doc);
    (doc, extraction)
}
