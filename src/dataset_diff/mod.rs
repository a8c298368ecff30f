//! What changed between two versions of `curated/`, in a reviewer's terms: documents added,
//! removed or newly skipped; facts added, removed, reworded (same id with a new statement, or
//! a new id citing mostly the same passages) and citations gained or lost; conflicts new,
//! resolved or changed.
//!
//! Records are read as JSON values, not as the Rust types, so fields added later (or written
//! by an older version) are compared without this module knowing them.
//!
//! `compare.rs` finds the changes ([`diff`]); `render.rs` writes them for a terminal
//! ([`render_text`]), `changes.md` ([`render_markdown`]) or a pull-request comment
//! ([`render_pull_request`]).

mod compare;
mod render;
#[cfg(test)]
mod tests;

pub use compare::*;
pub use render::*;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One version of the dataset: its records by id and the clean texts by doc_id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub documents: BTreeMap<String, Value>,
    pub facts: BTreeMap<String, Value>,
    pub conflicts: BTreeMap<String, Value>,
    pub clean: CleanTexts,
    /// Lines that could not be read (bad JSON, no id); reported, never fatal.
    pub problems: Vec<String>,
}

/// The clean texts of a dataset by doc_id: given in memory, or read from a `clean/` folder
/// one at a time when asked (a dataset of many documents is never read whole).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanTexts {
    folder: Option<std::path::PathBuf>,
    in_folder: BTreeSet<String>,
    texts: BTreeMap<String, String>,
}

impl CleanTexts {
    /// The `<doc_id>.txt` files of a folder (missing folder: none).
    pub fn in_folder(dir: &Path) -> CleanTexts {
        let mut in_folder = BTreeSet::new();
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "txt") {
                    if let Some(stem) = p.file_stem() {
                        in_folder.insert(stem.to_string_lossy().into_owned());
                    }
                }
            }
        }
        CleanTexts {
            folder: Some(dir.to_path_buf()),
            in_folder,
            texts: BTreeMap::new(),
        }
    }

    pub fn insert(&mut self, doc_id: String, text: String) {
        self.texts.insert(doc_id, text);
    }

    /// The clean text of a document, if the dataset has one.
    pub fn get(&self, doc_id: &str) -> Option<String> {
        if let Some(t) = self.texts.get(doc_id) {
            return Some(t.clone());
        }
        let dir = self
            .folder
            .as_ref()
            .filter(|_| self.in_folder.contains(doc_id))?;
        std::fs::read_to_string(dir.join(format!("{doc_id}.txt"))).ok()
    }
}

impl FromIterator<(String, String)> for CleanTexts {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        CleanTexts {
            texts: iter.into_iter().collect(),
            ..CleanTexts::default()
        }
    }
}

impl Dataset {
    /// Whether `dir` holds a dataset (a `documents.jsonl`).
    pub fn exists(dir: &Path) -> bool {
        dir.join("documents.jsonl").is_file()
    }

    /// Read a `curated/` folder. Missing record files count as empty; a folder without
    /// `documents.jsonl` is not a dataset; a file that cannot be read or is not UTF-8 is an
    /// error (never read as empty). Malformed lines are listed in `problems`.
    pub fn load(dir: &Path) -> Result<Dataset, String> {
        Self::load_with(dir, false)
    }

    /// [`Dataset::load`] with the citations in the compact form of
    /// [`Dataset::from_parts_compact`] (for the diff of a large dataset).
    pub fn load_compact(dir: &Path) -> Result<Dataset, String> {
        Self::load_with(dir, true)
    }

