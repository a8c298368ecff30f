//! Writers: the only code that touches `curated/` and `reports/`. Everything written is
//! sorted and free of clocks, paths of this machine and hash-map order.

use crate::dataset_diff::{self, CleanTexts, Dataset, DatasetDiff};
use crate::error::{Error, Result};
use crate::model::{Document, Status};
use crate::package;
use crate::pipeline::{Corpus, DocSummary, RunSummary, Sink};
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

pub fn document_record(d: &DocSummary) -> DocumentRecord<'_> {
    DocumentRecord {
        doc_id: &d.doc_id,
        source: &d.source,
        status: d.status,
        reason: d.reason.as_deref(),
        title: d.title.clone(),
        spun: d.spin.spun,
        near_duplicate_of: d.near_duplicate_of.as_deref(),
        encoding: d.encoding,
        spin_score: (d.spin.score * 1000.0).round() / 1000.0,
        byline: d.meta.byline.as_deref(),
        date: d.meta.date.as_deref(),
        site: d.meta.site.as_deref(),
        footnote_markers: d.footnote_markers.clone(),
        lines: d.lines.clone(),
    }
}

fn write(path: &Path, contents: &str) -> Result<()> {
    write_bytes(path, contents.as_bytes())
}

fn write_bytes(path: &Path, contents: &[u8]) -> Result<()> {
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

/// The corpus-level text files of `curated/` (all but `clean/`), by path relative to it, in
/// memory (so the data package can describe them and the dataset diff can read them). The
/// Parquet files ([`package::parquet`]) are written into `curated` as they are made.
pub fn curated_files(
    run: &RunSummary,
    clean_files: &[(String, usize)],
    curated: &Path,
) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    files.insert(
        "documents.jsonl".to_string(),
        jsonl(run.docs.iter().map(document_record), "documents")?,
    );
    files.insert("facts.jsonl".into(), jsonl(&run.facts, "facts")?);
    files.insert(
        "conflicts.jsonl".into(),
        jsonl(&run.conflicts, "conflicts")?,
    );
    // One table's rows at a time: the datapackage needs only their columns afterwards.
    let mut facts = package::facts_table(&run.facts);
    files.insert(facts.path.into(), facts.to_csv());
    facts.rows = Vec::new();
    let mut citations = package::citations_table(&run.facts);
    files.insert(citations.path.into(), citations.to_csv());
    citations.rows = Vec::new();
    let schemas = package::record_schemas();
    for s in &schemas {
        files.insert(s.path(), package::pretty(&s.schema));
    }
    files.insert("README.md".into(), package::dataset_card(run, &schemas));
    files.insert("LICENSE.md".into(), package::card::licence_file());
    // Written as they are made (they would be hundreds of MB in memory at scale).
    let parquet_sizes = package::write_parquet_files(&files, curated).map_err(Error::Parquet)?;
    let datapackage = package::datapackage(
        &files,
        clean_files,
        &parquet_sizes,
        &[&facts, &citations],
        &schemas,
    );
    files.insert("datapackage.json".into(), datapackage);
    Ok(files)
}

/// The dataset as the diff sees it: the corpus files a run is about to write and the
/// clean texts it has written to `clean_dir`.
pub fn dataset_of(files: &BTreeMap<String, String>, clean_dir: &Path) -> Dataset {
    let get = |p: &str| files.get(p).map_or("", String::as_str);
    Dataset::from_parts_compact(
        get("documents.jsonl"),
        get("facts.jsonl"),
        get("conflicts.jsonl"),
        CleanTexts::in_folder(clean_dir),
    )
}

/// What the writers know of the dataset a run replaces.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The earlier dataset, when given in memory.
    pub dataset: Option<Dataset>,
    /// The folder of the earlier dataset, read when the corpus files are written rather
    /// than held through the run (its facts can be hundreds of MB). The writers only ever
    /// write into staging folders, so it is still the earlier dataset then.
    pub dataset_folder: Option<std::path::PathBuf>,
    /// The existing `reports/changes.md`, kept when the dataset does not change.
    pub changes_md: Option<String>,
}

impl Previous {
    pub fn read(curated: &Path, reports: &Path) -> Previous {
        Previous {
            dataset: None,
            dataset_folder: Some(curated.to_path_buf()),
            changes_md: std::fs::read_to_string(reports.join("changes.md")).ok(),
        }
    }

