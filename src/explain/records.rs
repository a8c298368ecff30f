//! Facts, conflicts and documents explained: as text for people and as JSON.

use super::raw::{context, context_lines, visible, RawFiles};
use crate::dataset_diff::Dataset;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

/// One row of `reports/repairs.csv`, as explain reads it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepairRecord {
    pub doc_id: String,
    pub status: String,
    pub rule: String,
    #[serde(default)]
    pub rule_name: String,
    pub raw_start: usize,
    pub raw_end: usize,
    pub before: String,
    pub after: String,
    pub confidence: f32,
    #[serde(default)]
    pub evidence: String,
}

/// The rows of `reports/repairs.csv` of one document (every document for `None`).
pub fn repair_rows(reports: &Path, doc_id: Option<&str>) -> Result<Vec<RepairRecord>, String> {
    let path = reports.join("repairs.csv");
    let mut reader = csv::Reader::from_path(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, r) in reader.deserialize::<RepairRecord>().enumerate() {
        let r = r.map_err(|e| format!("{} row {}: {e}", path.display(), i + 2))?;
        if doc_id.is_none_or(|d| d == r.doc_id) {
            rows.push(r);
        }
    }
    Ok(rows)
}

pub(super) fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// Other fields of a record, one `key: value` per entry.
fn other_fields(v: &Value, skip: &[&str]) -> Vec<String> {
    let Some(m) = v.as_object() else {
        return Vec::new();
    };
    m.iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{k}: {}", crate::dataset_diff::short(&text, 160))
        })
        .collect()
}

pub(super) fn explain_fact(
    ds: &Dataset,
    raw: &mut RawFiles,
    id: &str,
    ctx: usize,
    indent: &str,
) -> String {
    let mut s = String::new();
    let Some(f) = ds.facts.get(id) else {
        let _ = writeln!(s, "{indent}fact {id}: not in facts.jsonl");
        return s;
    };
    let _ = writeln!(s, "{indent}fact {id}");
    let _ = writeln!(s, "{indent}  statement: {}", str_of(f, "statement"));
    for l in other_fields(f, &["id", "statement", "citations"]) {
        let _ = writeln!(s, "{indent}  {l}");
    }
    let cites = f
        .get("citations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let _ = writeln!(s, "{indent}  citations ({}):", cites.len());
    for (k, c) in cites.iter().enumerate() {
        let doc = str_of(c, "doc_id");
        let n = |key: &str| c.get(key).and_then(Value::as_u64).unwrap_or(0) as usize;
        let (start, end) = (n("start"), n("end"));
        let _ = writeln!(s, "{indent}  [{}] {doc} bytes {start}..{end}", k + 1);
        for l in context_lines(raw, doc, start, end, Some(str_of(c, "quote")), ctx) {
            let _ = writeln!(s, "{indent}      {l}");
        }
        let (q, qc) = (str_of(c, "quote"), str_of(c, "quote_clean"));
        if q != qc {
            let _ = writeln!(s, "{indent}      clean: {}", visible(qc));
        }
    }
    s
}

pub(super) fn explain_conflict(ds: &Dataset, raw: &mut RawFiles, id: &str, ctx: usize) -> String {
    let mut s = String::new();
    let Some(c) = ds.conflicts.get(id) else {
        return format!("conflict {id}: not in conflicts.jsonl\n");
    };
    let _ = writeln!(
        s,
        "conflict {id}: {}: {}",
        str_of(c, "kind"),
        str_of(c, "subject")
    );
    for l in other_fields(c, &["id", "kind", "subject", "sides"]) {
        let _ = writeln!(s, "  {l}");
    }
    let sides = c
        .get("sides")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (k, side) in sides.iter().enumerate() {
        let _ = writeln!(s, "\nside {}: {}", k + 1, str_of(side, "value"));
        for fid in side
            .get("fact_ids")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            s.push_str(&explain_fact(ds, raw, fid, ctx, "  "));
        }
    }
    s
}

