//! Cleaning: site chrome, title, structure, footnote markers and scraping damage.
//!
//! Runs after repair, one document at a time, in three passes over the tracked text:
//! 1. Line plan: every line is classified from features (position relative to the
//!    body, length, punctuation, stop-word density, script, the phrase registry in
//!    `data/chrome_phrases.txt`, repetition across the corpus). Chrome lines and blank
//!    lines are deleted whole, newline included, so the ledger sees them dropped with
//!    the rule that dropped them; bylines, dates and site names move to `doc.meta`.
//! 2. In-line repairs on kept lines, each with document-level evidence: footnote
//!    markers glued to words, scraping garbage, words split by scraping, table cells
//!    glued together. Low confidence goes to `doc.suggestions`.
//! 3. Layout: one block per line, single spaces, one bullet style; then every line
//!    gets its [`LineKind`].
//!
//! Precision first: a line is dropped only on positive evidence of chrome, and the
//! whole stage is idempotent (cleaning clean text changes nothing).

use crate::lexicon::{self, data_lines};
use crate::model::{DocMeta, Document, LineKind, Marker, Suggestion};
use crate::near_dup;
use crate::text::{line_ranges, Replacement, TrackedText};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

mod chrome;
mod context;
mod features;
mod footnotes;
mod garbage;
mod hints;
mod layout;
mod plan;
mod regions;
mod registry;
mod tail;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_regions;
mod title;

use chrome::*;
use context::*;
use features::*;
use footnotes::*;
use garbage::*;
use layout::*;
use plan::*;
use regions::*;
use tail::*;
use title::*;

pub use features::norm_phrase;
pub use hints::{line_stats, recording, CorpusHints, LineStats, HINT_MAX_GROUPS};
pub use registry::RULES;

// ---------------------------------------------------------------------------------
// The stage

/// Rounds of cleaning at most: a round can expose chrome that the next one sees
/// (a glued line split into cells, a line emptied by garbage removal).
pub(super) const MAX_ROUNDS: usize = 3;

/// Clean one document in place: text, line kinds, meta, markers, suggestions.
/// Rounds run until one changes nothing, so cleaning clean text changes nothing.
pub fn clean_document(doc: &mut Document, hints: &CorpusHints) {
    let mut title_line = None;
    for _ in 0..MAX_ROUNDS {
        let edits = doc.text.edits().len();
        title_line = clean_round(doc, hints);
        if doc.text.edits().len() == edits {
            break;
        }
    }
    let text = doc.text.text();
    let lines: Vec<&str> = line_ranges(text).into_iter().map(|r| &text[r]).collect();
    let mut kinds: Vec<LineKind> = (0..lines.len())
        .map(|i| {
            if Some(i) == title_line {
                LineKind::Title
            } else {
                line_kind(&lines, i)
            }
        })
        .collect();
    mark_spaced_tables(&lines, &mut kinds);
    doc.line_kinds = kinds;
    // Later rounds may find the same suggestion again.
    let mut seen = BTreeSet::new();
    doc.suggestions
        .retain(|s| seen.insert((s.rule, s.raw_start, s.raw_end, s.after.clone())));
}

/// One round of the three passes; returns the index of the title line, if any.
pub(super) fn clean_round(doc: &mut Document, hints: &CorpusHints) -> Option<usize> {
    // Pass 1: drop chrome and blank lines whole.
    let plan = plan_lines(doc.text.text(), hints);
    let len = doc.text.text().len();
    let mut drops = Vec::new();
    for (l, f) in plan.lines.iter().zip(&plan.fates) {
        if let Fate::Drop {
            rule,
            confidence,
            evidence,
        } = f
        {
            let end = (l.range.end + 1).min(len);
            drops.push(
                Replacement::delete(l.range.start..end, rule)
                    .with_confidence(*confidence)
                    .with_evidence(evidence.clone()),
            );
        }
    }
    if let Some(cut) = plan.title_cut.clone() {
        drops.push(
            Replacement::delete(cut, "C016")
                .with_confidence(0.9)
                .with_evidence("site name named elsewhere in the document"),
        );
    }
    doc.text.apply(drops);
    merge_meta(&mut doc.meta, plan.meta);

    // Pass 2: in-line repairs.
    inline_repairs(doc);

    // Pass 3: layout.
    let reps = layout_replacements(doc.text.text());
    doc.text.apply(reps);

    // Everything above the title was dropped: it is the first line.
    plan.title
        .map(|t| plan.fates[..t].iter().filter(|f| !f.is_drop()).count())
}