    /// The earlier dataset, from memory or read from its folder now.
    fn load(&self) -> Option<std::borrow::Cow<'_, Dataset>> {
        match (&self.dataset, &self.dataset_folder) {
            (Some(d), _) => Some(std::borrow::Cow::Borrowed(d)),
            (None, Some(dir)) => Dataset::load_compact(dir).ok().map(std::borrow::Cow::Owned),
            (None, None) => None,
        }
    }
}

/// Write `curated/` and `reports/` for a processed corpus, replacing what is there.
pub fn write_all(corpus: &Corpus, curated: &Path, reports: &Path) -> Result<()> {
    let previous = Previous::read(curated, reports);
    write_all_with(corpus, curated, reports, &previous).map(|_| ())
}

/// Write `curated/` and `reports/` for a corpus held in memory, describing the change
/// against `previous` (which need not be what is in the output folders: `check` writes
/// elsewhere). Crash-safe: the files are written into staging folders and swapped in whole
/// (see [`crate::outdir`]); on an error the old outputs are untouched.
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

/// Write a corpus held in memory into the given (staging) folders: the streaming writer
/// fed with its documents.
pub fn write_into(
    corpus: &Corpus,
    curated: &Path,
    reports: &Path,
    previous: &Previous,
) -> Result<Option<DatasetDiff>> {
    let mut w = DatasetWriter::create(curated, reports)?;
    for d in &corpus.docs {
        let piece = w.document(d)?;
        w.ordered(piece)?;
    }
    w.finish(&corpus.run_summary(), previous)
}

/// The streaming writer: per-document files (`curated/clean/`, `reports/diffs/`, the
/// review page `reports/docs/`) as each document is finished, `reports/repairs.csv`
/// appended in doc_id order, and the corpus files (with the review site's index and lists,
/// from small per-document rows) at the end. Folders it owns entirely are emptied first, so files of removed
/// documents go too.
pub struct DatasetWriter {
    curated: PathBuf,
    reports: PathBuf,
    repairs_path: PathBuf,
    repairs: csv::Writer<std::io::BufWriter<std::fs::File>>,
    /// `clean/<doc_id>.txt` and its size, per document written (for the data package).
    clean_files: Vec<(String, usize)>,
    /// The review site's row of each document, in doc_id order.
    review_rows: Vec<crate::html::ReviewRow>,
}

impl DatasetWriter {
    pub fn create(curated: &Path, reports: &Path) -> Result<DatasetWriter> {
        reset_dir(&curated.join("clean"))?;
        reset_dir(&curated.join("schemas"))?;
        reset_dir(&reports.join("diffs"))?;
        reset_dir(&reports.join("docs"))?;
        reset_dir(&reports.join("list"))?;
        let repairs_path = reports.join("repairs.csv");
        let file = std::fs::File::create(&repairs_path).map_err(|source| Error::Write {
            path: repairs_path.clone(),
            source,
        })?;
        Ok(DatasetWriter {
            curated: curated.to_path_buf(),
            reports: reports.to_path_buf(),
            repairs: csv::Writer::from_writer(std::io::BufWriter::new(file)),
            repairs_path,
            clean_files: Vec::new(),
            review_rows: Vec::new(),
        })
    }

    /// Write the corpus files and `reports/` summaries. Returns the dataset diff against
    /// the previous dataset, if there was one.
    pub fn finish(mut self, run: &RunSummary, previous: &Previous) -> Result<Option<DatasetDiff>> {
        self.repairs.flush().map_err(|source| Error::Write {
            path: self.repairs_path.clone(),
            source,
        })?;
        let files = curated_files(run, &self.clean_files, &self.curated)?;
        for (path, text) in &files {
            write(&self.curated.join(path), text)?;
        }
        // The new dataset's records are parsed (and the file texts dropped) before the
        // earlier dataset is read, so the two are never in memory with the file texts.
        let has_earlier = previous.dataset.is_some()
            || previous
                .dataset_folder
                .as_deref()
                .is_some_and(Dataset::exists);
        let dataset = has_earlier.then(|| dataset_of(&files, &self.curated.join("clean")));
        drop(files);
        let old = previous.load();
        let (changes, diff) = match (old, dataset) {
            (Some(old), Some(dataset)) => {
                let diff = dataset_diff::diff(&old, &dataset);
                let text = dataset_diff::changes_markdown_of(&diff, previous.changes_md.as_deref());
                (text, Some(diff))
            }
            // A first run (or an unreadable earlier dataset) needs only counts.
            _ => {
                let skipped = run.docs.iter().filter(|d| !d.is_ok()).count();
                let text = dataset_diff::first_run_markdown(
                    run.docs.len(),
                    skipped,
                    run.facts.len(),
                    run.conflicts.len(),
                );
                (text, None)
            }
        };
        let reports = &self.reports;
        write(&reports.join("summary.md"), &summary_markdown(run))?;
        write(
            &reports.join("conflicts.md"),
            &crate::conflicts::conflicts_markdown(&run.conflicts, &run.facts),
        )?;
        write(&reports.join("changes.md"), &changes)?;
        write(
            &reports.join("changes.html"),
            &crate::html::text_page("Changes since the last run", &changes),
        )?;
        let mut written = Ok(());
        crate::html::site_each(
            &self.review_rows,
            &run.facts,
            &run.conflicts,
            &mut |path, text| {
                if written.is_ok() {
                    written = write(&reports.join(path), &text);
                }
            },
        );
        written?;
        Ok(diff)
    }
}

