//! The packaged dataset is valid: every JSONL line against its JSON Schema, every CSV
//! against its Table Schema in datapackage.json (column names, types, required values,
//! primary and foreign keys), every file described, and a dataset card with front matter.
//! Checked on the committed `curated/` and on a dataset written from hand-built facts.

mod package_support;
mod review_support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every problem found in a curated folder (empty: valid).
fn validate(curated: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let dp: Value = match std::fs::read_to_string(curated.join("datapackage.json"))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return vec![format!("datapackage.json: {e}")],
    };
    let resources = dp["resources"].as_array().cloned().unwrap_or_default();
    let mut described = BTreeSet::new();
    let mut names = BTreeSet::new();
    // Values of each tabular resource's columns, for foreign keys.
    let mut columns: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut foreign: Vec<(String, Value)> = Vec::new();
    for r in &resources {
        let name = r["name"].as_str().unwrap_or("").to_string();
        if !names.insert(name.clone()) {
            problems.push(format!("resource name {name} used twice"));
        }
        let Some(path) = r["path"].as_str() else {
            problems.push(format!("{name}: no path"));
            continue;
        };
        described.insert(path.to_string());
        let Ok(bytes) = std::fs::read(curated.join(path)) else {
            problems.push(format!("{path}: listed but missing"));
            continue;
        };
        if r["bytes"].as_u64() != Some(bytes.len() as u64) {
            problems.push(format!(
                "{path}: bytes {} but file has {}",
                r["bytes"],
                bytes.len()
            ));
        }
        if r["format"] == "parquet" {
            if !bytes.starts_with(b"PAR1") || !bytes.ends_with(b"PAR1") {
                problems.push(format!("{path}: not a Parquet file"));
            }
            continue;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            problems.push(format!("{path}: not UTF-8"));
            continue;
        };
        if let Some(schema_path) = r["jsonSchema"].as_str() {
            problems.extend(validate_jsonl(curated, path, &text, schema_path));
        }
        if r["profile"] == "tabular-data-resource" {
            problems.extend(validate_csv(&name, path, &text, &r["schema"], &mut columns));
            for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
                foreign.push((name.clone(), fk.clone()));
            }
        }
    }
    for (name, fk) in foreign {
        let one = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other[0].as_str().unwrap_or("").to_string(),
        };
        let (local, target, theirs) = (
            one(&fk["fields"]),
            fk["reference"]["resource"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            one(&fk["reference"]["fields"]),
        );
        let Some(known) = columns.get(&(target.clone(), theirs.clone())) else {
            problems.push(format!("{name}: foreign key to unknown {target}.{theirs}"));
            continue;
        };
        for v in columns
            .get(&(name.clone(), local.clone()))
            .into_iter()
            .flatten()
        {
            if !known.contains(v) {
                problems.push(format!("{name}.{local} = {v:?} is not a {target}.{theirs}"));
            }
        }
    }
    for f in factsieve::output::list_files(curated) {
        let p = f.to_string_lossy().replace('\\', "/");
        if p != "datapackage.json" && !described.contains(&p) {
            problems.push(format!("{p}: not described in datapackage.json"));
        }
    }
    problems.extend(validate_card(curated));
    problems
}

fn validate_jsonl(curated: &Path, path: &str, text: &str, schema_path: &str) -> Vec<String> {
    let schema: Value = match std::fs::read_to_string(curated.join(schema_path))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
    {
        Some(s) => s,
        None => return vec![format!("{path}: schema {schema_path} unreadable")],
    };
    let unknown = package_support::unknown_keywords(&schema);
    if !unknown.is_empty() {
        return vec![format!("{schema_path}: {}", unknown.join("; "))];
    }
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{path}:{}: not JSON: {e}", i + 1));
                continue;
            }
        };
        for e in package_support::errors(&schema, &schema, &v, "#") {
            problems.push(format!("{path}:{}: {e}", i + 1));
        }
    }
    problems
}

fn castable(ty: &str, v: &str) -> bool {
    match ty {
        "integer" => v.parse::<i64>().is_ok(),
        "number" => v.parse::<f64>().is_ok(),
        "boolean" => matches!(
            v,
            "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "1" | "0"
        ),
        "string" => true,
        _ => false,
    }
}

fn validate_csv(
    name: &str,
    path: &str,
    text: &str,
    schema: &Value,
    columns: &mut BTreeMap<(String, String), BTreeSet<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let fields = schema["fields"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f["name"].as_str().unwrap_or(""))
        .collect();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => return vec![format!("{path}: header: {e}")],
    };
    if header != names {
        problems.push(format!("{path}: columns {header:?}, schema says {names:?}"));
        return problems;
    }
    for n in &names {
        columns
            .entry((name.to_string(), n.to_string()))
            .or_default();
    }
    let missing: Vec<&str> = schema["missingValues"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_else(|| vec![""]);
    let pk: Vec<usize> = schema["primaryKey"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| names.iter().position(|n| Some(*n) == k.as_str()))
        .collect();
    let mut keys = BTreeSet::new();
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{path}:{row}: {e}"));
                continue;
            }
        };
        if rec.len() != names.len() {
            problems.push(format!(
                "{path}:{row}: {} cells, {} columns",
                rec.len(),
                names.len()
            ));
            continue;
        }
        for (f, v) in fields.iter().zip(rec.iter()) {
            let col = f["name"].as_str().unwrap_or("");
            columns
                .entry((name.to_string(), col.to_string()))
                .or_default()
                .insert(v.to_string());
            if missing.contains(&v) {
                let required = f["constraints"]["required"] == Value::Bool(true)
                    || pk.iter().any(|&k| names[k] == col);
                if required {
                    problems.push(format!("{path}:{row}: {col} is required"));
                }
                continue;
            }
            let ty = f["type"].as_str().unwrap_or("string");
            if !castable(ty, v) {
                problems.push(format!("{path}:{row}: {col} = {v:?} is not a {ty}"));
            }
        }
        let key: Vec<&str> = pk.iter().map(|&k| &rec[k]).collect();
        if !pk.is_empty() && !keys.insert(key.join("\u{1f}")) {
            problems.push(format!("{path}:{row}: duplicate primary key {key:?}"));
        }
    }
    problems
}

