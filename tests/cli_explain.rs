//! `factsieve explain`: why a line is gone (--line TEXT, DOC_ID:LINE), JSON output, and
//! never reading through a symlink out of raw/.

mod cli_support;
use cli_support::*;

#[test]
fn a_dropped_line_names_its_rule_and_evidence() {
    let p = project(&[("a.txt", KNEE), ("b.txt", BACK)]);
    ok(p.path(), &["run"]);
    let o = ok(p.path(), &["explain", "--line", "Subscribe to our"]);
    let t = stdout(&o);
    assert!(t.starts_with("a:10 (raw bytes "), "{t}");
    assert!(t.contains(": dropped\n"), "{t}");
    assert!(t.contains("by C002 account-link (clean, Safe)"), "{t}");
    assert!(
        t.contains("evidence: phrase 'subscribe to our newsletter'"),
        "{t}"
    );

    // Both documents have a share button.
    let o = ok(p.path(), &["explain", "--line", "Share this article"]);
    let t = stdout(&o);
    assert!(t.contains("a:9 ") && t.contains("b:6 "), "{t}");

    // By number; a kept line says so.
    let o = ok(p.path(), &["explain", "b:3"]);
    assert!(
        stdout(&o).contains("b:3 (raw bytes 26..92): kept"),
        "{}",
        stdout(&o)
    );
    let o = run(p.path(), &["explain", "b:99"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no line 99"));
}

#[test]
fn explain_speaks_json() {
    let p = project(&[("a.txt", KNEE)]);
    ok(p.path(), &["run"]);
    let o = ok(p.path(), &["explain", "a:1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "lines");
    let line = &v["lines"][0];
    assert_eq!(line["fate"], "dropped");
    assert_eq!(line["rule"]["code"], "C001");
    assert_eq!(line["raw_start"], 0);
    assert_eq!(line["text"], "Home | News | Health | Contact");

    let o = ok(p.path(), &["explain", "a", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "document");
    assert_eq!(v["record"]["source"], "raw/a.txt");
    assert!(v["edits"].as_array().unwrap().len() >= 4);

    let facts = read(p.path().join("curated/facts.jsonl"));
    let first: serde_json::Value = serde_json::from_str(facts.lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let o = ok(p.path(), &["explain", id, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "fact");
    let cx = &v["citations"][0]["context"];
    assert_eq!(cx["passage"], first["citations"][0]["quote"], "{v}");
}

#[cfg(unix)]
#[test]
fn explain_does_not_follow_a_symlink_out_of_raw() {
    let p = project(&[("a.txt", KNEE)]);
    std::fs::write(
        p.path().join("secret.txt"),
        "the secret password is hunter2\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(p.path().join("secret.txt"), p.path().join("raw/s.txt")).unwrap();
    ok(p.path(), &["run"]);
    for args in [
        &["explain", "s"][..],
        &["explain", "s:1"][..],
        &["explain", "--line", "secret"][..],
        &["explain", "s", "--format", "json"][..],
    ] {
        let o = run(p.path(), args);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains("hunter2"), "{args:?} leaked the file: {all}");
    }
    let o = ok(p.path(), &["explain", "s:1"]);
    assert!(stdout(&o).contains("document skipped"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("outside the raw folder"),
        "{}",
        stdout(&o)
    );
}
