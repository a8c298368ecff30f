//! A raw folder of hostile files (every failed input probe of issue 13) beside the shipped
//! articles: the run completes, every hostile file is kept or skipped with a reason, and
//! the shipped articles' outputs are byte-identical to a run without the hostile files.
//! The files are built here, at test time, in a temporary folder.

use factsieve::output;
use factsieve::pipeline::{self, Quiet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

const SECRET: &str = "SECRET-TOKEN-4c7f1e";

fn shipped_raw() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("raw")
}

fn copy_shipped(raw: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    for e in std::fs::read_dir(shipped_raw()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, raw.join(p.file_name().unwrap())).unwrap();
        ids.push(p.file_stem().unwrap().to_string_lossy().into_owned());
    }
    ids.sort();
    ids
}

/// Deterministic pseudo-random bytes (xorshift), so the test needs no crate and no seed.
fn noise(n: usize, lo: u8) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            lo | (x as u8 & !lo)
        })
        .collect()
}

const ARTICLE: &str = "Knee care at home\n\nRest the knee for a day or two after a strain.\n";
const BIDI: &str =
    "Neck care\n\nTurn the \u{202E}kcen\u{202C} slowly \u{2066}twice\u{2069} a day.\n";

/// A 40 KB line with one decomposed accent near its start and a fix (mojibake) every
/// sentence after it: each fix must record its own span, not the whole line again.
fn accent_line() -> String {
    let mut s = String::from("Cafe\u{0301} notes: ");
    let mut i = 0;
    while s.len() < 40_000 {
        s.push_str(&format!(
            "Rest the knee for {} minutes\u{e2}\u{20ac}\u{2122} twice a day. ",
            i % 50
        ));
        i += 1;
    }
    s + "\n"
}

/// 100,000 very short lines.
fn short_lines() -> String {
    (0..100_000)
        .map(|i| format!("{}\n", (b'a' + (i % 26) as u8) as char))
        .collect()
}

/// About 2 MB of prose-like lines of about 1,000 bytes (words from a small seeded set).
fn two_mb() -> String {
    const W: &[&str] = &[
        "rest", "the", "knee", "ice", "helps", "a", "day", "walk", "slowly", "after", "pain",
        "often", "eases", "within", "weeks",
    ];
    let mut x: u64 = 7;
    let mut out = String::new();
    let mut line = String::new();
    while out.len() < 2_000_000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        line.push_str(W[(x >> 33) as usize % W.len()]);
        if line.len() > 1000 {
            out.push_str(&line);
            out.push_str(".\n");
            line.clear();
        } else {
            line.push(' ');
        }
    }
    out
}

/// The files of the hostile folder that are kept, as plain UTF-8 files under the doc_ids
/// they get: what a run without hostile *forms* (names, encodings, controls) would see.
fn plain_equivalents(raw: &Path) {
    std::fs::write(raw.join("accent_line.txt"), accent_line()).unwrap();
    std::fs::write(raw.join("short_lines.txt"), short_lines()).unwrap();
    std::fs::write(raw.join("two_mb.txt"), two_mb()).unwrap();
    for name in ["new%0Aline.txt", "caf%E9.txt", "utf16_nobom.txt", "dup.md"] {
        std::fs::write(raw.join(name), ARTICLE).unwrap();
    }
    let bidi: String = BIDI
        .chars()
        .filter(|&c| !factsieve::bidi::is_bidi_control(c))
        .collect();
    std::fs::write(raw.join("bidi.txt"), bidi).unwrap();
}

