//! The binary under hostile plumbing: closed stdout/stderr (`factsieve run 2>&1 | head -1`)
//! and unreadable datasets given to `diff`.

use std::path::Path;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factsieve"))
}

fn raw_dir(tmp: &Path) -> std::path::PathBuf {
    let raw = tmp.join("raw");
    std::fs::create_dir(&raw).unwrap();
    std::fs::write(raw.join("a.txt"), "Back care\n\nWalk a little every day.\n").unwrap();
    raw
}

#[test]
fn a_closed_stdout_and_stderr_do_not_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = raw_dir(tmp.path());
    let (c, r) = (tmp.path().join("curated"), tmp.path().join("reports"));
    for args in [vec!["run"], vec!["check"]] {
        let mut child = bin()
            .args(&args)
            .arg("--raw")
            .arg(&raw)
            .arg("--curated")
            .arg(&c)
            .arg("--reports")
            .arg(&r)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close both pipes before the program writes anything.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_ne!(
            status.code(),
            Some(101),
            "{args:?} panicked on a closed pipe"
        );
        assert!(status.code().is_some(), "{args:?} was killed by a signal");
    }
    assert!(
        c.join("documents.jsonl").is_file(),
        "the run still wrote its outputs"
    );
}

#[test]
fn diff_refuses_an_unreadable_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = raw_dir(tmp.path());
    let c = tmp.path().join("curated");
    let out = bin()
        .arg("run")
        .arg("--raw")
        .arg(&raw)
        .arg("--curated")
        .arg(&c)
        .arg("--reports")
        .arg(tmp.path().join("reports"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, damage) in [
        ("bad_utf8", &b"\xff\n"[..]),
        ("bad_json", &b"{\"id\": \n"[..]),
    ] {
        let bad = tmp.path().join(name);
        std::fs::create_dir(&bad).unwrap();
        for f in ["documents.jsonl", "facts.jsonl", "conflicts.jsonl"] {
            std::fs::copy(c.join(f), bad.join(f)).unwrap();
        }
        let mut facts = std::fs::read(bad.join("facts.jsonl")).unwrap();
        facts.extend_from_slice(damage);
        std::fs::write(bad.join("facts.jsonl"), facts).unwrap();
        let out = bin().arg("diff").arg(&c).arg(&bad).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains("facts.jsonl"), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: printed a diff anyway");
    }
}
