//! Throughput of the repair stage alone, on one core. Input: a folder of articles
//! (default: `python3 ../shared/bench/gen.py 2000 /tmp/enc-bench` output), or `raw/`.
//! Run with `cargo bench --bench repair [-- DIR]`; prints the median MB/s of 5 runs.

use factsieve::repair::repair_text;
use factsieve::text::TrackedText;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/enc-bench".to_string());
    let dir = if std::path::Path::new(&dir).is_dir() {
        std::path::PathBuf::from(dir)
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("raw")
    };
    let mut texts: Vec<String> = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                texts.push(String::from_utf8_lossy(&b).into_owned());
            }
        }
    }
    texts.sort();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut times = Vec::new();
    for _ in 0..5 {
        let docs: Vec<TrackedText> = texts.iter().map(|t| TrackedText::from_str(t)).collect();
        let t0 = Instant::now();
        let mut edits = 0;
        for mut d in docs {
            repair_text(&mut d);
            edits += d.edits().len();
        }
        times.push(t0.elapsed().as_secs_f64());
        std::hint::black_box(edits);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "repair: {} files from {}, {:.1} MB, median {:.3} s, {:.1} MB/s",
        texts.len(),
        dir.display(),
        bytes as f64 / 1e6,
        median,
        bytes as f64 / 1e6 / median
    );
}
