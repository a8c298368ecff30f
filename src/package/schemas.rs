//! JSON Schemas (2020-12) of the JSONL records, generated from the Rust types that write
//! them, with the contract's field descriptions and array sizes added.

use crate::model::{Conflict, Fact};
use crate::output::DocumentRecord;
use schemars::JsonSchema;
use serde_json::{json, Value};

/// A JSONL file and the JSON Schema of its lines.
#[derive(Debug, Clone)]
pub struct RecordSchema {
    /// Short name: `schemas/<name>.jsonschema.json`.
    pub name: &'static str,
    /// The JSONL file it describes.
    pub data_path: &'static str,
    pub title: &'static str,
    pub schema: Value,
}

impl RecordSchema {
    /// Where the schema is written in `curated/`. Not `*.schema.json`: Frictionless takes
    /// files of that name for Table Schemas and fails the package.
    pub fn path(&self) -> String {
        format!("schemas/{}.jsonschema.json", self.name)
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

/// JSON Schemas of the three JSONL record types: documents, facts, conflicts.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
