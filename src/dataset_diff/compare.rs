//! The comparison: documents, facts (matched by id, then by shared citations) and
//! conflicts of two datasets.

use super::{str_field, Dataset};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

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
    /// A citation as written (an object), or in a compact dataset's form
    /// `[doc_id, start, end, quote]`.
    fn of(v: &Value) -> Self {
        if let Some(a) = v.as_array() {
            let s = |i: usize| a.get(i).and_then(Value::as_str).unwrap_or("").to_string();
            let n = |i: usize| a.get(i).and_then(Value::as_u64).unwrap_or(0);
            return CitationRef {
                doc_id: s(0),
                start: n(1),
                end: n(2),
                quote: s(3),
            };
        }
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