    fn load_with(dir: &Path, compact: bool) -> Result<Dataset, String> {
        if !Self::exists(dir) {
            return Err(format!(
                "{} is not a factsieve dataset (no documents.jsonl)",
                dir.display()
            ));
        }
        let read_file = |p: &Path| -> Result<Option<String>, String> {
            match std::fs::read(p) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(format!("cannot read {}: {e}", p.display())),
                Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| {
                    format!(
                        "{} is not valid UTF-8 (byte {}): not a dataset file factsieve wrote",
                        p.display(),
                        e.utf8_error().valid_up_to()
                    )
                }),
            }
        };
        let read = |name: &str| read_file(&dir.join(name)).map(Option::unwrap_or_default);
        // Clean texts are read one at a time when the diff asks for them.
        let clean = CleanTexts::in_folder(&dir.join("clean"));
        let (documents, facts) = (read("documents.jsonl")?, read("facts.jsonl")?);
        let conflicts = read("conflicts.jsonl")?;
        Ok(Self::parts(&documents, &facts, &conflicts, clean, compact))
    }

    /// [`Dataset::load`], refusing a dataset with malformed lines (for `factsieve diff`,
    /// where a half-read dataset would report records as removed).
    pub fn load_checked(dir: &Path) -> Result<Dataset, String> {
        let d = Self::load(dir)?;
        if d.problems.is_empty() {
            return Ok(d);
        }
        let shown: Vec<&str> = d.problems.iter().take(5).map(String::as_str).collect();
        Err(format!(
            "{} is not a readable dataset: {} malformed line(s): {}",
            dir.display(),
            d.problems.len(),
            shown.join("; ")
        ))
    }

    /// Build from the text of the three JSONL files and the clean texts.
    pub fn from_parts(documents: &str, facts: &str, conflicts: &str, clean: CleanTexts) -> Dataset {
        Self::parts(documents, facts, conflicts, clean, false)
    }

    /// [`Dataset::from_parts`] keeping each citation as an array `[doc_id, start, end,
    /// quote]`: what [`diff`] reads of it, without the clean quote (which only `explain`
    /// shows) and without a map per citation, so a dataset of many citations takes a
    /// fraction of the memory. Done line by line, so the full form is never held.
    pub fn from_parts_compact(
        documents: &str,
        facts: &str,
        conflicts: &str,
        clean: CleanTexts,
    ) -> Dataset {
        Self::parts(documents, facts, conflicts, clean, true)
    }

    fn parts(
        documents: &str,
        facts: &str,
        conflicts: &str,
        clean: CleanTexts,
        compact: bool,
    ) -> Dataset {
        let mut problems = Vec::new();
        let keep = |_: &mut Value| {};
        let documents = parse_jsonl(documents, "documents.jsonl", "doc_id", &mut problems, keep);
        let facts = if compact {
            parse_jsonl(facts, "facts.jsonl", "id", &mut problems, compact_citations)
        } else {
            parse_jsonl(facts, "facts.jsonl", "id", &mut problems, keep)
        };
        let conflicts = parse_jsonl(conflicts, "conflicts.jsonl", "id", &mut problems, keep);
        Dataset {
            documents,
            facts,
            conflicts,
            clean,
            problems,
        }
    }

    pub fn skipped_count(&self) -> usize {
        self.documents
            .values()
            .filter(|d| str_field(d, "status") == "skipped")
            .count()
    }
}

/// A fact's citations as `[doc_id, start, end, quote]` arrays (see
/// [`Dataset::from_parts_compact`]).
fn compact_citations(fact: &mut Value) {
    let Some(cites) = fact.get_mut("citations").and_then(Value::as_array_mut) else {
        return;
    };
    for c in cites.iter_mut() {
        let Some(o) = c.as_object_mut() else {
            continue;
        };
        let mut take = |k: &str| o.remove(k).unwrap_or(Value::Null);
        *c = Value::Array(vec![
            take("doc_id"),
            take("start"),
            take("end"),
            take("quote"),
        ]);
    }
}

fn parse_jsonl(
    text: &str,
    file: &str,
    key: &str,
    problems: &mut Vec<String>,
    shape: impl Fn(&mut Value),
) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(mut v) => match v.get(key).and_then(Value::as_str) {
                Some(id) => {
                    let id = id.to_string();
                    shape(&mut v);
                    if out.insert(id.clone(), v).is_some() {
                        problems.push(format!("{file} line {}: duplicate {key} {id}", i + 1));
                    }
                }
                None => problems.push(format!("{file} line {}: no {key}", i + 1)),
            },
            Err(e) => problems.push(format!("{file} line {}: {e}", i + 1)),
        }
    }
    out
}

pub(crate) fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}
