//! Invariants of the whole pipeline: deterministic output whatever the thread count,
//! no panic on arbitrary bytes, offsets that resolve, a line ledger that adds up,
//! and cleaning that is idempotent.

use factsieve::ingest::decode_document;
use factsieve::model::{Document, Encoding};
use factsieve::pipeline::{process_documents, Quiet};
use factsieve::report;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_binary(raw: &Path, out: &Path, threads: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_factsieve"))
        .arg("run")
        .arg("--raw")
        .arg(raw)
        .arg("--curated")
        .arg(out.join("curated"))
        .arg("--reports")
        .arg(out.join("reports"))
        .env("RAYON_NUM_THREADS", threads)
        .env("CI", "1")
        .status()
        .expect("factsieve runs");
    assert!(status.success());
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    factsieve::output::list_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

/// A raw folder with the shipped articles plus awkward files of our own.
fn awkward_raw_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(repo_root().join("raw"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let files: [(&str, &[u8]); 6] = [
        (
            "zz_crlf.txt",
            b"A Title Line\r\n\r\nSome text about stretching the back.\r\n",
        ),
        (
            "zz_bom.txt",
            b"\xEF\xBB\xBFTitle With BOM\n\nWalk a little every day.\n",
        ),
        (
            "zz_cp1252.txt",
            b"Legacy Title\n\nIt\x92s fine \x96 really.\n",
        ),
        ("zz_binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("zz_empty.txt", b""),
        ("zz_blank.txt", b"  \n\n\t \n"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Sixteen Bit Title\n\nRest the knee for a day or two.\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.path().join("zz_utf16.txt"), utf16).unwrap();
    std::fs::create_dir(dir.path().join("zz_subfolder")).unwrap();
    dir
}

#[test]
fn output_is_identical_with_one_or_two_threads() {
    let raw = awkward_raw_folder();
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    run_binary(raw.path(), one.path(), "1");
    run_binary(raw.path(), two.path(), "2");
    let a = read_tree(one.path());
    let b = read_tree(two.path());
    assert!(!a.is_empty());
    assert_eq!(
        a.iter().map(|x| &x.0).collect::<Vec<_>>(),
        b.iter().map(|x| &x.0).collect::<Vec<_>>()
    );
    for ((p, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs between thread counts", p.display());
    }
}

#[test]
fn bad_files_are_skipped_with_reasons_and_the_run_goes_on() {
    let raw = awkward_raw_folder();
    let out = tempfile::tempdir().unwrap();
    run_binary(raw.path(), out.path(), "2");
    let docs = std::fs::read_to_string(out.path().join("curated/documents.jsonl")).unwrap();
    let rows: Vec<serde_json::Value> = docs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: &str| rows.iter().find(|r| r["doc_id"] == id).unwrap().clone();
    for (id, status, reason) in [
        ("zz_binary", "skipped", Some("binary")),
        ("zz_empty", "skipped", Some("empty")),
        ("zz_blank", "skipped", Some("whitespace")),
        ("zz_cp1252", "ok", Some("Windows-1252")),
        ("zz_crlf", "ok", None),
        ("zz_bom", "ok", None),
        ("zz_utf16", "ok", Some("UTF-16")),
    ] {
        let r = by_id(id);
        assert_eq!(r["status"], status, "{id}");
        match reason {
            Some(why) => assert!(r["reason"].as_str().unwrap().contains(why), "{id}"),
            None => assert!(r["reason"].is_null(), "{id}"),
        }
    }
    // Sorted by doc_id, one line per regular file (the subfolder is not an article).
    let ids: Vec<&str> = rows.iter().map(|r| r["doc_id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 12);
    let clean = std::fs::read_to_string(out.path().join("curated/clean/zz_cp1252.txt")).unwrap();
    assert!(clean.contains("It's fine"), "{clean}");
    assert!(!out.path().join("curated/clean/zz_binary.txt").exists());
}

fn process_bytes(docs: Vec<(String, Vec<u8>)>) -> Vec<Document> {
    let docs = docs
        .into_iter()
        .map(|(id, b)| decode_document(&id, &format!("raw/{id}.txt"), b))
        .collect();
    process_documents(docs, &Quiet).docs
}

/// [`process_bytes`] with the spin rules (P*) off. Spin repair runs after cleaning, so a
/// restored word ("again" -> "back") can make a second run clean its line differently; what
/// must be idempotent is the cleaning itself.
fn process_bytes_without_spin(docs: Vec<(String, Vec<u8>)>) -> Vec<Document> {
    let no_spin = factsieve::rules::RuleSet::from_lists(None, &[], &["P".to_string()])
        .expect("P is the spin rules' prefix");
    let docs = docs
        .into_iter()
        .map(|(id, b)| {
            let mut d = decode_document(&id, &format!("raw/{id}.txt"), b);
            d.text.set_rules(no_spin);
            d
        })
        .collect();
    process_documents(docs, &Quiet).docs
}

fn shipped_articles() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(repo_root().join("raw"))
        .unwrap()
        .flatten()
        .map(|e| {
            let id = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn check_offsets(d: &Document) {
    for e in d.text.edits() {
        assert!(
            e.raw_start <= e.raw_end && e.raw_end <= d.raw.len(),
            "{e:?}"
        );
        if d.encoding != Some(Encoding::Windows1252) {
            let raw = std::str::from_utf8(&d.raw[..]);
            if let Ok(raw) = raw {
                assert!(raw.is_char_boundary(e.raw_start), "{e:?}");
                assert!(raw.is_char_boundary(e.raw_end), "{e:?}");
            }
        }
    }
    // Every edit's raw span decodes to exactly the original text it replaced.
    for e in d.text.edits() {
        assert_eq!(
            d.raw_quote(e.raw_start, e.raw_end),
            &d.text.original()[e.orig_start..e.orig_end],
            "{} {e:?}",
            d.doc_id
        );
    }
    let l = report::ledger(d);
    assert_eq!(l.kept + l.repaired + l.dropped, l.raw_lines, "{}", d.doc_id);
}

#[test]
fn shipped_articles_have_resolvable_edits_and_complete_ledgers() {
    for d in process_bytes(shipped_articles()) {
        check_offsets(&d);
        assert!(d.is_ok());
    }
}

#[test]
fn cleaning_clean_text_changes_nothing() {
    let first = process_bytes(shipped_articles());
    let again: Vec<(String, Vec<u8>)> = first
        .iter()
        .map(|d| (d.doc_id.clone(), report::clean_file_text(d).into_bytes()))
        .collect();
    for (d, d2) in first.iter().zip(process_bytes(again)) {
        assert_eq!(
            report::clean_file_text(d),
            report::clean_file_text(&d2),
            "{} changed on a second pass: {:?}",
            d.doc_id,
            d2.text.edits()
        );
    }
}

/// Article-like text: lines of words, headings, bullets, blank lines, some noise.
fn article_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "back", "spasm", "ice", "heat", "the", "muscle", "for", "minutes", "15-20", "again",
        "Stretch", "pain", "relief", "It's", "don't", "and", "2-3", "times", "a", "day", "Related",
        "posts", "Share", "©", "»", "+", "•", "worse1", "café", "—",
    ]);
    let line = prop::collection::vec(word, 0..14).prop_map(|ws| ws.join(" "));
    let end = prop::sample::select(vec!["", ".", "?", ":"]);
    prop::collection::vec((line, end), 1..12).prop_map(|ls| {
        ls.into_iter()
            .map(|(l, e)| format!("{l}{e}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for d in process_bytes(vec![("x".into(), bytes)]) {
            check_offsets(&d);
        }
    }

    #[test]
    fn arbitrary_text_keeps_offsets_and_ledger(text in "\\PC{0,300}") {
        for d in process_bytes(vec![("x".into(), text.into_bytes())]) {
            check_offsets(&d);
        }
    }

    #[test]
    fn cleaning_is_idempotent_on_article_like_text(text in article_text()) {
        let first = process_bytes_without_spin(vec![("x".into(), text.into_bytes())]);
        let once = report::clean_file_text(&first[0]);
        let second = process_bytes_without_spin(vec![("x".into(), once.clone().into_bytes())]);
        prop_assert_eq!(once, report::clean_file_text(&second[0]));
    }
}
