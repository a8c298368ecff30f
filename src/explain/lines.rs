//! "Why is this line gone?": the fate of one raw line, from the edit log the run wrote
//! (`reports/repairs.csv`) and the raw file decoded as the pipeline decodes it. A line is
//! dropped when one deletion covers it (the smallest such, the most specific), repaired
//! when applied edits touch it, kept otherwise; a skipped document's lines are all gone,
//! for the document's reason.

use super::raw::RawFiles;
use super::records::RepairRecord;
use crate::text::line_ranges;
use serde::Serialize;
use std::collections::BTreeMap;

/// Most lines an answer lists (a search for common words finds many).
pub const MAX_LINES: usize = 50;

/// A rule as the registry documents it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub code: String,
    pub name: &'static str,
    pub stage: &'static str,
    pub fix: crate::rules::Fix,
    pub doc: &'static str,
}

fn rule_info(code: &str) -> Option<RuleInfo> {
    crate::rules::get(code).map(|r| RuleInfo {
        code: r.code.to_string(),
        name: r.name,
        stage: r.stage,
        fix: r.fix,
        doc: r.doc,
    })
}

/// What became of one raw line.
#[derive(Debug, Clone, Serialize)]
pub struct LineAnswer {
    pub doc_id: String,
    /// 1-based line number in the decoded raw text.
    pub line: usize,
    pub raw_start: usize,
    pub raw_end: usize,
    pub text: String,
    /// `dropped`, `repaired`, `kept`, or `document skipped`.
    pub fate: &'static str,
    /// The rule that dropped the line (or the document's skip reason in `evidence`).
    pub rule: Option<RuleInfo>,
    pub confidence: Option<f32>,
    pub evidence: String,
    /// Every edit and suggestion that touches the line.
    pub edits: Vec<RepairRecord>,
}

/// Which lines of a document to answer for.
pub(super) enum Pick<'a> {
    Number(usize),
    Containing(&'a str),
}

fn overlaps(r: &RepairRecord, a: usize, b: usize) -> bool {
    (r.raw_start < b && r.raw_end > a)
        || (r.raw_start == r.raw_end && r.raw_start > a && r.raw_start < b)
}

/// Answers for the picked lines of one document.
pub(super) fn answers(
    raw: &mut RawFiles,
    rows: &BTreeMap<String, Vec<RepairRecord>>,
    doc_id: &str,
    pick: &Pick,
) -> Result<Vec<LineAnswer>, String> {
    let doc = raw.load(doc_id).as_ref().map_err(Clone::clone)?;
    let wanted = |n: usize, line: &str| match pick {
        Pick::Number(k) => *k == n,
        Pick::Containing(t) => line.contains(t),
    };
    if !doc.is_ok() {
        // Nothing of it is in the dataset; its bytes (if it was read) are searched as text.
        let text = String::from_utf8_lossy(&doc.raw);
        let mut out = Vec::new();
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            if wanted(i + 1, content) || (matches!(pick, Pick::Number(1)) && text.is_empty()) {
                out.push(LineAnswer {
                    doc_id: doc_id.to_string(),
                    line: i + 1,
                    raw_start: offset,
                    raw_end: offset + content.len(),
                    text: content.to_string(),
                    fate: "document skipped",
                    rule: None,
                    confidence: None,
                    evidence: doc.reason.clone().unwrap_or_default(),
                    edits: Vec::new(),
                });
            }
            offset += line.len();
        }
        if out.is_empty() && matches!(pick, Pick::Number(_)) {
            out.push(LineAnswer {
                doc_id: doc_id.to_string(),
                line: match pick {
                    Pick::Number(k) => *k,
                    Pick::Containing(_) => 0,
                },
                raw_start: 0,
                raw_end: 0,
                text: String::new(),
                fate: "document skipped",
                rule: None,
                confidence: None,
                evidence: doc.reason.clone().unwrap_or_default(),
                edits: Vec::new(),
            });
        }
        return Ok(out);
    }
    let original = doc.text.original();
    let map = doc.text.raw_map();
    let no_rows = Vec::new();
    let doc_rows = rows.get(doc_id).unwrap_or(&no_rows);
    let mut out = Vec::new();
    for (i, r) in line_ranges(original).into_iter().enumerate() {
        let content = &original[r.clone()];
        if !wanted(i + 1, content) {
            continue;
        }
        // A blank line is its newline; other lines are their content (as the ledger).
        let (ls, le) = if r.is_empty() {
            (r.start, (r.end + 1).min(original.len()))
        } else {
            (r.start, r.end)
        };
        let (a, b) = (map.to_raw(ls), map.to_raw(le));
        let touching: Vec<RepairRecord> = doc_rows
            .iter()
            .filter(|e| overlaps(e, a, b))
            .cloned()
            .collect();
        let dropped_by = touching
            .iter()
            .filter(|e| {
                e.status == "applied"
                    && e.after.trim().is_empty()
                    && e.raw_start <= a
                    && e.raw_end >= b
                    && b > a
            })
            .min_by_key(|e| e.raw_end - e.raw_start);
        let repaired = touching
            .iter()
            .any(|e| e.status == "applied" && e.rule != "E001");
        let (fate, rule, confidence, evidence) = match dropped_by {
            Some(e) => (
                "dropped",
                rule_info(&e.rule),
                Some(e.confidence),
                e.evidence.clone(),
            ),
            None if repaired => ("repaired", None, None, String::new()),
            None => ("kept", None, None, String::new()),
        };
        out.push(LineAnswer {
            doc_id: doc_id.to_string(),
            line: i + 1,
            raw_start: a,
            raw_end: b,
            text: content.to_string(),
            fate,
            rule,
            confidence,
            evidence,
            edits: touching,
        });
    }
    if out.is_empty() {
        if let Pick::Number(k) = pick {
            return Err(format!(
                "{doc_id} has {} lines, no line {k}",
                line_ranges(original).len()
            ));
        }
    }
    Ok(out)
}

/// An answer as text.
pub(super) fn answer_text(a: &LineAnswer) -> String {
    use std::fmt::Write as _;
    let mut s = format!(
        "{}:{} (raw bytes {}..{}): {}\n  {:?}\n",
        a.doc_id, a.line, a.raw_start, a.raw_end, a.fate, a.text
    );
    match (&a.rule, a.fate) {
        (Some(r), _) => {
            let _ = writeln!(
                s,
                "  by {} {} ({}, {:?}): {}",
                r.code, r.name, r.stage, r.fix, r.doc
            );
            let conf = a
                .confidence
                .map_or(String::new(), |c| format!("confidence {c}"));
            let ev = if a.evidence.is_empty() {
                String::new()
            } else {
                format!("; evidence: {}", a.evidence)
            };
            if !conf.is_empty() || !ev.is_empty() {
                let _ = writeln!(s, "  {conf}{ev}");
            }
        }
        (None, "document skipped") => {
            let _ = writeln!(s, "  the whole document was skipped: {}", a.evidence);
        }
        _ => {}
    }
    for e in &a.edits {
        if a.rule.as_ref().is_some_and(|r| r.code == e.rule) && e.after.trim().is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "  {} {} {} bytes {}..{}: {:?} -> {:?} (confidence {})",
            e.status, e.rule, e.rule_name, e.raw_start, e.raw_end, e.before, e.after, e.confidence
        );
    }
    s
}
