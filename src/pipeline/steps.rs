//! The plan's steps on plain records, for a runner that executes them outside this
//! process (the Ray runner of `bindings/python`): each per-document map takes and returns
//! records that [`super::wire`] turns into bytes, each reduce takes the summaries in
//! doc_id order, and a [`Driver`] writes the dataset through the same writers, staging
//! folders and final swap as a local run. The local runner ([`super::runner`]) shares the
//! per-document time budget ([`DocClock`]), pass 3 ([`finish_document`]) and the
//! collection of finished documents ([`Collector`]) with it, so the two cannot drift.
//!
//! A step charges its own time to the document's clock, as the local runner does: a
//! document over the budget is skipped with the same reason wherever it ran.

use super::plan::{self, Pass1};
use super::{DocSummary, RunOutput, RunSummary};
use crate::claims::{Extraction, ExtractionCounts};
use crate::clean::CorpusHints;
use crate::decisions::{Decision, Decisions};
use crate::error::{Error, Result};
use crate::ingest::{self, Limits, RawFile};
use crate::model::{Claim, DocInfo, Document, Fact};
use crate::near_dup::Signature;
use crate::output::{self, DatasetWriter, DocumentPiece, Previous};
use crate::spin::{LanguageModel, SpinSummary};
use crate::{conflicts, consolidate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The stage after which a document went over its time budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Repair,
    Clean,
    Pass3,
}

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Repair => "repair",
            Stage::Clean => "clean",
            Stage::Pass3 => "pass 3",
        }
    }
}

/// Time spent on one document's work: the CPU time of the thread doing it, so a busy
/// machine (other processes, a debug build under load) does not push a document over the
/// budget; wall time where the system keeps no per-thread clock.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch {
            wall: Instant::now(),
            cpu: thread_cpu_time(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        match (self.cpu, thread_cpu_time()) {
            (Some(from), Some(now)) => now.saturating_sub(from),
            _ => self.wall.elapsed(),
        }
    }
}

/// The calling thread's CPU time, if the system keeps it.
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes only the timespec passed to it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| {
        Duration::new(
            ts.tv_sec.max(0) as u64,
            ts.tv_nsec.clamp(0, 999_999_999) as u32,
        )
    })
}

/// Time spent on one document so far, and the stage after which it went over budget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocClock {
    spent: Duration,
    over: Option<Stage>,
}

impl DocClock {
    /// Adds a pass's time; marks the stage when the total goes over `limit`.
    pub fn charge(&mut self, took: Duration, stage: Stage, limit: Duration) {
        self.spent += took;
        if self.over.is_none() && self.spent > limit {
            self.over = Some(stage);
        }
    }

    /// The stage after which the document went over budget, if it did.
    pub fn over(&self) -> Option<Stage> {
        self.over
    }

    /// Over budget already, or with `more` time spent in pass 3.
    pub fn is_over(&self, more: Duration, limit: Duration) -> Option<Stage> {
        self.over
            .or_else(|| (self.spent + more > limit).then_some(Stage::Pass3))
    }

    /// The skip reason of a document over budget.
    pub fn reason(&self, stage: Stage, more: Duration, limit: Duration) -> String {
        format!(
            "over the time budget of {:.1} s per document ({:.1} s by the end of {})",
            limit.as_secs_f64(),
            (self.spent + more).as_secs_f64(),
            stage.name()
        )
    }
}

/// A document skipped for its cost: no text, the reason recorded.
fn over_budget(doc: Document, reason: String) -> Document {
    ingest::skipped(&doc.doc_id, &doc.source, doc.raw, reason)
}

/// Pass 3 of one document, shared by every runner: the over-budget skip, or the cleaned
/// document finished (near-duplicate link, spin repair, decisions, claims) and skipped
/// after all if that took it over budget. `load` reads the raw document again (only for
/// a skipped one); `cleaned` gives pass 2's cleaned document.
pub fn finish_document(
    clock: &DocClock,
    limit: Duration,
    load: impl FnOnce() -> Document,
    cleaned: impl FnOnce() -> Result<Document>,
    near_duplicate_of: Option<String>,
    lm: &LanguageModel,
    decisions: &[Decision],
) -> Result<(Document, Extraction)> {
    let start = Stopwatch::start();
    if let Some(stage) = clock.over() {
        let reason = clock.reason(stage, Duration::ZERO, limit);
        return Ok((over_budget(load(), reason), Extraction::default()));
    }
    let (doc, extraction) = plan::finished(cleaned()?, near_duplicate_of, lm, decisions);
    Ok(match clock.is_over(start.elapsed(), limit) {
        Some(stage) => {
            let reason = clock.reason(stage, start.elapsed(), limit);
            (over_budget(doc, reason), Extraction::default())
        }
        None => (doc, extraction),
    })
}

