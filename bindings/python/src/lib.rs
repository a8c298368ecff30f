//! `factsieve._native`: the library's plan of passes for a Python scheduler (the Ray
//! runner, `factsieve.ray`). Everything crosses as bytes: the records of
//! `factsieve::pipeline::steps`, encoded by `factsieve::pipeline::wire`. Python only
//! moves the bytes between steps; every stage runs here.
//!
//! The per-document maps take a batch (lists of equal length) and return lists, so one
//! call does a whole batch. The reduces are classes fed batch by batch, in doc_id order.

use factsieve::clean::CorpusHints;
use factsieve::near_dup::Signature;
use factsieve::pipeline::plan::Pass1;
use factsieve::pipeline::steps::{self, DocClock, DocEntry, Job, Outcome};
use factsieve::pipeline::wire::{decode, encode};
use factsieve::pipeline::Quiet;
use factsieve::spin::{LanguageModel, SpinSummary};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod consolidate;

fn err(e: factsieve::error::Error) -> PyErr {
    PyRuntimeError::new_err(e.to_string())
}

fn bytes<'py>(py: Python<'py>, b: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, b)
}

fn check_len(what: &str, n: usize, m: usize) -> PyResult<()> {
    if n != m {
        return Err(PyValueError::new_err(format!(
            "{what}: {m} values for {n} documents"
        )));
    }
    Ok(())
}

type Bytes = Vec<u8>;
/// A Python list of bytes objects, one per document (or row) of a batch.
type BytesList<'py> = Vec<Bound<'py, PyBytes>>;
/// Pass 2's columns: summaries, cleaned documents (None when over budget), clocks.
type Pass2Columns<'py> = (
    BytesList<'py>,
    Vec<Option<Bound<'py, PyBytes>>>,
    BytesList<'py>,
);

/// The library's allocator in the binary, here too: the stages make many small strings
/// and vectors per line (README, "A plan of passes"). Only Rust's allocations use it; what
/// goes to Python is copied into Python's own bytes objects.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The driver of a run: lists the raw folder, holds the output lock, staging folders and
/// ordered writers, and writes the corpus files and swaps the outputs in at the end.
#[pyclass(unsendable)]
struct Driver {
    inner: Option<steps::Driver>,
    job: Bytes,
    entries: Vec<Bytes>,
    /// Facts consolidated by the partition steps, when the claims were taken out.
    facts: Option<Vec<factsieve::model::Fact>>,
}

#[pymethods]
impl Driver {
    #[new]
    #[pyo3(signature = (raw, curated, reports, config=None))]
    fn new(
        raw: PathBuf,
        curated: PathBuf,
        reports: PathBuf,
        config: Option<PathBuf>,
    ) -> PyResult<Self> {
        let (driver, job, entries) =
            steps::Driver::begin(&raw, &curated, &reports, config.as_deref()).map_err(err)?;
        let entries = entries
            .iter()
            .map(|e| encode(e, "entry"))
            .collect::<Result<_, _>>()
            .map_err(err)?;
        Ok(Driver {
            inner: Some(driver),
            job: encode(&job, "job").map_err(err)?,
            entries,
            facts: None,
        })
    }

    /// The job record every step takes (limits, rules, decisions, time budget).
    fn job<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        bytes(py, &self.job)
    }

    /// One record per document of the listing, in doc_id order.
    fn entries<'py>(&self, py: Python<'py>) -> BytesList<'py> {
        self.entries.iter().map(|e| bytes(py, e)).collect()
    }

    /// The staging folders (curated, reports) the per-document files go to.
    fn staging(&self) -> PyResult<(String, String)> {
        let d = self.driver()?;
        let (c, r) = d.staging();
        Ok((c.display().to_string(), r.display().to_string()))
    }

    /// Pass 3's results for a batch of consecutive documents, in doc_id order.
    fn add(&mut self, finished: Vec<Bytes>) -> PyResult<()> {
        let d = self.inner.as_mut().ok_or_else(finished_already)?;
        for f in finished {
            let (index, outcome, piece): (usize, Outcome, _) =
                decode(&f, "pass 3 result").map_err(err)?;
            d.add(index, outcome, piece).map_err(err)?;
        }
        Ok(())
    }

    /// Each near-duplicate document and its original (to broadcast to the facts step).
    fn near_duplicates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let near = self.driver()?.near_duplicates();
        Ok(bytes(py, &encode(&near, "near-duplicates").map_err(err)?))
    }

    /// Facts from the partition steps (any order), when `map3` took the claims out.
    fn add_facts(&mut self, facts: Vec<Bytes>) -> PyResult<()> {
        let all = self.facts.get_or_insert_with(Vec::new);
        for f in facts {
            all.push(decode(&f, "fact").map_err(err)?);
        }
        Ok(())
    }

    /// Consolidate (unless the facts came from the partition steps), write the corpus
    /// files, swap the outputs in. Returns counts.
    fn finish(&mut self, py: Python<'_>) -> PyResult<BTreeMap<String, usize>> {
        let d = self.inner.take().ok_or_else(finished_already)?;
        let facts = self.facts.take();
        let s = py.detach(|| d.finish_with(facts, &Quiet)).map_err(err)?;
        Ok(BTreeMap::from([
            ("documents".to_string(), s.docs.len()),
            (
                "skipped".to_string(),
                s.docs.iter().filter(|d| !d.is_ok()).count(),
            ),
            ("claims".to_string(), s.claims()),
            ("facts".to_string(), s.facts.len()),
            ("conflicts".to_string(), s.conflicts.len()),
        ]))
    }
}

