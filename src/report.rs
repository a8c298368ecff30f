//! Reports for people: the per-document diff of raw against clean text with each hunk's
//! rule codes, the line ledger (every raw line kept, repaired or dropped with a reason),
//! and the rows of the repairs table. Pure functions; `output` writes them.

use crate::model::Document;
use crate::text::line_ranges;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What happened to the raw lines of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LineLedger {
    pub raw_lines: usize,
    pub kept: usize,
    pub repaired: usize,
    pub dropped: usize,
    /// Dropped lines by the rule that dropped them.
    pub dropped_by_rule: BTreeMap<String, usize>,
    /// Edits by rule code (all stages).
    pub edits_by_rule: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFate {
    Kept,
    Repaired,
    Dropped(&'static str),
}

/// The fate of every line of the decoded original, in order. A line is dropped by the
/// last edit (in log order) that covers it and leaves nothing; otherwise it is repaired
/// when an edit other than a line-ending change touches it. Lines and edits are matched by
/// binary search over the lines (their starts and ends only grow), so the cost is about
/// (lines + edits) x log(lines), not lines x edits.
pub fn line_fates(doc: &Document) -> Vec<LineFate> {
    let original = doc.text.original();
    let edits = doc.text.edits();
    let lines = line_ranges(original);
    let n = lines.len();
    // The span an edit must cover to drop a line: a blank line is its newline, other
    // lines are their content. Both ends only grow from line to line.
    let spans: Vec<(usize, usize)> = lines
        .iter()
        .map(|r| {
            if r.is_empty() {
                (r.start, (r.end + 1).min(original.len()))
            } else {
                (r.start, r.end)
            }
        })
        .collect();
    // Edits from the last: the first to reach a line is the last that dropped it; `next`
    // skips lines already decided, so each line is visited once.
    let mut dropped: Vec<Option<&'static str>> = vec![None; n];
    let mut next: Vec<usize> = (0..=n).collect();
    for e in edits.iter().rev().filter(|e| e.after.trim().is_empty()) {
        let lo = spans.partition_point(|&(ls, _)| ls < e.orig_start);
        let hi = spans.partition_point(|&(_, le)| le <= e.orig_end);
        let mut i = undecided_from(&mut next, lo);
        while i < hi {
            if spans[i].1 > spans[i].0 {
                dropped[i] = Some(e.rule);
            }
            next[i] = i + 1;
            i = undecided_from(&mut next, i + 1);
        }
    }
    // Lines an edit overlaps, or inserts inside (a changed line ending alone leaves the
    // line's content as it was): a running count over line indices.
    let mut touches = vec![0i64; n + 1];
    for e in edits.iter().filter(|e| e.rule != "E001") {
        let lo = lines.partition_point(|r| r.end <= e.orig_start);
        let hi = lines.partition_point(|r| r.start < e.orig_end);
        if lo < hi {
            touches[lo] += 1;
            touches[hi] -= 1;
        }
    }
    let mut depth = 0i64;
    (0..n)
        .map(|i| {
            depth += touches[i];
            match dropped[i] {
                Some(rule) => LineFate::Dropped(rule),
                None if depth > 0 => LineFate::Repaired,
                None => LineFate::Kept,
            }
        })
        .collect()
}

/// The first line at or after `i` that no edit has decided yet (with path halving).
fn undecided_from(next: &mut [usize], mut i: usize) -> usize {
    while next[i] != i {
        next[i] = next[next[i]];
        i = next[i];
    }
    i
}

pub fn ledger(doc: &Document) -> LineLedger {
    let mut l = LineLedger::default();
    for f in line_fates(doc) {
        l.raw_lines += 1;
        match f {
            LineFate::Kept => l.kept += 1,
            LineFate::Repaired => l.repaired += 1,
            LineFate::Dropped(rule) => {
                l.dropped += 1;
                *l.dropped_by_rule.entry(rule.to_string()).or_default() += 1;
            }
        }
    }
    for e in doc.text.edits() {
        *l.edits_by_rule.entry(e.rule.to_string()).or_default() += 1;
    }
    l
}

/// Unified diff of the decoded raw text against the clean text; every hunk header
/// names the rule codes of the edits inside it. The line operations come from the
/// alignment ([`crate::line_diff`]), so the diff costs one pass over the lines.
pub fn document_diff(doc: &Document) -> String {
    let original = doc.text.original();
    let clean = clean_file_text(doc);
    let crate::line_diff::LineDiff { old, new, ops } =
        crate::line_diff::line_diff(&doc.text, &clean);
    // Where original line `i` starts (the end of the text for `i` past the last line).
    let line_start = |i: usize| old.get(i).map_or(original.len(), |r| r.start);
    let mut rules_of = HunkRules::new(doc.text.edits());
    let mut out = String::new();
    let _ = writeln!(out, "--- raw/{}", file_name(&doc.source));
    let _ = writeln!(out, "+++ clean/{}.txt", doc.doc_id);
    for hunk in similar::group_diff_ops(ops, 1) {
        let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
            continue;
        };
        let lines = first.old_range().start..last.old_range().end;
        let start = line_start(lines.start);
        let end = if lines.end == 0 {
            start
        } else {
            line_start(lines.end)
        };
        let header = similar::udiff::UnifiedHunkHeader::new(&hunk);
        let _ = writeln!(
            out,
            "{header} rules: {}",
            rules_of.within(start, end).join(" ")
        );
        let mut line = |sign: char, v: &str| {
            let _ = write!(out, "{sign}{v}");
            if !v.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        };
        for op in &hunk {
            match *op {
                similar::DiffOp::Equal { old_index, len, .. } => {
                    for r in &old[old_index..old_index + len] {
                        line(' ', &original[r.clone()]);
                    }
                }
                _ => {
                    for r in &old[op.old_range()] {
                        line('-', &original[r.clone()]);
                    }
                    for r in &new[op.new_range()] {
                        line('+', &clean[r.clone()]);
                    }
                }
            }
        }
    }
    out
}

/// The rule codes of the edits touching each hunk, asked for hunks in order: a sweep
/// over the edits sorted by start, keeping those that reach the current hunk. An edit
/// enters once and leaves once (later hunks start later), so the cost is the edits plus
/// the rules reported, not hunks x edits.
struct HunkRules<'a> {
    /// (original start, original end, rule), by start.
    edits: Vec<(usize, usize, &'a str)>,
    /// The first edit not yet entered.
    next: usize,
    /// Entered edits that may still reach a hunk.
    active: Vec<(usize, usize, &'a str)>,
}

impl<'a> HunkRules<'a> {
    fn new(edits: &'a [crate::text::Edit]) -> Self {
        let mut edits: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|e| (e.orig_start, e.orig_end, e.rule))
            .collect();
        edits.sort_by_key(|e| e.0);
        HunkRules {
            edits,
            next: 0,
            active: Vec::new(),
        }
    }

    /// The distinct rules of edits with `orig_start < max(end, start + 1)` and
    /// `orig_end >= start`, sorted. `start` must not decrease from call to call.
    fn within(&mut self, start: usize, end: usize) -> Vec<&'a str> {
        let limit = end.max(start + 1);
        while self.next < self.edits.len() && self.edits[self.next].0 < limit {
            self.active.push(self.edits[self.next]);
            self.next += 1;
        }
        self.active.retain(|e| e.1 >= start);
        let mut rules: Vec<&str> = self.active.iter().map(|e| e.2).collect();
        rules.sort();
        rules.dedup();
        rules
    }
}