/// What the corpus stages keep of one finished document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub summary: DocSummary,
    /// For consolidation and conflicts (None for a skipped document).
    pub info: Option<DocInfo>,
    pub extraction: Extraction,
    /// Claims taken out for a consolidation run elsewhere ([`Outcome::take_claims`]):
    /// counted, not held.
    #[serde(default)]
    pub moved: usize,
}

impl Outcome {
    pub fn of(doc: &Document, extraction: Extraction) -> Outcome {
        Outcome {
            summary: DocSummary::of(doc, extraction.claims.len()),
            info: doc.is_ok().then(|| DocInfo::of(doc, &extraction.claims)),
            extraction,
            moved: 0,
        }
    }

    /// The document's claims, for a consolidation run elsewhere (the Ray runner's
    /// partition steps, [`crate::consolidate::rows`]); the outcome keeps their count.
    pub fn take_claims(&mut self) -> Vec<Claim> {
        let claims = std::mem::take(&mut self.extraction.claims);
        self.moved += claims.len();
        claims
    }

    /// The document's spin verdict.
    pub fn spun(&self) -> bool {
        self.info.as_ref().is_some_and(|i| i.spun)
    }
}

/// The reduce of pass 3: finished documents' outcomes in doc_id order, then consolidation
/// into facts and conflicts. Holds claims and small per-document records, no texts.
#[derive(Default)]
pub struct Collector {
    docs: Vec<DocSummary>,
    infos: Vec<DocInfo>,
    claims: Vec<Claim>,
    claim_counts: ExtractionCounts,
}

impl Collector {
    /// The next document's outcome (in doc_id order).
    pub fn push(&mut self, outcome: Outcome) {
        let Outcome {
            summary,
            info,
            mut extraction,
            moved,
        } = outcome;
        self.docs.push(summary);
        if let Some(info) = info {
            self.infos.push(info);
            self.claim_counts.add(&extraction);
            self.claim_counts.claims += moved;
            self.claims.append(&mut extraction.claims);
        }
    }

    /// Documents collected so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Consolidate the claims into facts and find the conflicts between them.
    pub fn finish(self, progress: &dyn super::Progress) -> RunOutput {
        progress.stage("consolidate", self.claims.len());
        let facts = consolidate::consolidate(&self.claims, &self.infos);
        self.finish_with(facts, progress)
    }

    /// Each near-duplicate document and its original (what consolidation reads of the
    /// documents besides their spin verdicts, which travel with the claims).
    pub fn near_duplicates(&self) -> BTreeMap<String, String> {
        self.infos
            .iter()
            .filter_map(|d| Some((d.doc_id.clone(), d.near_duplicate_of.clone()?)))
            .collect()
    }

    /// Find the conflicts between facts consolidated elsewhere (sorted by id, distinct
    /// ids: [`consolidate::distinct_ids`]).
    pub fn finish_with(self, facts: Vec<Fact>, progress: &dyn super::Progress) -> RunOutput {
        progress.stage("conflicts", facts.len());
        let conflicts = conflicts::find_conflicts(&facts, &self.infos);
        RunOutput {
            summary: RunSummary {
                docs: self.docs,
                claim_counts: self.claim_counts,
                facts,
                conflicts,
                // A runner with a cache says what it did.
                cache: None,
            },
            claims: self.claims,
        }
    }
}

/// What every step of a run needs besides its document: the limits and rules, the
/// reviewers' decisions file as read, the per-document time budget.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub limits: Limits,
    /// `curated/decisions.toml` as read (each step takes its document's decisions).
    pub decisions: Option<String>,
    pub doc_time_budget: Duration,
}

impl Job {
    pub fn decisions(&self) -> Result<Decisions> {
        match &self.decisions {
            Some(text) => Decisions::parse(text).map_err(Error::Output),
            None => Ok(Decisions::default()),
        }
    }
}

