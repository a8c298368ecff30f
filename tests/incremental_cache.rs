//! Incremental runs (`run --cache DIR`): a run with the cache writes byte for byte what a
//! run without it writes, cold, warm, on one thread, after files are added, changed and
//! removed, after an added article changes the corpus hints an untouched document's
//! cleaning read, and with a corrupt cache; and the cache is really used.

use factsieve::output;
use factsieve::pipeline::cache::CacheStats;
use factsieve::pipeline::{Quiet, RunOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A short line after the body of site pages: repeated across unrelated documents, it is
/// dropped as the site's (C015) with the count of documents in its evidence.
const SITE_LINE: &str = "Wellness Corner Picks";

fn site_page(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n{SITE_LINE}\n")
}

const SITE_A: &str = "Ice packs reduce swelling in the first two days after a sprain. \
Wrap the pack in a thin towel and hold it on the joint for fifteen minutes.\n\
Rest the ankle and keep it raised above the heart while you sit.";
const SITE_B: &str = "Gentle stretching keeps a stiff neck flexible. \
Turn your head slowly to each side and hold the stretch for ten seconds.\n\
Most people feel better within a week when they stretch twice a day.";
const SITE_C: &str = "Heat relaxes tight shoulder muscles after a long day at a desk. \
A warm shower for ten minutes loosens the upper back.\n\
Take a short walk every hour to keep the shoulders moving.";

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    output::list_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

struct Outputs {
    curated: BTreeMap<PathBuf, Vec<u8>>,
    reports: BTreeMap<PathBuf, Vec<u8>>,
    stats: Option<CacheStats>,
}

/// Run on `raw` into fresh folders, with or without the cache.
fn run(raw: &Path, cache: Option<&Path>) -> Outputs {
    let out = tempfile::tempdir().unwrap();
    let (curated, reports) = (out.path().join("curated"), out.path().join("reports"));
    let options = RunOptions {
        cache: cache.map(Path::to_path_buf),
        ..Default::default()
    };
    let (summary, _) = output::run_streaming(raw, &options, &curated, &reports, &Quiet).unwrap();
    Outputs {
        curated: files(&curated),
        reports: files(&reports),
        stats: summary.cache,
    }
}

/// The same files with the same bytes (named on failure, not dumped).
fn assert_same(what: &str, a: &Outputs, b: &Outputs) {
    for (x, y, folder) in [
        (&a.curated, &b.curated, "curated"),
        (&a.reports, &b.reports, "reports"),
    ] {
        let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(x), names(y), "{what}: the files of {folder}/ differ");
        for (p, bytes) in x {
            assert!(&y[p] == bytes, "{what}: {folder}/{} differs", p.display());
        }
    }
}

fn raw_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    for e in std::fs::read_dir(&shipped).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    for e in std::fs::read_dir(&fixtures).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let put = |name: &str, text: String| std::fs::write(tmp.path().join(name), text).unwrap();
    put("site_a.txt", site_page("Ice For A Sprained Ankle", SITE_A));
    put(
        "site_b.txt",
        site_page("Stretches For A Stiff Neck", SITE_B),
    );
    tmp
}

