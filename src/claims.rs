//! Claims: the sentences and clauses of clean text that state advice, causes, effects,
//! risks, statistics or warnings, each with its exact source passage.
//!
//! Per line of clean text (paragraph, list item; titles, headings and table rows are not
//! claims): split into sentences ([`sentences`]), drop what is not a claim with a counted
//! reason (questions, the author's rhetoric, calls to action, page furniture, fragments,
//! sentences with no claim cue), then split a sentence into clauses when it speaks of two
//! different subjects ("Heat relaxes muscles, while ice numbs pain"). A sentence that only
//! continues the one before it ("These reduce swelling.") is attached to it.
//!
//! A claim's passage is the whole sentence (or list item) it came from: `quote` is the
//! decoded raw bytes of that passage, `quote_clean` its clean text; `text` may be a clause.
//! Subjects are normalised with `data/synonyms_subjects.txt` ([`vocab`]); quantities are
//! typed by [`crate::quantity`].

mod classify;
mod clauses;
mod features;
pub mod sentences;
pub mod vocab;

use crate::model::{Claim, Document, LineKind, Quantity, Slot};
use crate::quantity;
pub use classify::claim_kind;
use classify::{filter_reason, looks_like_heading};
use clauses::{clause_text, is_continuation, split_clauses};
pub use features::{features, Features};
use std::collections::BTreeMap;
use std::ops::Range;

/// Why a sentence or line was not kept as a claim.
pub const DROP_REASONS: &[(&str, &str)] = &[
    ("title", "the article's title"),
    (
        "heading",
        "a heading (marked by cleaning, or short title-case text without a stop)",
    ),
    ("table-row", "a row of a table"),
    ("question", "a question"),
    (
        "rhetoric",
        "the author's voice: \"In this article, we will explore\"",
    ),
    (
        "call-to-action",
        "a call to action: share, subscribe, comment",
    ),
    ("chrome", "page furniture left in the text"),
    ("fragment", "fewer than four words"),
    (
        "no-claim-cue",
        "no advice, cause, effect, risk, statistic or warning cue",
    ),
    ("unmappable", "the passage does not map back to raw bytes"),
];

/// The claims of one document and what was left out.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Sentences (or lines) dropped, by reason (see [`DROP_REASONS`]).
    #[serde(deserialize_with = "crate::pipeline::wire::static_keys")]
    pub dropped: BTreeMap<&'static str, usize>,
    /// Sentences attached to the claim before them ("These reduce swelling.").
    pub attached: usize,
    /// Sentences split into several claims about different subjects.
    pub split: usize,
}

/// Counts of one or more extractions, for the run summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractionCounts {
    pub claims: usize,
    pub dropped: BTreeMap<&'static str, usize>,
    pub attached: usize,
    pub split: usize,
}

/// Footnote marker numbers that stood inside a raw span, sorted and distinct.
fn markers_in(doc: &Document, raw: &Range<usize>) -> Vec<u32> {
    let mut markers: Vec<u32> = doc
        .markers
        .iter()
        .filter(|m| raw.contains(&m.raw_offset))
        .map(|m| m.number)
        .collect();
    markers.sort_unstable();
    markers.dedup();
    markers
}

/// The claims of a document, without the counts of what was left out.
pub fn extract_claims(doc: &Document) -> Vec<Claim> {
    extract(doc).claims
}

impl ExtractionCounts {
    /// Add one document's extraction to the counts.
    pub fn add(&mut self, e: &Extraction) {
        self.claims += e.claims.len();
        self.attached += e.attached;
        self.split += e.split;
        for (k, v) in &e.dropped {
            *self.dropped.entry(k).or_default() += v;
        }
    }
}

/// Claim counts over documents: kept, dropped by reason, attached, split.
pub fn extraction_counts(docs: &[Document]) -> ExtractionCounts {
    let mut c = ExtractionCounts::default();
    for d in docs.iter().filter(|d| d.is_ok()) {
        c.add(&extract(d));
    }
    c
}

