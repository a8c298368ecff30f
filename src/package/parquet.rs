//! Parquet copies of the dataset's tables (`facts.parquet`, `citations.parquet`,
//! `documents.parquet`, `conflicts.parquet`), so DuckDB, Polars, pandas and Hugging Face
//! `datasets` read typed columns natively: `doc_id` is a string there whatever it looks
//! like. Each file is made from the JSONL text it mirrors, each record converted against
//! an explicit Arrow schema, strictly: a field added to a record without a column here, or
//! a value of another type, is an error, not a silently missing column. Written
//! uncompressed with fixed writer settings: the same JSONL gives the same bytes.

use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, ListArray, RecordBatch, StringArray,
    StructArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Why a Parquet file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    #[error("{file}: line {line} is not JSON: {source}")]
    Json {
        file: &'static str,
        line: usize,
        source: serde_json::Error,
    },
    #[error("{file}: a record does not fit its columns: {message}")]
    Shape { file: &'static str, message: String },
    #[error("{file}: {source}")]
    Arrow {
        file: &'static str,
        source: ArrowError,
    },
    #[error("{file}: {source}")]
    Parquet {
        file: &'static str,
        source: parquet::errors::ParquetError,
    },
    #[error("writing {file}: {source}")]
    Io {
        file: &'static str,
        source: std::io::Error,
    },
}

/// One Parquet file of `curated/`: where it goes, what it is made from, its columns.
#[derive(Debug, Clone)]
pub struct ParquetTable {
    /// Hugging Face config name, also the stem of the file.
    pub config: &'static str,
    pub path: &'static str,
    /// The JSONL file whose records it holds.
    pub source: &'static str,
    pub description: &'static str,
    pub schema: SchemaRef,
}

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}

fn text_or_null(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn integer(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

fn boolean(name: &str) -> Field {
    Field::new(name, DataType::Boolean, false)
}

fn list_of(name: &str, item: DataType) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new_list_field(item, false))),
        false,
    )
}

fn structure(fields: Vec<Field>) -> DataType {
    DataType::Struct(Fields::from(fields))
}

fn citation_fields() -> Vec<Field> {
    vec![
        text("doc_id"),
        integer("start"),
        integer("end"),
        text("quote"),
        text("quote_clean"),
    ]
}

fn facts_schema() -> Schema {
    let quantity = structure(vec![
        text("text"),
        Field::new("low", DataType::Float64, true),
        Field::new("high", DataType::Float64, true),
        text("unit"),
        text("bound"),
        text("measures"),
    ]);
    Schema::new(vec![
        text("id"),
        text("statement"),
        text("kind"),
        text_or_null("topic"),
        list_of("quantities", quantity),
        boolean("negated"),
        integer("support"),
        list_of("citations", structure(citation_fields())),
    ])
}

fn citations_schema() -> Schema {
    let mut fields = vec![text("fact_id")];
    fields.extend(citation_fields());
    Schema::new(fields)
}

fn documents_schema() -> Schema {
    let by_rule = structure(vec![text("rule"), integer("count")]);
    let lines = structure(vec![
        integer("raw_lines"),
        integer("kept"),
        integer("repaired"),
        integer("dropped"),
        list_of("dropped_by_rule", by_rule.clone()),
        list_of("edits_by_rule", by_rule),
    ]);
    Schema::new(vec![
        text("doc_id"),
        text("source"),
        text("status"),
        text_or_null("reason"),
        text_or_null("title"),
        boolean("spun"),
        text_or_null("near_duplicate_of"),
        text_or_null("encoding"),
        Field::new("spin_score", DataType::Float64, false),
        text_or_null("byline"),
        text_or_null("date"),
        text_or_null("site"),
        list_of("footnote_markers", DataType::Int64),
        Field::new("lines", lines, false),
    ])
}

fn conflicts_schema() -> Schema {
    let side = structure(vec![text("value"), list_of("fact_ids", DataType::Utf8)]);
    Schema::new(vec![
        text("id"),
        text("kind"),
        text("subject"),
        list_of("sides", side),
        text("severity"),
        text("rule"),
        text("explanation"),
        boolean("needs_review"),
        boolean("within_document"),
    ])
}

