//! Per-document cost: time and peak memory of the whole pipeline (and the document's
//! diff, the costliest of its reports) on one document of
//! 10 KB, 100 KB, 1 MB and 10 MB, article-like prose and random bytes, so growth that is
//! worse than linear shows up as a ratio above 10 between neighbouring rows.
//!
//!     cargo bench --bench doc_cost
//!
//! A second table splits each run's CPU time into the per-document stages (decode, repair,
//! clean, spin, claims, the diff), which must grow linearly, and the corpus stages
//! (near-duplicates, consolidation, conflicts), which here run on a corpus of one document.
//!
//! FACTSIEVE_BENCH_MAX_MB bounds the largest size (default 10; 16 adds 16 MB, just under the
//! default file limit of 16 MiB, the largest document a run reads). The prose is generated
//! here from a small word list (seeded, so every run measures the same text).

use factsieve::ingest::Limits;

/// The allocator the `factsieve` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use factsieve::pipeline::{self, Quiet};
use std::time::Instant;

/// A small deterministic generator (64-bit LCG), enough for text shapes.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the", "a", "of", "and", "to", "in", "is", "that", "for", "it", "with", "as", "on", "be", "at",
    "by", "this", "from", "or", "can", "may", "your", "after", "before", "water", "river",
    "bridge", "garden", "winter", "summer", "engine", "kitchen", "bread", "walk", "build", "carry",
    "measure", "repair", "paint", "plant", "cook", "travel", "slowly", "often", "early", "later",
    "gently", "quickly", "rarely", "usually", "warm", "cold", "small", "large", "quiet", "bright",
    "heavy", "simple", "careful", "minutes", "hours", "days", "weeks", "times", "metres", "litres",
    "people", "tools", "helps", "keeps", "makes", "takes", "gives", "needs", "shows", "brings",
    "holds",
];

const SYLLABLES: &[&str] = &[
    "ba", "ker", "lo", "min", "sta", "rel", "dor", "pen", "tri", "vol", "cas", "mu", "ne", "gar",
    "fil", "ton", "sed", "ri", "pla", "quen",
];

/// A content word of a 20,000-word vocabulary, ranks drawn with a Zipf-like skew (a few
/// words are frequent, most are rare), as in real prose.
fn content_word(r: &mut Lcg) -> String {
    let u = (r.next() % 1_000_000) as f64 / 1_000_000.0;
    let mut rank = (20_000f64.powf(u)) as usize;
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[rank % SYLLABLES.len()]);
        rank /= SYLLABLES.len();
        if rank == 0 {
            break;
        }
    }
    w
}

fn sentence(r: &mut Lcg) -> String {
    let n = 8 + r.below(18);
    let mut words: Vec<String> = (0..n)
        .map(|_| {
            if r.below(2) == 0 {
                WORDS[r.below(WORDS.len())].to_string()
            } else {
                content_word(r)
            }
        })
        .collect();
    if r.below(4) == 0 {
        words.insert(
            r.below(n),
            format!("{}-{}", 5 + r.below(10), 15 + r.below(10)),
        );
    }
    let mut s = words.join(" ");
    s[..1].make_ascii_uppercase();
    s.push('.');
    s
}

/// Article-like text of about `size` bytes: a title, headings, paragraphs of sentences.
fn article(size: usize, seed: u64) -> Vec<u8> {
    let mut r = Lcg(seed);
    let mut out = String::from("A Plain Guide To Garden Work\n\n");
    while out.len() < size {
        if r.below(8) == 0 {
            out.push_str(&format!("How To {} The {}\n\n", "Plant", "Garden"));
        }
        let para: Vec<String> = (0..3 + r.below(4)).map(|_| sentence(&mut r)).collect();
        out.push_str(&para.join(" "));
        out.push_str("\n\n");
    }
    out.truncate(size);
    out.into_bytes()
}

