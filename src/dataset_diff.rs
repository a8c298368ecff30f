//! What changed between two versions of `curated/`, in a reviewer's terms: documents added,
//! removed or newly skipped; facts added, removed, reworded (same id with a new statement, or
//! a new id citing mostly the same passages) and citations gained or lost; conflicts new,
//! resolved or changed.
//!
//! Records are read as JSON values, not as the Rust types, so fields added later (or written
//! by an older version) are compared without this module knowing them.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
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
        Ok(Self::from_parts(
            &read("documents.jsonl")?,
            &read("facts.jsonl")?,
            &read("conflicts.jsonl")?,
            clean,
        ))
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
        let mut problems = Vec::new();
        let documents = parse_jsonl(documents, "documents.jsonl", "doc_id", &mut problems);
        let facts = parse_jsonl(facts, "facts.jsonl", "id", &mut problems);
        let conflicts = parse_jsonl(conflicts, "conflicts.jsonl", "id", &mut problems);
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

fn parse_jsonl(
    text: &str,
    file: &str,
    key: &str,
    problems: &mut Vec<String>,
) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match v.get(key).and_then(Value::as_str) {
                Some(id) => {
                    if out.insert(id.to_string(), v.clone()).is_some() {
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

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A document as the diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocEntry {
    pub doc_id: String,
    pub status: String,
    pub reason: Option<String>,
    pub title: Option<String>,
}

impl DocEntry {
    fn of(doc_id: &str, v: &Value) -> Self {
        let opt = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        DocEntry {
            doc_id: doc_id.to_string(),
            status: str_field(v, "status").to_string(),
            reason: opt("reason"),
            title: opt("title"),
        }
    }
}

/// One field that differs between two versions of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocChange {
    pub doc_id: String,
    pub fields: Vec<FieldChange>,
    /// Lines of clean text added and removed (None when the clean text is the same).
    pub clean_lines_added: usize,
    pub clean_lines_removed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentChanges {
    pub added: Vec<DocEntry>,
    pub removed: Vec<DocEntry>,
    /// Was processed before, is skipped now.
    pub newly_skipped: Vec<DocEntry>,
    /// Was skipped before, is processed now.
    pub no_longer_skipped: Vec<DocEntry>,
    /// Same status, other fields or clean text changed.
    pub changed: Vec<DocChange>,
}

/// A citation as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CitationRef {
    pub doc_id: String,
    pub start: u64,
    pub end: u64,
    pub quote: String,
}

impl CitationRef {
    fn of(v: &Value) -> Self {
        let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        CitationRef {
            doc_id: str_field(v, "doc_id").to_string(),
            start: n("start"),
            end: n("end"),
            quote: str_field(v, "quote").to_string(),
        }
    }
    fn key(&self) -> (&str, u64, u64) {
        (&self.doc_id, self.start, self.end)
    }
}

fn citations_of(fact: &Value) -> Vec<CitationRef> {
    let mut v: Vec<CitationRef> = fact
        .get("citations")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(CitationRef::of).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactEntry {
    pub id: String,
    pub statement: String,
    pub citations: Vec<CitationRef>,
}

impl FactEntry {
    fn of(id: &str, v: &Value) -> Self {
        FactEntry {
            id: id.to_string(),
            statement: str_field(v, "statement").to_string(),
            citations: citations_of(v),
        }
    }
}

/// A fact present in both versions (same id, or matched by shared citations).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactChange {
    pub old_id: String,
    pub new_id: String,
    /// "id" or "citations": how the two versions were matched.
    pub matched_by: &'static str,
    pub old_statement: String,
    pub new_statement: String,
    pub reworded: bool,
    pub citations_gained: Vec<CitationRef>,
    pub citations_lost: Vec<CitationRef>,
    /// Other fields that differ (kind, topic, support, ...).
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FactChanges {
    pub added: Vec<FactEntry>,
    pub removed: Vec<FactEntry>,
    pub changed: Vec<FactChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictEntry {
    pub id: String,
    pub kind: String,
    pub subject: String,
    /// "value: fact ids" per side.
    pub sides: Vec<SideEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideEntry {
    pub value: String,
    pub fact_ids: Vec<String>,
}

impl ConflictEntry {
    fn of(id: &str, v: &Value) -> Self {
        let sides = v
            .get("sides")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|s| SideEntry {
                        value: str_field(s, "value").to_string(),
                        fact_ids: s
                            .get("fact_ids")
                            .and_then(Value::as_array)
                            .map(|ids| {
                                ids.iter()
                                    .filter_map(Value::as_str)
                                    .map(str::to_string)
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ConflictEntry {
            id: id.to_string(),
            kind: str_field(v, "kind").to_string(),
            subject: str_field(v, "subject").to_string(),
            sides,
        }
    }
    /// Every fact id on any side.
    pub fn fact_ids(&self) -> impl Iterator<Item = &str> {
        self.sides
            .iter()
            .flat_map(|s| s.fact_ids.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictChange {
    pub old_id: String,
    pub new: ConflictEntry,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ConflictChanges {
    pub new: Vec<ConflictEntry>,
    pub resolved: Vec<ConflictEntry>,
    pub changed: Vec<ConflictChange>,
}

/// Counts of every kind of change, for one-line summaries and scripts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub documents_added: usize,
    pub documents_removed: usize,
    pub documents_newly_skipped: usize,
    pub documents_no_longer_skipped: usize,
    pub documents_changed: usize,
    pub facts_added: usize,
    pub facts_removed: usize,
    pub facts_reworded: usize,
    pub facts_changed: usize,
    pub citations_gained: usize,
    pub citations_lost: usize,
    pub conflicts_new: usize,
    pub conflicts_resolved: usize,
    pub conflicts_changed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DatasetDiff {
    pub counts: Counts,
    pub documents: DocumentChanges,
    pub facts: FactChanges,
    pub conflicts: ConflictChanges,
}

impl DatasetDiff {
    pub fn is_empty(&self) -> bool {
        self.counts == Counts::default()
    }
}

/// Fields of `a` and `b` that differ, except the ignored ones, sorted by name.
fn field_changes(a: &Value, b: &Value, ignore: &[&str]) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let (ma, mb) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let keys: BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
    keys.into_iter()
        .filter(|k| !ignore.contains(&k.as_str()))
        .filter_map(|k| {
            let (o, n) = (
                ma.get(k).cloned().unwrap_or(Value::Null),
                mb.get(k).cloned().unwrap_or(Value::Null),
            );
            (o != n).then(|| FieldChange {
                field: k.clone(),
                old: o,
                new: n,
            })
        })
        .collect()
}

/// Line counts added and removed between two texts.
fn line_delta(old: &str, new: &str) -> (usize, usize) {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (0, 0);
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Insert => added += 1,
            similar::ChangeTag::Delete => removed += 1,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

fn diff_documents(old: &Dataset, new: &Dataset) -> DocumentChanges {
    let mut out = DocumentChanges::default();
    for (id, o) in &old.documents {
        if !new.documents.contains_key(id) {
            out.removed.push(DocEntry::of(id, o));
        }
    }
    for (id, n) in &new.documents {
        let Some(o) = old.documents.get(id) else {
            out.added.push(DocEntry::of(id, n));
            continue;
        };
        let (so, sn) = (str_field(o, "status"), str_field(n, "status"));
        if so != sn {
            let e = DocEntry::of(id, n);
            if sn == "skipped" {
                out.newly_skipped.push(e);
            } else {
                out.no_longer_skipped.push(e);
            }
            continue;
        }
        let fields = field_changes(o, n, &["doc_id"]);
        let (oc, nc) = (
            old.clean.get(id).unwrap_or_default(),
            new.clean.get(id).unwrap_or_default(),
        );
        let (added, removed) = if oc == nc {
            (0, 0)
        } else {
            line_delta(&oc, &nc)
        };
        if !fields.is_empty() || oc != nc {
            out.changed.push(DocChange {
                doc_id: id.clone(),
                fields,
                clean_lines_added: added,
                clean_lines_removed: removed,
            });
        }
    }
    out
}

/// Whether two citations name the same passage: same document and overlapping spans,
/// or the same quote (the raw file moved the passage).
fn same_passage(a: &CitationRef, b: &CitationRef) -> bool {
    a.doc_id == b.doc_id
        && ((a.start < b.end && b.start < a.end) || (!a.quote.is_empty() && a.quote == b.quote))
}

/// How much two citation lists share: the share of the shorter list whose passages the
/// other also cites (0..=1), so a fact that grew (more sources) or shrank still matches.
fn citation_overlap(a: &[CitationRef], b: &[CitationRef]) -> f64 {
    let shared = a
        .iter()
        .filter(|x| b.iter().any(|y| same_passage(x, y)))
        .count();
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        0.0
    } else {
        shared as f64 / shorter as f64
    }
}

/// Two facts with different ids are one reworded fact when at least this share of the
/// shorter citation list is shared.
const MIN_CITATION_OVERLAP: f64 = 0.5;

fn fact_change(
    old_id: &str,
    o: &Value,
    new_id: &str,
    n: &Value,
    matched_by: &'static str,
) -> FactChange {
    let (co, cn) = (citations_of(o), citations_of(n));
    let keys_o: BTreeSet<_> = co.iter().map(CitationRef::key).collect();
    let keys_n: BTreeSet<_> = cn.iter().map(CitationRef::key).collect();
    let (so, sn) = (str_field(o, "statement"), str_field(n, "statement"));
    FactChange {
        old_id: old_id.to_string(),
        new_id: new_id.to_string(),
        matched_by,
        old_statement: so.to_string(),
        new_statement: sn.to_string(),
        reworded: so != sn,
        citations_gained: cn
            .iter()
            .filter(|c| !keys_o.contains(&c.key()))
            .cloned()
            .collect(),
        citations_lost: co
            .iter()
            .filter(|c| !keys_n.contains(&c.key()))
            .cloned()
            .collect(),
        fields: field_changes(o, n, &["id", "statement", "citations"]),
    }
}

fn fact_change_is_empty(c: &FactChange) -> bool {
    c.old_id == c.new_id
        && !c.reworded
        && c.citations_gained.is_empty()
        && c.citations_lost.is_empty()
        && c.fields.is_empty()
}

fn diff_facts(old: &Dataset, new: &Dataset) -> FactChanges {
    let mut out = FactChanges::default();
    for (id, n) in &new.facts {
        if let Some(o) = old.facts.get(id) {
            let c = fact_change(id, o, id, n, "id");
            if !fact_change_is_empty(&c) {
                out.changed.push(c);
            }
        }
    }
    // Facts only on one side: pair them by shared passages, best pairs first.
    let gone: Vec<(&String, &Value)> = old
        .facts
        .iter()
        .filter(|(id, _)| !new.facts.contains_key(*id))
        .collect();
    let fresh: Vec<(&String, &Value)> = new
        .facts
        .iter()
        .filter(|(id, _)| !old.facts.contains_key(*id))
        .collect();
    let gone_cites: Vec<Vec<CitationRef>> = gone.iter().map(|(_, v)| citations_of(v)).collect();
    let fresh_cites: Vec<Vec<CitationRef>> = fresh.iter().map(|(_, v)| citations_of(v)).collect();
    // (overlap, difference in citation counts, old index, new index): best overlap first,
    // then the pair closest in size.
    let mut pairs: Vec<(f64, usize, usize, usize)> = Vec::new();
    // Only facts citing a common document can share a passage.
    let mut fresh_by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, cites) in fresh_cites.iter().enumerate() {
        for c in cites {
            fresh_by_doc.entry(c.doc_id.as_str()).or_default().push(j);
        }
    }
    for (i, a) in gone_cites.iter().enumerate() {
        let candidates: BTreeSet<usize> = a
            .iter()
            .filter_map(|c| fresh_by_doc.get(c.doc_id.as_str()))
            .flatten()
            .copied()
            .collect();
        for j in candidates {
            let b = &fresh_cites[j];
            let s = citation_overlap(a, b);
            if s >= MIN_CITATION_OVERLAP {
                pairs.push((s, a.len().abs_diff(b.len()), i, j));
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then((x.2, x.3).cmp(&(y.2, y.3)))
    });
    let (mut used_old, mut used_new) = (vec![false; gone.len()], vec![false; fresh.len()]);
    for (_, _, i, j) in pairs {
        if used_old[i] || used_new[j] {
            continue;
        }
        used_old[i] = true;
        used_new[j] = true;
        out.changed.push(fact_change(
            gone[i].0,
            gone[i].1,
            fresh[j].0,
            fresh[j].1,
            "citations",
        ));
    }
    for (k, (id, v)) in gone.iter().enumerate() {
        if !used_old[k] {
            out.removed.push(FactEntry::of(id, v));
        }
    }
    for (k, (id, v)) in fresh.iter().enumerate() {
        if !used_new[k] {
            out.added.push(FactEntry::of(id, v));
        }
    }
    out.changed.sort_by(|a, b| a.new_id.cmp(&b.new_id));
    out
}

fn diff_conflicts(old: &Dataset, new: &Dataset) -> ConflictChanges {
    let mut out = ConflictChanges::default();
    let mut matched_old: BTreeSet<&str> = BTreeSet::new();
    let mut unmatched_new = Vec::new();
    for (id, n) in &new.conflicts {
        if let Some(o) = old.conflicts.get(id) {
            matched_old.insert(id);
            let fields = field_changes(o, n, &["id"]);
            if !fields.is_empty() {
                out.changed.push(ConflictChange {
                    old_id: id.clone(),
                    new: ConflictEntry::of(id, n),
                    fields,
                });
            }
        } else {
            unmatched_new.push((id, n));
        }
    }
    // A conflict whose id changed but whose kind and subject did not is the same conflict.
    for (id, n) in unmatched_new {
        let key = (str_field(n, "kind"), str_field(n, "subject"));
        let twin = old.conflicts.iter().find(|(oid, o)| {
            !new.conflicts.contains_key(*oid)
                && !matched_old.contains(oid.as_str())
                && (str_field(o, "kind"), str_field(o, "subject")) == key
        });
        match twin {
            Some((oid, o)) => {
                matched_old.insert(oid);
                out.changed.push(ConflictChange {
                    old_id: oid.clone(),
                    new: ConflictEntry::of(id, n),
                    fields: field_changes(o, n, &[]),
                });
            }
            None => out.new.push(ConflictEntry::of(id, n)),
        }
    }
    for (id, o) in &old.conflicts {
        if !matched_old.contains(id.as_str()) {
            out.resolved.push(ConflictEntry::of(id, o));
        }
    }
    out.changed.sort_by(|a, b| a.new.id.cmp(&b.new.id));
    out
}

/// Compare two versions of the dataset.
pub fn diff(old: &Dataset, new: &Dataset) -> DatasetDiff {
    let documents = diff_documents(old, new);
    let facts = diff_facts(old, new);
    let conflicts = diff_conflicts(old, new);
    let counts = Counts {
        documents_added: documents.added.len(),
        documents_removed: documents.removed.len(),
        documents_newly_skipped: documents.newly_skipped.len(),
        documents_no_longer_skipped: documents.no_longer_skipped.len(),
        documents_changed: documents.changed.len(),
        facts_added: facts.added.len(),
        facts_removed: facts.removed.len(),
        facts_reworded: facts.changed.iter().filter(|c| c.reworded).count(),
        facts_changed: facts.changed.len(),
        citations_gained: facts.changed.iter().map(|c| c.citations_gained.len()).sum(),
        citations_lost: facts.changed.iter().map(|c| c.citations_lost.len()).sum(),
        conflicts_new: conflicts.new.len(),
        conflicts_resolved: conflicts.resolved.len(),
        conflicts_changed: conflicts.changed.len(),
    };
    DatasetDiff {
        counts,
        documents,
        facts,
        conflicts,
    }
}

/// At most `max` characters of `s` on one line, with an ellipsis when cut.
pub fn short(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

fn value_short(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", short(s, 60)),
        other => short(&other.to_string(), 60),
    }
}

fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| {
            format!(
                "{}: {} -> {}",
                f.field,
                value_short(&f.old),
                value_short(&f.new)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn citation_text(c: &CitationRef) -> String {
    format!(
        "{} {}..{} \"{}\"",
        c.doc_id,
        c.start,
        c.end,
        short(&c.quote, 70)
    )
}

fn sides_text(c: &ConflictEntry) -> String {
    c.sides
        .iter()
        .map(|s| format!("\"{}\" ({})", short(&s.value, 40), s.fact_ids.join(", ")))
        .collect::<Vec<_>>()
        .join(" vs ")
}

/// One-paragraph summary of the counts.
pub fn summary_lines(c: &Counts) -> Vec<String> {
    vec![
        format!(
            "documents: {} added, {} removed, {} newly skipped, {} no longer skipped, {} changed",
            c.documents_added,
            c.documents_removed,
            c.documents_newly_skipped,
            c.documents_no_longer_skipped,
            c.documents_changed
        ),
        format!(
            "facts: {} added, {} removed, {} changed ({} reworded); citations: {} gained, {} lost",
            c.facts_added,
            c.facts_removed,
            c.facts_changed,
            c.facts_reworded,
            c.citations_gained,
            c.citations_lost
        ),
        format!(
            "conflicts: {} new, {} resolved, {} changed",
            c.conflicts_new, c.conflicts_resolved, c.conflicts_changed
        ),
    ]
}

/// Plain-text rendering for a terminal or a CI log.
pub fn render_text(d: &DatasetDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("no changes\n");
        return s;
    }
    for l in summary_lines(&d.counts) {
        let _ = writeln!(s, "{l}");
    }
    render_sections(d, &mut s, Style::Text);
    s
}

/// Markdown rendering (the body of `reports/changes.md`).
pub fn render_markdown(d: &DatasetDiff) -> String {
    let mut s = String::new();
    for l in summary_lines(&d.counts) {
        let _ = writeln!(s, "- {}", md_escape(&l));
    }
    render_sections(d, &mut s, Style::Markdown);
    s
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Text,
    Markdown,
}

/// Escape the characters that would start Markdown or HTML markup.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn render_sections(d: &DatasetDiff, s: &mut String, style: Style) {
    let esc = |t: &str| match style {
        Style::Text => t.to_string(),
        Style::Markdown => md_escape(t),
    };
    let heading = |s: &mut String, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "\n{t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "\n## {t}\n");
        }
    };
    // `mark` is "+", "-" or "~"; it leads the line in text and the word says what happened.
    let item = |s: &mut String, mark: &str, word: &str, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "  {mark} {word} {t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "- {word} {}", esc(t));
        }
    };
    let sub = |s: &mut String, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "      {t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "  - {}", esc(t));
        }
    };

    let docs = &d.documents;
    if docs != &DocumentChanges::default() {
        heading(s, "Documents");
        let doc_line = |e: &DocEntry| {
            let mut t = format!("{} ({})", e.doc_id, e.status);
            if let Some(title) = &e.title {
                let _ = write!(t, " \"{}\"", short(title, 70));
            }
            if let Some(r) = &e.reason {
                let _ = write!(t, ": {}", short(r, 100));
            }
            t
        };
        for e in &docs.added {
            item(s, "+", "added", &doc_line(e));
        }
        for e in &docs.removed {
            item(s, "-", "removed", &doc_line(e));
        }
        for e in &docs.newly_skipped {
            item(s, "-", "now skipped:", &doc_line(e));
        }
        for e in &docs.no_longer_skipped {
            item(s, "+", "no longer skipped:", &doc_line(e));
        }
        for c in &docs.changed {
            let mut parts = Vec::new();
            if c.clean_lines_added + c.clean_lines_removed > 0 {
                parts.push(format!(
                    "clean text +{} -{} lines",
                    c.clean_lines_added, c.clean_lines_removed
                ));
            }
            let fields: Vec<FieldChange> = c
                .fields
                .iter()
                .filter(|f| f.field != "lines")
                .cloned()
                .collect();
            if !fields.is_empty() {
                parts.push(fields_text(&fields));
            }
            if c.fields.iter().any(|f| f.field == "lines") {
                parts.push("line ledger changed".into());
            }
            item(
                s,
                "~",
                "changed",
                &format!("{}: {}", c.doc_id, parts.join("; ")),
            );
        }
    }

    let facts = &d.facts;
    if facts != &FactChanges::default() {
        heading(s, "Facts");
        for f in &facts.added {
            item(
                s,
                "+",
                "added",
                &format!("{} \"{}\"", f.id, short(&f.statement, 120)),
            );
            for c in &f.citations {
                sub(s, &format!("cites {}", citation_text(c)));
            }
        }
        for f in &facts.removed {
            item(
                s,
                "-",
                "removed",
                &format!("{} \"{}\"", f.id, short(&f.statement, 120)),
            );
        }
        for c in &facts.changed {
            let id = if c.old_id == c.new_id {
                c.new_id.clone()
            } else {
                format!(
                    "{} (was {}, matched by shared citations)",
                    c.new_id, c.old_id
                )
            };
            if c.reworded {
                item(s, "~", "reworded", &id);
                sub(s, &format!("was: \"{}\"", short(&c.old_statement, 120)));
                sub(s, &format!("now: \"{}\"", short(&c.new_statement, 120)));
            } else {
                item(
                    s,
                    "~",
                    "changed",
                    &format!("{id} \"{}\"", short(&c.new_statement, 120)),
                );
            }
            for g in &c.citations_gained {
                sub(s, &format!("+ cites {}", citation_text(g)));
            }
            for l in &c.citations_lost {
                sub(s, &format!("- no longer cites {}", citation_text(l)));
            }
            if !c.fields.is_empty() {
                sub(s, &fields_text(&c.fields));
            }
        }
    }

    let conflicts = &d.conflicts;
    if conflicts != &ConflictChanges::default() {
        heading(s, "Conflicts");
        for c in &conflicts.new {
            item(
                s,
                "+",
                "new",
                &format!("{} {}: {}: {}", c.id, c.kind, c.subject, sides_text(c)),
            );
        }
        for c in &conflicts.resolved {
            item(
                s,
                "-",
                "resolved",
                &format!("{} {}: {}: {}", c.id, c.kind, c.subject, sides_text(c)),
            );
        }
        for c in &conflicts.changed {
            let n = &c.new;
            let id = if c.old_id == n.id {
                n.id.clone()
            } else {
                format!("{} (was {})", n.id, c.old_id)
            };
            item(
                s,
                "~",
                "changed",
                &format!("{id} {}: {}: {}", n.kind, n.subject, sides_text(n)),
            );
            sub(s, &fields_text(&c.fields));
        }
    }
}

/// The title line and note of `reports/changes.md`.
const CHANGES_HEADER: &str = "# Dataset changes\n\n\
This file describes the last run that changed `curated/`, against the dataset that run \
replaced. A run that reproduces the dataset keeps it as it is, so it stays the same \
until the dataset changes again.\n";

/// `reports/changes.md` for a run.
///
/// - no earlier dataset: says this is the first run;
/// - the dataset changed: describes the change against the earlier one;
/// - nothing changed: keeps the existing file as it is (or says nothing changed when there
///   is none), so that a re-run, and `factsieve check`, reproduce the committed file.
pub fn changes_markdown(
    previous: Option<&Dataset>,
    existing: Option<&str>,
    new: &Dataset,
) -> String {
    let Some(old) = previous else {
        return format!(
            "{CHANGES_HEADER}\nFirst run: there was no earlier dataset to compare with. \
             The dataset has {} documents ({} skipped), {} facts and {} conflicts.\n",
            new.documents.len(),
            new.skipped_count(),
            new.facts.len(),
            new.conflicts.len()
        );
    };
    let d = diff(old, new);
    if d.is_empty() {
        return match existing {
            Some(text) => text.to_string(),
            None => format!(
                "{CHANGES_HEADER}\nThe run reproduced the earlier dataset: nothing changed.\n"
            ),
        };
    }
    format!("{CHANGES_HEADER}\n{}", render_markdown(&d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ds(docs: &[Value], facts: &[Value], conflicts: &[Value]) -> Dataset {
        let lines = |v: &[Value]| v.iter().map(|x| format!("{x}\n")).collect::<String>();
        Dataset::from_parts(
            &lines(docs),
            &lines(facts),
            &lines(conflicts),
            Default::default(),
        )
    }

    fn doc(id: &str, status: &str) -> Value {
        json!({"doc_id": id, "status": status, "reason": null, "title": null})
    }

    fn cite(doc: &str, start: u64, end: u64, quote: &str) -> Value {
        json!({"doc_id": doc, "start": start, "end": end, "quote": quote, "quote_clean": quote})
    }

    fn fact(id: &str, statement: &str, cites: Vec<Value>) -> Value {
        json!({"id": id, "statement": statement, "kind": "advice", "citations": cites})
    }

    fn conflict(id: &str, subject: &str, a: &str, b: &str) -> Value {
        json!({"id": id, "kind": "numeric_mismatch", "subject": subject,
               "sides": [{"value": "5 min", "fact_ids": [a]}, {"value": "9 min", "fact_ids": [b]}]})
    }

    #[test]
    fn identical_datasets_have_no_changes() {
        let a = ds(
            &[doc("d1", "ok")],
            &[fact(
                "f1",
                "Walk daily.",
                vec![cite("d1", 0, 11, "Walk daily.")],
            )],
            &[],
        );
        let d = diff(&a, &a.clone());
        assert!(d.is_empty());
        assert_eq!(render_text(&d), "no changes\n");
    }

    #[test]
    fn added_removed_and_skipped_documents() {
        let old = ds(
            &[doc("a", "ok"), doc("b", "ok"), doc("c", "skipped")],
            &[],
            &[],
        );
        let new = ds(
            &[
                doc("a", "ok"),
                doc("b", "skipped"),
                doc("c", "ok"),
                doc("d", "ok"),
            ],
            &[],
            &[],
        );
        let d = diff(&old, &new);
        assert_eq!(d.documents.added[0].doc_id, "d");
        assert_eq!(d.documents.newly_skipped[0].doc_id, "b");
        assert_eq!(d.documents.no_longer_skipped[0].doc_id, "c");
        assert!(d.documents.removed.is_empty());
        let d2 = diff(&new, &old);
        assert_eq!(d2.documents.removed[0].doc_id, "d");
    }

    #[test]
    fn clean_text_changes_are_counted_in_lines() {
        let mut old = ds(&[doc("a", "ok")], &[], &[]);
        let mut new = old.clone();
        old.clean.insert("a".into(), "one\ntwo\n".into());
        new.clean.insert("a".into(), "one\nthree\nfour\n".into());
        let d = diff(&old, &new);
        assert_eq!(d.documents.changed.len(), 1);
        assert_eq!(d.documents.changed[0].clean_lines_added, 2);
        assert_eq!(d.documents.changed[0].clean_lines_removed, 1);
    }

    #[test]
    fn same_id_new_statement_is_reworded_with_citation_changes() {
        let old = ds(
            &[],
            &[fact(
                "f1",
                "Rest for a day.",
                vec![cite("a", 0, 10, "x"), cite("b", 5, 9, "y")],
            )],
            &[],
        );
        let new = ds(
            &[],
            &[fact(
                "f1",
                "Rest for one day.",
                vec![cite("a", 0, 10, "x"), cite("c", 1, 4, "z")],
            )],
            &[],
        );
        let d = diff(&old, &new);
        assert_eq!(d.counts.facts_reworded, 1);
        let c = &d.facts.changed[0];
        assert_eq!(c.matched_by, "id");
        assert_eq!(c.citations_gained[0].doc_id, "c");
        assert_eq!(c.citations_lost[0].doc_id, "b");
        let text = render_text(&d);
        assert!(text.contains("was: \"Rest for a day.\""), "{text}");
        assert!(text.contains("no longer cites b 5..9"), "{text}");
    }

    #[test]
    fn new_id_sharing_most_citations_is_a_rewording_not_add_and_remove() {
        let old = ds(
            &[],
            &[
                fact(
                    "f_old",
                    "Ice helps.",
                    vec![cite("a", 0, 10, "Ice helps."), cite("b", 0, 9, "Ice works")],
                ),
                fact(
                    "f_gone",
                    "Sleep more.",
                    vec![cite("a", 50, 60, "Sleep more")],
                ),
            ],
            &[],
        );
        let new = ds(
            &[],
            &[
                // Passage in "b" moved (raw file edited) but has the same quote.
                fact(
                    "f_new",
                    "Ice can help.",
                    vec![
                        cite("a", 0, 10, "Ice helps."),
                        cite("b", 4, 13, "Ice works"),
                    ],
                ),
                fact(
                    "f_added",
                    "Drink water.",
                    vec![cite("c", 0, 12, "Drink water.")],
                ),
            ],
            &[],
        );
        let d = diff(&old, &new);
        assert_eq!(d.facts.changed.len(), 1);
        let c = &d.facts.changed[0];
        assert_eq!(
            (c.old_id.as_str(), c.new_id.as_str(), c.matched_by),
            ("f_old", "f_new", "citations")
        );
        assert!(c.reworded);
        assert_eq!(d.facts.added[0].id, "f_added");
        assert_eq!(d.facts.removed[0].id, "f_gone");
    }

    #[test]
    fn a_fact_that_grew_under_a_new_id_is_matched() {
        let old = ds(
            &[],
            &[fact(
                "f_a",
                "Ice helps.",
                vec![cite("a", 0, 10, "Ice helps.")],
            )],
            &[],
        );
        let new = ds(
            &[],
            &[fact(
                "f_b",
                "Ice helps.",
                vec![
                    cite("a", 0, 10, "Ice helps."),
                    cite("n", 0, 5, "Ice!"),
                    cite("n", 9, 20, "Use ice."),
                ],
            )],
            &[],
        );
        let d = diff(&old, &new);
        assert!(
            d.facts.added.is_empty() && d.facts.removed.is_empty(),
            "{d:?}"
        );
        assert_eq!(d.facts.changed[0].citations_gained.len(), 2);
        assert!(!d.facts.changed[0].reworded);
    }

    #[test]
    fn other_fact_fields_are_reported() {
        let mut f = fact("f1", "Stretch.", vec![cite("a", 0, 8, "Stretch.")]);
        let old = ds(&[], std::slice::from_ref(&f), &[]);
        f["support"] = json!(2);
        let new = ds(&[], &[f], &[]);
        let d = diff(&old, &new);
        assert_eq!(d.facts.changed[0].fields[0].field, "support");
        assert!(!d.is_empty());
    }

    #[test]
    fn conflicts_new_resolved_and_changed() {
        let old = ds(
            &[],
            &[],
            &[
                conflict("c1", "ice: session length", "f1", "f2"),
                conflict("c2", "heat: session length", "f3", "f4"),
            ],
        );
        let new = ds(
            &[],
            &[],
            &[
                // c1 re-identified with a new id (same kind and subject), sides changed.
                conflict("c9", "ice: session length", "f1", "f5"),
                conflict("c3", "rest: days", "f6", "f7"),
            ],
        );
        let d = diff(&old, &new);
        assert_eq!(d.conflicts.new[0].id, "c3");
        assert_eq!(d.conflicts.resolved[0].id, "c2");
        assert_eq!(d.conflicts.changed[0].old_id, "c1");
        assert_eq!(d.conflicts.changed[0].new.id, "c9");
        let md = render_markdown(&d);
        assert!(md.contains("resolved c2"), "{md}");
    }

    #[test]
    fn bad_lines_are_problems_not_panics() {
        let d = Dataset::from_parts(
            "{\"doc_id\":\"a\"}\nnot json\n{}\n",
            "",
            "",
            Default::default(),
        );
        assert_eq!(d.documents.len(), 1);
        assert_eq!(d.problems.len(), 2);
    }

    #[test]
    fn unreadable_datasets_are_refused_not_read_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("documents.jsonl"), "{\"doc_id\":\"a\"}\n").unwrap();
        std::fs::write(dir.join("facts.jsonl"), b"{\"id\":\"f\xff\"}\n").unwrap();
        let e = Dataset::load(dir).unwrap_err();
        assert!(e.contains("facts.jsonl is not valid UTF-8"), "{e}");
        std::fs::write(dir.join("facts.jsonl"), "{\"id\":\"f1\"}\n{\"id\":\n").unwrap();
        assert!(Dataset::load(dir).is_ok());
        let e = Dataset::load_checked(dir).unwrap_err();
        assert!(e.contains("1 malformed line(s): facts.jsonl line 2"), "{e}");
    }

    #[test]
    fn changes_file_is_kept_when_nothing_changed() {
        let a = ds(&[doc("a", "ok")], &[], &[]);
        let first = changes_markdown(None, None, &a);
        assert!(first.contains("First run"));
        // Re-run over the same dataset: the existing file is kept byte for byte.
        assert_eq!(changes_markdown(Some(&a), Some(&first), &a), first);
        // No existing file and nothing changed: a fixed text.
        let none = changes_markdown(Some(&a), None, &a);
        assert!(none.contains("nothing changed"));
        // A change replaces the file, whatever it said before.
        let b = ds(&[doc("a", "ok"), doc("b", "ok")], &[], &[]);
        let changed = changes_markdown(Some(&a), Some(&first), &b);
        assert!(changed.contains("added b (ok)"), "{changed}");
        assert_eq!(changed, changes_markdown(Some(&a), None, &b));
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md_escape("a*b <i>"), "a\\*b \\<i\\>");
    }

    #[test]
    fn short_cuts_on_char_boundaries() {
        assert_eq!(short("héllo wörld", 5), "héll\u{2026}");
        assert_eq!(short("a\n b", 10), "a b");
    }
}
