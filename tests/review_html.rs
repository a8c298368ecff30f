//! The review page in a real headless Chromium: it loads without script or console errors,
//! its self-check passes, and it shows the expected counts.
//!
//! Skipped (with a note) when no Chromium is installed, unless FACTSIEVE_REQUIRE_CHROMIUM=1
//! (set by `.ci/html-check.sh`), which turns its absence into a failure.

mod review_support;

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FACTSIEVE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or None (test skipped) when it is absent and not required.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var("FACTSIEVE_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1") => {
            panic!("{test}: Chromium is required (FACTSIEVE_REQUIRE_CHROMIUM=1) but not installed")
        }
        None => {
            // Written past the test harness's capture so the note shows in a normal run.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("note: {test} skipped: no Chromium found (apt-get install chromium, or run .ci/html-check.sh)\n").as_bytes(),
            );
            None
        }
    }
}

/// What the browser made of the page.
struct Loaded {
    dom: String,
    stderr: String,
}

fn load(browser: &Path, page: &Path) -> Loaded {
    load_url(browser, &format!("file://{}", page.display()))
}

fn load_url(browser: &Path, url: &str) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting chromium");
    // Read both pipes on threads so a full pipe never stalls the browser.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Loaded {
        dom: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

fn attr(dom: &str, id: &str, name: &str) -> Option<String> {
    let tag = Regex::new(&format!(r#"<[a-z]+ [^>]*id="{}"[^>]*>"#, regex::escape(id))).unwrap();
    let t = tag.find(dom)?.as_str();
    let a = Regex::new(&format!(r#"\b{}="([^"]*)""#, regex::escape(name))).unwrap();
    a.captures(t).map(|c| c[1].to_string())
}

/// Console errors and uncaught exceptions the browser logged for the page.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect()
}

fn write_reports(corpus: &factsieve::pipeline::Corpus) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (curated, reports) = (tmp.path().join("curated"), tmp.path().join("reports"));
    factsieve::output::write_all(corpus, &curated, &reports).unwrap();
    let page = reports.join("index.html");
    (tmp, page)
}

#[test]
fn review_page_loads_cleanly_and_shows_expected_counts() {
    let Some(browser) = browser_or_skip("review_page_loads_cleanly_and_shows_expected_counts")
    else {
        return;
    };
    let corpus = review_support::corpus_with_facts();
    let (_tmp, page) = write_reports(&corpus);
    let html = std::fs::read_to_string(&page).unwrap();
    // To look at the page: FACTSIEVE_KEEP_PAGE=/tmp/page.html cargo test --test review_html
    if let Some(keep) = std::env::var_os("FACTSIEVE_KEEP_PAGE") {
        std::fs::write(keep, &html).unwrap();
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network references"
    );
    assert!(
        html.len() < 200_000,
        "page of {} bytes for a tiny corpus",
        html.len()
    );

    let loaded = load(&browser, &page);
    let dom = &loaded.dom;
    assert!(
        dom.contains("</html>"),
        "no DOM dumped; stderr:\n{}",
        loaded.stderr
    );
    let status = attr(dom, "selfcheck", "data-status");
    let text = Regex::new(r#"id="selfcheck"[^>]*>([^<]*)<"#)
        .unwrap()
        .captures(dom)
        .map(|c| c[1].to_string());
    assert_eq!(status.as_deref(), Some("ok"), "self-check: {text:?}");
    assert_eq!(attr(dom, "js-errors", "data-count").as_deref(), Some("0"));
    assert!(
        console_errors(&loaded.stderr).is_empty(),
        "console: {:?}",
        console_errors(&loaded.stderr)
    );

    let edits: usize = corpus.docs.iter().map(|d| d.text.edits().len()).sum();
    let citations: usize = corpus.facts.iter().map(|f| f.citations.len()).sum();
    for (id, want) in [
        ("count-documents", corpus.docs.len()),
        ("count-skipped", 1),
        ("count-facts", 4),
        ("count-citations", citations),
        ("count-conflicts", 1),
        ("count-painted-edits", edits),
        ("count-broken-links", 0),
    ] {
        assert_eq!(
            attr(dom, id, "data-count").as_deref(),
            Some(want.to_string().as_str()),
            "{id}"
        );
        if id != "count-broken-links" {
            assert_eq!(
                attr(dom, id, "data-rendered").as_deref(),
                Some(want.to_string().as_str()),
                "{id} rendered"
            );
        }
    }
    assert!(edits > 3, "the fixtures need edits to show");
    // Text from the articles stays text: no element was injected.
    assert!(
        !dom.contains("<img src=\"x\""),
        "an <img> from the article text was rendered"
    );
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Every citation has its anchor in the raw text of its document.
    for n in 0..citations {
        assert!(dom.contains(&format!("id=\"cite-{n}\"")), "cite-{n}");
    }

    // Following a citation link highlights the passage (and only it).
    let url = format!("file://{}#cite-4", page.display());
    let dom = load_url(&browser, &url).dom;
    let lit =
        Regex::new(r#"<span class="[^"]*\bhl\b[^"]*"[^>]*data-c="([^"]*)"[^>]*>([^<]*)</span>"#)
            .unwrap();
    let hits: Vec<(String, String)> = lit
        .captures_iter(&dom)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(!hits.is_empty(), "nothing highlighted for #cite-4");
    assert!(hits
        .iter()
        .all(|(cites, _)| cites.split(' ').any(|c| c == "4")));
    let text: String = hits.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(text, "It\u{2019}s fine to split it");
}

#[test]
fn the_harness_catches_script_errors_and_wrong_counts() {
    let Some(browser) = browser_or_skip("the_harness_catches_script_errors_and_wrong_counts")
    else {
        return;
    };
    let corpus = review_support::corpus_with_facts();
    let (_tmp, page) = write_reports(&corpus);
    let html = std::fs::read_to_string(&page).unwrap();

    // A script error after the page's own scripts.
    let broken = html.replace("</body>", "<script>notDefinedAnywhere();</script></body>");
    std::fs::write(&page, broken).unwrap();
    let dom = load(&browser, &page).dom;
    assert_eq!(
        attr(&dom, "selfcheck", "data-status").as_deref(),
        Some("fail")
    );
    assert_eq!(attr(&dom, "js-errors", "data-count").as_deref(), Some("1"));

    // A count that does not match what is rendered.
    let wrong = html.replace(
        "id=\"count-facts\" data-count=\"4\"",
        "id=\"count-facts\" data-count=\"5\"",
    );
    assert_ne!(wrong, html);
    std::fs::write(&page, wrong).unwrap();
    let dom = load(&browser, &page).dom;
    assert_eq!(
        attr(&dom, "selfcheck", "data-status").as_deref(),
        Some("fail")
    );
    assert_eq!(
        attr(&dom, "count-facts", "data-rendered").as_deref(),
        Some("4")
    );
}

#[test]
fn committed_review_page_matches_the_committed_dataset() {
    let Some(browser) = browser_or_skip("committed_review_page_matches_the_committed_dataset")
    else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lines = |f: &str| {
        std::fs::read_to_string(root.join("curated").join(f))
            .unwrap()
            .lines()
            .count()
    };
    let loaded = load(&browser, &root.join("reports/index.html"));
    let dom = &loaded.dom;
    assert_eq!(
        attr(dom, "selfcheck", "data-status").as_deref(),
        Some("ok"),
        "stderr:\n{}",
        loaded.stderr
    );
    assert!(console_errors(&loaded.stderr).is_empty());
    for (id, want) in [
        ("count-documents", lines("documents.jsonl")),
        ("count-facts", lines("facts.jsonl")),
        ("count-conflicts", lines("conflicts.jsonl")),
    ] {
        assert_eq!(
            attr(dom, id, "data-rendered"),
            Some(want.to_string()),
            "{id}"
        );
    }
}
