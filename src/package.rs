//! Packaging of `curated/` for other projects: CSV tables with their Table Schemas
//! (`facts.csv`, `citations.csv`), JSON Schemas of the JSONL records generated from the
//! Rust types (`schemas/*.schema.json`), a Frictionless `datapackage.json` describing every
//! file, and a Hugging Face style dataset card (`README.md`). Pure functions of the corpus
//! and of the other files' contents; `output` writes them.

use crate::model::{Conflict, Fact};
use crate::output::DocumentRecord;
use crate::pipeline::RunSummary;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Table Schema field types used by our CSVs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Boolean,
}

impl FieldType {
    fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub description: &'static str,
    pub required: bool,
}

const fn field(
    name: &'static str,
    ty: FieldType,
    required: bool,
    description: &'static str,
) -> Field {
    Field {
        name,
        ty,
        description,
        required,
    }
}

/// A CSV file: its columns and rows, and what the Table Schema says about them.
#[derive(Debug, Clone)]
pub struct Table {
    /// Resource name in datapackage.json.
    pub name: &'static str,
    pub path: &'static str,
    pub description: &'static str,
    pub fields: Vec<Field>,
    pub primary_key: Vec<&'static str>,
    /// (local fields, referenced resource, referenced fields)
    pub foreign_keys: Vec<(Vec<&'static str>, &'static str, Vec<&'static str>)>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The CSV text: a header line always (also with no rows), then the rows.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail; a failed row would only drop that row.
        let _ = w.write_record(self.fields.iter().map(|f| f.name));
        for r in &self.rows {
            let cells = r.iter().zip(&self.fields).map(|(cell, f)| match f.ty {
                FieldType::String => inert_cell(cell).into_owned(),
                _ => cell.clone(),
            });
            let _ = w.write_record(cells);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The Frictionless Table Schema of this table.
    pub fn table_schema(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut v = json!({
                    "name": f.name,
                    "type": f.ty.name(),
                    "description": f.description,
                });
                if f.required {
                    v["constraints"] = json!({ "required": true });
                }
                v
            })
            .collect();
        let mut s = json!({
            "fields": fields,
            "primaryKey": self.primary_key,
            "missingValues": [""],
        });
        if !self.foreign_keys.is_empty() {
            s["foreignKeys"] = self
                .foreign_keys
                .iter()
                .map(|(local, resource, theirs)| {
                    json!({ "fields": local, "reference": { "resource": resource, "fields": theirs } })
                })
                .collect();
        }
        s
    }
}