/// A raw file of the listing as a plain record, its path as bytes (any file name).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RawFileRecord {
    doc_id: String,
    source: String,
    path: Vec<u8>,
    skip: Option<String>,
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}
#[cfg(unix)]
fn path_of(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}
#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}
#[cfg(not(unix))]
fn path_of(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

impl RawFileRecord {
    fn of(f: &RawFile) -> Self {
        RawFileRecord {
            doc_id: f.doc_id.clone(),
            source: f.source.clone(),
            path: path_bytes(&f.path),
            skip: f.skip.clone(),
        }
    }
    fn raw_file(&self) -> RawFile {
        RawFile {
            doc_id: self.doc_id.clone(),
            source: self.source.clone(),
            path: path_of(&self.path),
            skip: self.skip.clone(),
        }
    }
}

/// One document of the run: its index in doc_id order, its raw file from the library's
/// listing, and the file before it (a second file with the same stem is skipped).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocEntry {
    pub index: usize,
    file: RawFileRecord,
    previous: Option<RawFileRecord>,
}

impl DocEntry {
    /// The entries of a listing ([`ingest::list_raw`]), in its order.
    pub fn of_listing(files: &[RawFile]) -> Vec<DocEntry> {
        (0..files.len())
            .map(|i| DocEntry {
                index: i,
                file: RawFileRecord::of(&files[i]),
                previous: i.checked_sub(1).map(|p| RawFileRecord::of(&files[p])),
            })
            .collect()
    }

    pub fn doc_id(&self) -> &str {
        &self.file.doc_id
    }

    /// Read and decode the raw file, exactly as [`ingest::load_with`] does in a listing.
    pub fn load(&self, limits: &Limits) -> Document {
        let files: Vec<RawFile> = self
            .previous
            .iter()
            .chain([&self.file])
            .map(RawFileRecord::raw_file)
            .collect();
        ingest::load_with(&files, files.len() - 1, limits)
    }
}

/// Pass 1 of one document: load, repair, summarise; its time goes on a new clock.
pub fn map1(entry: &DocEntry, job: &Job) -> (Pass1, DocClock) {
    let start = Stopwatch::start();
    let pass1 = plan::pass1(&plan::repaired(entry.load(&job.limits)));
    let mut clock = DocClock::default();
    clock.charge(start.elapsed(), Stage::Repair, job.doc_time_budget);
    (pass1, clock)
}

/// What pass 2 gives of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pass2Out {
    pub signature: Option<Signature>,
    pub spin: Option<SpinSummary>,
    /// The cleaned document ([`super::spill::encode`]), for pass 3; None when the document
    /// was over budget after pass 1.
    pub cleaned: Option<Vec<u8>>,
    pub clock: DocClock,
}

/// Pass 2 of one document: clean with the corpus hints, summarise.
pub fn map2(entry: &DocEntry, job: &Job, hints: &CorpusHints, clock: DocClock) -> Result<Pass2Out> {
    if clock.over().is_some() {
        // Over budget already: contributes nothing more.
        return Ok(Pass2Out {
            signature: None,
            spin: None,
            cleaned: None,
            clock,
        });
    }
    let start = Stopwatch::start();
    let doc = plan::cleaned(plan::repaired(entry.load(&job.limits)), hints);
    let pass2 = plan::pass2(&doc);
    let cleaned = super::spill::encode(&doc)?;
    let mut clock = clock;
    clock.charge(start.elapsed(), Stage::Clean, job.doc_time_budget);
    Ok(Pass2Out {
        signature: pass2.signature,
        spin: pass2.spin,
        cleaned: Some(cleaned),
        clock,
    })
}

/// The reduce of pass 2, fed in doc_id order: near-duplicates of the clean text and the
/// spin language model.
#[derive(Default)]
pub struct Reduce2 {
    doc_ids: Vec<String>,
    signatures: Vec<Option<Signature>>,
    lm: LanguageModel,
}

impl Reduce2 {
    pub fn add(&mut self, doc_id: &str, signature: Option<Signature>, spin: Option<SpinSummary>) {
        self.doc_ids.push(doc_id.to_string());
        self.signatures.push(signature);
        if let Some(s) = spin {
            self.lm.add(s);
        }
    }

    /// The original each near-duplicate copies (by document index), and the model.
    pub fn finish(self) -> (BTreeMap<usize, String>, LanguageModel) {
        let copies = plan::near_duplicates(&self.signatures);
        let originals = copies
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, self.doc_ids[j].clone())))
            .collect();
        (originals, self.lm.finish())
    }
}

