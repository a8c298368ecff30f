//! Global flags: -j (same output whatever the pool size), -q, -v, --color.

mod cli_support;
use cli_support::*;

#[test]
fn jobs_1_and_2_write_byte_identical_outputs() {
    let p = project(&[("a.txt", KNEE), ("b.txt", BACK), ("c.txt", BRACE)]);
    ok(
        p.path(),
        &["-j1", "run", "--curated", "c1", "--reports", "r1"],
    );
    ok(
        p.path(),
        &["--jobs", "2", "run", "--curated", "c2", "--reports", "r2"],
    );
    let (c1, c2) = (tree(&p.path().join("c1")), tree(&p.path().join("c2")));
    assert!(!c1.is_empty());
    assert_eq!(c1, c2, "curated/ differs between -j1 and -j2");
    let (r1, r2) = (tree(&p.path().join("r1")), tree(&p.path().join("r2")));
    assert_eq!(r1.len(), r2.len());
    for ((n1, b1), (n2, b2)) in r1.iter().zip(&r2) {
        assert_eq!(n1, n2);
        // changes.md names no folder, so the reports are identical too.
        assert!(
            b1 == b2,
            "reports/{} differs between -j1 and -j2",
            n1.display()
        );
    }
}

#[test]
fn quiet_says_nothing_and_verbose_says_more() {
    let p = project(&[("a.txt", KNEE)]);
    let normal = ok(p.path(), &["run"]);
    assert!(stderr(&normal).contains("documents (0 skipped)"));
    let quiet = ok(p.path(), &["-q", "run"]);
    assert_eq!(stderr(&quiet), "", "-q prints nothing on success");
    let verbose = ok(p.path(), &["run", "-v"]);
    let v = stderr(&verbose);
    assert!(v.contains(" s\n") && v.contains("done in"), "{v}");
    assert!(v.lines().count() > stderr(&normal).lines().count());
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let p = project(&[("a.txt", KNEE)]);
    // A missing raw folder is an error: its prefix is red when colour is on.
    let always = run(p.path(), &["--color", "always", "run", "--raw", "nope"]);
    assert_eq!(always.status.code(), Some(2));
    assert!(
        stderr(&always).contains("\x1b[31merror:\x1b[0m"),
        "{}",
        stderr(&always)
    );
    for args in [
        &["--color", "never", "run", "--raw", "nope"][..],
        &["run", "--raw", "nope"][..],
    ] {
        let o = run(p.path(), args);
        assert!(
            !stderr(&o).contains('\x1b'),
            "{args:?}: no colour into a pipe"
        );
        assert!(stderr(&o).contains("factsieve: error: "), "{}", stderr(&o));
    }
    let no_color = bin(p.path())
        .args(["--color", "auto", "run", "--raw", "nope"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&no_color).contains('\x1b'));
}