/// What the CSV tables say about [`inert_cell`] (in their descriptions and the card).
macro_rules! inert_note {
    () => {
        "Text cells that would begin with =, +, -, @, a tab or a carriage return start with an \
         apostrophe (') so that spreadsheets do not run them as formulas; drop that first \
         apostrophe to get the value (the JSONL files hold the exact values)."
    };
}
pub const INERT_CELLS_NOTE: &str = inert_note!();
/// A text cell a spreadsheet would not run as a formula: one that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice on CSV injection).
pub fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn boolean(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

/// `facts.csv`: one row per fact, the JSONL's scalar fields plus counts.
pub fn facts_table(facts: &[Fact]) -> Table {
    use FieldType::*;
    Table {
        name: "facts-table",
        path: "facts.csv",
        description: concat!(
            "One row per fact (the scalar fields of facts.jsonl); citations are in citations.csv. ",
            inert_note!()
        ),
        fields: vec![
            field("id", String, true, "Stable fact id, as in facts.jsonl."),
            field(
                "statement",
                String,
                true,
                "The fact in clean, repaired wording.",
            ),
            field(
                "kind",
                String,
                true,
                "What sort of statement it is (advice, cause, risk, ...).",
            ),
            field(
                "topic",
                String,
                false,
                "What the fact is about, when known.",
            ),
            field(
                "support",
                Integer,
                true,
                "Independent sources that state it.",
            ),
            field(
                "citations",
                Integer,
                true,
                "Number of cited passages (rows in citations.csv).",
            ),
            field(
                "negated",
                Boolean,
                true,
                "The statement is a negation (\"do not ...\").",
            ),
            field(
                "quantities",
                String,
                false,
                "Quantities in the statement, separated by \"; \".",
            ),
        ],
        primary_key: vec!["id"],
        foreign_keys: Vec::new(),
        rows: facts
            .iter()
            .map(|f| {
                vec![
                    f.id.clone(),
                    f.statement.clone(),
                    f.kind.clone(),
                    f.topic.clone().unwrap_or_default(),
                    f.support.to_string(),
                    f.citations.len().to_string(),
                    boolean(f.negated),
                    f.quantities
                        .iter()
                        .map(|q| q.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            })
            .collect(),
    }
}

/// `citations.csv`: one row per (fact, cited passage).
pub fn citations_table(facts: &[Fact]) -> Table {
    use FieldType::*;
    let mut rows = Vec::new();
    for f in facts {
        for c in &f.citations {
            rows.push(vec![
                f.id.clone(),
                c.doc_id.clone(),
                c.start.to_string(),
                c.end.to_string(),
                c.quote.clone(),
                c.quote_clean.clone(),
            ]);
        }
    }
    Table {
        name: "citations",
        path: "citations.csv",
        description: concat!(
            "Every passage that states a fact: decoding raw[start..end] of the document's raw file gives quote. ",
            inert_note!()
        ),
        fields: vec![
            field("fact_id", String, true, "The fact (facts.csv id)."),
            field("doc_id", String, true, "The source document (documents.jsonl doc_id)."),
            field("start", Integer, true, "Byte offset where the passage starts in the raw file."),
            field("end", Integer, true, "Byte offset where the passage ends in the raw file."),
            field("quote", String, true, "The raw passage."),
            field("quote_clean", String, true, "The passage after cleaning and repair."),
        ],
        primary_key: vec!["fact_id", "doc_id", "start", "end"],
        foreign_keys: vec![(vec!["fact_id"], "facts-table", vec!["id"])],
        rows,
    }
}

/// A JSONL file and the JSON Schema of its lines.
#[derive(Debug, Clone)]
pub struct RecordSchema {
    /// Short name: `schemas/<name>.schema.json`.
    pub name: &'static str,
    /// The JSONL file it describes.
    pub data_path: &'static str,
    pub title: &'static str,
    pub schema: Value,
}

impl RecordSchema {
    pub fn path(&self) -> String {
        format!("schemas/{}.schema.json", self.name)
    }
}

/// Descriptions of the contract's fields, for those the Rust types leave undocumented.
const CONTRACT_FIELDS: &[(&str, &str, &str)] = &[
    ("document", "doc_id", "File stem of the raw file."),
    (
        "document",
        "source",
        "Path of the raw file relative to the repository.",
    ),
    (
        "document",
        "status",
        "ok, or skipped: nothing of it is in the dataset.",
    ),
    (
        "document",
        "reason",
        "Why it was skipped, or a decode warning.",
    ),
    ("document", "title", "The article's title as cleaned text."),
    (
        "document",
        "spun",
        "The article was judged machine-spun (synonym-substituted).",
    ),
    (
        "document",
        "near_duplicate_of",
        "doc_id of an earlier document this one copies.",
    ),
    (
        "fact",
        "id",
        "Stable id: the same fact keeps its id across runs and unrelated corpus changes.",
    ),
    ("fact", "statement", "The fact in clean, repaired wording."),
    (
        "fact",
        "citations",
        "Every source passage that states it, at least one.",
    ),
    (
        "Citation",
        "start",
        "Byte offset of the passage in the raw file as stored.",
    ),
    (
        "Citation",
        "end",
        "Byte offset of the end of the passage in the raw file.",
    ),
    (
        "Citation",
        "quote",
        "The raw passage: decoding raw[start..end] gives exactly this.",
    ),
    (
        "Citation",
        "quote_clean",
        "The same passage after cleaning and repair.",
    ),
    ("conflict", "id", "Stable id."),
    (
        "conflict",
        "kind",
        "numeric_mismatch, contradiction, sequence, ...",
    ),
    ("conflict", "subject", "What the sources disagree about."),
    (
        "conflict",
        "sides",
        "Two or more sides, each a value and the facts that say it.",
    ),
    ("ConflictSide", "value", "What this side says."),
    ("ConflictSide", "fact_ids", "The facts that say it."),
    (
        "fact",
        "kind",
        "What sort of statement it is (advice, cause, effect, risk, statistic, warning).",
    ),
    (
        "fact",
        "topic",
        "What the fact is about, normalised, when known.",
    ),
    ("fact", "quantities", "Typed quantities in the statement."),
    (
        "fact",
        "negated",
        "The statement is a negation (\"do not ...\").",
    ),
    (
        "Citation",
        "doc_id",
        "The document the passage is in (documents.jsonl doc_id).",
    ),
    ("Quantity", "low", "Lower end of the interval, in unit."),
    ("Quantity", "high", "Upper end of the interval, in unit."),
    ("Quantity", "bound", "How the interval is bounded."),
    ("Quantity", "measures", "What the quantity measures."),
    ("conflict", "severity", "How much the disagreement matters."),
    ("conflict", "rule", "The rule that flagged it."),
    (
        "conflict",
        "explanation",
        "Why it was flagged, for a reviewer.",
    ),
    (
        "conflict",
        "needs_review",
        "A person should judge whether the sources really disagree.",
    ),
    ("LineLedger", "raw_lines", "Lines of the decoded raw file."),
    ("LineLedger", "kept", "Raw lines kept unchanged."),
    ("LineLedger", "repaired", "Raw lines kept with edits."),
    ("LineLedger", "dropped", "Raw lines removed."),
];

/// Array sizes the contract requires: (record, field, minimum items).
const CONTRACT_MIN_ITEMS: &[(&str, &str, u64)] =
    &[("fact", "citations", 1), ("conflict", "sides", 2)];

fn schema_of<T: JsonSchema>(name: &'static str, title: &str) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut v = generator.into_root_schema_for::<T>().to_value();
    if let Some(o) = v.as_object_mut() {
        o.insert("title".into(), json!(title));
    }
    close_objects(&mut v);
    describe_contract_fields(&mut v, name);
    for (owner, field, min) in CONTRACT_MIN_ITEMS {
        if *owner == name {
            if let Some(p) = v
                .get_mut("properties")
                .and_then(|p| p.get_mut(*field))
                .and_then(Value::as_object_mut)
            {
                p.insert("minItems".into(), json!(min));
            }
        }
    }
    v
}

/// Records are written from these very types, so an unknown property means the schema and
/// the writer drifted apart: say so instead of accepting it.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.contains_key("properties") && !o.contains_key("additionalProperties") {
                o.insert("additionalProperties".into(), Value::Bool(false));
            }
            for x in o.values_mut() {
                close_objects(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(close_objects),
        _ => {}
    }
}

fn describe_contract_fields(v: &mut Value, root: &str) {
    for (owner, field, text) in CONTRACT_FIELDS {
        let target = if *owner == root {
            v.get_mut("properties")
        } else {
            v.get_mut("$defs")
                .and_then(|d| d.get_mut(*owner))
                .and_then(|d| d.get_mut("properties"))
        };
        if let Some(p) = target
            .and_then(|p| p.get_mut(*field))
            .and_then(Value::as_object_mut)
        {
            p.entry("description").or_insert_with(|| json!(text));
        }
    }
}

/// JSON Schemas of the three JSONL record types.
pub fn record_schemas() -> Vec<RecordSchema> {
    vec![
        RecordSchema {
            name: "document",
            data_path: "documents.jsonl",
            title: "factsieve document record (one line of documents.jsonl)",
            schema: schema_of::<DocumentRecord>(
                "document",
                "factsieve document record (one line of documents.jsonl)",
            ),
        },
        RecordSchema {
            name: "fact",
            data_path: "facts.jsonl",
            title: "factsieve fact (one line of facts.jsonl)",
            schema: schema_of::<Fact>("fact", "factsieve fact (one line of facts.jsonl)"),
        },
        RecordSchema {
            name: "conflict",
            data_path: "conflicts.jsonl",
            title: "factsieve conflict (one line of conflicts.jsonl)",
            schema: schema_of::<Conflict>(
                "conflict",
                "factsieve conflict (one line of conflicts.jsonl)",
            ),
        },
    ]
}

/// Pretty JSON with a final newline (stable: serde_json maps are sorted).
pub fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A resource name from a path: lowercase, only `[-a-z0-9._/]`.
fn resource_name(prefix: &str, s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}{body}")
}

/// `datapackage.json`: every file of `curated/` (given by relative path and contents,
/// the data package itself excepted) as a resource.
pub fn datapackage(
    files: &BTreeMap<String, String>,
    clean_files: &[(String, usize)],
    tables: &[&Table],
    schemas: &[RecordSchema],
) -> String {
    let mut resources = Vec::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut unique = |n: String| {
        let k = names.entry(n.clone()).or_insert(0);
        *k += 1;
        if *k == 1 {
            n
        } else {
            format!("{n}-{k}")
        }
    };
    let bytes = |p: &str| files.get(p).map_or(0, String::len);
    for s in schemas {
        resources.push(json!({
            "name": unique(s.name.to_string() + "s"),
            "path": s.data_path,
            "profile": "data-resource",
            "title": s.title,
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "encoding": "utf-8",
            "bytes": bytes(s.data_path),
            "jsonSchema": s.path(),
        }));
    }
    for t in tables {
        resources.push(json!({
            "name": unique(t.name.to_string()),
            "path": t.path,
            "profile": "tabular-data-resource",
            "description": t.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": bytes(t.path),
            "dialect": { "delimiter": ",", "header": true, "doubleQuote": true, "lineTerminator": "\n" },
            "schema": t.table_schema(),
        }));
    }
    for s in schemas {
        let p = s.path();
        resources.push(json!({
            "name": unique(resource_name("schema-", s.name)),
            "path": p,
            "profile": "data-resource",
            "description": format!("JSON Schema of one line of {}.", s.data_path),
            "format": "json",
            "mediatype": "application/schema+json",
            "encoding": "utf-8",
            "bytes": bytes(&p),
        }));
    }
    let described: BTreeSet<String> = resources
        .iter()
        .filter_map(|r| r["path"].as_str().map(str::to_string))
        .collect();
    let sizes: BTreeMap<&str, usize> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.len()))
        .chain(clean_files.iter().map(|(p, n)| (p.as_str(), *n)))
        .filter(|(p, _)| !described.contains(*p))
        .collect();
    for (path, size) in sizes {
        let (name, description, format, mediatype) = if path == "README.md" {
            (
                "dataset-card".to_string(),
                "Dataset card: how the data was made, fields, limitations.".to_string(),
                "md",
                "text/markdown",
            )
        } else if let Some(doc) = path
            .strip_prefix("clean/")
            .and_then(|p| p.strip_suffix(".txt"))
        {
            (
                resource_name("clean-", doc),
                format!("Cleaned, repaired text of document {doc}, one block per line."),
                "txt",
                "text/plain",
            )
        } else {
            (
                resource_name("file-", path),
                String::new(),
                path.rsplit('.').next().unwrap_or(""),
                "application/octet-stream",
            )
        };
        resources.push(json!({
            "name": unique(name),
            "path": path,
            "profile": "data-resource",
            "description": description,
            "format": format,
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": size,
        }));
    }
    pretty(&json!({
        "profile": "data-package",
        "name": "factsieve-curated",
        "title": "factsieve: curated, cited health-advice facts",
        "description": "Facts extracted from scraped health-advice web articles, each with every source passage that states it, and the inconsistencies between them. Not medical advice.",
        "keywords": ["health", "fact extraction", "citations", "web text cleaning"],
        "licenses": [{ "title": "See README.md: quoted passages remain their publishers' copyright", "path": "README.md" }],
        "resources": resources,
    }))
}