/// The dataset card has Hugging Face front matter whose config files exist.
fn validate_card(curated: &Path) -> Vec<String> {
    let Ok(card) = std::fs::read_to_string(curated.join("README.md")) else {
        return vec!["README.md missing".into()];
    };
    let Some(front) = card
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(f, _)| f)
    else {
        return vec!["README.md: no YAML front matter".into()];
    };
    let mut problems = Vec::new();
    for key in [
        "license:",
        "language:",
        "pretty_name:",
        "size_categories:",
        "configs:",
    ] {
        if !front.lines().any(|l| l.starts_with(key)) {
            problems.push(format!("README.md front matter lacks {key}"));
        }
    }
    for l in front.lines() {
        if let Some(p) = l.trim().strip_prefix("path: ") {
            if !curated.join(p).is_file() {
                problems.push(format!("README.md config path {p} does not exist"));
            }
        }
    }
    if !card.contains("Not medical advice") {
        problems.push("README.md: no \"Not medical advice\" notice".into());
    }
    problems
}

fn write_dataset(corpus: &factsieve::pipeline::Corpus) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    factsieve::output::write_all(
        corpus,
        &tmp.path().join("curated"),
        &tmp.path().join("reports"),
    )
    .unwrap();
    tmp
}

#[test]
fn committed_dataset_is_valid() {
    let curated = Path::new(env!("CARGO_MANIFEST_DIR")).join("curated");
    let problems = validate(&curated);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dataset_with_facts_and_conflicts_is_valid() {
    let corpus = review_support::corpus_with_facts();
    let tmp = write_dataset(&corpus);
    let curated = tmp.path().join("curated");
    let problems = validate(&curated);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The fixture's records were really checked.
    let citations = std::fs::read_to_string(curated.join("citations.csv")).unwrap();
    assert_eq!(citations.lines().count(), 1 + 5);
    let facts = std::fs::read_to_string(curated.join("facts.jsonl")).unwrap();
    assert_eq!(facts.lines().count(), 4);
}

#[test]
fn the_validator_finds_broken_records_and_tables() {
    let corpus = review_support::corpus_with_facts();
    let tmp = write_dataset(&corpus);
    let curated = tmp.path().join("curated");
    let edit = |file: &str, f: &dyn Fn(String) -> String| {
        let p = curated.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        let new = f(text.clone());
        assert_ne!(new, text, "the edit of {file} changed nothing");
        std::fs::write(p, new).unwrap();
    };
    // A fact whose support is a string, an unknown field in a document, a citation of a
    // fact that does not exist, a non-integer offset.
    edit("facts.jsonl", &|t| {
        t.replacen("\"support\":1", "\"support\":\"one\"", 1)
    });
    edit("documents.jsonl", &|t| {
        t.replacen("{\"doc_id\"", "{\"surprise\":1,\"doc_id\"", 1)
    });
    edit("citations.csv", &|t| {
        t.replacen("f_walk,gamma", "f_nowhere,gamma", 1)
    });
    edit("facts.csv", &|t| {
        t.replacen(",2,2,false,", ",two,2,false,", 1)
    });
    let problems = validate(&curated).join("\n");
    assert!(problems.contains("facts.jsonl:"), "{problems}");
    assert!(problems.contains("documents.jsonl:1"), "{problems}");
    assert!(problems.contains("f_nowhere"), "{problems}");
    assert!(problems.contains("is not a integer"), "{problems}");
    assert!(problems.contains("bytes"), "sizes changed: {problems}");
}

#[test]
fn dataset_with_formula_like_cells_is_valid_and_inert() {
    let mut corpus = review_support::corpus_with_facts();
    corpus.facts[0].statement = "=HYPERLINK(\"http://evil\",\"click\")".into();
    corpus.facts[0].citations[0].quote_clean = "+1 555 0100".into();
    corpus.facts[1].citations[0].quote_clean = "@SUM(A1:A9)".into();
    corpus.facts[1].statement = "-2 sets of ten".into();
    let tmp = write_dataset(&corpus);
    let curated = tmp.path().join("curated");
    let problems = validate(&curated);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let facts = std::fs::read_to_string(curated.join("facts.csv")).unwrap();
    let citations = std::fs::read_to_string(curated.join("citations.csv")).unwrap();
    for (csv, cell) in [
        (&facts, "'=HYPERLINK"),
        (&facts, "'-2 sets"),
        (&citations, "'+1 555"),
        (&citations, "'@SUM"),
    ] {
        assert!(csv.contains(cell), "{cell} not made inert:\n{csv}");
    }
    // No cell of either table starts with a formula character.
    for csv in [&facts, &citations] {
        for rec in csv::Reader::from_reader(csv.as_bytes()).records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell}"
                );
            }
        }
    }
    // The JSONL keeps the exact value; the card says what was done.
    let jsonl = std::fs::read_to_string(curated.join("facts.jsonl")).unwrap();
    assert!(jsonl.contains("\"statement\":\"=HYPERLINK"), "{jsonl}");
    let card = std::fs::read_to_string(curated.join("README.md")).unwrap();
    assert!(card.contains("start with an apostrophe"), "{card}");
}
