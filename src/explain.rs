//! `factsieve explain ID`: a fact or conflict with every citation and the raw text around
//! it, or a document with the edits made to it. Reads `curated/`, the raw files and
//! `reports/repairs.csv`; never runs the pipeline.

use crate::dataset_diff::Dataset;
use crate::model::Document;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where explain looks.
pub struct Sources<'a> {
    pub raw: &'a Path,
    pub curated: &'a Path,
    pub reports: &'a Path,
    /// Characters of raw context on each side of a passage.
    pub context: usize,
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

/// Raw files read once, decoded the way the pipeline decodes them.
struct RawFiles<'a> {
    dir: &'a Path,
    ds: &'a Dataset,
    cache: std::collections::BTreeMap<String, Option<Document>>,
}

impl<'a> RawFiles<'a> {
    fn path_of(&self, doc_id: &str) -> Option<PathBuf> {
        let by_source = self
            .ds
            .documents
            .get(doc_id)
            .and_then(|d| d.get("source"))
            .and_then(Value::as_str)
            .and_then(|s| s.rsplit('/').next())
            .map(|name| self.dir.join(name))
            .filter(|p| p.is_file());
        by_source.or_else(|| {
            let rd = std::fs::read_dir(self.dir).ok()?;
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .find(|p| p.file_stem().is_some_and(|s| s.to_string_lossy() == doc_id))
        })
    }

    fn get(&mut self, doc_id: &str) -> Option<&Document> {
        if !self.cache.contains_key(doc_id) {
            let doc = self.path_of(doc_id).and_then(|p| {
                let bytes = std::fs::read(&p).ok()?;
                Some(crate::ingest::decode_document(
                    doc_id,
                    &p.to_string_lossy(),
                    bytes,
                ))
            });
            self.cache.insert(doc_id.to_string(), doc);
        }
        self.cache.get(doc_id).and_then(Option::as_ref)
    }
}

/// The original-text span of a raw byte span (char boundaries), if it lies in the text.
fn orig_span(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    let original = doc.text.original();
    let map = doc.text.raw_map();
    let mut a = None;
    let mut b = None;
    for i in original
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(original.len()))
    {
        let r = map.to_raw(i);
        if a.is_none() && r >= start {
            a = Some(i);
        }
        if r <= end {
            b = Some(i);
        } else {
            break;
        }
    }
    match (a, b) {
        (Some(a), Some(b)) if a <= b => Some((a, b)),
        _ => None,
    }
}

/// Up to `n` characters of `s` before byte `at` / after byte `at`, on char boundaries.
fn chars_before(s: &str, at: usize, n: usize) -> &str {
    let start = s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..at]
}

fn chars_after(s: &str, at: usize, n: usize) -> &str {
    let end = s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i);
    &s[at..end]
}

fn visible(s: &str) -> String {
    s.replace("\r\n", "\n").replace(['\n', '\r'], " \u{23CE} ")
}