/// Hugging Face size category of a row count.
pub fn size_category(n: usize) -> &'static str {
    match n {
        0..1_000 => "n<1K",
        1_000..10_000 => "1K<n<10K",
        10_000..100_000 => "10K<n<100K",
        100_000..1_000_000 => "100K<n<1M",
        _ => "1M<n<10M",
    }
}

/// A readable type of a JSON Schema property ("string or null", "array of Citation").
fn type_label(p: &Value) -> String {
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    if let Some(alts) = p
        .get("anyOf")
        .or_else(|| p.get("oneOf"))
        .and_then(Value::as_array)
    {
        // Alternatives that are all fixed values read as one list of values.
        let values = alts
            .iter()
            .all(|a| a.get("enum").is_some() || a.get("const").is_some());
        let sep = if values { " / " } else { " or " };
        return alts.iter().map(type_label).collect::<Vec<_>>().join(sep);
    }
    if let Some(e) = p.get("enum").and_then(Value::as_array) {
        return e
            .iter()
            .map(|x| {
                x.as_str()
                    .map_or_else(|| x.to_string(), |s| format!("\"{s}\""))
            })
            .collect::<Vec<_>>()
            .join(" / ");
    }
    if let Some(c) = p.get("const") {
        return c
            .as_str()
            .map_or_else(|| c.to_string(), |s| format!("\"{s}\""));
    }
    let base = match p.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_string(),
    };
    if base.starts_with("array") {
        if let Some(items) = p.get("items") {
            return base.replacen("array", &format!("array of {}", type_label(items)), 1);
        }
    }
    if base.starts_with("object") {
        if let Some(ap) = p.get("additionalProperties").filter(|a| a.is_object()) {
            return base.replacen("object", &format!("map of {}", type_label(ap)), 1);
        }
    }
    base
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown table of a schema's properties (and of its nested types).
fn fields_markdown(schema: &Value) -> String {
    let mut s = String::new();
    let table = |s: &mut String, props: &Map<String, Value>, required: &[Value]| {
        let _ = writeln!(s, "| field | type | required | description |");
        let _ = writeln!(s, "|---|---|---|---|");
        for (name, p) in props {
            let req = required.iter().any(|r| r.as_str() == Some(name));
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} |",
                name,
                md_cell(&type_label(p)),
                if req { "yes" } else { "no" },
                md_cell(p.get("description").and_then(Value::as_str).unwrap_or(""))
            );
        }
    };
    let none = Vec::new();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let req = schema
            .get("required")
            .and_then(Value::as_array)
            .unwrap_or(&none);
        table(&mut s, props, req);
    }
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, d) in defs {
            if let Some(props) = d.get("properties").and_then(Value::as_object) {
                let _ = writeln!(s, "\n`{name}`:\n");
                let req = d.get("required").and_then(Value::as_array).unwrap_or(&none);
                table(&mut s, props, req);
            } else {
                let _ = writeln!(s, "\n`{name}`: {}", md_cell(&type_label(d)));
            }
        }
    }
    s
}

