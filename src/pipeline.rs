//! Wiring of the stages. Per-document stages run in parallel (rayon) and keep
//! doc_id order; corpus stages are barriers between them. Nothing here writes files.

use crate::error::Result;
use crate::model::{Claim, Conflict, Document, Fact};
use crate::{claims, clean, conflicts, consolidate, ingest, near_dup, repair, spin};
use rayon::prelude::*;
use std::path::Path;

/// Everything one run computed, ready for the writers.
#[derive(Debug)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub claims: Vec<Claim>,
    /// What claim extraction kept and dropped, for the summary.
    pub claim_counts: claims::ExtractionCounts,
    pub facts: Vec<Fact>,
    pub conflicts: Vec<Conflict>,
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

/// Run every stage on the raw folder.
pub fn process(raw_dir: &Path, progress: &dyn Progress) -> Result<Corpus> {
    process_with(raw_dir, &ingest::Limits::default(), progress)
}

/// Run every stage on the raw folder, with these input limits.
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

/// Run every stage after ingestion.
pub fn process_documents(mut docs: Vec<Document>, progress: &dyn Progress) -> Corpus {
    progress.stage("repair", docs.len());
    docs.par_iter_mut()
        .filter(|d| d.is_ok())
        .for_each(repair::repair_document);

    progress.stage("clean", docs.len());
    let hints = clean::CorpusHints::build(&docs);
    docs.par_iter_mut()
        .filter(|d| d.is_ok())
        .for_each(|d| clean::clean_document(d, &hints));

    progress.stage("near-duplicates", docs.len());
    near_dup::mark_near_duplicates(&mut docs);

    progress.stage("spin", docs.len());
    let lm = spin::LanguageModel::build(&docs);
    docs.par_iter_mut()
        .filter(|d| d.is_ok())
        .for_each(|d| spin::respin_document(d, &lm));

    progress.stage("claims", docs.len());
    let extractions: Vec<claims::Extraction> = docs
        .par_iter()
        .filter(|d| d.is_ok())
        .map(claims::extract)
        .collect();
    let mut claim_counts = claims::ExtractionCounts::default();
    for e in &extractions {
        claim_counts.add(e);
    }
    let claims: Vec<Claim> = extractions.into_iter().flat_map(|e| e.claims).collect();

    progress.stage("consolidate", claims.len());
    let facts = consolidate::consolidate(&claims, &docs);

    progress.stage("conflicts", facts.len());
    let conflicts = conflicts::find_conflicts(&facts, &docs);

    Corpus {
        docs,
        claims,
        claim_counts,
        facts,
        conflicts,
    }
}
