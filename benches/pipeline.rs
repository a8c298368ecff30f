//! Throughput benchmark of the whole pipeline (no output writing): the shipped articles,
//! replicated into a larger corpus with distinct ids, processed several times.
//! Run with `cargo bench --bench pipeline`; prints median wall time and MB/s.

use factsieve::ingest::decode_document;
use factsieve::pipeline::{process_documents, Quiet};
use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    let mut base: Vec<(String, Vec<u8>)> = std::fs::read_dir(&root)
        .expect("raw/ exists")
        .flatten()
        .map(|e| {
            let id = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read(e.path()).unwrap())
        })
        .collect();
    base.sort();
    let copies: usize = std::env::var("FACTSIEVE_BENCH_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let corpus: Vec<(String, Vec<u8>)> = (0..copies)
        .flat_map(|i| {
            base.iter()
                .map(move |(id, b)| (format!("{i:03}_{id}"), b.clone()))
        })
        .collect();
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let mut times = Vec::new();
    for _ in 0..5 {
        let docs = corpus
            .iter()
            .map(|(id, b)| decode_document(id, &format!("raw/{id}.txt"), b.clone()))
            .collect();
        let t = Instant::now();
        let out = process_documents(docs, &Quiet);
        times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(out);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "pipeline: {} documents, {:.1} KB, median {:.3} s over {} runs, {:.2} MB/s",
        corpus.len(),
        bytes as f64 / 1024.0,
        median,
        times.len(),
        bytes as f64 / 1e6 / median
    );
}
