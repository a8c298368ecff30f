//! factsieve.toml: found upward, rules disabled by code, limits and paths, unknown keys
//! and codes refused, flags over the file.

mod cli_support;
use cli_support::*;

#[test]
fn a_disabled_rule_does_not_fire() {
    let p = project(&[("a.txt", KNEE), ("b.txt", BACK)]);
    ok(p.path(), &["run"]);
    let before = read(p.path().join("curated/clean/b.txt"));
    assert!(
        !before.contains("Share this article"),
        "C004 drops the share button"
    );
    assert!(read(p.path().join("reports/repairs.csv")).contains(",C004,"));

    std::fs::write(
        p.path().join("factsieve.toml"),
        "[rules]\ndisable = [\"C004\"]\n",
    )
    .unwrap();
    ok(p.path(), &["run"]);
    let after = read(p.path().join("curated/clean/b.txt"));
    assert!(after.contains("Share this article"), "{after}");
    assert!(!read(p.path().join("reports/repairs.csv")).contains(",C004,"));
    // Only that rule: the other drops still happen.
    assert!(
        !after.contains("Subscribe")
            && !read(p.path().join("curated/clean/a.txt")).contains("Subscribe")
    );
    assert!(read(p.path().join("reports/repairs.csv")).contains(",C002,"));
}

#[test]
fn the_file_is_found_from_a_subfolder_and_its_paths_are_its_own() {
    let p = project(&[("a.txt", KNEE)]);
    std::fs::write(
        p.path().join("factsieve.toml"),
        "[paths]\ncurated = \"out/data\"\nreports = \"out/rep\"\n[rules]\nselect = [\"C\", \"S\"]\n",
    )
    .unwrap();
    let sub = p.path().join("raw");
    // From raw/, the file one folder up is used; its paths are relative to it.
    ok(&sub, &["run", "--raw", "."]);
    assert!(p.path().join("out/data/documents.jsonl").is_file());
    assert!(p.path().join("out/rep/repairs.csv").is_file());
}

#[test]
fn unknown_keys_and_rule_codes_are_errors_naming_them() {
    let p = project(&[("a.txt", KNEE)]);
    for (text, named) in [
        ("[limits]\nmax_file_gb = 2\n", "max_file_gb"),
        ("[rule]\ndisable = []\n", "rule"),
        ("[rules]\ndisable = [\"Q999\"]\n", "Q999"),
        ("[rules]\ndisable = [\"X001\"]\n", "X001"),
    ] {
        std::fs::write(p.path().join("factsieve.toml"), text).unwrap();
        let o = run(p.path(), &["run"]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        let e = stderr(&o);
        assert!(
            e.contains(named) && e.contains("factsieve.toml"),
            "{text}: {e}"
        );
        assert!(
            !p.path().join("curated").exists(),
            "nothing written on a bad config"
        );
    }
}

#[test]
fn flags_override_the_file() {
    let p = project(&[("a.txt", KNEE)]);
    std::fs::write(
        p.path().join("factsieve.toml"),
        "[limits]\nmax_file_mb = 0\n",
    )
    .unwrap();
    ok(p.path(), &["run"]);
    let docs = read(p.path().join("curated/documents.jsonl"));
    assert!(
        docs.contains("\"skipped\"") && docs.contains("file too large"),
        "{docs}"
    );
    ok(p.path(), &["run", "--max-file-mb", "4"]);
    let docs = read(p.path().join("curated/documents.jsonl"));
    assert!(docs.contains("\"ok\""), "{docs}");
    // --config names the file to use instead of looking for one.
    std::fs::write(
        p.path().join("other.toml"),
        "[paths]\ncurated = \"elsewhere\"\n",
    )
    .unwrap();
    ok(p.path(), &["--config", "other.toml", "run"]);
    assert!(p.path().join("elsewhere/documents.jsonl").is_file());
}

#[test]
fn rules_lists_the_codes_the_file_takes() {
    let p = project(&[]);
    let text = stdout(&ok(p.path(), &["rules"]));
    assert!(
        text.lines().any(|l| l.starts_with("C004 social-share")),
        "{text}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&ok(p.path(), &["rules", "--format", "json"]).stdout).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"C004") && codes.windows(2).all(|w| w[0] < w[1]));
}
