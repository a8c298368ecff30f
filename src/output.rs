//! Writers: the only code that touches `curated/` and `reports/`. Everything written is
//! sorted and free of clocks, paths of this machine and hash-map order.

use crate::dataset_diff::{self, Dataset, DatasetDiff};
use crate::error::{Error, Result};
use crate::model::{Document, Status};
use crate::package;
use crate::pipeline::Corpus;
use crate::report::{self, LineLedger};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One line of `curated/documents.jsonl`: the contract's fields first, then ours.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocumentRecord<'a> {
    pub doc_id: &'a str,
    pub source: &'a str,
    pub status: Status,
    pub reason: Option<&'a str>,
    pub title: Option<String>,
    pub spun: bool,
    pub near_duplicate_of: Option<&'a str>,
    /// How the raw file was decoded (null when it could not be).
    pub encoding: Option<crate::model::Encoding>,
    /// Spin score behind the `spun` verdict (higher: more likely spun).
    pub spin_score: f64,
    /// Byline taken out of the text by cleaning.
    pub byline: Option<&'a str>,
    /// Publication or update date taken out of the text by cleaning.
    pub date: Option<&'a str>,
    /// Site name taken out of the text by cleaning.
    pub site: Option<&'a str>,
    /// Numbers of the footnote markers lifted out of the words.
    pub footnote_markers: Vec<u32>,
    /// What happened to the raw lines: kept, repaired or dropped, by rule.
    pub lines: LineLedger,
}

pub fn document_record(d: &Document) -> DocumentRecord<'_> {
    let mut markers: Vec<u32> = d.markers.iter().map(|m| m.number).collect();
    markers.sort_unstable();
    markers.dedup();
    DocumentRecord {
        doc_id: &d.doc_id,
        source: &d.source,
        status: d.status,
        reason: d.reason.as_deref(),
        title: d.title(),
        spun: d.spin.spun,
        near_duplicate_of: d.near_duplicate_of.as_deref(),
        encoding: d.encoding,
        spin_score: (d.spin.score * 1000.0).round() / 1000.0,
        byline: d.meta.byline.as_deref(),
        date: d.meta.date.as_deref(),
        site: d.meta.site.as_deref(),
        footnote_markers: markers,
        lines: report::ledger(d),
    }
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn jsonl<T: Serialize>(rows: impl IntoIterator<Item = T>, what: &str) -> Result<String> {
    let mut s = String::new();
    for r in rows {
        s.push_str(&serde_json::to_string(&r).map_err(|source| Error::Encode {
            what: what.to_string(),
            source,
        })?);
        s.push('\n');
    }
    Ok(s)
}

/// Empty a folder the writers own entirely, so files of removed documents go too.
fn reset_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