impl Driver {
    fn driver(&self) -> PyResult<&steps::Driver> {
        self.inner.as_ref().ok_or_else(finished_already)
    }
}

fn finished_already() -> PyErr {
    PyRuntimeError::new_err("the run is finished")
}

fn entries_of(entries: &[Bytes]) -> PyResult<Vec<DocEntry>> {
    entries
        .iter()
        .map(|e| decode(e, "entry").map_err(err))
        .collect()
}

/// Pass 1 of a batch: (pass-1 summaries, clocks).
#[pyfunction]
fn map1<'py>(
    py: Python<'py>,
    entries: Vec<Bytes>,
    job: Bytes,
) -> PyResult<(BytesList<'py>, BytesList<'py>)> {
    let job: Job = decode(&job, "job").map_err(err)?;
    let entries = entries_of(&entries)?;
    let out = py.detach(|| {
        entries
            .iter()
            .map(|e| {
                let (p, clock) = steps::map1(e, &job);
                Ok((encode(&p, "pass 1")?, encode(&clock, "clock")?))
            })
            .collect::<factsieve::error::Result<Vec<_>>>()
    });
    let (summaries, clocks): (Vec<_>, Vec<_>) = out.map_err(err)?.into_iter().unzip();
    Ok((
        summaries.iter().map(|b| bytes(py, b)).collect(),
        clocks.iter().map(|b| bytes(py, b)).collect(),
    ))
}

/// The reduce of pass 1, fed pass-1 summaries in doc_id order: the corpus hints.
#[pyclass]
#[derive(Default)]
struct HintsReduce {
    summaries: Vec<Pass1>,
}

#[pymethods]
impl HintsReduce {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, summaries: Vec<Bytes>) -> PyResult<()> {
        for s in summaries {
            self.summaries.push(decode(&s, "pass 1").map_err(err)?);
        }
        Ok(())
    }

    /// The hints, to broadcast to pass 2.
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let summaries = std::mem::take(&mut self.summaries);
        let hints = py.detach(|| encode(&factsieve::pipeline::plan::reduce1(summaries), "hints"));
        Ok(bytes(py, &hints.map_err(err)?))
    }
}

/// Pass 2 of a batch: (summaries for the reduce, cleaned documents, clocks).
#[pyfunction]
fn map2<'py>(
    py: Python<'py>,
    entries: Vec<Bytes>,
    clocks: Vec<Bytes>,
    job: Bytes,
    hints: Bytes,
) -> PyResult<Pass2Columns<'py>> {
    check_len("clocks", entries.len(), clocks.len())?;
    let job: Job = decode(&job, "job").map_err(err)?;
    let entries = entries_of(&entries)?;
    let out = py.detach(|| {
        let hints: CorpusHints = decode(&hints, "hints")?;
        entries
            .iter()
            .zip(&clocks)
            .map(|(e, c)| {
                let p = steps::map2(e, &job, &hints, decode(c, "clock")?)?;
                Ok((
                    encode(&(&p.signature, &p.spin), "pass 2")?,
                    p.cleaned,
                    encode(&p.clock, "clock")?,
                ))
            })
            .collect::<factsieve::error::Result<Vec<_>>>()
    });
    let mut summaries = Vec::new();
    let mut cleaned = Vec::new();
    let mut clocks = Vec::new();
    for (s, c, k) in out.map_err(err)? {
        summaries.push(bytes(py, &s));
        cleaned.push(c.map(|c| bytes(py, &c)));
        clocks.push(bytes(py, &k));
    }
    Ok((summaries, cleaned, clocks))
}