/// Write the hostile files; returns (file name, expected status, reason fragment).
fn hostile(raw: &Path, outside: &Path) -> Vec<(Vec<u8>, &'static str, &'static str)> {
    use std::os::unix::fs::symlink;
    std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    let w = |name: &[u8], bytes: &[u8]| {
        std::fs::write(raw.join(OsStr::from_bytes(name)), bytes).unwrap()
    };
    symlink("/etc/passwd", raw.join("link_passwd.txt")).unwrap();
    symlink("/proc/version", raw.join("link_proc.txt")).unwrap();
    symlink(outside.join("secret.txt"), raw.join("link_secret.txt")).unwrap();
    symlink("../outside/secret.txt", raw.join("link_relative.txt")).unwrap();
    symlink("loop_b.txt", raw.join("loop_a.txt")).unwrap();
    symlink("loop_a.txt", raw.join("loop_b.txt")).unwrap();
    symlink("no_such_file.txt", raw.join("dangling.txt")).unwrap();
    let fifo = std::ffi::CString::new(raw.join("fifo.txt").as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _sock = std::os::unix::net::UnixListener::bind(raw.join("socket.txt")).unwrap();
    std::mem::forget(_sock);
    w(b"random_high.txt", &noise(1 << 20, 0x80));
    w(b"random_64k.txt", &noise(1 << 16, 0x80));
    w(b"accent_line.txt", accent_line().as_bytes());
    w(b"short_lines.txt", short_lines().as_bytes());
    w(b"two_mb.txt", two_mb().as_bytes());
    w(b"line_1mb.txt", "spasm ".repeat(1_000_000 / 6).as_bytes());
    w(b"line_50mb.txt", "spasm ".repeat(50_000_000 / 6).as_bytes());
    // 200 MB, sparse (it is never read: the size is checked first).
    let big = std::fs::File::create(raw.join("article_200mb.txt")).unwrap();
    big.set_len(200_000_000).unwrap();
    w(b"long_line.txt", "spasm ".repeat(10_000_000 / 6).as_bytes());
    let nospace: String = (0..1000).map(|_| "abcdefghij".repeat(100) + "\n").collect();
    w(b"no_spaces.txt", nospace.as_bytes());
    w(
        b"zalgo.txt",
        format!("Back pain e{}\n", "\u{0301}".repeat(10_000)).as_bytes(),
    );
    w(b"nul.txt", b"Back spasms\0 hurt.\nIce\0 helps.\n");
    let utf16: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    w(b"utf16_nobom.txt", &utf16);
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    utf32.extend(ARTICLE.chars().flat_map(|c| (c as u32).to_le_bytes()));
    w(b"utf32.txt", &utf32);
    w(
        b"paper.pdf",
        b"%PDF-1.4\n1 0 obj << /Length 44 >> stream\nBT /F1 12 Tf (Ice helps back spasms.) Tj ET\nendstream endobj\n%%EOF\n",
    );
    w(
        b"zero_width.txt",
        "\u{200B}\u{200C}\u{200D}\u{FEFF}\n".repeat(100).as_bytes(),
    );
    w(b"new\nline.txt", ARTICLE.as_bytes());
    w(b"bidi.txt", BIDI.as_bytes());
    w(b"caf\xE9.txt", ARTICLE.as_bytes());
    let b64 = "QmFjayBzcGFzbXMgb2Z0ZW4gZWFzZSB3aXRoaW4gYSBmZXcgZGF5cy4gQXBwbHkgaWNl\n".repeat(200);
    w(b"base64.txt", b64.as_bytes());
    let code = "function f(a,b){if(a<b){return a;}else{x=y&z;}};var q=[1,2];\n".repeat(200);
    w(b"minified.txt", code.as_bytes());
    w(b"dup.txt", ARTICLE.as_bytes());
    w(b"dup.md", ARTICLE.as_bytes());
    w(b"archive.zip", b"PK\x03\x04\x14\x00\x00\x00 rest of a zip");
    w(b"image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    vec![
        (
            b"link_passwd.txt".to_vec(),
            "skipped",
            "outside the raw folder",
        ),
        (
            b"link_proc.txt".to_vec(),
            "skipped",
            "outside the raw folder",
        ),
        (
            b"link_secret.txt".to_vec(),
            "skipped",
            "outside the raw folder",
        ),
        (
            b"link_relative.txt".to_vec(),
            "skipped",
            "outside the raw folder",
        ),
        (b"loop_a.txt".to_vec(), "skipped", "symlink loop"),
        (b"loop_b.txt".to_vec(), "skipped", "symlink loop"),
        (b"dangling.txt".to_vec(), "skipped", "dangling symlink"),
        (b"fifo.txt".to_vec(), "skipped", "a FIFO"),
        (b"socket.txt".to_vec(), "skipped", "a socket"),
        (b"random_high.txt".to_vec(), "skipped", "not valid UTF-8"),
        (b"random_64k.txt".to_vec(), "skipped", "not valid UTF-8"),
        (b"accent_line.txt".to_vec(), "ok", ""),
        (b"short_lines.txt".to_vec(), "ok", ""),
        (b"two_mb.txt".to_vec(), "ok", ""),
        (b"line_1mb.txt".to_vec(), "skipped", "line 1 is"),
        (b"line_50mb.txt".to_vec(), "skipped", "file too large"),
        (b"article_200mb.txt".to_vec(), "skipped", "file too large"),
        (b"long_line.txt".to_vec(), "skipped", "line 1 is"),
        (b"no_spaces.txt".to_vec(), "skipped", "without a space"),
        (b"zalgo.txt".to_vec(), "skipped", "combining marks"),
        (b"nul.txt".to_vec(), "skipped", "NUL byte"),
        (b"utf16_nobom.txt".to_vec(), "ok", "without byte order mark"),
        (b"utf32.txt".to_vec(), "skipped", "UTF-32 LE"),
        (b"paper.pdf".to_vec(), "skipped", "a PDF document"),
        (b"zero_width.txt".to_vec(), "skipped", "no visible text"),
        (b"new\nline.txt".to_vec(), "ok", ""),
        (b"bidi.txt".to_vec(), "ok", ""),
        (b"caf\xE9.txt".to_vec(), "ok", ""),
        (b"base64.txt".to_vec(), "skipped", "without a space"),
        (b"minified.txt".to_vec(), "skipped", "code symbols"),
        (b"dup.md".to_vec(), "ok", ""),
        (
            b"dup.txt".to_vec(),
            "skipped",
            "duplicate doc_id: raw/dup.md",
        ),
        (b"archive.zip".to_vec(), "skipped", "ZIP archive"),
        (b"image.png".to_vec(), "skipped", "PNG image"),
    ]
}

struct Run {
    documents: BTreeMap<String, Vec<Value>>,
    documents_lines: BTreeMap<String, String>,
    files: BTreeMap<String, Vec<u8>>,
}

fn run(raw: &Path, out: &Path) -> Run {
    let corpus = pipeline::process(raw, &Quiet).unwrap();
    let (c, r) = (out.join("curated"), out.join("reports"));
    output::write_all(&corpus, &c, &r).unwrap();
    let mut documents: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut documents_lines = BTreeMap::new();
    for line in std::fs::read_to_string(c.join("documents.jsonl"))
        .unwrap()
        .lines()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let src = v["source"].as_str().unwrap().to_string();
        documents_lines.insert(src.clone(), line.to_string());
        documents.entry(src).or_default().push(v);
    }
    let mut files = BTreeMap::new();
    for (label, dir) in [("curated", &c), ("reports", &r)] {
        for p in output::list_files(dir) {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            files.insert(format!("{label}/{}", p.display()), bytes);
        }
    }
    Run {
        documents,
        documents_lines,
        files,
    }
}

