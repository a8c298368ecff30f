//! The dataset diff from the command line: `run` writes reports/changes.md that a re-run and
//! `check` reproduce; adding one article shows exactly its facts and conflicts in
//! `factsieve diff`; `--format json` and `--exit-code` behave; `explain` and `--help` work.

mod review_support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn factsieve(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factsieve"))
        .current_dir(dir)
        .args(args)
        .env("CI", "1")
        .output()
        .expect("running factsieve")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// A project folder with raw/ holding the base articles.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    review_support::write_raw(&tmp.path().join("raw"), &review_support::base_articles());
    tmp
}

/// Fact ids that cite `doc_id`, in a `curated/facts.jsonl`.
fn facts_citing(curated: &Path, doc_id: &str) -> Vec<String> {
    read(curated.join("facts.jsonl"))
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|f| {
            f["citations"]
                .as_array()
                .is_some_and(|cs| cs.iter().any(|c| c["doc_id"] == doc_id))
        })
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn changes_md_is_reproduced_by_reruns_and_check() {
    let p = project();
    let dir = p.path();
    ok(&factsieve(dir, &["run"]));
    let first = read(dir.join("reports/changes.md"));
    assert!(first.contains("First run"), "{first}");
    // Re-running over unchanged input keeps it, and check agrees.
    ok(&factsieve(dir, &["run"]));
    assert_eq!(read(dir.join("reports/changes.md")), first);
    ok(&factsieve(dir, &["check"]));

    // A new article: the run describes it, a re-run and check keep that description.
    let (name, bytes) = review_support::new_article();
    std::fs::write(dir.join("raw").join(name), bytes).unwrap();
    let stale = factsieve(dir, &["check"]);
    assert_eq!(
        stale.status.code(),
        Some(1),
        "check notices the new article"
    );
    let out = String::from_utf8_lossy(&stale.stdout);
    assert!(
        out.contains("dataset changes") && out.contains("added delta (ok)"),
        "{out}"
    );
    ok(&factsieve(dir, &["run"]));
    let second = read(dir.join("reports/changes.md"));
    assert!(second.contains("added delta (ok)"), "{second}");
    assert_ne!(second, first);
    ok(&factsieve(dir, &["run"]));
    assert_eq!(read(dir.join("reports/changes.md")), second);
    ok(&factsieve(dir, &["check"]));

    // Same outputs with one thread.
    let one = tempfile::tempdir().unwrap();
    copy_dir(&dir.join("raw"), &one.path().join("raw"));
    copy_dir(&dir.join("curated"), &one.path().join("curated"));
    copy_dir(&dir.join("reports"), &one.path().join("reports"));
    let o = Command::new(env!("CARGO_BIN_EXE_factsieve"))
        .current_dir(one.path())
        .args(["check"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    ok(&o);
}

#[test]
fn adding_one_article_shows_exactly_its_facts_and_conflicts() {
    let p = project();
    let dir = p.path();
    ok(&factsieve(dir, &["run"]));
    copy_dir(&dir.join("curated"), &dir.join("old"));
    let (name, bytes) = review_support::new_article();
    let new_doc = name.trim_end_matches(".txt");
    std::fs::write(dir.join("raw").join(name), bytes).unwrap();
    ok(&factsieve(dir, &["run"]));

    let json = ok(&factsieve(
        dir,
        &["diff", "old", "curated", "--format", "json"],
    ));
    let d: Value = serde_json::from_str(&json).unwrap();
    let ids = |v: &Value, key: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x[key].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&d["documents"]["added"], "doc_id"), vec![new_doc]);
    assert!(d["documents"]["removed"].as_array().unwrap().is_empty());
    assert!(d["documents"]["newly_skipped"]
        .as_array()
        .unwrap()
        .is_empty());

    // Facts: every added one cites the new article; nothing else disappeared; a fact that
    // changed now cites the new article and lost nothing.
    let citing_new = facts_citing(&dir.join("curated"), new_doc);
    for f in d["facts"]["added"].as_array().unwrap() {
        assert!(
            f["citations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["doc_id"] == new_doc),
            "added fact {} does not cite {new_doc}",
            f["id"]
        );
    }
    assert!(
        d["facts"]["removed"].as_array().unwrap().is_empty(),
        "{json}"
    );
    for c in d["facts"]["changed"].as_array().unwrap() {
        let id = c["new_id"].as_str().unwrap();
        assert!(
            citing_new.iter().any(|x| x == id),
            "fact {id} changed but does not cite {new_doc}"
        );
        assert!(c["citations_lost"].as_array().unwrap().is_empty(), "{json}");
        for g in c["citations_gained"].as_array().unwrap() {
            assert_eq!(g["doc_id"], new_doc, "{json}");
        }
    }
    // Every fact citing the new article shows up as added or changed.
    let mut shown: Vec<String> = ids(&d["facts"]["added"], "id");
    shown.extend(ids(&d["facts"]["changed"], "new_id"));
    for f in &citing_new {
        assert!(
            shown.contains(f),
            "fact {f} cites {new_doc} but is not in the diff"
        );
    }
    // Conflicts: new or changed ones involve a fact that cites the new article; none resolved.
    assert!(
        d["conflicts"]["resolved"].as_array().unwrap().is_empty(),
        "{json}"
    );
    let involves_new = |c: &Value| {
        c["sides"].as_array().unwrap().iter().any(|s| {
            s["fact_ids"]
                .as_array()
                .unwrap()
                .iter()
                .any(|id| citing_new.iter().any(|x| Some(x.as_str()) == id.as_str()))
        })
    };
    for c in d["conflicts"]["new"].as_array().unwrap() {
        assert!(
            involves_new(c),
            "new conflict {} unrelated to {new_doc}",
            c["id"]
        );
    }
    for c in d["conflicts"]["changed"].as_array().unwrap() {
        assert!(
            involves_new(&c["new"]),
            "changed conflict unrelated to {new_doc}"
        );
    }
    assert_eq!(
        d["counts"]["facts_added"].as_u64().unwrap() as usize,
        d["facts"]["added"].as_array().unwrap().len()
    );

    // The text form and the exit codes.
    let text = ok(&factsieve(dir, &["diff", "old", "curated"]));
    assert!(text.contains("added delta (ok)"), "{text}");
    let changed = factsieve(dir, &["diff", "old", "curated", "--exit-code"]);
    assert_eq!(changed.status.code(), Some(1));
    let same = factsieve(dir, &["diff", "curated", "curated", "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no changes\n");
    let missing = factsieve(dir, &["diff", "nowhere", "curated"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn explain_shows_documents_facts_and_errors() {
    let p = project();
    let dir = p.path();
    ok(&factsieve(dir, &["run"]));
    // A document: its record and its edits with raw context.
    let out = ok(&factsieve(dir, &["explain", "alpha"]));
    assert!(out.contains("document alpha"), "{out}");
    assert!(out.contains("edits and suggestions ("), "{out}");
    assert!(out.contains("applied E006"), "{out}");
    assert!(out.contains("line 3:"), "{out}");
    // A fact, from a dataset written with hand-built facts.
    let corpus = review_support::corpus_with_facts();
    factsieve::output::write_all(&corpus, &dir.join("curated"), &dir.join("reports")).unwrap();
    let out = ok(&factsieve(dir, &["explain", "f_walk"]));
    assert!(
        out.contains("fact f_walk") && out.contains("citations (2):"),
        "{out}"
    );
    assert!(
        out.contains("\u{ab}Walk for 30 minutes a day\u{2014}most days\u{bb}"),
        "{out}"
    );
    let out = ok(&factsieve(dir, &["explain", "k_water"]));
    assert!(out.contains("side 2: every 3 hours"), "{out}");
    let bad = factsieve(dir, &["explain", "f_"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ambiguous"));
}

#[test]
fn every_subcommand_has_help_and_run_keeps_its_defaults() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["run", "check", "diff", "explain"] {
        let out = ok(&factsieve(dir.path(), &[sub, "--help"]));
        assert!(out.contains("Usage: factsieve"), "{sub}: {out}");
    }
    let run = ok(&factsieve(dir.path(), &["run", "--help"]));
    for flag in [
        "--raw <RAW>",
        "[default: raw]",
        "[default: curated]",
        "[default: reports]",
    ] {
        assert!(run.contains(flag), "{flag}: {run}");
    }
    // No subcommand runs `run` with the defaults: here there is no raw/, so it fails cleanly.
    let none = factsieve(dir.path(), &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("raw"));
}