/// The four Parquet tables, in the order the card lists their configs.
pub fn parquet_tables() -> Vec<ParquetTable> {
    vec![
        ParquetTable {
            config: "facts",
            path: "facts.parquet",
            source: "facts.jsonl",
            description: "facts.jsonl as Parquet: one fact per row, citations and quantities as lists of structs.",
            schema: Arc::new(facts_schema()),
        },
        ParquetTable {
            config: "citations",
            path: "citations.parquet",
            source: "facts.jsonl",
            description: "One row per (fact, cited passage), with exact values (no spreadsheet escaping, unlike citations.csv).",
            schema: Arc::new(citations_schema()),
        },
        ParquetTable {
            config: "documents",
            path: "documents.parquet",
            source: "documents.jsonl",
            description: "documents.jsonl as Parquet; the per-rule line counts are lists of {rule, count}.",
            schema: Arc::new(documents_schema()),
        },
        ParquetTable {
            config: "conflicts",
            path: "conflicts.parquet",
            source: "conflicts.jsonl",
            description: "conflicts.jsonl as Parquet: one conflict per row, sides as a list of structs.",
            schema: Arc::new(conflicts_schema()),
        },
    ]
}

/// The rows of a table from the records of its source file.
fn rows_of(table: &ParquetTable, records: Vec<Value>) -> Vec<Value> {
    match table.config {
        "citations" => records
            .iter()
            .flat_map(|fact| {
                let id = fact["id"].clone();
                let cites = fact["citations"].as_array().cloned().unwrap_or_default();
                cites.into_iter().map(move |mut c| {
                    if let Some(o) = c.as_object_mut() {
                        o.insert("fact_id".into(), id.clone());
                    }
                    c
                })
            })
            .collect(),
        "documents" => records
            .into_iter()
            .map(|mut d| {
                // A map keyed by rule code is not a column type every reader has:
                // a list of {rule, count} is.
                for key in ["dropped_by_rule", "edits_by_rule"] {
                    if let Some(Value::Object(m)) = d["lines"].get(key) {
                        let list: Vec<Value> = m
                            .iter()
                            .map(|(rule, count)| json!({ "rule": rule, "count": count }))
                            .collect();
                        d["lines"][key] = Value::Array(list);
                    }
                }
                d
            })
            .collect(),
        _ => records,
    }
}