pub(super) fn explain_document(
    ds: &Dataset,
    raw: &mut RawFiles,
    reports: &Path,
    id: &str,
    ctx: usize,
) -> String {
    let mut s = String::new();
    let Some(d) = ds.documents.get(id) else {
        return format!("document {id}: not in documents.jsonl\n");
    };
    let _ = writeln!(s, "document {id}");
    for l in other_fields(d, &["doc_id"]) {
        let _ = writeln!(s, "  {l}");
    }
    let citing: Vec<(&String, &Value)> = ds
        .facts
        .iter()
        .filter(|(_, f)| {
            f.get("citations")
                .and_then(Value::as_array)
                .is_some_and(|cs| cs.iter().any(|c| str_of(c, "doc_id") == id))
        })
        .collect();
    let _ = writeln!(s, "\nfacts citing it ({}):", citing.len());
    for (fid, f) in citing {
        let _ = writeln!(
            s,
            "  {fid}: {}",
            crate::dataset_diff::short(str_of(f, "statement"), 120)
        );
    }
    let rows = match repair_rows(reports, Some(id)) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(s, "\nedits: {e}");
            return s;
        }
    };
    let _ = writeln!(s, "\nedits and suggestions ({}):", rows.len());
    for r in rows {
        let _ = writeln!(
            s,
            "  {} {} {} bytes {}..{}: {:?} -> {:?} (confidence {}){}",
            r.status,
            r.rule,
            r.rule_name,
            r.raw_start,
            r.raw_end,
            r.before,
            r.after,
            r.confidence,
            if r.evidence.is_empty() {
                String::new()
            } else {
                format!(" evidence: {}", r.evidence)
            }
        );
        for l in context_lines(raw, id, r.raw_start, r.raw_end, None, ctx) {
            let _ = writeln!(s, "      {l}");
        }
    }
    s
}

/// The ids of the conflicts that name fact `id` on a side.
pub(super) fn conflicts_of_fact(ds: &Dataset, id: &str) -> Vec<(String, String)> {
    ds.conflicts
        .iter()
        .filter(|(_, c)| {
            c.get("sides").and_then(Value::as_array).is_some_and(|ss| {
                ss.iter().any(|side| {
                    side.get("fact_ids")
                        .and_then(Value::as_array)
                        .is_some_and(|ids| ids.iter().any(|x| x.as_str() == Some(id)))
                })
            })
        })
        .map(|(cid, c)| {
            (
                cid.clone(),
                format!("{}: {}", str_of(c, "kind"), str_of(c, "subject")),
            )
        })
        .collect()
}

/// A fact as JSON: its record, and each citation with its raw context.
pub(super) fn fact_json(ds: &Dataset, raw: &mut RawFiles, id: &str, ctx: usize) -> Value {
    let Some(f) = ds.facts.get(id) else {
        return json!({ "kind": "fact", "id": id, "error": "not in facts.jsonl" });
    };
    let contexts: Vec<Value> =
        f.get("citations")
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                .map(|c| {
                    let n = |key: &str| c.get(key).and_then(Value::as_u64).unwrap_or(0) as usize;
                    let doc = str_of(c, "doc_id");
                    let cx = context(raw, doc, n("start"), n("end"), Some(str_of(c, "quote")), ctx);
                    json!({ "doc_id": doc, "start": n("start"), "end": n("end"), "context": cx })
                })
                .collect()
            })
            .unwrap_or_default();
    let conflicts: Vec<String> = conflicts_of_fact(ds, id)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    json!({
        "kind": "fact",
        "id": id,
        "record": f,
        "citations": contexts,
        "conflicts": conflicts,
    })
}

/// A conflict as JSON: its record and every fact of its sides.
pub(super) fn conflict_json(ds: &Dataset, raw: &mut RawFiles, id: &str, ctx: usize) -> Value {
    let Some(c) = ds.conflicts.get(id) else {
        return json!({ "kind": "conflict", "id": id, "error": "not in conflicts.jsonl" });
    };
    let mut facts = Vec::new();
    for side in c
        .get("sides")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        for fid in side
            .get("fact_ids")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            if let Some(fid) = fid.as_str() {
                facts.push(fact_json(ds, raw, fid, ctx));
            }
        }
    }
    json!({ "kind": "conflict", "id": id, "record": c, "facts": facts })
}

/// A document as JSON: its record, the facts citing it, its edits and suggestions.
pub(super) fn document_json(ds: &Dataset, reports: &Path, id: &str) -> Value {
    let Some(d) = ds.documents.get(id) else {
        return json!({ "kind": "document", "id": id, "error": "not in documents.jsonl" });
    };
    let citing: Vec<&String> = ds
        .facts
        .iter()
        .filter(|(_, f)| {
            f.get("citations")
                .and_then(Value::as_array)
                .is_some_and(|cs| cs.iter().any(|c| str_of(c, "doc_id") == id))
        })
        .map(|(k, _)| k)
        .collect();
    let (edits, error) = match repair_rows(reports, Some(id)) {
        Ok(r) => (r, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    json!({
        "kind": "document",
        "id": id,
        "record": d,
        "facts_citing": citing,
        "edits": edits,
        "edits_error": error,
    })
}
