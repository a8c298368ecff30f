//! Races between listing and reading the raw folder, the size limits, and failures around
//! the output folders: the run never hangs, never follows a swapped-in symlink, and a
//! failed write leaves the old outputs as they were.

use factsieve::ingest::{self, Limits};
use factsieve::output;
use factsieve::pipeline::{self, Quiet};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

const ARTICLE: &str = "Back care\n\nWalk a little every day when your back hurts.\n";

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

fn reason(d: &factsieve::model::Document) -> &str {
    d.reason.as_deref().unwrap_or("")
}

#[test]
fn files_swapped_or_removed_after_listing_are_skipped_without_hanging() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir(&raw).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "SECRET").unwrap();
    for n in ["a_fifo", "b_gone", "c_link", "d_ok"] {
        std::fs::write(raw.join(format!("{n}.txt")), ARTICLE).unwrap();
    }
    let files = ingest::list_raw(&raw).unwrap();
    // Between listing and reading: a FIFO (nobody ever writes to it: a blocking open
    // would hang forever), a removed file, a symlink to a file outside raw/.
    std::fs::remove_file(raw.join("a_fifo.txt")).unwrap();
    mkfifo(&raw.join("a_fifo.txt"));
    std::fs::remove_file(raw.join("b_gone.txt")).unwrap();
    std::fs::remove_file(raw.join("c_link.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), raw.join("c_link.txt")).unwrap();
    let docs = ingest::ingest(&files);
    let by_id = |id: &str| docs.iter().find(|d| d.doc_id == id).unwrap();
    assert!(
        reason(by_id("a_fifo")).contains("a FIFO when opened"),
        "{docs:?}"
    );
    assert!(reason(by_id("b_gone")).contains("vanished"));
    assert!(reason(by_id("c_link")).contains("became a symlink"));
    assert!(by_id("d_ok").is_ok());
    assert!(docs
        .iter()
        .all(|d| !String::from_utf8_lossy(&d.raw).contains("SECRET")));
}

#[test]
fn files_and_lines_over_the_limits_are_skipped_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir(&raw).unwrap();
    std::fs::write(raw.join("big.txt"), ARTICLE.repeat(100)).unwrap();
    std::fs::write(raw.join("line.txt"), "word ".repeat(300)).unwrap();
    std::fs::write(raw.join("ok.txt"), ARTICLE).unwrap();
    let limits = Limits {
        max_file_bytes: 2000,
        max_line_bytes: 1000,
        ..Limits::default()
    };
    let docs = ingest::ingest_with(&ingest::list_raw(&raw).unwrap(), &limits);
    assert!(
        reason(&docs[0]).contains("file too large"),
        "{:?}",
        docs[0].reason
    );
    assert!(docs[0].raw.is_empty(), "a file over the limit is not read");
    assert!(
        reason(&docs[1]).contains("line 1 is 1500 bytes long"),
        "{:?}",
        docs[1].reason
    );
    assert!(docs[2].is_ok());
}

fn dataset(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    output::list_files(dir)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(dir.join(&p)).unwrap();
            (p, b)
        })
        .collect()
}

#[test]
fn a_failed_write_leaves_the_old_outputs_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir(&raw).unwrap();
    std::fs::write(raw.join("a.txt"), ARTICLE).unwrap();
    let (c, r) = (tmp.path().join("curated"), tmp.path().join("reports"));
    let corpus = pipeline::process(&raw, &Quiet).unwrap();
    output::write_all(&corpus, &c, &r).unwrap();
    let before = dataset(&c);

    std::fs::write(raw.join("b.txt"), ARTICLE.replace("Walk", "Swim")).unwrap();
    let corpus = pipeline::process(&raw, &Quiet).unwrap();
    // reports/ replaced by a file: refused before anything is written.
    std::fs::rename(&r, tmp.path().join("reports.bak")).unwrap();
    std::fs::write(&r, "a file where reports/ should be").unwrap();
    let err = output::write_all(&corpus, &c, &r).unwrap_err().to_string();
    assert!(err.contains("is not a folder"), "{err}");
    assert_eq!(dataset(&c), before, "curated/ was changed by a failed run");

    // A second run while the first holds the lock fails at once, naming the lock.
    std::fs::remove_file(&r).unwrap();
    let held = factsieve::outdir::Transaction::begin(&c, &r).unwrap();
    let err = output::write_all(&corpus, &c, &r).unwrap_err().to_string();
    assert!(err.contains(".curated.factsieve.lock"), "{err}");
    drop(held);
    assert_eq!(dataset(&c), before);

    // Then a good run replaces the dataset whole and leaves no staging folder behind.
    output::write_all(&corpus, &c, &r).unwrap();
    assert!(c.join("clean/b.txt").exists());
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("factsieve-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