fn csv_string<T: Serialize>(rows: &[T], path: &Path) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).map_err(|source| Error::Csv {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.into_error(),
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Every file of `curated/`, by path relative to it, in memory (so the data package can
/// describe them and the dataset diff can read them before anything is written).
pub fn curated_files(corpus: &Corpus) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    files.insert(
        "documents.jsonl".to_string(),
        jsonl(corpus.docs.iter().map(document_record), "documents")?,
    );
    for d in corpus.docs.iter().filter(|d| d.is_ok()) {
        files.insert(
            format!("clean/{}.txt", d.doc_id),
            report::clean_file_text(d),
        );
    }
    files.insert("facts.jsonl".into(), jsonl(&corpus.facts, "facts")?);
    files.insert(
        "conflicts.jsonl".into(),
        jsonl(&corpus.conflicts, "conflicts")?,
    );
    let facts = package::facts_table(&corpus.facts);
    let citations = package::citations_table(&corpus.facts);
    files.insert(facts.path.into(), facts.to_csv());
    files.insert(citations.path.into(), citations.to_csv());
    let schemas = package::record_schemas();
    for s in &schemas {
        files.insert(s.path(), package::pretty(&s.schema));
    }
    files.insert("README.md".into(), package::dataset_card(corpus, &schemas));
    let datapackage = package::datapackage(&files, &[&facts, &citations], &schemas);
    files.insert("datapackage.json".into(), datapackage);
    Ok(files)
}

/// The dataset as the diff sees it, from the files a run is about to write.
pub fn dataset_of(files: &BTreeMap<String, String>) -> Dataset {
    let get = |p: &str| files.get(p).map_or("", String::as_str);
    let clean = files
        .iter()
        .filter_map(|(p, t)| {
            let id = p.strip_prefix("clean/")?.strip_suffix(".txt")?;
            Some((id.to_string(), t.clone()))
        })
        .collect();
    Dataset::from_parts(
        get("documents.jsonl"),
        get("facts.jsonl"),
        get("conflicts.jsonl"),
        clean,
    )
}

/// What the writers know of the dataset a run replaces: read before anything is written.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    pub dataset: Option<Dataset>,
    /// The existing `reports/changes.md`, kept when the dataset does not change.
    pub changes_md: Option<String>,
}

impl Previous {
    pub fn read(curated: &Path, reports: &Path) -> Previous {
        Previous {
            dataset: Dataset::load(curated).ok(),
            changes_md: std::fs::read_to_string(reports.join("changes.md")).ok(),
        }
    }
}

/// Write `curated/` and `reports/` for a processed corpus, replacing what is there.
pub fn write_all(corpus: &Corpus, curated: &Path, reports: &Path) -> Result<()> {
    let previous = Previous::read(curated, reports);
    write_all_with(corpus, curated, reports, &previous).map(|_| ())
}

/// Write `curated/` and `reports/`, describing the change against `previous` (which need
/// not be what is in the output folders: `check` writes elsewhere). Returns the dataset
/// diff against the previous dataset, if there was one. Crash-safe: the files are written
/// into staging folders and swapped in whole (see [`crate::outdir`]); on an error the
/// old outputs are untouched.
pub fn write_all_with(
    corpus: &Corpus,
    curated: &Path,
    reports: &Path,
    previous: &Previous,
) -> Result<Option<DatasetDiff>> {
    let txn = crate::outdir::Transaction::begin(curated, reports)?;
    let changes = write_into(corpus, txn.curated(), txn.reports(), previous)?;
    txn.commit()?;
    Ok(changes)
}

/// Write the outputs into the given (staging) folders: what [`write_all_with`] commits.
pub fn write_into(
    corpus: &Corpus,
    curated: &Path,
    reports: &Path,
    previous: &Previous,
) -> Result<Option<DatasetDiff>> {
    let files = curated_files(corpus)?;
    let dataset = dataset_of(&files);
    let changes = dataset_diff::changes_markdown(
        previous.dataset.as_ref(),
        previous.changes_md.as_deref(),
        &dataset,
    );

    // curated/: folders the writers own entirely are emptied, so files of removed
    // documents go too.
    reset_dir(&curated.join("clean"))?;
    reset_dir(&curated.join("schemas"))?;
    for (path, text) in &files {
        write(&curated.join(path), text)?;
    }

    // reports/
    let diff_dir = reports.join("diffs");
    reset_dir(&diff_dir)?;
    for d in corpus.docs.iter().filter(|d| d.is_ok()) {
        write(
            &diff_dir.join(format!("{}.diff", d.doc_id)),
            &report::document_diff(d),
        )?;
    }
    let repairs = report::repair_rows(&corpus.docs);
    let repairs_csv = reports.join("repairs.csv");
    write(&repairs_csv, &csv_string(&repairs, &repairs_csv)?)?;
    write(&reports.join("summary.md"), &summary_markdown(corpus))?;
    write(
        &reports.join("conflicts.md"),
        &crate::conflicts::conflicts_markdown(&corpus.conflicts, &corpus.facts),
    )?;
    write(&reports.join("changes.md"), &changes)?;
    write(&reports.join("index.html"), &crate::html::render(corpus))?;
    Ok(previous
        .dataset
        .as_ref()
        .map(|old| dataset_diff::diff(old, &dataset)))
}

/// `reports/summary.md`: what every stage did, per document and in total.
pub fn summary_markdown(corpus: &Corpus) -> String {
    let mut s = String::new();
    let docs = &corpus.docs;
    let ok = docs.iter().filter(|d| d.is_ok()).count();
    let _ = writeln!(s, "# factsieve run summary\n");
    let _ = writeln!(
        s,
        "{} raw files: {} processed, {} skipped. {} claims, {} facts, {} conflicts.\n",
        docs.len(),
        ok,
        docs.len() - ok,
        corpus.claims.len(),
        corpus.facts.len(),
        corpus.conflicts.len()
    );
    let _ = writeln!(s, "## Documents\n");
    let _ = writeln!(
        s,
        "| doc_id | status | encoding | raw lines | kept | repaired | dropped | spun (score) | near-duplicate of | claims | note |"
    );
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---:|---|---|---:|---|");
    let mut total = LineLedger::default();
    for d in docs {
        let l = report::ledger(d);
        total.raw_lines += l.raw_lines;
        total.kept += l.kept;
        total.repaired += l.repaired;
        total.dropped += l.dropped;
        for (k, v) in &l.dropped_by_rule {
            *total.dropped_by_rule.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &l.edits_by_rule {
            *total.edits_by_rule.entry(k.clone()).or_default() += v;
        }
        let claims = corpus
            .claims
            .iter()
            .filter(|c| c.doc_id == d.doc_id)
            .count();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} ({:.2}) | {} | {} | {} |",
            d.doc_id.replace('|', "\\|"),
            if d.is_ok() { "ok" } else { "skipped" },
            d.encoding
                .map(|e| serde_json::to_string(&e)
                    .unwrap_or_default()
                    .replace('"', ""))
                .unwrap_or_else(|| "-".into()),
            l.raw_lines,
            l.kept,
            l.repaired,
            l.dropped,
            if d.spin.spun { "yes" } else { "no" },
            d.spin.score,
            d.near_duplicate_of.as_deref().unwrap_or("-"),
            claims,
            d.reason.as_deref().unwrap_or("").replace('|', "/"),
        );
    }
    let _ = writeln!(
        s,
        "| **total** | | | {} | {} | {} | {} | | | {} | |\n",
        total.raw_lines,
        total.kept,
        total.repaired,
        total.dropped,
        corpus.claims.len()
    );
    let _ = writeln!(
        s,
        "Every raw line is kept, repaired or dropped: {} + {} + {} = {}.\n",
        total.kept, total.repaired, total.dropped, total.raw_lines
    );
    let _ = writeln!(s, "## Dropped lines by rule\n");
    let _ = writeln!(s, "| rule | name | lines |");
    let _ = writeln!(s, "|---|---|---:|");
    for (code, n) in &total.dropped_by_rule {
        let name = crate::rules::get(code).map_or("", |r| r.name);
        let _ = writeln!(s, "| {code} | {name} | {n} |");
    }
    let _ = writeln!(s, "\n## Edits by rule\n");
    let _ = writeln!(s, "| rule | stage | name | fix | edits |");
    let _ = writeln!(s, "|---|---|---|---|---:|");
    for (code, n) in &total.edits_by_rule {
        let r = crate::rules::get(code);
        let _ = writeln!(
            s,
            "| {code} | {} | {} | {} | {n} |",
            r.map_or("", |r| r.stage),
            r.map_or("", |r| r.name),
            r.map_or("".to_string(), |r| format!("{:?}", r.fix).to_lowercase()),
        );
    }
    let counts = &corpus.claim_counts;
    let _ = writeln!(s, "\n## Claims\n");
    let _ = writeln!(
        s,
        "{} claims kept ({} sentences split into claims about different subjects, {} follow-on sentences attached to the claim before them); {} facts after consolidation; {} conflicts.\n",
        counts.claims,
        counts.split,
        counts.attached,
        corpus.facts.len(),
        corpus.conflicts.len()
    );
    let _ = writeln!(s, "| dropped because | what | sentences |");
    let _ = writeln!(s, "|---|---|---:|");
    for (reason, n) in &counts.dropped {
        let what = crate::claims::DROP_REASONS
            .iter()
            .find(|(r, _)| r == reason)
            .map_or("", |(_, w)| *w);
        let _ = writeln!(s, "| {reason} | {} | {n} |", what.replace('|', "/"));
    }
    let suggestions: usize = docs.iter().map(|d| d.suggestions.len()).sum();
    let _ = writeln!(
        s,
        "\n{suggestions} suggestions were not applied (see repairs.csv, status = suggested).\n"
    );
    s
}

/// The files a run writes under `curated/` and `reports/`, relative to each, sorted.
pub fn list_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else if let Ok(rel) = p.strip_prefix(base) {
                    out.push(rel.to_path_buf());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