/// `README.md`: the dataset card.
pub fn dataset_card(corpus: &RunSummary, schemas: &[RecordSchema]) -> String {
    let docs = corpus.docs.len();
    let ok = corpus.docs.iter().filter(|d| d.is_ok()).count();
    let citations: usize = corpus.facts.iter().map(|f| f.citations.len()).sum();
    let cited_docs: std::collections::BTreeSet<&str> = corpus
        .facts
        .iter()
        .flat_map(|f| f.citations.iter().map(|c| c.doc_id.as_str()))
        .collect();
    let mut s = String::new();
    let _ = write!(
        s,
        "---\n\
license: other\n\
license_name: source-articles-copyright\n\
language:\n- en\n\
pretty_name: factsieve curated health-advice facts\n\
size_categories:\n- {size}\n\
tags:\n- health\n- fact-extraction\n- citations\n- web-text-cleaning\n\
configs:\n\
- config_name: facts\n  default: true\n  data_files:\n  - split: train\n    path: facts.jsonl\n\
- config_name: conflicts\n  data_files:\n  - split: train\n    path: conflicts.jsonl\n\
- config_name: documents\n  data_files:\n  - split: train\n    path: documents.jsonl\n\
- config_name: citations\n  data_files:\n  - split: train\n    path: citations.csv\n\
---\n\n",
        size = size_category(corpus.facts.len())
    );
    let _ = writeln!(s, "# factsieve curated health-advice facts\n");
    let _ = writeln!(
        s,
        "> **Not medical advice.** These are statements found in web articles, extracted and \
         grouped by a program. They are not checked by a clinician, some sources contradict \
         each other (see `conflicts.jsonl`), and extraction makes mistakes. Ask a health \
         professional before acting on any of it.\n"
    );
    let _ = writeln!(
        s,
        "{} facts with {} citations into {} of {} source articles ({} processed, {} skipped), \
         and {} conflicts between facts.\n",
        corpus.facts.len(),
        citations,
        cited_docs.len(),
        docs,
        ok,
        docs - ok,
        corpus.conflicts.len()
    );
    let _ = writeln!(s, "## How the data was made\n");
    let _ = writeln!(
        s,
        "Scraped health-advice articles (one raw file each) go through the `factsieve` \
         pipeline: decoding (UTF-8, UTF-16 or Windows-1252) and encoding repair; cleaning of \
         site chrome, structure and footnote markers; near-duplicate detection (reposts count \
         once); detection and repair of machine-spun wording; extraction of claims; \
         consolidation of claims that say the same thing into one fact that cites every \
         passage; and detection of conflicts between facts. Every text edit is recorded with \
         the rule that made it; the run's reports (`reports/`) show each document's raw and \
         clean text side by side. The same raw files always give byte-identical files here.\n"
    );
    let rules = crate::rules::all();
    if !rules.is_empty() {
        let _ = writeln!(s, "Text rules of this version:\n");
        let _ = writeln!(s, "| code | stage | name | applied | what it does |");
        let _ = writeln!(s, "|---|---|---|---|---|");
        for r in rules {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                r.code,
                r.stage,
                r.name,
                format!("{:?}", r.fix).to_lowercase(),
                md_cell(r.doc)
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Files\n");
    let _ = writeln!(s, "| file | what |");
    let _ = writeln!(s, "|---|---|");
    for (f, what) in [
        (
            "`facts.jsonl`",
            "one consolidated fact per line, with all its citations",
        ),
        ("`facts.csv`", "the facts' scalar fields as a table"),
        (
            "`citations.csv`",
            "one row per (fact, cited passage); `fact_id` refers to `facts.csv`",
        ),
        (
            "`conflicts.jsonl`",
            "one inconsistency between facts per line",
        ),
        (
            "`documents.jsonl`",
            "one line per raw file: status, title, spin and duplicate verdicts",
        ),
        (
            "`clean/<doc_id>.txt`",
            "the cleaned, repaired text of each processed article",
        ),
        (
            "`schemas/*.schema.json`",
            "JSON Schema (2020-12) of each JSONL record type",
        ),
        (
            "`datapackage.json`",
            "Frictionless Data Package: every file, Table Schemas with keys",
        ),
    ] {
        let _ = writeln!(s, "| {f} | {what} |");
    }
    let _ = writeln!(s, "\n## Fields\n");
    let _ = writeln!(
        s,
        "Citation offsets are byte offsets into the raw file as stored: decoding \
         `raw[start..end]` the way the file was decoded (see `encoding` in `documents.jsonl`) \
         gives `quote` exactly. Generated from the schemas in `schemas/`."
    );
    let _ = writeln!(
        s,
        "\nIn `facts.csv` and `citations.csv`: {INERT_CELLS_NOTE}"
    );
    for rs in schemas {
        let _ = writeln!(s, "\n### `{}`\n", rs.data_path);
        s.push_str(&fields_markdown(&rs.schema));
    }
    let _ = writeln!(s, "\n## Limitations\n");
    for l in [
        "Sources are web articles of uneven quality; a fact with many citations is repeated widely, not proven.",
        "Extraction and consolidation are automatic: a fact may be missed, split in two, or merged with a near neighbour; statements are reworded from the sources.",
        "Repairs of spun (synonym-substituted) text are inferred and may pick the wrong word; the raw passage is always kept in `quote`.",
        "Conflicts are flagged by rules; many need a person to judge whether the sources really disagree.",
        "English only.",
    ] {
        let _ = writeln!(s, "- {l}");
    }
    let _ = writeln!(s, "\n## Licence\n");
    let _ = writeln!(
        s,
        "The program that made this dataset is MIT-licensed. The quoted passages and clean texts \
         come from third-party web articles and remain their publishers' copyright: check the \
         sources' terms before you redistribute them. The facts' wording is derived from them."
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Citation;

    fn fact(id: &str, cites: &[(&str, usize, usize)]) -> Fact {
        Fact {
            id: id.into(),
            statement: format!("Statement, with \"quotes\" of {id}"),
            kind: "advice".into(),
            topic: None,
            quantities: vec![],
            negated: false,
            support: cites.len(),
            citations: cites
                .iter()
                .map(|(d, s, e)| Citation {
                    doc_id: d.to_string(),
                    start: *s,
                    end: *e,
                    quote: "q, \"x\"".into(),
                    quote_clean: "q".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn csv_has_a_header_even_without_rows_and_quotes_fields() {
        let t = facts_table(&[]);
        assert_eq!(
            t.to_csv(),
            "id,statement,kind,topic,support,citations,negated,quantities\n"
        );
        let t = citations_table(&[fact("f1", &[("a", 1, 5), ("b", 2, 9)])]);
        let csv = t.to_csv();
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.contains("f1,a,1,5,\"q, \"\"x\"\"\",q\n"), "{csv}");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_made_inert() {
        let mut f = fact("f1", &[("a", 1, 5)]);
        f.citations[0].quote = "=HYPERLINK(\"http://x\")".into();
        f.citations[0].quote_clean = "-2 sets".into();
        let csv = citations_table(&[f.clone()]).to_csv();
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",'-2 sets\n"),
            "{csv}"
        );
        for (cell, inert) in [
            ("+1", "'+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("ok = fine", "ok = fine"),
        ] {
            assert_eq!(inert_cell(cell), inert);
        }
        // Integer columns are not touched.
        assert!(csv.contains(",a,1,5,"), "{csv}");
    }

    #[test]
    fn table_schema_names_keys() {
        let s = citations_table(&[]).table_schema();
        assert_eq!(
            s["primaryKey"],
            json!(["fact_id", "doc_id", "start", "end"])
        );
        assert_eq!(s["foreignKeys"][0]["reference"]["resource"], "facts-table");
        assert_eq!(s["fields"][2]["type"], "integer");
    }

    #[test]
    fn record_schemas_are_closed_and_describe_contract_fields() {
        let schemas = record_schemas();
        let fact = &schemas[1].schema;
        assert_eq!(fact["additionalProperties"], json!(false));
        assert!(fact["properties"]["id"]["description"]
            .as_str()
            .unwrap()
            .contains("Stable"));
        assert_eq!(fact["properties"]["citations"]["minItems"], json!(1));
        assert_eq!(
            schemas[2].schema["properties"]["sides"]["minItems"],
            json!(2)
        );
        let cite = &fact["$defs"]["Citation"];
        assert!(cite["properties"]["quote"]["description"].is_string());
        assert!(fact["required"]
            .as_array()
            .unwrap()
            .contains(&json!("citations")));
    }

    #[test]
    fn datapackage_lists_every_file_once() {
        let facts = [fact("f1", &[("a", 1, 5)])];
        let (ft, ct) = (facts_table(&facts), citations_table(&facts));
        let schemas = record_schemas();
        let mut files = BTreeMap::new();
        for p in [
            "documents.jsonl",
            "facts.jsonl",
            "conflicts.jsonl",
            "README.md",
            "clean/A b.txt",
        ] {
            files.insert(p.to_string(), "x\n".to_string());
        }
        files.insert("facts.csv".into(), ft.to_csv());
        files.insert("citations.csv".into(), ct.to_csv());
        for s in &schemas {
            files.insert(s.path(), pretty(&s.schema));
        }
        let dp: Value =
            serde_json::from_str(&datapackage(&files, &[], &[&ft, &ct], &schemas)).unwrap();
        let res = dp["resources"].as_array().unwrap();
        let mut paths: Vec<&str> = res.iter().map(|r| r["path"].as_str().unwrap()).collect();
        paths.sort();
        let expected: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(paths, expected);
        let names: std::collections::BTreeSet<&str> =
            res.iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), res.len(), "resource names are unique");
        assert!(names.contains("clean-a-b"));
        let re = regex::Regex::new(r"^[-a-z0-9._/]+$").unwrap();
        assert!(names.iter().all(|n| re.is_match(n)));
    }

    #[test]
    fn size_categories() {
        assert_eq!(size_category(0), "n<1K");
        assert_eq!(size_category(1500), "1K<n<10K");
    }
}