/// Quantities of a claim, with durations of causes and risks not taken for sessions
/// ("bending for 20 minutes can cause spasms" is an exposure, not a treatment time).
fn claim_quantities(text: &str, kind: &str) -> Vec<Quantity> {
    quantity::parse_quantities(text)
        .into_iter()
        .map(|mut q| {
            if q.measures == Slot::SessionLength && matches!(kind, "cause" | "risk" | "statistic") {
                q.measures = Slot::Other;
            }
            q
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Extraction.

struct Builder<'a> {
    doc: &'a Document,
    out: Extraction,
}

impl Builder<'_> {
    fn drop(&mut self, reason: &'static str) {
        *self.out.dropped.entry(reason).or_default() += 1;
    }

    /// A claim for `clause` (clean byte range) of the sentence `passage`; a claim that
    /// names no subject takes the subject of its section heading, if that names one.
    fn claim(
        &mut self,
        passage: Range<usize>,
        clause: Range<usize>,
        kind: &'static str,
        section: Option<&'static str>,
    ) -> Option<Claim> {
        let doc = self.doc;
        let text = doc.text.text();
        let raw = doc.text.raw_span(passage.clone());
        if raw.end <= raw.start {
            return None;
        }
        let statement = clause_text(&text[clause]);
        let kind = claim_kind(&statement).unwrap_or(kind);
        let f = features(&statement);
        let markers = markers_in(doc, &raw);
        Some(Claim {
            doc_id: doc.doc_id.clone(),
            clean_start: passage.start,
            clean_end: passage.end,
            raw_start: raw.start,
            raw_end: raw.end,
            quote: doc.raw_quote(raw.start, raw.end),
            quote_clean: text[passage].to_string(),
            quantities: claim_quantities(&statement, kind),
            text: statement,
            kind: kind.to_string(),
            subject: f.subjects.first().copied().or(section).map(str::to_string),
            negated: f.negated,
            markers,
        })
    }

    /// Extend the claims at `idx` over the continuation sentence `next`.
    fn attach(&mut self, idx: &[usize], next: Range<usize>) -> bool {
        let doc = self.doc;
        let text = doc.text.text();
        let mut changed = false;
        for &i in idx {
            let Some(c) = self.out.claims.get(i) else {
                continue;
            };
            let passage = c.clean_start..next.end;
            let raw = doc.text.raw_span(passage.clone());
            if raw.end <= raw.start {
                continue;
            }
            let statement = format!("{} {}", c.text, &text[next.clone()]);
            let kind = c.kind.clone();
            let quantities = claim_quantities(&statement, &kind);
            let f = features(&statement);
            let markers = markers_in(doc, &raw);
            let c = &mut self.out.claims[i];
            c.clean_end = passage.end;
            c.raw_start = raw.start;
            c.raw_end = raw.end;
            c.quote = doc.raw_quote(raw.start, raw.end);
            c.quote_clean = text[passage].to_string();
            c.text = statement;
            c.quantities = quantities;
            c.negated = f.negated;
            c.markers = markers;
            changed = true;
        }
        changed
    }
}

/// The subject of a section heading when it names exactly one.
fn section_subject(heading: &str) -> Option<&'static str> {
    match features(heading).subjects[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// Extract the claims of a document, with counts of what was dropped and why.
pub fn extract(doc: &Document) -> Extraction {
    let mut b = Builder {
        doc,
        out: Extraction::default(),
    };
    if !doc.is_ok() {
        return b.out;
    }
    let text = doc.text.text();
    // The one subject the current section heading names ("3. Massage Therapy").
    let mut section: Option<&'static str> = None;
    for (li, lr) in doc.text.lines().into_iter().enumerate() {
        let line = &text[lr.clone()];
        if line.trim().is_empty() {
            continue;
        }
        let marker = sentences::list_marker_len(line);
        let body_start = lr.start + marker;
        let body = &text[body_start..lr.end];
        match doc
            .line_kinds
            .get(li)
            .copied()
            .unwrap_or(LineKind::Paragraph)
        {
            LineKind::Title => {
                b.drop("title");
                continue;
            }
            LineKind::TableRow => {
                b.drop("table-row");
                continue;
            }
            LineKind::Heading => {
                b.drop("heading");
                section = section_subject(body);
                continue;
            }
            LineKind::ListItem | LineKind::Paragraph => {}
        }
        if looks_like_heading(body) {
            // Page furniture that looks like a heading ("Share this article") counts as such.
            let lower_words: Vec<String> =
                vocab::words(body).into_iter().map(|w| w.lower).collect();
            match filter_reason(body, &lower_words) {
                Some(reason @ ("chrome" | "call-to-action")) => b.drop(reason),
                _ => {
                    b.drop("heading");
                    section = section_subject(body);
                }
            }
            continue;
        }
        let mut previous: Vec<usize> = Vec::new();
        for s in sentences::split_sentences(body) {
            let sent_range = body_start + s.start..body_start + s.end;
            let sentence = &text[sent_range.clone()];
            let lower_words: Vec<String> = vocab::words(sentence)
                .into_iter()
                .map(|w| w.lower)
                .collect();
            if let Some(reason) = filter_reason(sentence, &lower_words) {
                b.drop(reason);
                previous.clear();
                continue;
            }
            let Some(kind) = claim_kind(sentence) else {
                b.drop("no-claim-cue");
                previous.clear();
                continue;
            };
            if !previous.is_empty()
                && is_continuation(sentence)
                && b.attach(&previous, sent_range.clone())
            {
                b.out.attached += 1;
                continue;
            }
            let clauses = split_clauses(sentence);
            if clauses.len() > 1 {
                b.out.split += 1;
            }
            previous.clear();
            for c in clauses {
                let clause = sent_range.start + c.start..sent_range.start + c.end;
                match b.claim(sent_range.clone(), clause, kind, section) {
                    Some(claim) => {
                        previous.push(b.out.claims.len());
                        b.out.claims.push(claim);
                    }
                    None => b.drop("unmappable"),
                }
            }
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TrackedText;

    fn doc(text: &str) -> Document {
        let mut d = crate::ingest::decode_document("t", "raw/t.txt", text.as_bytes().to_vec());
        d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
        d
    }

    fn texts(d: &Document) -> Vec<String> {
        extract(d).claims.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn two_subjects_in_one_sentence_make_two_claims() {
        let d = doc("Warm baths can loosen stiff joints, while an ice pack can calm swelling and dull pain.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("heat therapy"));
        assert_eq!(e.claims[1].subject.as_deref(), Some("cold therapy"));
        assert_eq!(
            e.claims[1].text,
            "An ice pack can calm swelling and dull pain."
        );
        // Both keep the whole sentence as their passage.
        assert_eq!(e.claims[0].quote, e.claims[1].quote);
        assert!(e.claims[0].quote.starts_with("Warm baths"));
        assert_eq!(e.split, 1);
    }

    #[test]
    fn and_splits_only_before_a_new_subject_with_a_verb() {
        let d = doc("Ice dulls pain early and heat relaxes tight muscles later.\nAlternate between heat and ice packs to calm the spasm.\n");
        let t = texts(&d);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[1], "Heat relaxes tight muscles later.");
        assert_eq!(
            t[2],
            "Alternate between heat and ice packs to calm the spasm."
        );
    }

    #[test]
    fn no_split_without_a_verb_after_the_first_subject() {
        let d = doc("Switching between heat and cold packs can also help calm the spasm.\n");
        assert_eq!(texts(&d).len(), 1);
    }

    #[test]
    fn result_clause_after_context_is_the_claim() {
        let d = doc("When the back locks up it is hard to rest, so anti-inflammatory pills like naproxen can help a lot.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(
            e.claims[0].text,
            "Anti-inflammatory pills like naproxen can help a lot."
        );
        assert!(e.claims[0].quote.starts_with("When the back"));
    }

    #[test]
    fn claims_without_a_subject_take_their_section_heading_subject() {
        let d = doc("3. Massage\nIt relaxes knotted muscles within minutes.\nHeat and Ice\nIt helps many people feel calmer at night.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("massage"));
        assert_eq!(
            e.claims[1].subject, None,
            "a heading with two subjects gives none"
        );
    }

    #[test]
    fn soft_rhetoric_keeps_sentences_that_name_a_subject() {
        let d = doc("Here's the rule: ice the ankle for 15 minutes.\nHere are some tips that really work.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.dropped.get("rhetoric"), Some(&1));
    }

    #[test]
    fn non_claims_are_dropped_with_reasons() {
        let d = doc(concat!(
            "Heat and Cold Therapy\n",
            "In this guide, we will explore ways to soothe a sore neck.\n",
            "What causes a stiff neck?\n",
            "Share this article with friends.\n",
            "Rest the neck and apply a cold pack to reduce swelling.\n",
            "The sky was grey that morning.\n",
        ));
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.claims[0].kind, "advice");
        let want: BTreeMap<&str, usize> = [
            ("heading", 1),
            ("rhetoric", 1),
            ("question", 1),
            ("call-to-action", 1),
            ("no-claim-cue", 1),
        ]
        .into_iter()
        .collect();
        assert_eq!(e.dropped, want);
    }

    #[test]
    fn continuation_sentences_attach_to_their_antecedent() {
        let d = doc("Relief may come from tablets like naproxen. These lower swelling too. Drink plenty of water daily.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("nsaids"));
        assert!(e.claims[0].quote.ends_with("These lower swelling too."));
        assert_eq!(e.attached, 1);
    }

    #[test]
    fn list_markers_are_not_part_of_the_passage() {
        let d = doc("  • Apply a heat wrap for 15-20 minutes, 2-3 times a day\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        let c = &e.claims[0];
        assert_eq!(
            c.quote,
            "Apply a heat wrap for 15-20 minutes, 2-3 times a day"
        );
        assert_eq!(c.subject.as_deref(), Some("heat therapy"));
        let slots: Vec<Slot> = c.quantities.iter().map(|q| q.measures).collect();
        assert_eq!(slots, [Slot::SessionLength, Slot::Frequency]);
    }

    #[test]
    fn quotes_are_exact_raw_bytes_after_repairs() {
        let raw = "It\u{e2}\u{20ac}\u{2122}s wise to use an ice pack for 15\u{e2}\u{20ac}\u{201c}20 minutes to ease swelling.\n";
        let mut d = crate::ingest::decode_document("m", "raw/m.txt", raw.as_bytes().to_vec());
        crate::repair::repair_document(&mut d);
        d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        let c = &e.claims[0];
        assert_eq!(c.quote, raw.trim_end());
        assert_eq!(
            c.quote_clean,
            "It's wise to use an ice pack for 15\u{2013}20 minutes to ease swelling."
        );
        assert_eq!(
            String::from_utf8_lossy(&d.raw[c.raw_start..c.raw_end]),
            c.quote
        );
        assert_eq!(c.quantities[0].low, 15.0);
        assert_eq!(c.quantities[0].high, 20.0);
    }

    #[test]
    fn negation_subject_and_main_clause() {
        let f = features("If ibuprofen does not help, try paracetamol instead.");
        assert_eq!(f.subjects, ["acetaminophen"]);
        assert!(!f.negated, "the negation is in the condition");
        assert!(f.tokens.contains(&"not".to_string()));
        assert!(features("Do not take ibuprofen if you have an ulcer.").negated);
        let f = features("See a doctor if the pain lasts more than a week.");
        assert_eq!(f.subjects, ["doctor"]);
        assert!(!f.negated);
        // Quantities are masked out of the compared words.
        let f = features("Use a cold pack for 10 minutes.");
        assert!(!f.tokens.iter().any(|t| t.contains("minut")));
        assert!(features("Ibuprofen or paracetamol (pain medicines) can ease it.").coordinated);
        assert!(features("Heat, massage and yoga ease it.").coordinated);
        assert!(!features("Massage reduces stress.").coordinated);
    }

    #[test]
    fn words_naming_a_subjects_kind_are_not_what_is_said() {
        let stems = |t: &str| features(t).tokens;
        let kinds = ["otc", "medic", "medicin", "drug", "tablet"];
        for t in [
            "Over-the-counter pain medications such as naproxen ease sore joints.",
            "Naproxen tablets ease sore joints.",
            "Naproxen is a medicine that eases sore joints.",
        ] {
            let toks = stems(t);
            assert!(
                !toks.iter().any(|w| kinds.contains(&w.as_str())),
                "{t}: {toks:?}"
            );
            assert!(toks.iter().any(|w| w.starts_with("joint")), "{t}: {toks:?}");
        }
        // Not next to a subject, a kind word is part of the claim.
        let toks = stems("Heat lowers the need for pain medication.");
        assert!(toks.iter().any(|w| w.starts_with("medic")), "{toks:?}");
        let toks = stems("Some medicines cause muscle cramps.");
        assert!(toks.iter().any(|w| w.starts_with("medicin")), "{toks:?}");
    }

    #[test]
    fn cause_durations_are_not_sessions() {
        let d = doc("Sitting hunched for 40 minutes can cause neck cramps.\n");
        let e = extract(&d);
        assert_eq!(e.claims[0].kind, "cause");
        assert_eq!(e.claims[0].quantities[0].measures, Slot::Other);
    }

    #[test]
    fn skipped_and_marked_lines_make_no_claims() {
        let mut d = doc("A Title Line\nA heading line here\nIce reduces swelling in sprains.\n");
        d.line_kinds = vec![LineKind::Title, LineKind::Heading, LineKind::Paragraph];
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.dropped.get("title"), Some(&1));
        assert_eq!(e.dropped.get("heading"), Some(&1));
        let mut empty = doc("x");
        empty.status = crate::model::Status::Skipped;
        empty.text = TrackedText::from_str("");
        assert!(extract(&empty).claims.is_empty());
    }
}