/// The reduce of pass 2, fed (entries, pass-2 summaries) in doc_id order: the
/// near-duplicates and the spin language model.
#[pyclass]
#[derive(Default)]
struct Pass2Reduce {
    inner: steps::Reduce2,
}

#[pymethods]
impl Pass2Reduce {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, entries: Vec<Bytes>, summaries: Vec<Bytes>) -> PyResult<()> {
        check_len("summaries", entries.len(), summaries.len())?;
        for (e, s) in entries_of(&entries)?.iter().zip(summaries) {
            let (sig, spin): (Option<Signature>, Option<SpinSummary>) =
                decode(&s, "pass 2").map_err(err)?;
            self.inner.add(e.doc_id(), sig, spin);
        }
        Ok(())
    }

    /// (near-duplicate originals by document index, language model), to broadcast.
    fn finish<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        let inner = std::mem::take(&mut self.inner);
        let out = py.detach(|| {
            let (originals, lm) = inner.finish();
            Ok((
                encode(&originals, "originals")?,
                encode(&lm, "language model")?,
            ))
        });
        let (o, l) = out.map_err(err)?;
        Ok((bytes(py, &o), bytes(py, &l)))
    }
}

/// The broadcast state of pass 3, decoded once per worker process.
#[pyclass(frozen)]
struct Pass3State {
    job: Job,
    decisions: factsieve::decisions::Decisions,
    originals: BTreeMap<usize, String>,
    lm: LanguageModel,
}

#[pymethods]
impl Pass3State {
    #[new]
    fn new(py: Python<'_>, job: Bytes, originals: Bytes, lm: Bytes) -> PyResult<Self> {
        py.detach(|| {
            let job: Job = decode(&job, "job")?;
            Ok(Pass3State {
                decisions: job.decisions()?,
                job,
                originals: decode(&originals, "originals")?,
                lm: decode(&lm, "language model")?,
            })
        })
        .map_err(err)
    }
}

/// Pass 3 of a batch: each document finished, its own files written into the staging
/// folders; one record per document for [`Driver::add`], and one blob of its claims
/// (index, spun, claims) for the consolidation steps (the record keeps their count).
#[allow(clippy::too_many_arguments)]
#[pyfunction]
fn map3<'py>(
    py: Python<'py>,
    state: &Pass3State,
    entries: Vec<Bytes>,
    cleaned: Vec<Option<Bytes>>,
    clocks: Vec<Bytes>,
    curated: PathBuf,
    reports: PathBuf,
) -> PyResult<(BytesList<'py>, BytesList<'py>)> {
    check_len("cleaned", entries.len(), cleaned.len())?;
    check_len("clocks", entries.len(), clocks.len())?;
    let entries = entries_of(&entries)?;
    let out = py.detach(|| {
        entries
            .iter()
            .zip(cleaned.iter().zip(&clocks))
            .map(|(e, (c, k))| {
                let clock: DocClock = decode(k, "clock")?;
                let (mut outcome, piece) = steps::map3(
                    e,
                    &state.job,
                    &state.decisions,
                    c.as_deref(),
                    clock,
                    state.originals.get(&e.index).cloned(),
                    &state.lm,
                    &curated,
                    &reports,
                )?;
                let claims = (e.index, outcome.spun(), outcome.take_claims());
                Ok((
                    encode(&(e.index, outcome, piece), "pass 3 result")?,
                    encode(&claims, "claims")?,
                ))
            })
            .collect::<factsieve::error::Result<Vec<_>>>()
    });
    let (finished, claims): (Vec<_>, Vec<_>) = out.map_err(err)?.into_iter().unzip();
    Ok((
        finished.iter().map(|b| bytes(py, b)).collect(),
        claims.iter().map(|b| bytes(py, b)).collect(),
    ))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Driver>()?;
    m.add_class::<HintsReduce>()?;
    m.add_class::<Pass2Reduce>()?;
    m.add_class::<Pass3State>()?;
    m.add_function(wrap_pyfunction!(map1, m)?)?;
    m.add_function(wrap_pyfunction!(map2, m)?)?;
    m.add_function(wrap_pyfunction!(map3, m)?)?;
    consolidate::register(m)?;
    Ok(())
}