/// What the ordered writers keep of one document: its repair rows, its clean file with
/// its size, its review-site row.
pub type DocumentPiece = (
    Vec<report::RepairRow>,
    Option<(String, usize)>,
    crate::html::ReviewRow,
);

/// Write one finished document's own files (its review page, clean text and diff) into
/// the output folders, from any thread or process; [`DatasetWriter`] (a [`Sink`]) takes
/// the piece it returns, in doc_id order.
pub fn write_document(curated: &Path, reports: &Path, d: &Document) -> Result<DocumentPiece> {
    let row = crate::html::ReviewRow::of(d);
    write(
        &reports.join(crate::html::document_page_path(&d.doc_id)),
        &crate::html::document_page(d),
    )?;
    if !d.is_ok() {
        return Ok((Vec::new(), None, row));
    }
    let clean_path = format!("clean/{}.txt", d.doc_id);
    let clean = report::clean_file_text(d);
    write(&curated.join(&clean_path), &clean)?;
    write(
        &reports.join("diffs").join(format!("{}.diff", d.doc_id)),
        &report::document_diff(d),
    )?;
    Ok((
        report::document_repair_rows(d),
        Some((clean_path, clean.len())),
        row,
    ))
}

impl Sink for DatasetWriter {
    type Piece = DocumentPiece;

    fn document(&self, d: &Document) -> Result<Self::Piece> {
        write_document(&self.curated, &self.reports, d)
    }

    fn ordered(&mut self, (rows, clean, review): Self::Piece) -> Result<()> {
        self.clean_files.extend(clean);
        self.review_rows.push(review);
        for r in rows {
            self.repairs.serialize(r).map_err(|source| Error::Csv {
                path: self.repairs_path.clone(),
                source,
            })?;
        }
        Ok(())
    }
}

/// Documents listed one by one in `summary.md`; past this, the most changed ones.
pub const SUMMARY_DOCS: usize = 50;

/// The documents (indexes) that `summary.md` lists one by one: all of them up to
/// [`SUMMARY_DOCS`], past that the most changed (dropped + repaired lines), in that order.
fn summary_listed(ledgers: &[&LineLedger]) -> Vec<usize> {
    let mut listed: Vec<usize> = (0..ledgers.len()).collect();
    if ledgers.len() > SUMMARY_DOCS {
        let changed = |i: usize| ledgers[i].dropped + ledgers[i].repaired;
        listed.sort_by(|&a, &b| changed(b).cmp(&changed(a)).then(a.cmp(&b)));
        listed.truncate(SUMMARY_DOCS);
    }
    listed
}

