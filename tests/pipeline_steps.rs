//! The plan's steps on plain records (`pipeline::steps`, what the Ray runner calls) give
//! the local run's outputs byte for byte: every record goes through its byte encoding,
//! and the maps run in an order other than doc_id order, as workers would.

use factsieve::ingest::Limits;
use factsieve::output::{self, list_files, DocumentPiece};
use factsieve::pipeline::plan::{self, Pass1};
use factsieve::pipeline::steps::{self, DocClock, DocEntry, Driver, Job, Outcome, Pass2Out};
use factsieve::pipeline::wire::{decode, encode};
use factsieve::pipeline::{Quiet, RunOptions};
use std::path::Path;

/// Through the bytes a record travels as, and back.
fn travel<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
    decode(&encode(value, "record").unwrap(), "record").unwrap()
}

/// A run of the steps as a distributed runner schedules them, maps in reverse order.
fn run_steps(raw: &Path, curated: &Path, reports: &Path) {
    let config = raw.parent().unwrap().join("factsieve.toml");
    std::fs::write(&config, "").unwrap();
    let (mut driver, job, entries) = Driver::begin(raw, curated, reports, Some(&config)).unwrap();
    let job: Job = travel(&job);
    let entries: Vec<DocEntry> = entries.iter().map(travel).collect();
    let n = entries.len();

    let mut pass1: Vec<Option<(Pass1, DocClock)>> = vec![None; n];
    for e in entries.iter().rev() {
        pass1[e.index] = Some(travel(&steps::map1(e, &job)));
    }
    let (summaries, clocks): (Vec<Pass1>, Vec<DocClock>) = pass1.into_iter().flatten().unzip();
    let hints = travel(&plan::reduce1(summaries));

    let mut pass2: Vec<Option<Pass2Out>> = vec![None; n];
    for e in entries.iter().rev() {
        pass2[e.index] = Some(travel(
            &steps::map2(e, &job, &hints, clocks[e.index]).unwrap(),
        ));
    }
    let mut reduce2 = steps::Reduce2::default();
    for (e, p) in entries.iter().zip(&pass2) {
        let p = p.as_ref().unwrap();
        reduce2.add(e.doc_id(), p.signature.clone(), p.spin.clone());
    }
    let (originals, lm) = reduce2.finish();
    let (originals, lm) = (travel(&originals), travel(&lm));

    let decisions = job.decisions().unwrap();
    let (staged_curated, staged_reports) = {
        let (c, r) = driver.staging();
        (c.to_path_buf(), r.to_path_buf())
    };
    let mut finished: Vec<Option<(Outcome, DocumentPiece)>> = vec![None; n];
    for (e, p) in entries.iter().zip(pass2).rev() {
        let p = p.unwrap();
        let out = steps::map3(
            e,
            &job,
            &decisions,
            p.cleaned.as_deref(),
            p.clock,
            originals.get(&e.index).cloned(),
            &lm,
            &staged_curated,
            &staged_reports,
        )
        .unwrap();
        finished[e.index] = Some(travel(&out));
    }
    for (i, f) in finished.into_iter().enumerate() {
        let (outcome, piece) = f.unwrap();
        driver.add(i, outcome, piece).unwrap();
    }
    driver.finish(&Quiet).unwrap();
}

fn same_trees(a: &Path, b: &Path) {
    let (fa, fb) = (list_files(a), list_files(b));
    assert_eq!(
        fa,
        fb,
        "{} and {} list other files",
        a.display(),
        b.display()
    );
    for f in fa {
        let (x, y) = (
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
        );
        assert!(x == y, "{} differs", f.display());
    }
}

#[test]
fn the_steps_on_records_write_what_the_local_run_writes() {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    let tmp = tempfile::tempdir().unwrap();
    let (lc, lr) = (
        tmp.path().join("local/curated"),
        tmp.path().join("local/reports"),
    );
    let options = RunOptions::default();
    output::run_streaming(&raw, &options, &lc, &lr, &Quiet).unwrap();
    let steps_dir = tmp.path().join("steps");
    std::fs::create_dir_all(steps_dir.join("raw")).unwrap();
    for f in std::fs::read_dir(&raw).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), steps_dir.join("raw").join(f.file_name())).unwrap();
    }
    let (sc, sr) = (steps_dir.join("curated"), steps_dir.join("reports"));
    run_steps(&steps_dir.join("raw"), &sc, &sr);
    same_trees(&lc, &sc);
    same_trees(&lr, &sr);
    assert!(!list_files(&sc).is_empty());
}

#[test]
fn a_document_out_of_order_is_refused_and_the_outputs_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    std::fs::write(raw.join("a.txt"), "Heat relaxes tight muscles.\n").unwrap();
    std::fs::write(raw.join("b.txt"), "Ice reduces swelling after a sprain.\n").unwrap();
    let (curated, reports) = (tmp.path().join("curated"), tmp.path().join("reports"));
    std::fs::create_dir_all(&curated).unwrap();
    std::fs::write(curated.join("old.txt"), "old").unwrap();
    let config = tmp.path().join("factsieve.toml");
    std::fs::write(&config, "").unwrap();
    let (mut driver, job, entries) =
        Driver::begin(&raw, &curated, &reports, Some(&config)).unwrap();
    let (p1, clock) = steps::map1(&entries[1], &job);
    let hints = plan::reduce1(vec![p1]);
    let p2 = steps::map2(&entries[1], &job, &hints, clock).unwrap();
    let (c, r) = {
        let (c, r) = driver.staging();
        (c.to_path_buf(), r.to_path_buf())
    };
    let lm = Default::default();
    let decisions = job.decisions().unwrap();
    let (outcome, piece) = steps::map3(
        &entries[1],
        &job,
        &decisions,
        p2.cleaned.as_deref(),
        p2.clock,
        None,
        &lm,
        &c,
        &r,
    )
    .unwrap();
    let err = driver.add(1, outcome, piece).unwrap_err().to_string();
    assert!(err.contains("doc_id order"), "{err}");
    // A run missing documents does not swap its outputs in.
    assert!(driver.finish(&Quiet).is_err());
    assert_eq!(
        std::fs::read_to_string(curated.join("old.txt")).unwrap(),
        "old"
    );
    // The limits travel with the job.
    assert_eq!(job.limits, Limits::default());
}
