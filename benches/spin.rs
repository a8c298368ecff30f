//! Throughput of the spin stage alone (map: `doc_summary` per document, reduce into the
//! model, then `respin_document` per document) on ONE thread, over documents already
//! repaired and cleaned. Corpus: `SPIN_BENCH_DIR` (default /tmp/spin-bench, written by
//! `python3 ../shared/bench/gen.py 2000 /tmp/spin-bench`), else the shipped raw/ articles.
//! Run with `cargo bench --bench spin`; prints median wall time and MB/s of raw bytes.

use factsieve::model::Document;
use factsieve::spin::{doc_summary, respin_document, LanguageModel};
use std::time::Instant;

fn main() {
    let dir = std::env::var("SPIN_BENCH_DIR").unwrap_or("/tmp/spin-bench".into());
    let mut dir = std::path::PathBuf::from(dir);
    if !dir.is_dir() {
        dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    }
    let files = factsieve::ingest::list_raw(&dir).expect("corpus folder");
    let raw_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let mut docs = factsieve::ingest::ingest(&files);
    let hints = factsieve::clean::CorpusHints::build(&docs);
    for d in docs.iter_mut().filter(|d| d.is_ok()) {
        factsieve::repair::repair_document(d);
        factsieve::clean::clean_document(d, &hints);
    }
    let text_bytes: usize = docs.iter().map(|d| d.text.text().len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let mut times = Vec::new();
    let mut spun = 0;
    for _ in 0..3 {
        let mut run: Vec<Document> = docs.clone();
        let t = Instant::now();
        pool.install(|| {
            let lm =
                LanguageModel::from_summaries(run.iter().filter(|d| d.is_ok()).map(doc_summary));
            for d in run.iter_mut().filter(|d| d.is_ok()) {
                respin_document(d, &lm);
            }
        });
        times.push(t.elapsed().as_secs_f64());
        spun = run.iter().filter(|d| d.spin.spun).count();
        std::hint::black_box(run);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "spin stage, 1 thread: {} documents ({spun} judged spun), {:.1} MB raw / {:.1} MB text, median {:.3} s, {:.1} MB/s raw, {:.1} MB/s text",
        docs.len(),
        raw_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
        median,
        raw_bytes as f64 / 1e6 / median,
        text_bytes as f64 / 1e6 / median
    );
}