fn random_bytes(size: usize, seed: u64) -> Vec<u8> {
    let mut r = Lcg(seed);
    // High bytes without NUL: what a binary-file check alone does not catch.
    (0..size).map(|_| (r.next() as u8) | 0x80).collect()
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// User and system CPU seconds of the process so far (all threads): under load, wall time
/// measures the machine, CPU time the work.
fn cpu_secs() -> (f64, f64) {
    // SAFETY: getrusage fills the struct we pass; no other memory is touched.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (s(u.ru_utime), s(u.ru_stime))
}

/// Records the process's CPU seconds when each stage starts, so the table can split a
/// document's cost into the per-document passes and the corpus stages (consolidation and
/// conflicts run once per corpus; here the corpus is the one document).
#[derive(Default)]
struct StageClock(std::sync::Mutex<Vec<(String, f64)>>);

impl pipeline::Progress for StageClock {
    fn stage(&self, name: &str, _items: usize) {
        let (user, sys) = cpu_secs();
        if let Ok(mut marks) = self.0.lock() {
            marks.push((name.to_string(), user + sys));
        }
    }
}

impl StageClock {
    /// CPU seconds of each stage, from its start to the next stage's (the last one to `end`).
    fn spans(&self, end: f64) -> Vec<(String, f64)> {
        let marks = self.0.lock().map(|m| m.clone()).unwrap_or_default();
        marks
            .iter()
            .enumerate()
            .map(|(i, (name, at))| {
                let next = marks.get(i + 1).map_or(end, |m| m.1);
                (name.clone(), next - at)
            })
            .collect()
    }
}

/// The stages that run once per corpus rather than once per document.
const CORPUS_STAGES: &[&str] = &["near-duplicates", "consolidate", "conflicts"];

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let max_mb: usize = std::env::var("FACTSIEVE_BENCH_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let sizes: Vec<usize> = [10_000, 100_000, 1_000_000, 10_000_000, 16_000_000]
        .into_iter()
        .filter(|&s| s <= max_mb * 1_000_000)
        .filter(|&s| {
            std::env::var("FACTSIEVE_BENCH_ONLY_KB").map_or(true, |v| v == (s / 1000).to_string())
        })
        .collect();
    // Warm-up: the lexicons and models load once per process, not per document.
    let warm = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(warm.path().join("doc.txt"), article(2_000, 1)).expect("write");
    let _ = pipeline::process_with(warm.path(), &Limits::default(), &Quiet);
    println!("| input | size | wall (s) | user CPU (s) | sys CPU (s) | MB/s (CPU) | peak RSS (MB) | status |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut split = Vec::new();
    for (kind, make) in [
        ("article-like", article as fn(usize, u64) -> Vec<u8>),
        ("random bytes", random_bytes),
    ] {
        for &size in &sizes {
            let dir = tempfile::tempdir().expect("a temporary folder");
            std::fs::write(dir.path().join("doc.txt"), make(size, 7)).expect("write");
            reset_peak();
            let base = peak_rss_mb();
            let (user0, sys0) = cpu_secs();
            let start = Instant::now();
            let clock = StageClock::default();
            let corpus =
                pipeline::process_with(dir.path(), &Limits::default(), &clock).expect("a run");
            let (user_run, sys_run) = cpu_secs();
            let doc = &corpus.docs[0];
            // The per-document report the writer makes: the diff is the costliest.
            let diff = factsieve::report::document_diff(doc);
            std::hint::black_box(diff);
            let secs = start.elapsed().as_secs_f64();
            let (user1, sys1) = cpu_secs();
            let spans = clock.spans(user_run + sys_run);
            let corpus_cpu: f64 = spans
                .iter()
                .filter(|(name, _)| CORPUS_STAGES.contains(&name.as_str()))
                .map(|s| s.1)
                .sum();
            let run_cpu = user_run + sys_run - user0 - sys0;
            let diff_cpu = user1 + sys1 - user_run - sys_run;
            split.push((
                kind,
                size,
                run_cpu - corpus_cpu + diff_cpu,
                corpus_cpu,
                corpus.claims.len(),
                spans,
            ));
            let (user, sys) = (user1 - user0, sys1 - sys0);
            let status = match &doc.reason {
                Some(r) if !doc.is_ok() => {
                    format!("skipped: {}", r.chars().take(60).collect::<String>())
                }
                _ => format!("ok, {} facts", corpus.facts.len()),
            };
            println!(
                "| {kind} | {} KB | {secs:.3} | {user:.3} | {sys:.3} | {:.2} | {:.0} (+{:.0}) | {status} |",
                size / 1000,
                size as f64 / 1e6 / (user + sys).max(1e-6),
                peak_rss_mb(),
                peak_rss_mb() - base,
            );
        }
    }
    // Per-document stages (decode, repair, clean, spin, claims, the diff) against the
    // corpus stages: the first must grow linearly; consolidation compares each claim with
    // at most MAX_POSTING earlier claims per key and level, so its cost per claim rises
    // while those lists fill and is then flat.
    println!();
    println!("| input | size | per-document stages CPU (s) | CPU s per MB | corpus stages CPU (s) | claims | corpus CPU µs per claim | stages (CPU s) |");
    println!("|---|---|---|---|---|---|---|---|");
    for (kind, size, per_doc, corpus_cpu, claims, spans) in split {
        let stages: Vec<String> = spans
            .iter()
            .map(|(name, cpu)| format!("{name} {cpu:.2}"))
            .collect();
        let per_claim = if claims == 0 {
            "-".to_string()
        } else {
            format!("{:.0}", corpus_cpu * 1e6 / claims as f64)
        };
        println!(
            "| {kind} | {} KB | {per_doc:.3} | {:.2} | {corpus_cpu:.3} | {claims} | {per_claim} | {} |",
            size / 1000,
            per_doc / (size as f64 / 1e6),
            stages.join(", "),
        );
    }
}