/// Pass 3 of one document (`cleaned` and `clock` from its [`Pass2Out`]): finish it, write its own files into the (staging) output
/// folders, and keep what the corpus stages and the ordered writers need.
#[allow(clippy::too_many_arguments)]
pub fn map3(
    entry: &DocEntry,
    job: &Job,
    decisions: &Decisions,
    cleaned: Option<&[u8]>,
    clock: DocClock,
    near_duplicate_of: Option<String>,
    lm: &LanguageModel,
    curated: &Path,
    reports: &Path,
) -> Result<(Outcome, DocumentPiece)> {
    let (doc, extraction) = finish_document(
        &clock,
        job.doc_time_budget,
        || entry.load(&job.limits),
        || match cleaned {
            Some(bytes) => super::spill::decode(bytes),
            None => Err(Error::Spill(format!(
                "no cleaned document for {}",
                entry.doc_id()
            ))),
        },
        near_duplicate_of,
        lm,
        decisions.for_doc(entry.doc_id()),
    )?;
    let piece = output::write_document(curated, reports, &doc)?;
    Ok((Outcome::of(&doc, extraction), piece))
}

/// The driver of a run executed elsewhere: lists the raw folder by the library's rules,
/// holds the output transaction (lock, staging folders, final swap) and the ordered
/// writers, collects the outcomes in doc_id order and writes the corpus files.
pub struct Driver {
    txn: crate::outdir::Transaction,
    writer: DatasetWriter,
    previous: Previous,
    decisions: Decisions,
    collector: Collector,
    expected: usize,
}

impl Driver {
    /// Start a run: `config` (else the nearest `factsieve.toml` from the working
    /// directory) gives the limits and rules; the decisions file is read from `curated`.
    pub fn begin(
        raw: &Path,
        curated: &Path,
        reports: &Path,
        config: Option<&Path>,
    ) -> Result<(Driver, Job, Vec<DocEntry>)> {
        let cfg = match config {
            Some(p) => crate::config::Config::load(p),
            None => {
                let cwd = std::env::current_dir()
                    .map_err(|e| Error::Output(format!("reading the working directory: {e}")))?;
                crate::config::Config::discover(&cwd)
            }
        }
        .map_err(|e| Error::Output(e.to_string()))?;
        let decisions = Decisions::load(curated).map_err(|e| Error::Output(e.to_string()))?;
        let files = ingest::list_raw(raw)?;
        let txn = crate::outdir::Transaction::begin(curated, reports)?;
        let previous = Previous::read(curated, reports);
        let writer = DatasetWriter::create(txn.curated(), txn.reports())?;
        let job = Job {
            limits: cfg.input_limits(),
            decisions: decisions.to_write().then(|| decisions.to_toml()),
            doc_time_budget: super::runner::DEFAULT_DOC_TIME_BUDGET,
        };
        let driver = Driver {
            txn,
            writer,
            previous,
            decisions,
            collector: Collector::default(),
            expected: files.len(),
        };
        Ok((driver, job, DocEntry::of_listing(&files)))
    }

    /// The staging folders the per-document files go to.
    pub fn staging(&self) -> (&Path, &Path) {
        (self.txn.curated(), self.txn.reports())
    }

    /// The next document's outcome and writer piece; `index` must follow the last.
    pub fn add(&mut self, index: usize, outcome: Outcome, piece: DocumentPiece) -> Result<()> {
        if index != self.collector.len() {
            return Err(Error::Output(format!(
                "document {index} arrived where document {} was expected: outcomes must come in doc_id order",
                self.collector.len()
            )));
        }
        use super::Sink as _;
        self.writer.ordered(piece)?;
        self.collector.push(outcome);
        Ok(())
    }

    /// Each near-duplicate document and its original, for the facts step of a
    /// consolidation run elsewhere.
    pub fn near_duplicates(&self) -> BTreeMap<String, String> {
        self.collector.near_duplicates()
    }

    /// Consolidate, write the corpus files, swap the outputs in. Returns the summary.
    pub fn finish(self, progress: &dyn super::Progress) -> Result<RunSummary> {
        self.finish_with(None, progress)
    }

    /// [`Driver::finish`], with the facts when consolidation ran elsewhere (the outcomes'
    /// claims taken out: [`Outcome::take_claims`]; any order).
    pub fn finish_with(
        self,
        facts: Option<Vec<Fact>>,
        progress: &dyn super::Progress,
    ) -> Result<RunSummary> {
        if self.collector.len() != self.expected {
            return Err(Error::Output(format!(
                "{} of {} documents arrived: the outputs are left as they were",
                self.collector.len(),
                self.expected
            )));
        }
        let RunOutput { summary, claims } = match facts {
            Some(facts) => self
                .collector
                .finish_with(consolidate::distinct_ids(facts), progress),
            None => self.collector.finish(progress),
        };
        drop(claims);
        let curated = self.txn.curated().to_path_buf();
        output::finish_dataset(
            self.writer,
            &summary,
            &self.previous,
            &self.decisions,
            &curated,
        )?;
        self.txn.commit()?;
        Ok(summary)
    }
}