/// The clean text as written to `clean/<doc_id>.txt`: one block per line, final newline.
pub fn clean_file_text(doc: &Document) -> String {
    let t = doc.text.text().trim_end_matches('\n');
    if t.is_empty() {
        String::new()
    } else {
        format!("{t}\n")
    }
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

/// One row of `reports/repairs.csv`.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RepairRow {
    pub doc_id: String,
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub status: crate::pipeline::wire::Name,
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub rule: crate::pipeline::wire::Name,
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub rule_name: crate::pipeline::wire::Name,
    #[serde(deserialize_with = "crate::pipeline::wire::static_name")]
    pub stage: crate::pipeline::wire::Name,
    pub raw_start: usize,
    pub raw_end: usize,
    pub before: String,
    pub after: String,
    pub confidence: f32,
    pub evidence: String,
    /// Index of the applied edit in the document's edit log (None for a suggestion). Not in
    /// repairs.csv, nor carried between steps: only the document's own page uses it.
    #[serde(skip)]
    pub edit: Option<usize>,
}

/// Every applied edit and every suggestion of one document, sorted by position.
pub fn document_repair_rows(d: &Document) -> Vec<RepairRow> {
    let row = |status, edit, rule: &'static str, rs, re, before: &str, after: &str, c, ev: &str| {
        let r = crate::rules::get(rule);
        RepairRow {
            doc_id: d.doc_id.clone(),
            status,
            rule,
            rule_name: r.map_or("", |r| r.name),
            stage: r.map_or("", |r| r.stage),
            raw_start: rs,
            raw_end: re,
            before: before.to_string(),
            after: after.to_string(),
            confidence: c,
            evidence: ev.to_string(),
            edit,
        }
    };
    let mut rows: Vec<RepairRow> = d
        .text
        .edits()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            row(
                "applied",
                Some(i),
                e.rule,
                e.raw_start,
                e.raw_end,
                &e.before,
                &e.after,
                e.confidence,
                &e.evidence,
            )
        })
        .chain(d.suggestions.iter().map(|s| {
            row(
                "suggested",
                None,
                s.rule,
                s.raw_start,
                s.raw_end,
                &s.before,
                &s.after,
                s.confidence,
                &s.evidence,
            )
        }))
        .collect();
    // Stable: rows at one position keep the order the edits were made in.
    rows.sort_by(|a, b| {
        (a.raw_start, a.raw_end, a.rule, a.status).cmp(&(b.raw_start, b.raw_end, b.rule, b.status))
    });
    rows
}

