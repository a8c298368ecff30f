//! The local runner: executes the plan's passes with rayon over chunks of documents (a
//! bounded number in flight), re-deriving each document from its source in every pass
//! rather than holding it, and handing finished documents to a sink in doc_id order.

use super::cache::{Cache, Key};
use super::plan::{self, Pass1};
use super::spill::{self, Spill};
use super::steps::{self, Collector, DocClock, Outcome, Stage, Stopwatch};
use super::{Progress, RunSummary};
use crate::clean::CorpusHints;
use crate::decisions::Decisions;
use crate::error::Result;
use crate::ingest::{self, RawFile};
use crate::model::{Claim, Document};
use crate::near_dup::Signature;
use crate::spin::LanguageModel;
use rayon::prelude::*;
use std::time::Duration;

/// Where a pass gets its documents from: the `i`th ingested (decoded, not yet repaired)
/// document, as a pure function of `i`.
pub trait DocSource: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn load(&self, i: usize) -> Document;
    /// The `i`th document's id, without reading it.
    fn doc_id(&self, i: usize) -> String;
}

/// Raw files on disk, re-read by every pass.
pub struct FileSource {
    pub files: Vec<RawFile>,
    pub limits: ingest::Limits,
}

impl DocSource for FileSource {
    fn len(&self) -> usize {
        self.files.len()
    }
    fn load(&self, i: usize) -> Document {
        ingest::load_with(&self.files, i, &self.limits)
    }
    fn doc_id(&self, i: usize) -> String {
        self.files[i].doc_id.clone()
    }
}

/// Documents already ingested and held in memory (tests, library use).
pub struct MemorySource(pub Vec<Document>);

impl DocSource for MemorySource {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn load(&self, i: usize) -> Document {
        self.0[i].clone()
    }
    fn doc_id(&self, i: usize) -> String {
        self.0[i].doc_id.clone()
    }
}

/// Receives finished documents: `document` runs in parallel (write per-document files
/// there), `ordered` then receives its results one at a time in doc_id order (append to
/// files that list every document).
pub trait Sink: Sync {
    type Piece: Send;
    fn document(&self, doc: &Document) -> Result<Self::Piece>;
    fn ordered(&mut self, piece: Self::Piece) -> Result<()>;
}

/// Runner settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Documents in flight per chunk: bounds memory whatever the corpus size.
    pub chunk: usize,
    /// The last guard on one document's cost: a document whose passes together take
    /// longer is skipped with a reason, checked at stage boundaries (no work is cut off
    /// mid-stage). Far above what any document within the ingest limits needs (a 1 MB
    /// article takes seconds), so it never decides an ordinary run's output.
    pub doc_time_budget: Duration,
    /// Reviewers' decisions on suggestions; each document gets only its own.
    pub decisions: Decisions,
    /// Per-document results of earlier runs (`run --cache DIR`; see [`super::cache`]).
    pub cache: Option<std::sync::Arc<Cache>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            chunk: 256,
            doc_time_budget: DEFAULT_DOC_TIME_BUDGET,
            decisions: Decisions::default(),
            cache: None,
        }
    }
}

/// See [`Options::doc_time_budget`].
pub const DEFAULT_DOC_TIME_BUDGET: Duration = Duration::from_secs(60);

/// What a run returns: the corpus summary and the claims (consolidation's input).
pub struct RunOutput {
    pub summary: RunSummary,
    pub claims: Vec<Claim>,
}

/// The index ranges of consecutive chunks of `chunk` documents.
fn chunks(n: usize, chunk: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let chunk = chunk.max(1);
    (0..n.div_ceil(chunk)).map(move |k| k * chunk..((k + 1) * chunk).min(n))
}

/// Map `f` over every document index, a chunk at a time in parallel, feeding each
/// chunk's results in order to `consume`.
fn for_chunks<T: Send>(
    n: usize,
    chunk: usize,
    f: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(Vec<T>) -> Result<()>,
) -> Result<()> {
    for r in chunks(n, chunk) {
        consume(r.into_par_iter().map(&f).collect())?;
    }
    Ok(())
}

