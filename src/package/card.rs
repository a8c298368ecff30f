//! `README.md` of `curated/`: the Hugging Face dataset card (front matter with one
//! Parquet config per table and their declared features, then how the data was made, how
//! to load it, its fields and limitations) and the `LICENSE.md` it links to.

use super::parquet::{hf_features_yaml, parquet_tables};
use super::schemas::RecordSchema;
use super::INERT_CELLS_NOTE;
use crate::pipeline::RunSummary;
use serde_json::{Map, Value};
use std::fmt::Write as _;

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

/// The card's YAML front matter. Every config is one Parquet file, so `datasets` picks
/// one builder for all of them (a card mixing JSONL and CSV configs makes it parse the
/// CSV as JSON), and each config's features are declared from the Parquet file's own
/// Arrow schema, so `doc_id` is a string (never the integer 73 for "000073").
fn front_matter(size: &str) -> String {
    let mut s = String::new();
    s.push_str(
        "---\n\
license: other\n\
license_name: source-articles-copyright\n\
license_link: LICENSE.md\n\
language:\n- en\n\
pretty_name: factsieve curated health-advice facts\n",
    );
    let _ = write!(s, "size_categories:\n- {size}\n");
    s.push_str(
        "task_categories:\n- text-classification\n- text-retrieval\n\
task_ids:\n- fact-checking\n- fact-checking-retrieval\n\
tags:\n- health\n- fact-extraction\n- citations\n- web-text-cleaning\n",
    );
    let tables = parquet_tables();
    s.push_str("configs:\n");
    for (i, t) in tables.iter().enumerate() {
        let _ = writeln!(s, "- config_name: {}", t.config);
        if i == 0 {
            s.push_str("  default: true\n");
        }
        let _ = writeln!(s, "  data_files:\n  - split: train\n    path: {}", t.path);
    }
    s.push_str("dataset_info:\n");
    for t in &tables {
        let _ = writeln!(s, "- config_name: {}\n  features:", t.config);
        s.push_str(&hf_features_yaml(&t.schema, 2));
    }
    s.push_str("---\n\n");
    s
}

/// How to load the tables with pandas, Hugging Face `datasets` and DuckDB, ids as text.
const LOADING: &str = "## Loading

Every table is here as Parquet (typed columns: ids are strings), and as JSONL or CSV.
Ids such as `doc_id` \"000073\" or a fact id made only of digits are strings: a reader
that guesses types from CSV or JSON text turns them into numbers, so say `dtype=str`.

```python
from datasets import load_dataset
facts = load_dataset(\"path/to/curated\", \"facts\")[\"train\"]  # or citations, documents, conflicts

import pandas as pd
citations = pd.read_parquet(\"citations.parquet\")
citations = pd.read_csv(\"citations.csv\", dtype={\"fact_id\": str, \"doc_id\": str}, keep_default_na=False)
documents = pd.read_json(\"documents.jsonl\", lines=True, dtype={\"doc_id\": str})

import duckdb
duckdb.sql(\"SELECT doc_id, count(*) FROM 'citations.parquet' GROUP BY doc_id\")
```

The CSV files escape formula-like cells (see below); the Parquet and JSONL files hold the
exact values. In `documents.parquet` the per-rule line counts (`lines.dropped_by_rule`,
`lines.edits_by_rule`) are lists of `{rule, count}` rather than maps.
";

/// `LICENSE.md`: the terms the card's `license_link` points to.
pub fn licence_file() -> String {
    format!("# Licence of this dataset\n\n{LICENCE_TEXT}\n")
}

const LICENCE_TEXT: &str =
    "The program that made this dataset is MIT-licensed. The quoted passages and clean \
     texts come from third-party web articles and remain their publishers' copyright: check \
     the sources' terms before you redistribute them. The facts' wording is derived from them.";

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
    s.push_str(&front_matter(size_category(corpus.facts.len())));
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
        (
            "`facts.parquet`, `citations.parquet`, `documents.parquet`, `conflicts.parquet`",
            "the same tables as Parquet, typed (the card's configs)",
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
            "`schemas/*.jsonschema.json`",
            "JSON Schema (2020-12) of each JSONL record type",
        ),
        (
            "`datapackage.json`",
            "Frictionless Data Package: every file, Table Schemas with keys",
        ),
        ("`LICENSE.md`", "the terms of the data"),
    ] {
        let _ = writeln!(s, "| {f} | {what} |");
    }
    let _ = writeln!(s, "\n{LOADING}");
    let _ = writeln!(s, "## Fields\n");
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
    let _ = writeln!(s, "{LICENCE_TEXT}");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_offers_every_config_as_parquet_with_ids_as_strings() {
        let front = front_matter("n<1K");
        let paths: Vec<&str> = front
            .lines()
            .filter_map(|l| l.trim().strip_prefix("path: "))
            .collect();
        assert_eq!(
            paths,
            [
                "facts.parquet",
                "citations.parquet",
                "documents.parquet",
                "conflicts.parquet"
            ]
        );
        assert!(front.contains("license: other\nlicense_name: "), "{front}");
        assert!(front.contains("license_link: LICENSE.md\n"));
        assert!(front.contains("task_categories:\n- "));
        // Every config declares its features, and every doc_id among them is a string.
        assert_eq!(front.matches("  features:\n").count(), 4);
        let doc_ids: Vec<&str> = front
            .lines()
            .zip(front.lines().skip(1))
            .filter(|(name, _)| name.trim() == "- name: doc_id")
            .map(|(_, ty)| ty.trim())
            .collect();
        // facts' citations, citations and documents.
        assert_eq!(doc_ids.len(), 3, "{front}");
        assert!(doc_ids.iter().all(|t| *t == "dtype: string"), "{doc_ids:?}");
        assert!(front.ends_with("\n---\n\n"));
    }

    #[test]
    fn size_categories() {
        assert_eq!(size_category(0), "n<1K");
        assert_eq!(size_category(1500), "1K<n<10K");
    }
}