/// Every applied edit and every suggestion, sorted by document and position.
pub fn repair_rows(docs: &[Document]) -> Vec<RepairRow> {
    let mut rows: Vec<RepairRow> = docs.iter().flat_map(document_repair_rows).collect();
    rows.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode_document;
    use crate::text::Edit;

    /// The definition of a line's fate, one line against every edit: the reference for
    /// [`line_fates`].
    fn line_fates_by_definition(doc: &Document) -> Vec<LineFate> {
        let original = doc.text.original();
        let edits = doc.text.edits();
        line_ranges(original)
            .into_iter()
            .map(|r| {
                let (ls, le) = if r.is_empty() {
                    (r.start, (r.end + 1).min(original.len()))
                } else {
                    (r.start, r.end)
                };
                let covered_by = |e: &Edit| e.orig_start <= ls && e.orig_end >= le && le > ls;
                if let Some(e) = edits
                    .iter()
                    .rev()
                    .find(|e| covered_by(e) && e.after.trim().is_empty())
                {
                    return LineFate::Dropped(e.rule);
                }
                let touches = edits.iter().filter(|e| e.rule != "E001").any(|e| {
                    (e.orig_start < r.end && e.orig_end > r.start)
                        || (e.orig_start == e.orig_end
                            && e.orig_start > r.start
                            && e.orig_start < r.end)
                });
                if touches {
                    LineFate::Repaired
                } else {
                    LineFate::Kept
                }
            })
            .collect()
    }

    #[test]
    fn line_fates_agree_with_their_definition() {
        // Our fixture articles and the shipped seeds (mojibake, chrome, spun text).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<Vec<u8>> = ["tests/fixtures/articles", "raw"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().flatten())
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
        texts.push("Title\r\n\r\n\r\nShare this\r\nA line\u{a0}with  spaces\n\n".into());
        texts.push(b"".to_vec());
        texts.push(b"\n\n\nLast line without newline".to_vec());
        assert!(texts.len() > 7);
        for raw in texts {
            let d = decode_document("x", "raw/x.txt", raw);
            let d = crate::pipeline::process_documents(vec![d], &crate::pipeline::Quiet)
                .docs
                .remove(0);
            assert_eq!(line_fates(&d), line_fates_by_definition(&d));
        }
    }

    fn processed(raw: &str) -> Document {
        let d = decode_document("x", "raw/x.txt", raw.as_bytes().to_vec());
        crate::pipeline::process_documents(vec![d], &crate::pipeline::Quiet)
            .docs
            .remove(0)
    }

    #[test]
    fn ledger_adds_up_and_line_endings_alone_do_not_count_as_repairs() {
        let d = processed(
            "Walking After a Sprain\r\n\r\nWalk a little every day and rest when it hurts.\r\nShare this article\r\n",
        );
        let fates = line_fates(&d);
        assert_eq!(fates.len(), 4);
        assert_eq!(fates[0], LineFate::Kept);
        assert!(matches!(fates[1], LineFate::Dropped(_)));
        assert_eq!(fates[2], LineFate::Kept);
        assert!(matches!(fates[3], LineFate::Dropped(_)));
        let l = ledger(&d);
        assert_eq!(l.kept + l.repaired + l.dropped, l.raw_lines);
    }

    #[test]
    fn diff_hunks_name_their_rules() {
        let d = processed("A Title Here\n\nIt\u{e2}\u{20ac}\u{2122}s fine to walk every day.\n");
        let diff = document_diff(&d);
        assert!(diff.contains("rules:"), "{diff}");
        assert!(diff.contains("E002"), "{diff}");
        assert!(diff.contains("+It's fine"), "{diff}");
    }
}
