//! `factsieve run raw/a.txt` and `--select GLOB`: a subset, with the same ids and sources.

mod cli_support;
use cli_support::*;

#[test]
fn named_files_and_globs_run_a_subset() {
    let p = project(&[("a.txt", KNEE), ("b.txt", BACK), ("c.txt", BRACE)]);
    ok(p.path(), &["run", "raw/a.txt", "raw/c.txt"]);
    let docs = read(p.path().join("curated/documents.jsonl"));
    assert_eq!(docs.lines().count(), 2, "{docs}");
    assert!(docs.contains("\"source\":\"raw/a.txt\"") && docs.contains("\"source\":\"raw/c.txt\""));
    assert!(!docs.contains("raw/b.txt"));

    ok(p.path(), &["run", "--select", "b*", "--curated", "sub"]);
    let docs = read(p.path().join("sub/documents.jsonl"));
    assert_eq!(docs.lines().count(), 1);
    assert!(docs.contains("\"doc_id\":\"b\"") && docs.contains("\"source\":\"raw/b.txt\""));
    // A raw folder given elsewhere keeps `raw/<file name>` as the source.
    ok(
        p.path().join("raw").as_path(),
        &["run", "--raw", ".", "b.txt", "--curated", "../s2"],
    );
    assert!(read(p.path().join("s2/documents.jsonl")).contains("\"source\":\"raw/b.txt\""));
}

#[test]
fn files_outside_raw_or_matching_nothing_are_errors() {
    let p = project(&[("a.txt", KNEE)]);
    std::fs::write(p.path().join("x.txt"), KNEE).unwrap();
    let o = run(p.path(), &["run", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not in the raw folder"),
        "{}",
        stderr(&o)
    );
    let o = run(p.path(), &["run", "raw/missing.txt"]);
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    let o = run(p.path(), &["run", "--select", "z*"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("matches"), "{}", stderr(&o));
    assert!(!p.path().join("curated").exists());
}