/// Execute the plan on every document of `source`.
pub fn run<S: Sink>(
    source: &dyn DocSource,
    sink: &mut S,
    progress: &dyn Progress,
    opts: &Options,
) -> Result<RunOutput> {
    let n = source.len();
    let cache = opts.cache.as_deref();

    // Pass 1: repair; line hashes and raw signatures (from the cache when the document
    // is unchanged: the work is a pure function of it).
    progress.stage("pass 1: repair", n);
    let mut pass1: Vec<Pass1> = Vec::with_capacity(n);
    let mut keys: Vec<Option<Key>> = Vec::with_capacity(n);
    let limit = opts.doc_time_budget;
    let mut clocks = vec![DocClock::default(); n];
    for_chunks(
        n,
        opts.chunk,
        |i| {
            let start = Stopwatch::start();
            let doc = source.load(i);
            let key = cache.and_then(|c| c.key(&doc));
            if let (Some(c), Some(k)) = (cache, &key) {
                // Charged the time the work took when it was done, so a document goes
                // over budget whether or not its result was cached.
                if let Some((p, took)) = c.pass1(k) {
                    return (p, took, key);
                }
            }
            let p = plan::pass1(&plan::repaired(doc));
            let took = start.elapsed();
            if let (Some(c), Some(k)) = (cache, &key) {
                c.put1(k, &p, took);
            }
            (p, took, key)
        },
        |out| {
            for (p, took, key) in out {
                clocks[pass1.len()].charge(took, Stage::Repair, limit);
                pass1.push(p);
                keys.push(key);
            }
            Ok(())
        },
    )?;
    let hints: CorpusHints = plan::reduce1(pass1);

    // Pass 2: clean; clean signatures and the spin model's counts.
    progress.stage("pass 2: clean", n);
    let mut sigs: Vec<Option<Signature>> = Vec::with_capacity(n);
    let mut lm = LanguageModel::default();
    let clocks_ref = &clocks;
    let mut pass2_times: Vec<Duration> = Vec::with_capacity(n);
    // Cleaned documents wait for pass 3 in a spill file, not in memory.
    let mut cleaned = Spill::new()?;
    for_chunks(
        n,
        opts.chunk,
        |i| match clocks_ref[i].over() {
            // Over budget already: contributes nothing more.
            Some(_) => ((plan::Pass2::none(), None), Duration::ZERO),
            None => {
                let key = keys[i].as_ref().zip(cache);
                if let Some(r) = key.and_then(|(k, c)| c.pass2(k, &hints)) {
                    return ((r.pass2, Some(Ok(r.cleaned))), r.took);
                }
                let ((p, bytes, asked), took) = timed(|| {
                    let (doc, asked) = crate::clean::recording(|| {
                        plan::cleaned(plan::repaired(source.load(i)), &hints)
                    });
                    (plan::pass2(&doc), spill::encode(&doc), asked)
                });
                if let (Some((k, c)), Ok(bytes)) = (key, &bytes) {
                    c.put2(k, asked, &p, bytes, took);
                }
                ((p, Some(bytes)), took)
            }
        },
        |out| {
            for ((p, bytes), took) in out {
                pass2_times.push(took);
                sigs.push(p.signature);
                if let Some(s) = p.spin {
                    lm.add(s);
                }
                cleaned.push(bytes.transpose()?.as_deref())?;
            }
            Ok(())
        },
    )?;
    for (i, took) in pass2_times.into_iter().enumerate() {
        clocks[i].charge(took, Stage::Clean, limit);
    }
    let lm = lm.finish();
    progress.stage("near-duplicates", n);
    let copies = plan::near_duplicates(&sigs);
    drop(sigs);

    // Pass 3: spin repair, claims; finished documents to the sink.
    progress.stage("pass 3: spin, claims", n);
    let mut collector = Collector::default();
    for range in chunks(n, opts.chunk) {
        let spilled = cleaned.read(range.clone())?;
        let out: Vec<Result<(S::Piece, Outcome)>> = range
            .into_par_iter()
            .zip(spilled)
            .map(|(i, spilled)| {
                let (doc, extraction) = steps::finish_document(
                    &clocks[i],
                    limit,
                    || source.load(i),
                    || match spilled {
                        Some(bytes) => spill::decode(&bytes),
                        None => Ok(plan::cleaned(plan::repaired(source.load(i)), &hints)),
                    },
                    copies[i].map(|j| source.doc_id(j)),
                    &lm,
                    opts.decisions.for_doc(&source.doc_id(i)),
                )?;
                Ok((sink.document(&doc)?, Outcome::of(&doc, extraction)))
            })
            .collect();
        for r in out {
            let (piece, outcome) = r?;
            sink.ordered(piece)?;
            collector.push(outcome);
        }
    }
    drop(hints);
    drop(lm);
    let mut out = collector.finish(progress);
    out.summary.cache = cache.map(Cache::stats);
    Ok(out)
}

/// The result of `f` and how long it took (see [`Stopwatch`]).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Stopwatch::start();
    let out = f();
    (out, start.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{process_documents, process_documents_with, Quiet};

    fn docs() -> Vec<Document> {
        [
            "Ice packs reduce swelling after a sprain.\n",
            "Heat relaxes tight muscles.\n",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            crate::ingest::decode_document(
                &format!("d{i}"),
                &format!("raw/d{i}.txt"),
                t.as_bytes().to_vec(),
            )
        })
        .collect()
    }

    #[test]
    fn documents_over_the_time_budget_are_skipped_with_a_reason() {
        let opts = Options {
            doc_time_budget: Duration::ZERO,
            ..Options::default()
        };
        let corpus = process_documents_with(docs(), &Quiet, &opts);
        assert_eq!(corpus.docs.len(), 2);
        for d in &corpus.docs {
            assert!(!d.is_ok());
            let reason = d.reason.as_deref().unwrap_or("");
            assert!(reason.contains("time budget"), "{reason}");
        }
        assert!(corpus.facts.is_empty());
        // Within budget nothing is skipped.
        let corpus = process_documents(docs(), &Quiet);
        assert!(corpus.docs.iter().all(|d| d.is_ok()));
        assert!(!corpus.facts.is_empty());
    }
}