/// One Arrow column from the JSON values of its rows, checked against its field: a value
/// of another type, a null in a required field or an object key without a field is an
/// error (`at` says where, for the message).
fn column(field: &Field, values: &[&Value], at: &str) -> Result<ArrayRef, String> {
    let at = format!("{at}.{}", field.name());
    let nullable = field.is_nullable();
    let bad = |v: &Value| format!("{at}: {v} is not a {}", field.data_type());
    // Each scalar row as Some(value), None for an allowed null, or an error.
    fn scalars<'a, T>(
        values: &[&'a Value],
        nullable: bool,
        get: impl Fn(&'a Value) -> Option<T>,
        bad: impl Fn(&Value) -> String,
    ) -> Result<Vec<Option<T>>, String> {
        values
            .iter()
            .map(|v| match get(v) {
                Some(x) => Ok(Some(x)),
                None if v.is_null() && nullable => Ok(None),
                None => Err(bad(v)),
            })
            .collect()
    }
    Ok(match field.data_type() {
        DataType::Utf8 => Arc::new(StringArray::from(scalars(
            values,
            nullable,
            Value::as_str,
            bad,
        )?)),
        DataType::Int64 => Arc::new(Int64Array::from(scalars(
            values,
            nullable,
            Value::as_i64,
            bad,
        )?)),
        DataType::Float64 => Arc::new(Float64Array::from(scalars(
            values,
            nullable,
            Value::as_f64,
            bad,
        )?)),
        DataType::Boolean => Arc::new(BooleanArray::from(scalars(
            values,
            nullable,
            Value::as_bool,
            bad,
        )?)),
        DataType::List(item) => {
            let mut lengths = Vec::with_capacity(values.len());
            let mut items = Vec::new();
            for v in values {
                let list = v.as_array().ok_or_else(|| bad(v))?;
                lengths.push(list.len());
                items.extend(list.iter());
            }
            let child = column(item, &items, &at)?;
            Arc::new(
                ListArray::try_new(
                    item.clone(),
                    OffsetBuffer::from_lengths(lengths),
                    child,
                    None,
                )
                .map_err(|e| format!("{at}: {e}"))?,
            )
        }
        DataType::Struct(fields) => {
            for v in values {
                let o = v.as_object().ok_or_else(|| bad(v))?;
                if let Some(k) = o.keys().find(|k| fields.find(k).is_none()) {
                    return Err(format!("{at}: field {k} has no column"));
                }
            }
            let children = fields
                .iter()
                .map(|f| {
                    let vals: Vec<&Value> = values
                        .iter()
                        .map(|v| v.get(f.name()).unwrap_or(&Value::Null))
                        .collect();
                    column(f, &vals, &at)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Arc::new(
                StructArray::try_new(fields.clone(), children, None)
                    .map_err(|e| format!("{at}: {e}"))?,
            )
        }
        other => return Err(format!("{at}: no conversion to {other}")),
    })
}

/// One record batch of rows that fit `table`'s schema.
fn batch_of(table: &ParquetTable, rows: &[Value]) -> Result<RecordBatch, ParquetError> {
    let file = table.path;
    let root = Field::new("", DataType::Struct(table.schema.fields().clone()), false);
    let refs: Vec<&Value> = rows.iter().collect();
    column(&root, &refs, "")
        .map_err(|message| ParquetError::Shape { file, message })
        .and_then(|records| {
            let records = records
                .as_any()
                .downcast_ref::<StructArray>()
                .cloned()
                .ok_or_else(|| ParquetError::Shape {
                    file,
                    message: "records are not a struct column".into(),
                })?;
            RecordBatch::try_new(table.schema.clone(), records.columns().to_vec())
                .map_err(|source| ParquetError::Arrow { file, source })
        })
}

/// Rows (counting each cited passage of a fact row too) converted and written at a time:
/// a table is never held whole as JSON values or Arrow arrays. Each such group is a row
/// group of the file, so a table this small is one row group.
const ROW_GROUP_WEIGHT: usize = 65_536;

/// What a row costs in the row group: itself and its citations.
fn weight(row: &Value) -> usize {
    1 + row
        .get("citations")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// `table` made from the JSONL text of its source file, written to `out` in row groups.
fn write_table<W: std::io::Write + Send>(
    table: &ParquetTable,
    source: &str,
    out: W,
) -> Result<W, ParquetError> {
    let file = table.path;
    let parquet = |source| ParquetError::Parquet { file, source };
    let props = WriterProperties::builder()
        .set_created_by(concat!("factsieve ", env!("CARGO_PKG_VERSION")).to_string())
        .build();
    let mut writer =
        ArrowWriter::try_new(out, table.schema.clone(), Some(props)).map_err(parquet)?;
    let mut pending: Vec<Value> = Vec::new();
    let mut pending_weight = 0;
    let mut written = false;
    for (i, line) in source.lines().enumerate() {
        let record: Value = serde_json::from_str(line).map_err(|source| ParquetError::Json {
            file: table.source,
            line: i + 1,
            source,
        })?;
        for row in rows_of(table, vec![record]) {
            if pending_weight >= ROW_GROUP_WEIGHT {
                writer.write(&batch_of(table, &pending)?).map_err(parquet)?;
                writer.flush().map_err(parquet)?;
                written = true;
                pending.clear();
                pending_weight = 0;
            }
            pending_weight += weight(&row);
            pending.push(row);
        }
    }
    if !pending.is_empty() || !written {
        writer.write(&batch_of(table, &pending)?).map_err(parquet)?;
    }
    writer.into_inner().map_err(parquet)
}

/// The Parquet files of `curated/`, by path, from the corpus files (by path, as
/// `output::curated_files` makes them), in memory.
pub fn parquet_files(
    files: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Vec<u8>>, ParquetError> {
    let mut out = BTreeMap::new();
    for table in parquet_tables() {
        let source = files.get(table.source).map_or("", String::as_str);
        out.insert(
            table.path.to_string(),
            write_table(&table, source, Vec::new())?,
        );
    }
    Ok(out)
}

/// [`parquet_files`] written straight into the folder `dir` (a large dataset's Parquet
/// files are never held in memory); returns each file's size in bytes, by path.
pub fn write_parquet_files(
    files: &BTreeMap<String, String>,
    dir: &std::path::Path,
) -> Result<BTreeMap<String, usize>, ParquetError> {
    let mut sizes = BTreeMap::new();
    for table in parquet_tables() {
        let file = table.path;
        let io = |source| ParquetError::Io { file, source };
        let source = files.get(table.source).map_or("", String::as_str);
        let f = std::fs::File::create(dir.join(file)).map_err(io)?;
        let mut w = write_table(&table, source, std::io::BufWriter::new(f))?;
        std::io::Write::flush(&mut w).map_err(io)?;
        let len = w.get_ref().metadata().map_err(io)?.len();
        sizes.insert(file.to_string(), len as usize);
    }
    Ok(sizes)
}

/// A Hugging Face `features:` list (YAML lines, indented by `indent`) for an Arrow schema:
/// the card declares every column's type, so `doc_id` is a string for `datasets` too.
pub fn hf_features_yaml(schema: &Schema, indent: usize) -> String {
    let mut s = String::new();
    for f in schema.fields() {
        hf_field(&mut s, f.name(), f.data_type(), indent);
    }
    s
}

fn hf_dtype(t: &DataType) -> Option<&'static str> {
    Some(match t {
        DataType::Utf8 => "string",
        DataType::Int64 => "int64",
        DataType::Float64 => "float64",
        DataType::Boolean => "bool",
        _ => return None,
    })
}

fn hf_field(s: &mut String, name: &str, t: &DataType, indent: usize) {
    let pad = " ".repeat(indent);
    s.push_str(&format!("{pad}- name: {name}\n"));
    hf_type(s, t, indent + 2);
}

/// The type lines of one feature: `dtype:`, `list:` or `struct:`.
fn hf_type(s: &mut String, t: &DataType, indent: usize) {
    let pad = " ".repeat(indent);
    match t {
        DataType::List(item) => match hf_dtype(item.data_type()) {
            Some(d) => s.push_str(&format!("{pad}list: {d}\n")),
            None => {
                s.push_str(&format!("{pad}list:\n"));
                if let DataType::Struct(fields) = item.data_type() {
                    for f in fields {
                        hf_field(s, f.name(), f.data_type(), indent);
                    }
                }
            }
        },
        DataType::Struct(fields) => {
            s.push_str(&format!("{pad}struct:\n"));
            for f in fields {
                hf_field(s, f.name(), f.data_type(), indent);
            }
        }
        other => s.push_str(&format!(
            "{pad}dtype: {}\n",
            hf_dtype(other).unwrap_or("string")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_jsonl() -> String {
        let mut f = crate::package::fixtures::fact("000123", &[("000073", 1, 5), ("b", 2, 9)]);
        f.topic = Some("rest".into());
        let g = crate::package::fixtures::fact("f2", &[("c", 0, 3)]);
        [f, g]
            .iter()
            .map(|x| serde_json::to_string(x).unwrap() + "\n")
            .collect()
    }

    #[test]
    fn large_tables_are_written_in_row_groups_that_read_back_whole() {
        // More cited passages than one row group holds: several groups, every row kept.
        let facts: String = (0..40)
            .map(|i| {
                let cites: Vec<Value> = (0..2000)
                    .map(|k| json!({"doc_id": format!("{k:06}"), "start": k, "end": k + 1, "quote": "q", "quote_clean": "q"}))
                    .collect();
                let f = json!({"id": format!("f{i:03}"), "statement": "s", "kind": "advice", "topic": null,
                    "quantities": [], "negated": false, "support": 1, "citations": cites});
                serde_json::to_string(&f).unwrap() + "\n"
            })
            .collect();
        let table = &parquet_tables()[1];
        let file = write_table(table, &facts, tempfile::tempfile().unwrap()).unwrap();
        let reader = parquet::file::reader::SerializedFileReader::new(file).unwrap();
        use parquet::file::reader::FileReader;
        let meta = reader.metadata();
        assert!(meta.num_row_groups() > 1, "{}", meta.num_row_groups());
        assert_eq!(meta.file_metadata().num_rows(), 80_000);
    }

    #[test]
    fn citations_are_one_row_per_cited_passage() {
        let table = &parquet_tables()[1];
        let records = facts_jsonl()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let rows = rows_of(table, records);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["fact_id"], "000123");
        assert_eq!(rows[0]["doc_id"], "000073");
        assert_eq!(rows[2]["fact_id"], "f2");
    }

    #[test]
    fn rule_maps_become_lists_of_rule_and_count() {
        let table = &parquet_tables()[2];
        let doc =
            json!({"lines": {"dropped_by_rule": {"C001": 2, "S001": 5}, "edits_by_rule": {}}});
        let rows = rows_of(table, vec![doc]);
        assert_eq!(
            rows[0]["lines"]["dropped_by_rule"],
            json!([{"rule": "C001", "count": 2}, {"rule": "S001", "count": 5}])
        );
        assert_eq!(rows[0]["lines"]["edits_by_rule"], json!([]));
    }

    #[test]
    fn same_records_give_the_same_bytes_and_an_unknown_field_is_an_error() {
        let mut files = BTreeMap::new();
        files.insert("facts.jsonl".to_string(), facts_jsonl());
        let a = parquet_files(&files).unwrap();
        let b = parquet_files(&files).unwrap();
        assert_eq!(a, b);
        assert!(a["facts.parquet"].starts_with(b"PAR1"));
        // Empty sources still give files with their columns.
        assert!(a["conflicts.parquet"].starts_with(b"PAR1"));
        files.insert(
            "facts.jsonl".to_string(),
            facts_jsonl().replacen("{\"id\"", "{\"surprise\":1,\"id\"", 1),
        );
        let e = parquet_files(&files).unwrap_err().to_string();
        assert!(e.contains("facts.parquet") && e.contains("surprise"), "{e}");
        files.insert(
            "facts.jsonl".to_string(),
            facts_jsonl().replacen("\"support\":2", "\"support\":\"two\"", 1),
        );
        let e = parquet_files(&files).unwrap_err().to_string();
        assert!(e.contains(".support: \"two\" is not a Int64"), "{e}");
        files.insert(
            "facts.jsonl".to_string(),
            facts_jsonl().replacen(
                "\"statement\":\"Statement",
                "\"statement\":null,\"x\":\"",
                1,
            ),
        );
        assert!(parquet_files(&files).is_err());
    }

    #[test]
    fn hf_features_name_every_column_with_its_type() {
        let yaml = hf_features_yaml(&conflicts_schema(), 2);
        assert!(
            yaml.starts_with("  - name: id\n    dtype: string\n"),
            "{yaml}"
        );
        assert!(
            yaml.contains(
                "  - name: sides\n    list:\n    - name: value\n      dtype: string\n    - name: fact_ids\n      list: string\n"
            ),
            "{yaml}"
        );
        assert!(yaml.contains("  - name: needs_review\n    dtype: bool\n"));
        let docs = hf_features_yaml(&documents_schema(), 0);
        assert!(
            docs.contains("- name: lines\n  struct:\n  - name: raw_lines\n    dtype: int64\n"),
            "{docs}"
        );
    }
}