#[test]
fn outputs_with_the_cache_are_those_without_it() {
    let raw = raw_folder();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path().join("cache");
    let docs = std::fs::read_dir(raw.path()).unwrap().count();

    // Cold, then warm: the same outputs; the warm run reuses every document.
    let reference = run(raw.path(), None);
    assert!(reference.stats.is_none());
    let cold = run(raw.path(), Some(&cache));
    assert_same("cold cache", &reference, &cold);
    let s = cold.stats.clone().unwrap();
    assert_eq!((s.documents, s.pass1_reused, s.pass2_reused), (docs, 0, 0));
    assert_eq!(s.written, 2 * docs);
    let warm = run(raw.path(), Some(&cache));
    assert_same("warm cache", &reference, &warm);
    let s = warm.stats.clone().unwrap();
    assert_eq!((s.pass1_reused, s.pass2_reused, s.written), (docs, docs, 0));
    // On one thread too.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let one = pool.install(|| run(raw.path(), Some(&cache)));
    assert_same("warm cache, one thread", &reference, &one);

    // A third site page shares the site line: the hint answer site_a's and site_b's
    // cleaning read goes from 2 to 3 documents, though their files did not change. Also a
    // changed article and a removed one.
    let put = |name: &str, text: String| std::fs::write(raw.path().join(name), text).unwrap();
    put("site_c.txt", site_page("Heat For Tight Shoulders", SITE_C));
    let changed = raw.path().join("neck_news.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nA warm compress before stretching loosens the neck muscles.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(raw.path().join("knee_cp1252.txt")).unwrap();

    let reference2 = run(raw.path(), None);
    // The case is real: site_a's own outputs changed with the corpus (its page shows the
    // evidence of the dropped site line).
    let page = |o: &Outputs| -> String {
        let path = factsieve::html::document_page_path("site_a");
        String::from_utf8(o.reports[Path::new(&path)].clone()).unwrap()
    };
    assert!(page(&reference).contains("in 2 unrelated documents"));
    assert!(page(&reference2).contains("in 3 unrelated documents"));

    let after = run(raw.path(), Some(&cache));
    assert_same(
        "after adding, changing and removing files",
        &reference2,
        &after,
    );
    let s = after.stats.clone().unwrap();
    // Reused: every unchanged file's pass 1; pass 2 of all but site_a and site_b.
    assert_eq!(s.documents, docs);
    assert_eq!(s.pass1_reused, docs - 2);
    assert!(s.pass2_hints_changed >= 2, "{s:?}");
    assert_eq!(s.pass2_reused, docs - 2 - s.pass2_hints_changed);

    // Every entry damaged: some truncated, some with a flipped byte, some emptied. Same
    // outputs; the damage is noticed and the entries rewritten.
    let mut damaged = 0;
    for dir in std::fs::read_dir(&cache).unwrap() {
        for (k, e) in std::fs::read_dir(dir.unwrap().path()).unwrap().enumerate() {
            let p = e.unwrap().path();
            let mut bytes = std::fs::read(&p).unwrap();
            match k % 3 {
                0 => bytes.truncate(bytes.len() / 2),
                1 => {
                    let mid = bytes.len() / 2;
                    bytes[mid] ^= 0x40;
                }
                _ => bytes.clear(),
            }
            std::fs::write(&p, bytes).unwrap();
            damaged += 1;
        }
    }
    assert!(damaged >= 2 * docs);
    let corrupt = run(raw.path(), Some(&cache));
    assert_same("corrupt cache", &reference2, &corrupt);
    let s = corrupt.stats.clone().unwrap();
    assert_eq!((s.pass1_reused, s.pass2_reused), (0, 0), "{s:?}");
    assert_eq!(s.corrupt, 2 * docs, "{s:?}");
    let healed = run(raw.path(), Some(&cache));
    assert_same("rewritten cache", &reference2, &healed);
    assert_eq!(healed.stats.unwrap().pass2_reused, docs);
}

#[path = "cli_support/mod.rs"]
mod cli_support;

/// The command line's `--cache`: the cache is used and says so; a subset run leaves the
/// other files' entries alone (only a whole-folder run prunes).
#[test]
fn the_cache_flag_reuses_and_a_subset_run_prunes_nothing() {
    use cli_support::{ok, project, BACK, BRACE, KNEE};
    let p = project(&[("knee.txt", KNEE), ("back.txt", BACK), ("brace.txt", BRACE)]);
    let stderr = |args: &[&str]| String::from_utf8(ok(p.path(), args).stderr).unwrap();
    let first = stderr(&["run", "--cache", "target/cache"]);
    assert!(first.contains("3 documents: pass 1 reused 0"), "{first}");
    let before = files(&p.path().join("curated"));
    let subset = stderr(&["run", "raw/knee.txt", "--cache", "target/cache"]);
    assert!(
        subset.contains("1 documents: pass 1 reused 1, pass 2 reused 1"),
        "{subset}"
    );
    let again = stderr(&["run", "--cache", "target/cache"]);
    assert!(
        again.contains("3 documents: pass 1 reused 3, pass 2 reused 3"),
        "{again}"
    );
    assert_eq!(before, files(&p.path().join("curated")));
    assert!(!stderr(&["-q", "run", "--cache", "target/cache"]).contains("cache"));
}