/// `reports/summary.md`: what every stage did, per document (the [`SUMMARY_DOCS`] most
/// changed when there are more) and in total.
pub fn summary_markdown(corpus: &RunSummary) -> String {
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
        corpus.claims(),
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
    let ledgers: Vec<&LineLedger> = docs.iter().map(|d| &d.lines).collect();
    let listed = summary_listed(&ledgers);
    for l in &ledgers {
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
    }
    for &i in &listed {
        let (d, l) = (&docs[i], ledgers[i]);
        let claims = d.claims;
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
        corpus.claims()
    );
    if listed.len() < docs.len() {
        let _ = writeln!(
            s,
            "The {} documents with the most changed lines (dropped + repaired) of {}; all are in the [documents list](list/documents-1.html) and `curated/documents.jsonl`. The total is over all documents.\n",
            listed.len(),
            docs.len()
        );
    }
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
    let suggestions: usize = docs.iter().map(|d| d.suggestions).sum();
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

/// Run the pipeline on a raw folder and stream its outputs into `curated/` and `reports/`,
/// crash-safe: everything is written into staging folders taken under a lock and swapped
/// in whole at the end (see [`crate::outdir`]), so a failed run leaves the previous
/// outputs as they were and the previous dataset stays readable for the change report.
pub fn run_streaming(
    raw: &Path,
    options: &crate::pipeline::RunOptions,
    curated: &Path,
    reports: &Path,
    progress: &dyn crate::pipeline::Progress,
) -> Result<(RunSummary, Option<DatasetDiff>)> {
    let txn = crate::outdir::Transaction::begin(curated, reports)?;
    let previous = Previous::read(curated, reports);
    let out = stream(
        raw,
        options,
        &previous,
        txn.curated(),
        txn.reports(),
        progress,
    )?;
    progress.stage("sync, swap", out.0.docs.len());
    txn.commit()?;
    Ok(out)
}

/// Run the pipeline and stream its outputs into the given folders (emptied first where the
/// writers own them), the change report made against `previous`. The reviewers'
/// decisions file goes into the new `curated/` as it was.
pub fn stream(
    raw: &Path,
    options: &crate::pipeline::RunOptions,
    previous: &Previous,
    curated: &Path,
    reports: &Path,
    progress: &dyn crate::pipeline::Progress,
) -> Result<(RunSummary, Option<DatasetDiff>)> {
    let mut files = crate::ingest::list_raw(raw)?;
    if let Some(sel) = &options.select {
        files.retain(|f| sel.matches(&f.source));
        if files.is_empty() {
            return Err(Error::Output(format!(
                "no file in {} matches {}",
                raw.display(),
                sel.describe()
            )));
        }
    }
    progress.stage("ingest", files.len());
    let source = crate::pipeline::FileSource {
        files,
        limits: options.limits,
    };
    let mut writer = DatasetWriter::create(curated, reports)?;
    let cache = match &options.cache {
        Some(dir) => Some(std::sync::Arc::new(crate::pipeline::cache::Cache::open(
            dir,
        )?)),
        None => None,
    };
    let runner_options = crate::pipeline::runner::Options {
        decisions: options.decisions.clone(),
        cache,
        ..Default::default()
    };
    let out = crate::pipeline::run(&source, &mut writer, progress, &runner_options)?;
    if let (Some(cache), None) = (&runner_options.cache, &options.select) {
        // Entries of files since changed or removed; a subset run keeps the others'.
        cache.prune();
    }
    let crate::pipeline::RunOutput { summary, claims } = out;
    // Consolidation is done: the claims live on in the facts' citations.
    drop(claims);
    progress.stage("corpus files", summary.docs.len());
    let changes = finish_dataset(writer, &summary, previous, &options.decisions, curated)?;
    Ok((summary, changes))
}

/// The end of every run, local or distributed: the corpus files, the reports' summaries
/// and the reviewers' decisions file (copied into the new `curated/` as it was).
pub fn finish_dataset(
    writer: DatasetWriter,
    summary: &RunSummary,
    previous: &Previous,
    decisions: &crate::decisions::Decisions,
    curated: &Path,
) -> Result<Option<DatasetDiff>> {
    let changes = writer.finish(summary, previous)?;
    if decisions.to_write() {
        write(
            &curated.join(crate::decisions::FILE_NAME),
            &decisions.to_toml(),
        )?;
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lists_the_most_changed_documents_past_its_limit() {
        let ledgers: Vec<LineLedger> = (0..SUMMARY_DOCS + 10)
            .map(|i| LineLedger {
                raw_lines: 10,
                dropped: usize::from(i % 7 == 0) * 3,
                repaired: usize::from(i == 30),
                ..Default::default()
            })
            .collect();
        let ledgers: Vec<&LineLedger> = ledgers.iter().collect();
        let listed = summary_listed(&ledgers);
        assert_eq!(listed.len(), SUMMARY_DOCS);
        // The changed ones first (most changed first, ties in document order), then the rest.
        assert_eq!(&listed[..3], &[0, 7, 14]);
        assert!(listed.contains(&56) && listed.contains(&30));
        assert_eq!(summary_listed(&ledgers[..5]), vec![0, 1, 2, 3, 4]);
    }
}
