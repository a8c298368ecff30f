//! Where the time goes: per-stage throughput on one core, then a whole streaming run with
//! wall time, MB/s, documents/s and peak RSS per pass.
//!
//!     python3 ../shared/bench/gen.py 2000 /tmp/corpus_2k
//!     FACTSIEVE_BENCH_RAW=/tmp/corpus_2k cargo bench --bench passes
//!
//! Without FACTSIEVE_BENCH_RAW it reads the shipped `raw/`. FACTSIEVE_BENCH_SAMPLE bounds
//! the documents timed stage by stage (default 300). Output goes to a temporary folder.

use factsieve::clean::{self, CorpusHints};
use factsieve::ingest;
use factsieve::pipeline::{plan, Progress};
use factsieve::spin::{self, LanguageModel};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Peak resident memory since the last reset, in MB (Linux), and a reset of the peak.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn reset_peak() {
    // "5" resets the peak RSS counter (proc(5), clear_refs).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Progress that records when each stage starts and the peak RSS of the one before.
struct Timeline {
    start: Instant,
    marks: Mutex<Vec<(String, usize, Duration, f64)>>,
}

impl Progress for Timeline {
    fn stage(&self, name: &str, items: usize) {
        let mut m = self.marks.lock().unwrap();
        m.push((name.to_string(), items, self.start.elapsed(), peak_rss_mb()));
        reset_peak();
    }
}

fn main() {
    let raw = std::env::var("FACTSIEVE_BENCH_RAW").map_or_else(
        |_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("raw"),
        std::path::PathBuf::from,
    );
    let sample: usize = std::env::var("FACTSIEVE_BENCH_SAMPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let files = ingest::list_raw(&raw).expect("a raw folder");
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "corpus: {} ({} files, {:.1} MB)",
        raw.display(),
        files.len(),
        bytes as f64 / 1e6
    );

    // Stage by stage on one core, over a sample.
    let n = files.len().min(sample);
    let mut t = [Duration::ZERO; 7];
    let mut sample_bytes = 0usize;
    let docs: Vec<_> = (0..n).map(|i| ingest::load(&files, i)).collect();
    let hints = CorpusHints::default();
    let lm = LanguageModel::build(&[]);
    for d in docs {
        sample_bytes += d.raw.len();
        let c = Instant::now();
        let d = plan::repaired(d);
        t[0] += c.elapsed();
        let c = Instant::now();
        std::hint::black_box(clean::line_stats(&d));
        std::hint::black_box(factsieve::near_dup::signature(d.text.text()));
        t[1] += c.elapsed();
        let c = Instant::now();
        let d = plan::cleaned(d, &hints);
        t[2] += c.elapsed();
        let c = Instant::now();
        std::hint::black_box(spin::doc_summary(&d));
        t[3] += c.elapsed();
        let c = Instant::now();
        let (d, extraction) = plan::finished(d, None, &lm, &[]);
        t[4] += c.elapsed();
        std::hint::black_box(&extraction);
        let c = Instant::now();
        std::hint::black_box(factsieve::report::document_diff(&d));
        std::hint::black_box(factsieve::report::document_repair_rows(&d));
        t[5] += c.elapsed();
        let c = Instant::now();
        std::hint::black_box(factsieve::claims::extract(&d));
        t[6] += c.elapsed();
    }
    println!(
        "\nper stage, one core, {n} documents ({:.1} MB):",
        sample_bytes as f64 / 1e6
    );
    let names = [
        "decode+repair",
        "line hashes+minhash",
        "clean",
        "spin summary (verdict, counts)",
        "spin repair + claims",
        "diff + repair rows",
        "claims alone",
    ];
    for (name, d) in names.iter().zip(t) {
        println!(
            "  {name:<32} {:>8.3} s {:>9.1} MB/s",
            d.as_secs_f64(),
            sample_bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
        );
    }

    // The whole streaming run.
    let out = tempfile::tempdir().expect("a temporary folder");
    let timeline = Timeline {
        start: Instant::now(),
        marks: Mutex::new(Vec::new()),
    };
    reset_peak();
    let (summary, _) = factsieve::output::run_streaming(
        &raw,
        &factsieve::pipeline::RunOptions::default(),
        &out.path().join("curated"),
        &out.path().join("reports"),
        &timeline,
    )
    .expect("the run completes");
    timeline.stage("write corpus files (end)", 0);
    let total = timeline.start.elapsed().as_secs_f64();
    let marks = timeline.marks.into_inner().unwrap();
    println!(
        "\nwhole run, {} threads: {:.2} s, {:.2} MB/s, {:.0} documents/s",
        rayon::current_num_threads(),
        total,
        bytes as f64 / 1e6 / total,
        summary.docs.len() as f64 / total
    );
    for w in marks.windows(2) {
        let (name, items, at, _) = &w[0];
        let (_, _, next, peak) = &w[1];
        let secs = (*next - *at).as_secs_f64();
        println!("  {name:<28} {items:>8} items {secs:>8.2} s  peak RSS {peak:>7.0} MB");
    }
}
