//! The Parquet files of `curated/` hold the JSONL's records: read back with the parquet
//! crate's row reader (not the Arrow path that wrote them), every row equals the record
//! it mirrors, ids stay strings, and a rewrite gives identical bytes. Checked on the
//! committed dataset and on one written from hand-built facts with digit-only ids.

mod review_support;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::{json, Value};
use std::path::Path;

/// A Parquet value as JSON (the types the dataset's columns use).
fn to_json(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Bool(b) => json!(b),
        Field::Int(n) => json!(n),
        Field::Long(n) => json!(n),
        Field::Double(x) => json!(x),
        Field::Str(s) => json!(s),
        Field::Group(row) => Value::Object(
            row.get_column_iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        Field::ListInternal(list) => Value::Array(list.elements().iter().map(to_json).collect()),
        other => panic!("a column type the dataset does not use: {other:?}"),
    }
}

fn parquet_rows(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = SerializedFileReader::new(file).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| to_json(&Field::Group(row.unwrap())))
        .collect()
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Numbers compare by value (the JSONL may write 5 where Parquet gives 5.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// What each Parquet table should hold, from the JSONL files.
fn expected(curated: &Path) -> Vec<(&'static str, Vec<Value>)> {
    let facts = jsonl(&curated.join("facts.jsonl"));
    let citations = facts
        .iter()
        .flat_map(|f| {
            f["citations"].as_array().unwrap().iter().map(|c| {
                let mut c = c.clone();
                c["fact_id"] = f["id"].clone();
                c
            })
        })
        .collect();
    let mut documents = jsonl(&curated.join("documents.jsonl"));
    for d in &mut documents {
        for key in ["dropped_by_rule", "edits_by_rule"] {
            let list: Vec<Value> = d["lines"][key]
                .as_object()
                .unwrap()
                .iter()
                .map(|(rule, n)| json!({"rule": rule, "count": n}))
                .collect();
            d["lines"][key] = Value::Array(list);
        }
    }
    vec![
        ("facts", facts),
        ("citations", citations),
        ("documents", documents),
        ("conflicts", jsonl(&curated.join("conflicts.jsonl"))),
    ]
}

fn assert_parquet_mirrors_jsonl(curated: &Path) -> usize {
    let mut compared = 0;
    for (name, want) in expected(curated) {
        let got = parquet_rows(&curated.join(format!("{name}.parquet")));
        assert_eq!(got.len(), want.len(), "{name}: row count");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(same(g, w), "{name} row {i}:\nparquet {g}\njsonl   {w}");
            for id in ["id", "doc_id", "fact_id"] {
                if let Some(v) = g.get(id) {
                    assert!(v.is_string(), "{name} row {i}: {id} = {v}");
                }
            }
        }
        compared += got.len();
    }
    compared
}

#[test]
fn committed_parquet_files_hold_the_jsonl_records() {
    let curated = Path::new(env!("CARGO_MANIFEST_DIR")).join("curated");
    assert!(assert_parquet_mirrors_jsonl(&curated) > 0);
}

#[test]
fn digit_only_ids_stay_strings_and_rewrites_are_byte_identical() {
    let mut corpus = review_support::corpus_with_facts();
    for (i, d) in corpus.docs.iter_mut().enumerate() {
        let old = std::mem::replace(&mut d.doc_id, format!("{:06}", 73 + i));
        for f in &mut corpus.facts {
            for c in &mut f.citations {
                if c.doc_id == old {
                    c.doc_id = d.doc_id.clone();
                }
            }
        }
    }
    corpus.facts[0].id = "0000000000000123".into();
    let write = || {
        let tmp = tempfile::tempdir().unwrap();
        let (c, r) = (tmp.path().join("curated"), tmp.path().join("reports"));
        factsieve::output::write_all(&corpus, &c, &r).unwrap();
        tmp
    };
    let (a, b) = (write(), write());
    let curated = a.path().join("curated");
    let rows = assert_parquet_mirrors_jsonl(&curated);
    assert!(rows >= 4 + 5, "facts and citations were compared: {rows}");
    let citations = parquet_rows(&curated.join("citations.parquet"));
    assert!(
        citations.iter().any(|c| c["doc_id"] == "000073"),
        "{citations:?}"
    );
    let facts = parquet_rows(&curated.join("facts.parquet"));
    assert!(facts.iter().any(|f| f["id"] == "0000000000000123"));
    for name in ["facts", "citations", "documents", "conflicts"] {
        let p = format!("curated/{name}.parquet");
        assert_eq!(
            std::fs::read(a.path().join(&p)).unwrap(),
            std::fs::read(b.path().join(&p)).unwrap(),
            "{p} differs between two runs"
        );
    }
}
