//! `datapackage.json`: a Frictionless Data Package describing every file of `curated/`,
//! with Table Schemas for the CSV tables and the JSON Schema of each JSONL file.

use super::parquet::parquet_tables;
use super::pretty;
use super::schemas::RecordSchema;
use super::tables::Table;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

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

/// `datapackage.json`: every file of `curated/` (the text files given by relative path and
/// contents, the data package itself excepted; the clean texts and the Parquet files by
/// path and size) as a resource.
pub fn datapackage(
    files: &BTreeMap<String, String>,
    clean_files: &[(String, usize)],
    parquet_sizes: &BTreeMap<String, usize>,
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
    for t in parquet_tables() {
        // "type": "file": Frictionless would read Parquet as a table through pandas, whose
        // list cells (numpy arrays) its type detection cannot handle; the file's own schema
        // types its columns.
        resources.push(json!({
            "type": "file",
            "name": unique(resource_name("parquet-", t.config)),
            "path": t.path,
            "profile": "data-resource",
            "description": t.description,
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "bytes": parquet_sizes.get(t.path).copied().unwrap_or(0),
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
                "Dataset card: how the data was made, how to load it, fields, limitations."
                    .to_string(),
                "md",
                "text/markdown",
            )
        } else if path == "LICENSE.md" {
            (
                "licence".to_string(),
                "The terms of the data.".to_string(),
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
        "licenses": [{ "title": "See LICENSE.md: quoted passages remain their publishers' copyright", "path": "LICENSE.md" }],
        "resources": resources,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::fixtures::fact;
    use crate::package::{citations_table, facts_table, record_schemas};
    use serde_json::Value;

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
        let parquet: BTreeMap<String, usize> = parquet_tables()
            .iter()
            .map(|t| (t.path.to_string(), 10))
            .collect();
        let dp: Value =
            serde_json::from_str(&datapackage(&files, &[], &parquet, &[&ft, &ct], &schemas))
                .unwrap();
        let res = dp["resources"].as_array().unwrap();
        let mut paths: Vec<&str> = res.iter().map(|r| r["path"].as_str().unwrap()).collect();
        paths.sort();
        let mut expected: Vec<&str> = files
            .keys()
            .chain(parquet.keys())
            .map(String::as_str)
            .collect();
        expected.sort();
        assert_eq!(paths, expected);
        let names: std::collections::BTreeSet<&str> =
            res.iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), res.len(), "resource names are unique");
        assert!(names.contains("clean-a-b"));
        let re = regex::Regex::new(r"^[-a-z0-9._/]+$").unwrap();
        assert!(names.iter().all(|n| re.is_match(n)));
    }
}
