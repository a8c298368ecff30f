//! Packaging of `curated/` for other projects, one file per concern:
//!
//! - [`tables`]: the CSV tables (`facts.csv`, `citations.csv`) and their Table Schemas;
//! - [`schemas`]: JSON Schemas of the JSONL records, generated from the Rust types
//!   (`schemas/*.jsonschema.json`);
//! - [`parquet`]: the same tables as Parquet (`*.parquet`), typed, for DuckDB, Polars,
//!   pandas and Hugging Face `datasets`;
//! - [`mod@datapackage`]: the Frictionless `datapackage.json` describing every file;
//! - [`card`]: the Hugging Face dataset card (`README.md`).
//!
//! All are pure functions of the corpus and of the other files' contents; `output` writes
//! them.

pub mod card;
pub mod datapackage;
pub mod parquet;
pub mod schemas;
pub mod tables;

pub use card::{dataset_card, size_category};
pub use datapackage::datapackage;
pub use parquet::{parquet_files, parquet_tables, write_parquet_files, ParquetError, ParquetTable};
pub use schemas::{record_schemas, RecordSchema};
pub use tables::{
    citations_table, facts_table, inert_cell, Field, FieldType, Table, INERT_CELLS_NOTE,
};

use serde_json::Value;

/// Pretty JSON with a final newline (stable: serde_json maps are sorted).
pub fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Hand-built facts for the unit tests of the writers.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::{Citation, Fact};

    pub fn fact(id: &str, cites: &[(&str, usize, usize)]) -> Fact {
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
}