/// A passage in its raw context: line number and `…before «passage» after…`.
fn context_lines(
    raw: &mut RawFiles,
    doc_id: &str,
    start: usize,
    end: usize,
    quote: Option<&str>,
    ctx: usize,
) -> Vec<String> {
    let Some(doc) = raw.get(doc_id) else {
        return vec![format!("(raw file of {doc_id} not found)")];
    };
    let Some((a, b)) = orig_span(doc, start, end) else {
        return vec![format!(
            "(bytes {start}..{end} are outside the raw file of {doc_id}, {} bytes)",
            doc.raw.len()
        )];
    };
    let original = doc.text.original();
    let line = original[..a].matches('\n').count() + 1;
    let before = chars_before(original, a, ctx);
    let after = chars_after(original, b, ctx);
    let mut out = vec![format!(
        "line {line}: {}{}\u{ab}{}\u{bb}{}{}",
        if before.len() < a { "\u{2026}" } else { "" },
        visible(before),
        visible(&original[a..b]),
        visible(after),
        if b + after.len() < original.len() {
            "\u{2026}"
        } else {
            ""
        },
    )];
    if let Some(q) = quote {
        let now = doc.raw_quote(start, end);
        if now != q {
            out.push(format!(
                "warning: the raw file no longer has the quoted passage here (it has {:?})",
                crate::dataset_diff::short(&now, 80)
            ));
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
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

fn explain_fact(ds: &Dataset, raw: &mut RawFiles, id: &str, ctx: usize, indent: &str) -> String {
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

fn explain_conflict(ds: &Dataset, raw: &mut RawFiles, id: &str, ctx: usize) -> String {
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

fn explain_document(
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
    let path = reports.join("repairs.csv");
    let Ok(mut reader) = csv::Reader::from_path(&path) else {
        let _ = writeln!(s, "\nedits: {} not found", path.display());
        return s;
    };
    let headers = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let cols = [
        "doc_id",
        "status",
        "rule",
        "rule_name",
        "raw_start",
        "raw_end",
        "before",
        "after",
        "confidence",
        "evidence",
    ]
    .map(col);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .flatten()
        .filter(|r| cols[0].and_then(|i| r.get(i)) == Some(id))
        .collect();
    let _ = writeln!(s, "\nedits and suggestions ({}):", rows.len());
    for r in rows {
        let f = |k: usize| cols[k].and_then(|i| r.get(i)).unwrap_or("");
        let (start, end) = (
            f(4).parse::<usize>().unwrap_or(0),
            f(5).parse::<usize>().unwrap_or(0),
        );
        let _ = writeln!(
            s,
            "  {} {} {} bytes {start}..{end}: {:?} -> {:?} (confidence {}){}",
            f(1),
            f(2),
            f(3),
            f(6),
            f(7),
            f(8),
            if f(9).is_empty() {
                String::new()
            } else {
                format!(" evidence: {}", f(9))
            }
        );
        for l in context_lines(raw, id, start, end, None, ctx) {
            let _ = writeln!(s, "      {l}");
        }
    }
    s
}

/// Explain `id` as text.
pub fn explain(src: &Sources, id: &str) -> Result<String, String> {
    let ds = Dataset::load(src.curated)?;
    let target = resolve(&ds, id)?;
    let mut raw = RawFiles {
        dir: src.raw,
        ds: &ds,
        cache: Default::default(),
    };
    Ok(match target {
        Target::Fact(f) => {
            let mut s = explain_fact(&ds, &mut raw, &f, src.context, "");
            let in_conflicts: Vec<String> = ds
                .conflicts
                .iter()
                .filter(|(_, c)| {
                    c.get("sides").and_then(Value::as_array).is_some_and(|ss| {
                        ss.iter().any(|side| {
                            side.get("fact_ids")
                                .and_then(Value::as_array)
                                .is_some_and(|ids| ids.iter().any(|x| x.as_str() == Some(&f)))
                        })
                    })
                })
                .map(|(cid, c)| format!("{cid} ({}: {})", str_of(c, "kind"), str_of(c, "subject")))
                .collect();
            if !in_conflicts.is_empty() {
                let _ = writeln!(s, "  in conflicts: {}", in_conflicts.join(", "));
            }
            s
        }
        Target::Conflict(c) => explain_conflict(&ds, &mut raw, &c, src.context),
        Target::Document(d) => explain_document(&ds, &mut raw, src.reports, &d, src.context),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        Dataset::from_parts(
            "{\"doc_id\":\"d1\",\"source\":\"raw/d1.txt\",\"status\":\"ok\"}\n",
            "{\"id\":\"fa1\",\"statement\":\"Walk daily.\",\"citations\":[{\"doc_id\":\"d1\",\"start\":10,\"end\":21,\"quote\":\"Walk daily.\",\"quote_clean\":\"Walk daily.\"}]}\n\
             {\"id\":\"fb2\",\"statement\":\"Sleep.\",\"citations\":[]}\n",
            "{\"id\":\"c1\",\"kind\":\"contradiction\",\"subject\":\"walking\",\"sides\":[{\"value\":\"daily\",\"fact_ids\":[\"fa1\"]},{\"value\":\"never\",\"fact_ids\":[\"fb2\"]}]}\n",
            Default::default(),
        )
    }

    #[test]
    fn ids_resolve_exactly_or_by_unique_prefix() {
        let ds = dataset();
        assert_eq!(resolve(&ds, "fa1"), Ok(Target::Fact("fa1".into())));
        assert_eq!(resolve(&ds, "fb"), Ok(Target::Fact("fb2".into())));
        assert_eq!(resolve(&ds, "c"), Ok(Target::Conflict("c1".into())));
        assert!(resolve(&ds, "f").unwrap_err().contains("ambiguous"));
        assert!(resolve(&ds, "zz").unwrap_err().contains("no fact"));
    }

    #[test]
    fn fact_shows_its_passage_in_context() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("d1.txt"),
            "Intro.\n\n  Walk daily. It helps.\n",
        )
        .unwrap();
        let ds = dataset();
        let mut raw = RawFiles {
            dir: tmp.path(),
            ds: &ds,
            cache: Default::default(),
        };
        let text = explain_fact(&ds, &mut raw, "fa1", 12, "");
        assert!(text.contains("line 3:"), "{text}");
        assert!(text.contains("\u{ab}Walk daily.\u{bb} It helps"), "{text}");
        assert!(!text.contains("warning"), "{text}");
        // The conflict explains both sides' facts.
        let c = explain_conflict(&ds, &mut raw, "c1", 8);
        assert!(c.contains("side 2: never") && c.contains("fact fb2"), "{c}");
    }

    #[test]
    fn moved_passages_and_missing_files_are_reported_not_fatal() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("d1.txt"), "Short.").unwrap();
        let ds = dataset();
        let mut raw = RawFiles {
            dir: tmp.path(),
            ds: &ds,
            cache: Default::default(),
        };
        let lines = context_lines(&mut raw, "d1", 10, 21, Some("Walk daily."), 5);
        assert!(lines[0].contains("outside"), "{lines:?}");
        let lines = context_lines(&mut raw, "nope", 0, 1, None, 5);
        assert!(lines[0].contains("not found"));
    }

    #[test]
    fn context_cuts_on_char_boundaries() {
        let s = "ééé abc ééé";
        let at = s.find("abc").unwrap();
        assert_eq!(chars_before(s, at, 2), "é ");
        assert_eq!(chars_after(s, at + 3, 2), " é");
    }
}