pub(super) fn merge_meta(meta: &mut DocMeta, found: DocMeta) {
    if meta.byline.is_none() {
        meta.byline = found.byline;
    }
    if meta.date.is_none() {
        meta.date = found.date;
    }
    if meta.site.is_none() {
        meta.site = found.site;
    }
}

pub(super) fn suggestion(
    t: &TrackedText,
    range: Range<usize>,
    after: &str,
    rule: &'static str,
    confidence: f32,
    evidence: impl Into<String>,
) -> Suggestion {
    let raw = t.raw_span(range.clone());
    Suggestion {
        rule,
        raw_start: raw.start,
        raw_end: raw.end,
        before: t.text()[range].to_string(),
        after: after.to_string(),
        confidence,
        evidence: evidence.into(),
    }
}

/// Whether two edits would collide (`TrackedText::apply` keeps only the first).
pub(super) fn collide(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// Pass 2: footnote markers, scraping garbage, split words and glued table cells.
pub(super) fn inline_repairs(doc: &mut Document) {
    let text = doc.text.text().to_string();
    let lines = line_ranges(&text);
    let counts = doc_word_counts(&text);
    let mut reps: Vec<Replacement> = Vec::new();
    let mut suggestions: Vec<Suggestion> = Vec::new();
    let free = |reps: &[Replacement], r: &Range<usize>| !reps.iter().any(|x| collide(&x.range, r));

    for r in &lines {
        for (range, conf, ev) in garbage(&text, r.clone()) {
            if conf >= 0.8 {
                reps.push(
                    Replacement::delete(range, "S006")
                        .with_confidence(conf)
                        .with_evidence(ev),
                );
            } else if conf >= 0.6 {
                suggestions.push(suggestion(&doc.text, range, "", "S006", conf, ev));
            }
        }
    }
    for r in &lines {
        for (range, merged, conf, ev) in split_words(&text, r.clone(), &counts) {
            if !free(&reps, &range) {
                continue;
            }
            if conf >= 0.8 {
                reps.push(
                    Replacement::new(range, merged, "S007")
                        .with_confidence(conf)
                        .with_evidence(ev),
                );
            } else {
                suggestions.push(suggestion(&doc.text, range, &merged, "S007", conf, ev));
            }
        }
    }

    // Table cells are split only on table-like lines next to another glued line.
    let glued: Vec<Vec<usize>> = lines
        .iter()
        .map(|r| glue_points(&text, r.clone()))
        .collect();
    for (i, points) in glued.iter().enumerate() {
        let neighbour =
            (i > 0 && !glued[i - 1].is_empty()) || glued.get(i + 1).is_some_and(|g| !g.is_empty());
        // A short line of three glued headers ("NameDoseTime") is a table by itself.
        let line = &text[lines[i].clone()];
        let header_row = points.len() >= 2 && word_count(line) <= 6;
        let in_table = (neighbour || header_row) && table_like(line);
        for &p in points {
            if in_table && free(&reps, &(p..p)) {
                reps.push(
                    Replacement::new(p..p, " | ", "S004")
                        .with_confidence(0.85)
                        .with_evidence(
                            "glued cells: both halves are words, the glued token is not",
                        ),
                );
            } else if !in_table {
                let w = word_around(&text, p);
                let after = format!("{} | {}", &text[w.start..p], &text[p..w.end]);
                suggestions.push(suggestion(
                    &doc.text,
                    w,
                    &after,
                    "S004",
                    0.5,
                    "glued words outside a table",
                ));
            }
        }
    }

    let finds = footnote_markers(&text);
    let mut markers = Vec::new();
    for rep in finds.deletions {
        if !free(&reps, &rep.range) {
            continue;
        }
        for (number, at) in finds
            .markers
            .iter()
            .filter(|(_, at)| rep.range.contains(at))
        {
            markers.push(Marker {
                number: *number,
                raw_offset: doc.text.raw_span(*at..*at + 1).start,
            });
        }
        reps.push(rep);
    }
    for (range, number) in finds.spaced {
        suggestions.push(suggestion(
            &doc.text,
            range,
            "",
            "S005",
            0.5,
            format!("{number} is a footnote number of this document, standing apart"),
        ));
    }
    doc.text.apply(reps);
    doc.markers.extend(markers);
    doc.suggestions.extend(suggestions);
}

pub(super) fn word_around(text: &str, p: usize) -> Range<usize> {
    let b = text.as_bytes();
    let mut a = p;
    while a > 0 && !b[a - 1].is_ascii_whitespace() {
        a -= 1;
    }
    let mut e = p;
    while e < b.len() && !b[e].is_ascii_whitespace() {
        e += 1;
    }
    a..e
}