fn escaped(name: &[u8]) -> String {
    factsieve::ingest::escape_name(OsStr::from_bytes(name))
}

#[test]
fn hostile_files_are_kept_or_skipped_and_shipped_outputs_do_not_move() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| {
        let d = tmp.path().join(n);
        std::fs::create_dir(&d).unwrap();
        d
    };
    let (raw, outside) = (dir("raw"), dir("outside"));
    // The shipped articles alone; with the skipped hostile files only; with the kept ones
    // as plain UTF-8 files.
    let (plain, only_skipped, kept_plain) = (dir("plain"), dir("only_skipped"), dir("kept_plain"));
    let shipped = copy_shipped(&raw);
    for d in [&plain, &only_skipped, &kept_plain] {
        copy_shipped(d);
    }
    let expected = hostile(&raw, &outside);
    hostile(&only_skipped, &dir("outside2"));
    for (name, status, _) in &expected {
        // (dup.txt is skipped only because dup.md is there.)
        if *status == "ok" || name == b"dup.txt" {
            std::fs::remove_file(only_skipped.join(OsStr::from_bytes(name))).unwrap();
        }
    }
    plain_equivalents(&kept_plain);

    let with = run(&raw, &tmp.path().join("with"));
    let without = run(&plain, &tmp.path().join("without"));
    let skipped_only = run(&only_skipped, &tmp.path().join("skipped_only"));
    let equivalents = run(&kept_plain, &tmp.path().join("equivalents"));

    // Every entry of the raw folder is in documents.jsonl, with the status and reason we
    // expect, and `source` is raw/<name> although the folder is a temporary path.
    let entries = std::fs::read_dir(&raw).unwrap().count();
    let records: usize = with.documents.values().map(Vec::len).sum();
    assert_eq!(records, entries, "one record per raw entry");
    for (name, status, why) in &expected {
        let source = format!("raw/{}", escaped(name));
        let recs = with
            .documents
            .get(&source)
            .unwrap_or_else(|| panic!("{source} missing from documents.jsonl"));
        let d = &recs[0];
        assert_eq!(d["status"], *status, "{source}: {d}");
        let reason = d["reason"].as_str().unwrap_or("");
        assert!(
            reason.contains(why),
            "{source}: reason {reason:?}, want {why:?}"
        );
        if *status == "skipped" {
            assert!(!reason.is_empty(), "{source}: skipped without a reason");
        }
    }
    assert_eq!(
        with.documents["raw/new%0Aline.txt"][0]["doc_id"], "new%0Aline",
        "control characters in names are escaped"
    );

    // The long line with a decomposed accent: every fix on it is a row of its own span.
    let repairs = String::from_utf8_lossy(&with.files["reports/repairs.csv"]).into_owned();
    let accent_rows: Vec<&str> = repairs
        .lines()
        .filter(|l| l.starts_with("accent_line,"))
        .collect();
    assert!(accent_rows.len() > 100, "{} rows", accent_rows.len());
    let longest = accent_rows.iter().map(|l| l.len()).max().unwrap_or(0);
    assert!(longest < 300, "a repair row of {longest} bytes");
    for (path, bytes) in &with.files {
        let text = String::from_utf8_lossy(bytes);
        // Nothing from outside raw/ leaks into the outputs.
        assert!(!text.contains(SECRET), "{path} holds the secret");
        assert!(!text.contains("root:x:0:0"), "{path} holds /etc/passwd");
        // Bidi controls are gone from the dataset's text (the raw passages, `quote` and
        // the raw side of the diffs, keep them: they are the raw file's bytes).
        let derived = path.starts_with("curated/clean/")
            || path == "curated/documents.jsonl"
            || path == "curated/conflicts.jsonl"
            || path == "curated/facts.csv";
        assert!(
            !derived || !text.contains(factsieve::bidi::is_bidi_control),
            "{path} holds a bidi control"
        );
    }
    let facts = String::from_utf8_lossy(&with.files["curated/facts.jsonl"]).into_owned();
    for line in facts.lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        let mut texts = vec![f["statement"].as_str().unwrap()];
        texts.extend(
            f["citations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["quote_clean"].as_str().unwrap()),
        );
        for t in texts {
            assert!(!t.contains(factsieve::bidi::is_bidi_control), "{t}");
        }
    }
    let clean = String::from_utf8_lossy(&with.files["curated/clean/bidi.txt"]).into_owned();
    assert!(
        clean.contains("Turn the kcen slowly twice a day."),
        "{clean}"
    );
    // The summary's table has one row per record: no name splits a row.
    let summary = String::from_utf8_lossy(&with.files["reports/summary.md"]).into_owned();
    let rows = summary
        .lines()
        .skip_while(|l| !l.starts_with("| doc_id |"))
        .skip(2)
        .take_while(|l| !l.starts_with("| **total**"))
        .count();
    assert_eq!(rows, records, "{summary}");
    assert!(summary.contains("| new%0Aline | ok |"), "{summary}");

    // Skipped hostile files change nothing: the shipped articles' outputs, the facts and
    // the conflicts are byte for byte those of a run without them.
    same_shipped_outputs(&skipped_only, &without, &shipped, true);
    // Kept hostile files (UTF-16 without BOM, a name with a newline, bidi controls...)
    // change nothing beyond what the same texts as plain UTF-8 files change. (Any kept
    // article joins the corpus models, e.g. spin's language model, so a run with none of
    // them can differ by an edit or two: that is the corpus, not the hostile form.)
    // Their citations' raw offsets differ (UTF-16 bytes, removed controls): compare the
    // facts by id and statement.
    same_shipped_outputs(&with, &equivalents, &shipped, false);
    assert_eq!(statements(&with), statements(&equivalents));
}

fn statements(r: &Run) -> Vec<(String, String)> {
    let facts = String::from_utf8_lossy(&r.files["curated/facts.jsonl"]).into_owned();
    facts
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].to_string(), v["statement"].to_string())
        })
        .collect()
}

fn same_shipped_outputs(a: &Run, b: &Run, shipped: &[String], dataset: bool) {
    for id in shipped {
        let src = format!("raw/{id}.txt");
        assert_eq!(a.documents_lines[&src], b.documents_lines[&src], "{src}");
        for f in [
            format!("curated/clean/{id}.txt"),
            format!("reports/diffs/{id}.diff"),
        ] {
            assert!(a.files[&f] == b.files[&f], "{f} differs");
        }
    }
    let files = [
        "curated/facts.jsonl",
        "curated/conflicts.jsonl",
        "curated/facts.csv",
        "curated/citations.csv",
    ];
    for f in files.iter().filter(|_| dataset) {
        let (x, y) = (
            String::from_utf8_lossy(&a.files[*f]),
            String::from_utf8_lossy(&b.files[*f]),
        );
        let first = x.lines().zip(y.lines()).find(|(l, m)| l != m);
        assert!(x == y, "{f} differs: {first:?}");
    }
}
