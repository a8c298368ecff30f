//! Wiring of the stages: the plan of passes ([`plan`]) and the local runner that executes
//! it with rayon over a bounded number of documents in flight ([`runner`]). Nothing here
//! writes files: per-document outputs go to a [`runner::Sink`], corpus outputs are
//! returned in a [`RunSummary`].
//!
//! Used as a library: decode articles into [`Document`]s, process them as one corpus, and
//! read the clean text, facts and conflicts (or hand the [`Corpus`] to
//! [`crate::output::write_all`] to write `curated/` and `reports/`):
//!
//! ```
//! use factsieve::ingest::decode_document;
//! use factsieve::pipeline::{process_documents, Quiet};
//!
//! let raw = "Stretching For A Stiff Neck\r\n\r\n\
//!            Turn your head slowly to each side and hold it there for 10 seconds.\r\n\
//!            Share on Facebook Twitter Pinterest\r\n";
//! let doc = decode_document("neck", "raw/neck.txt", raw.as_bytes().to_vec());
//! let corpus = process_documents(vec![doc], &Quiet);
//!
//! let neck = &corpus.docs[0];
//! assert!(neck.is_ok());
//! let clean = factsieve::report::clean_file_text(neck);
//! assert!(clean.contains("hold it there for 10 seconds."));
//! // Every citation of a fact is exact: decoding raw[start..end] gives its quote.
//! for fact in &corpus.facts {
//!     for c in &fact.citations {
//!         assert_eq!(&neck.raw[c.start..c.end], c.quote.as_bytes());
//!     }
//! }
//! ```

pub mod cache;
pub mod plan;
pub mod runner;
pub mod spill;
pub mod steps;
pub mod wire;

use crate::claims::ExtractionCounts;
use crate::error::Result;
use crate::ingest;
use crate::model::{Claim, Conflict, DocMeta, Document, Encoding, Fact, SpinVerdict, Status};
use crate::report::{self, LineLedger};
use std::path::Path;

pub use runner::{run, DocSource, FileSource, MemorySource, RunOutput, Sink};

/// The small record of one document that the corpus writers need (documents.jsonl, the
/// summary, the dataset card): no text beyond the title.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocSummary {
    pub doc_id: String,
    pub source: String,
    pub status: Status,
    pub reason: Option<String>,
    pub encoding: Option<Encoding>,
    pub title: Option<String>,
    pub spin: SpinVerdict,
    pub near_duplicate_of: Option<String>,
    pub meta: DocMeta,
    /// Footnote marker numbers, sorted and distinct.
    pub footnote_markers: Vec<u32>,
    pub lines: LineLedger,
    pub claims: usize,
    pub suggestions: usize,
}

impl DocSummary {
    pub fn of(d: &Document, claims: usize) -> DocSummary {
        let mut markers: Vec<u32> = d.markers.iter().map(|m| m.number).collect();
        markers.sort_unstable();
        markers.dedup();
        DocSummary {
            doc_id: d.doc_id.clone(),
            source: d.source.clone(),
            status: d.status,
            reason: d.reason.clone(),
            encoding: d.encoding,
            title: d.title(),
            spin: d.spin.clone(),
            near_duplicate_of: d.near_duplicate_of.clone(),
            meta: d.meta.clone(),
            footnote_markers: markers,
            lines: report::ledger(d),
            claims,
            suggestions: d.suggestions.len(),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }
}

/// What a run computed at corpus level, for the corpus writers.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub docs: Vec<DocSummary>,
    pub claim_counts: ExtractionCounts,
    pub facts: Vec<Fact>,
    pub conflicts: Vec<Conflict>,
    /// What the cache did, when the run had one.
    pub cache: Option<cache::CacheStats>,
}

impl RunSummary {
    /// Claims kept, over all documents.
    pub fn claims(&self) -> usize {
        self.claim_counts.claims
    }
}

/// Everything one in-memory run computed (tests, library use on small corpora): the
/// documents with their texts and edit logs, the claims, and the run summary.
#[derive(Debug)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub claims: Vec<Claim>,
    /// What claim extraction kept and dropped, for the summary.
    pub claim_counts: ExtractionCounts,
    pub facts: Vec<Fact>,
    pub conflicts: Vec<Conflict>,
    pub summaries: Vec<DocSummary>,
}

impl Corpus {
    /// The corpus-level part, as the streaming writers take it.
    pub fn run_summary(&self) -> RunSummary {
        RunSummary {
            docs: self.summaries.clone(),
            claim_counts: self.claim_counts.clone(),
            facts: self.facts.clone(),
            conflicts: self.conflicts.clone(),
            cache: None,
        }
    }
}

/// Everything a run takes besides its folders, in one struct (the binary's flags and
/// `factsieve.toml` fill it; a new option is one more field).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Hard limits per raw file and the rules allowed to edit (per-document options).
    pub limits: ingest::Limits,
    /// Only these raw files (a subset run); None for all.
    pub select: Option<crate::selection::Selection>,
    /// Reviewers' decisions on suggestions (`curated/decisions.toml`).
    pub decisions: crate::decisions::Decisions,
    /// The incremental-run cache folder (`run --cache DIR`), if any.
    pub cache: Option<std::path::PathBuf>,
}

/// Receives a line per stage, for progress display.
pub trait Progress: Sync {
    fn stage(&self, name: &str, items: usize);
}

/// Progress that says nothing (tests, library use).
pub struct Quiet;
impl Progress for Quiet {
    fn stage(&self, _: &str, _: usize) {}
}

/// A sink that keeps every finished document in memory, in doc_id order.
struct Collect(Vec<Document>);

impl Sink for Collect {
    type Piece = Document;
    fn document(&self, doc: &Document) -> Result<Document> {
        Ok(doc.clone())
    }
    fn ordered(&mut self, piece: Document) -> Result<()> {
        self.0.push(piece);
        Ok(())
    }
}

/// Run every stage on the raw folder, keeping the documents in memory.
pub fn process(raw_dir: &Path, progress: &dyn Progress) -> Result<Corpus> {
    process_with(raw_dir, &ingest::Limits::default(), progress)
}

/// [`process`] with these input limits.
pub fn process_with(
    raw_dir: &Path,
    limits: &ingest::Limits,
    progress: &dyn Progress,
) -> Result<Corpus> {
    let files = ingest::list_raw(raw_dir)?;
    progress.stage("ingest", files.len());
    let docs = ingest::ingest_with(&files, limits);
    Ok(process_documents(docs, progress))
}

/// Run every stage on ingested documents held in memory: the same plan as a streaming
/// run, with a sink that keeps the finished documents.
pub fn process_documents(docs: Vec<Document>, progress: &dyn Progress) -> Corpus {
    process_documents_with(docs, progress, &runner::Options::default())
}

/// [`process_documents`] with these runner options.
pub fn process_documents_with(
    docs: Vec<Document>,
    progress: &dyn Progress,
    opts: &runner::Options,
) -> Corpus {
    let source = MemorySource(docs);
    let mut sink = Collect(Vec::new());
    let out = run(&source, &mut sink, progress, opts).expect("an in-memory sink cannot fail");
    Corpus {
        docs: sink.0,
        claims: out.claims,
        claim_counts: out.summary.claim_counts,
        facts: out.summary.facts,
        conflicts: out.summary.conflicts,
        summaries: out.summary.docs,
    }
}
