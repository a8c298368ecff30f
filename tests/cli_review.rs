//! Suggestions accepted or rejected: `factsieve review` reads answers from stdin and
//! writes curated/decisions.toml; later runs apply the accepted ones and stop listing the
//! rejected ones; `check` agrees with a run that honours them.

mod cli_support;
use cli_support::*;
use std::io::Write as _;
use std::process::Stdio;

fn review(dir: &std::path::Path, answers: &str) -> std::process::Output {
    let mut child = bin(dir)
        .arg("review")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn suggested(dir: &std::path::Path) -> usize {
    read(dir.join("reports/repairs.csv"))
        .lines()
        .filter(|l| l.contains(",suggested,"))
        .count()
}

#[test]
fn an_accepted_suggestion_becomes_an_edit_on_the_next_run() {
    let p = project(&[("c.txt", BRACE), ("b.txt", BACK)]);
    ok(p.path(), &["run"]);
    assert_eq!(suggested(p.path()), 1);
    let o = review(p.path(), "x\na\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(shown.contains("[1/1] c S004 table-cell-split"), "{shown}");
    assert!(
        shown.contains("\u{ab}kneeBrace\u{bb}"),
        "context around the suggestion: {shown}"
    );
    assert!(
        shown.contains("answer a, r, s or q"),
        "an unknown answer asks again"
    );
    let decisions = read(p.path().join("curated/decisions.toml"));
    assert!(decisions.contains("decision = \"accept\"") && decisions.contains("rule = \"S004\""));

    ok(p.path(), &["run"]);
    assert_eq!(suggested(p.path()), 0, "no longer pending");
    let clean = read(p.path().join("curated/clean/c.txt"));
    assert!(clean.contains("knee | Brace"), "{clean}");
    let repairs = read(p.path().join("reports/repairs.csv"));
    let row = repairs.lines().find(|l| l.contains(",S004,")).unwrap();
    assert!(
        row.starts_with("c,applied,S004") && row.contains("accepted by review"),
        "{row}"
    );
    // The decisions file travels with the dataset, and check reproduces it.
    assert_eq!(read(p.path().join("curated/decisions.toml")), decisions);
    ok(p.path(), &["check"]);
    // Nothing left to review.
    let again = review(p.path(), "");
    assert!(
        stderr(&again).contains("no pending suggestions"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn rejected_is_no_longer_listed_and_skip_or_quit_decide_nothing() {
    let p = project(&[("c.txt", BRACE)]);
    ok(p.path(), &["run"]);
    let o = review(p.path(), "s\n");
    assert!(
        stderr(&o).contains("0 accepted, 0 rejected, 1 skipped, 1 pending"),
        "{}",
        stderr(&o)
    );
    assert!(!p.path().join("curated/decisions.toml").exists());
    let o = review(p.path(), "q\n");
    assert!(o.status.success());
    assert!(!p.path().join("curated/decisions.toml").exists());

    let o = review(p.path(), "r\n");
    assert!(stderr(&o).contains("1 rejected"), "{}", stderr(&o));
    ok(p.path(), &["run"]);
    assert_eq!(suggested(p.path()), 0);
    let clean = read(p.path().join("curated/clean/c.txt"));
    assert!(
        clean.contains("kneeBrace"),
        "a rejected suggestion is not applied"
    );
    assert!(!read(p.path().join("reports/repairs.csv")).contains(",S004,"));
}

#[test]
fn a_broken_decisions_file_is_an_error() {
    let p = project(&[("c.txt", BRACE)]);
    ok(p.path(), &["run"]);
    std::fs::write(
        p.path().join("curated/decisions.toml"),
        "[[decision]]\ndoc_id = \"c\"\nrule = \"S004\"\nkey = \"k\"\ndecision = \"maybe\"\n",
    )
    .unwrap();
    let o = run(p.path(), &["run"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("decisions.toml"), "{}", stderr(&o));
}
