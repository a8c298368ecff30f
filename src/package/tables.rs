//! The CSV tables of `curated/` (`facts.csv`, `citations.csv`) and their Frictionless
//! Table Schemas.

use crate::model::Fact;
use serde_json::{json, Value};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::fixtures::fact;

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
}
