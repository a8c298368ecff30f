//! `factsieve explain ID`: a fact or conflict with every citation and the raw text around
//! it, a document with the edits made to it, or why a raw line is gone
//! (`explain DOC_ID:LINE`, `explain --line TEXT`). Reads `curated/`, the raw files (by the
//! ingest's rules: never a symlink out of the raw folder) and `reports/repairs.csv`;
//! never runs the pipeline. Every answer comes as text and as JSON.

mod lines;
mod raw;
mod records;

pub use lines::{LineAnswer, RuleInfo, MAX_LINES};
pub use raw::{context, Context, RawFiles};
pub use records::{repair_rows, RepairRecord};

use crate::dataset_diff::Dataset;
use lines::Pick;
use records::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Where explain looks.
pub struct Sources<'a> {
    pub raw: &'a Path,
    pub curated: &'a Path,
    pub reports: &'a Path,
    /// Characters of raw context on each side of a passage.
    pub context: usize,
    /// The run's input limits: raw files are read as the pipeline reads them.
    pub limits: crate::ingest::Limits,
}

/// What an id names.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Fact(String),
    Conflict(String),
    Document(String),
}

/// Find what `id` names: an exact id first, else a unique prefix.
pub fn resolve(ds: &Dataset, id: &str) -> Result<Target, String> {
    if ds.facts.contains_key(id) {
        return Ok(Target::Fact(id.into()));
    }
    if ds.conflicts.contains_key(id) {
        return Ok(Target::Conflict(id.into()));
    }
    if ds.documents.contains_key(id) {
        return Ok(Target::Document(id.into()));
    }
    let mut found: Vec<Target> = Vec::new();
    found.extend(
        ds.facts
            .keys()
            .filter(|k| k.starts_with(id))
            .map(|k| Target::Fact(k.clone())),
    );
    found.extend(
        ds.conflicts
            .keys()
            .filter(|k| k.starts_with(id))
            .map(|k| Target::Conflict(k.clone())),
    );
    found.extend(
        ds.documents
            .keys()
            .filter(|k| k.starts_with(id))
            .map(|k| Target::Document(k.clone())),
    );
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no fact, conflict or document with id {id:?} ({} facts, {} conflicts, {} documents)",
            ds.facts.len(),
            ds.conflicts.len(),
            ds.documents.len()
        )),
        n => {
            let names: Vec<String> = found
                .iter()
                .take(10)
                .map(|t| match t {
                    Target::Fact(x) => format!("fact {x}"),
                    Target::Conflict(x) => format!("conflict {x}"),
                    Target::Document(x) => format!("document {x}"),
                })
                .collect();
            Err(format!(
                "{id:?} is ambiguous ({n} matches): {}",
                names.join(", ")
            ))
        }
    }
}

/// What to explain.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A fact id, conflict id or doc_id, or a unique prefix of one.
    Id(String),
    /// Line `line` (1-based) of a document's decoded raw text.
    DocLine { doc_id: String, line: usize },
    /// Every raw line containing this text.
    LineText(String),
}

impl Query {
    /// `DOC_ID:LINE` is a line; anything else an id.
    pub fn parse(s: &str) -> Query {
        if let Some((doc, line)) = s.rsplit_once(':') {
            if let Ok(n) = line.parse::<usize>() {
                if !doc.is_empty() {
                    return Query::DocLine {
                        doc_id: doc.to_string(),
                        line: n,
                    };
                }
            }
        }
        Query::Id(s.to_string())
    }
}

/// An answer, as text and as JSON.
#[derive(Debug, Clone)]
pub struct Explained {
    pub text: String,
    pub json: Value,
}

/// Explain `id` as text.
pub fn explain(src: &Sources, id: &str) -> Result<String, String> {
    explain_query(src, &Query::parse(id)).map(|e| e.text)
}

fn rows_by_doc(reports: &Path) -> Result<BTreeMap<String, Vec<RepairRecord>>, String> {
    let mut by: BTreeMap<String, Vec<RepairRecord>> = BTreeMap::new();
    for r in repair_rows(reports, None)? {
        by.entry(r.doc_id.clone()).or_default().push(r);
    }
    Ok(by)
}

fn lines_explained(query: Value, found: Vec<LineAnswer>, more: bool) -> Explained {
    let mut text: String = found.iter().map(lines::answer_text).collect();
    if more {
        let _ = writeln!(text, "(more lines match: showing the first {MAX_LINES})");
    }
    Explained {
        json: json!({ "kind": "lines", "query": query, "lines": found, "truncated": more }),
        text,
    }
}

/// Explain what `query` names.
pub fn explain_query(src: &Sources, query: &Query) -> Result<Explained, String> {
    let mut raw = RawFiles::new(src.raw, src.limits);
    match query {
        Query::DocLine { doc_id, line } => {
            let rows = rows_by_doc(src.reports)?;
            let found = lines::answers(&mut raw, &rows, doc_id, &Pick::Number(*line))?;
            Ok(lines_explained(
                json!({ "doc_id": doc_id, "line": line }),
                found,
                false,
            ))
        }
        Query::LineText(needle) => {
            let needle = needle.trim();
            if needle.is_empty() {
                return Err("--line needs some text to look for".into());
            }
            let rows = rows_by_doc(src.reports)?;
            let mut found = Vec::new();
            for doc_id in raw.doc_ids() {
                found.extend(lines::answers(
                    &mut raw,
                    &rows,
                    &doc_id,
                    &Pick::Containing(needle),
                )?);
                if found.len() > MAX_LINES {
                    break;
                }
            }
            if found.is_empty() {
                return Err(format!(
                    "no raw line in {} contains {needle:?}",
                    src.raw.display()
                ));
            }
            let more = found.len() > MAX_LINES;
            found.truncate(MAX_LINES);
            Ok(lines_explained(json!({ "text": needle }), found, more))
        }
        Query::Id(id) => {
            let ds = Dataset::load(src.curated)?;
            let ctx = src.context;
            Ok(match resolve(&ds, id)? {
                Target::Fact(f) => {
                    let mut text = explain_fact(&ds, &mut raw, &f, ctx, "");
                    let in_conflicts: Vec<String> = conflicts_of_fact(&ds, &f)
                        .into_iter()
                        .map(|(c, what)| format!("{c} ({what})"))
                        .collect();
                    if !in_conflicts.is_empty() {
                        let _ = writeln!(text, "  in conflicts: {}", in_conflicts.join(", "));
                    }
                    let json = fact_json(&ds, &mut raw, &f, ctx);
                    Explained { text, json }
                }
                Target::Conflict(c) => Explained {
                    text: explain_conflict(&ds, &mut raw, &c, ctx),
                    json: conflict_json(&ds, &mut raw, &c, ctx),
                },
                Target::Document(d) => Explained {
                    text: explain_document(&ds, &mut raw, src.reports, &d, ctx),
                    json: document_json(&ds, src.reports, &d),
                },
            })
        }
    }
}

#[cfg(test)]
mod tests;
