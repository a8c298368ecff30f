//! The review site's cost: rendering every document page, the per-document rows, and the
//! index and list pages, on a real raw folder; then the index and lists of a corpus made
//! `FACTSIEVE_SITE_TIMES` times larger by replicating those rows, facts and conflicts under
//! new ids (the pipeline cannot reach 20,000 articles yet).
//!
//!     FACTSIEVE_RAW=/tmp/h2k FACTSIEVE_SITE_TIMES=10 FACTSIEVE_SITE_OUT=/tmp/site \
//!         cargo bench --bench review_site
//!
//! Prints times, sizes and the approximate heap bytes of the rows; with FACTSIEVE_SITE_OUT
//! writes the replicated site there (load it with `.ci/html-bench.sh`).

use factsieve::html::{self, ReviewRow};
use factsieve::model::{Conflict, Fact};
use std::time::Instant;

fn row_bytes(r: &ReviewRow) -> usize {
    let s = |x: &str| x.len();
    std::mem::size_of::<ReviewRow>()
        + s(&r.doc_id)
        + s(&r.source)
        + r.reason.as_deref().map_or(0, s)
        + r.title.as_deref().map_or(0, s)
        + r.near_duplicate_of.as_deref().map_or(0, s)
        + (r.edits_by_rule.len() + r.suggestions_by_rule.len()) * 40
        + r.repairs
            .iter()
            .map(|x| std::mem::size_of_val(x) + s(&x.before) + s(&x.after) + s(&x.evidence))
            .sum::<usize>()
}

fn main() {
    let raw = std::env::var_os("FACTSIEVE_RAW")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("raw"));
    let times: usize = std::env::var("FACTSIEVE_SITE_TIMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let t = Instant::now();
    let corpus =
        factsieve::pipeline::process(&raw, &factsieve::pipeline::Quiet).expect("raw folder");
    println!(
        "pipeline: {} documents in {:.1} s",
        corpus.docs.len(),
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let mut page_bytes = 0usize;
    let mut largest = 0usize;
    for d in &corpus.docs {
        let p = html::document_page(d);
        page_bytes += p.len();
        largest = largest.max(p.len());
    }
    let pages_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let rows: Vec<ReviewRow> = corpus.docs.iter().map(ReviewRow::of).collect();
    let rows_s = t.elapsed().as_secs_f64();
    let rows_heap: usize = rows.iter().map(row_bytes).sum();
    println!(
        "document pages: {} in {:.2} s, {:.1} MB, largest {} KB; rows: {:.2} s, ~{} KB ({} B a document)",
        corpus.docs.len(),
        pages_s,
        page_bytes as f64 / 1e6,
        largest / 1024,
        rows_s,
        rows_heap / 1024,
        rows_heap / rows.len().max(1)
    );
    report("site", &rows, &corpus.facts, &corpus.conflicts, None);

    // The same corpus `times` over, under new ids.
    let suffix = |k: usize, id: &str| format!("{id}~{k}");
    let mut big_rows = Vec::with_capacity(rows.len() * times);
    let mut big_facts: Vec<Fact> = Vec::with_capacity(corpus.facts.len() * times);
    let mut big_conflicts: Vec<Conflict> = Vec::with_capacity(corpus.conflicts.len() * times);
    for k in 0..times {
        for r in &rows {
            let mut r = r.clone();
            r.doc_id = suffix(k, &r.doc_id);
            r.near_duplicate_of = r.near_duplicate_of.map(|o| suffix(k, &o));
            big_rows.push(r);
        }
        for f in &corpus.facts {
            let mut f = f.clone();
            f.id = suffix(k, &f.id);
            for c in &mut f.citations {
                c.doc_id = suffix(k, &c.doc_id);
            }
            big_facts.push(f);
        }
        for c in &corpus.conflicts {
            let mut c = c.clone();
            c.id = suffix(k, &c.id);
            for s in &mut c.sides {
                for id in &mut s.fact_ids {
                    *id = suffix(k, id);
                }
            }
            big_conflicts.push(c);
        }
    }
    big_facts.sort_by(|a, b| a.id.cmp(&b.id));
    big_conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    let out = std::env::var_os("FACTSIEVE_SITE_OUT").map(std::path::PathBuf::from);
    report(
        &format!("site x{times}"),
        &big_rows,
        &big_facts,
        &big_conflicts,
        out.as_deref(),
    );
}

fn report(
    label: &str,
    rows: &[ReviewRow],
    facts: &[Fact],
    conflicts: &[Conflict],
    out: Option<&std::path::Path>,
) {
    let t = Instant::now();
    let site = html::site(rows, facts, conflicts);
    let s = t.elapsed().as_secs_f64();
    let index = site
        .iter()
        .find(|(p, _)| p == "index.html")
        .map_or(0, |(_, t)| t.len());
    let total: usize = site.iter().map(|(_, t)| t.len()).sum();
    let largest = site.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
    println!(
        "{label}: {} documents, {} facts, {} conflicts -> {} pages in {:.2} s, index.html {} KB, largest list page {} KB, {:.1} MB in all",
        rows.len(),
        facts.len(),
        conflicts.len(),
        site.len(),
        s,
        index / 1024,
        largest / 1024,
        total as f64 / 1e6
    );
    if let Some(dir) = out {
        for (p, t) in &site {
            let path = dir.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, t).unwrap();
        }
    }
}
