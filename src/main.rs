//! The `factsieve` command line.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use factsieve::dataset_diff::{self, Dataset};
use factsieve::{explain, ingest, output, pipeline};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write to stdout or stderr, ignoring write errors: a closed pipe (`factsieve run 2>&1 |
/// head -1`) must not panic, and there is nobody left to tell.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "factsieve",
    version,
    about = "Turn scraped web articles into a curated, cited fact dataset",
    long_about = "Turn scraped web articles into a curated, cited fact dataset.\n\n\
Without a subcommand, `factsieve` runs `run` with the default folders (raw/, curated/, reports/)."
)]
struct Cli {
    /// Without a subcommand, `run` with the default folders.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Args, Clone)]
struct Dirs {
    /// Folder of raw scraped articles, one file per article.
    #[arg(long, default_value = "raw")]
    raw: PathBuf,
    /// Output folder of the dataset.
    #[arg(long, default_value = "curated")]
    curated: PathBuf,
    /// Output folder of the reports for reviewers.
    #[arg(long, default_value = "reports")]
    reports: PathBuf,
    /// Skip raw files larger than this many MiB (with a reason in documents.jsonl).
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    max_file_mb: u64,
    /// Skip documents with a line longer than this many KiB (with a reason).
    #[arg(long, default_value_t = 64, value_name = "KIB")]
    max_line_kb: usize,
}

impl Dirs {
    fn limits(&self) -> ingest::Limits {
        ingest::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1 << 20),
            max_line_bytes: self.max_line_kb.saturating_mul(1 << 10),
            ..ingest::Limits::default()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The earlier dataset (a curated/ folder).
    old: PathBuf,
    /// The later dataset (a curated/ folder).
    new: PathBuf,
    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with status 1 when anything changed (as `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// A fact id, conflict id or doc_id; a unique prefix is enough.
    id: String,
    #[command(flatten)]
    dirs: Dirs,
    /// Characters of raw text to show on each side of a cited passage.
    #[arg(long, default_value_t = 120)]
    context: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline on the raw folder and write curated/ and reports/.
    ///
    /// Also writes reports/changes.md: what changed against the dataset it replaces (kept as
    /// it is when the dataset does not change), and reports/index.html, the review page.
    Run(Dirs),
    /// Re-run into a temporary folder; exit 1 with a diff if curated/ or reports/ differ.
    ///
    /// Prints what changed in the dataset (facts, citations, conflicts, documents) and then
    /// the file-by-file diff. Exit status: 0 up to date, 1 outdated, 2 error.
    Check(Dirs),
    /// Show what changed between two datasets: facts added, removed, reworded, citations
    /// gained or lost, conflicts new or resolved, documents added or skipped.
    ///
    /// Exit status: 0 (or 1 with --exit-code when anything changed), 2 on error.
    Diff(DiffArgs),
    /// Show a fact or conflict with every citation in its raw context, or a document with
    /// the edits made to it.
    Explain(ExplainArgs),
}

/// Stage lines: a spinner on a terminal, plain lines otherwise (CI, pipes).
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
}

impl Reporter {
    fn new() -> Self {
        let tty = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = tty.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(std::time::Duration::from_millis(100));
            b
        });
        Reporter { bar }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl pipeline::Progress for Reporter {
    fn stage(&self, name: &str, items: usize) {
        match &self.bar {
            Some(b) => b.set_message(format!("{name} ({items})")),
            None => errln!("factsieve: {name} ({items})"),
        }
    }
}

fn run(d: &Dirs) -> Result<pipeline::RunSummary> {
    let reporter = Reporter::new();
    let (corpus, changes) =
        output::run_streaming(&d.raw, &d.limits(), &d.curated, &d.reports, &reporter)
            .with_context(|| {
                format!(
                    "processing {} (the previous {} and {} are untouched)",
                    d.raw.display(),
                    d.curated.display(),
                    d.reports.display()
                )
            })?;
    reporter.finish();
    let skipped: Vec<_> = corpus.docs.iter().filter(|x| !x.is_ok()).collect();
    for s in &skipped {
        errln!(
            "factsieve: skipped {}: {}",
            s.source,
            s.reason.as_deref().unwrap_or("")
        );
    }
    errln!(
        "factsieve: {} documents ({} skipped), {} facts, {} conflicts -> {}, {}",
        corpus.docs.len(),
        skipped.len(),
        corpus.facts.len(),
        corpus.conflicts.len(),
        d.curated.display(),
        d.reports.display()
    );
    match changes {
        None => errln!(
            "factsieve: first run (no earlier dataset in {})",
            d.curated.display()
        ),
        Some(c) if c.is_empty() => errln!("factsieve: the dataset did not change"),
        Some(c) => {
            for l in dataset_diff::summary_lines(&c.counts) {
                errln!("factsieve: changed {l}");
            }
        }
    }
    Ok(corpus)
}

/// Compare two folders file by file; print a readable diff; true when identical.
fn compare_dirs(committed: &Path, fresh: &Path, label: &str) -> bool {
    let a = output::list_files(committed);
    let b = output::list_files(fresh);
    let mut same = true;
    let mut names: Vec<&PathBuf> = a.iter().chain(b.iter()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let old = std::fs::read(committed.join(name)).ok();
        let new = std::fs::read(fresh.join(name)).ok();
        if old == new {
            continue;
        }
        same = false;
        let shown = format!("{label}/{}", name.display());
        match (old, new) {
            (None, _) => outln!("missing: {shown} (the run writes it, it is not committed)"),
            (_, None) => outln!("stale: {shown} (committed, the run no longer writes it)"),
            (Some(o), Some(n)) => {
                let (o, n) = (String::from_utf8_lossy(&o), String::from_utf8_lossy(&n));
                let diff = similar::TextDiff::from_lines(o.as_ref(), n.as_ref());
                let text = diff
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("committed/{shown}"), &format!("fresh/{shown}"))
                    .to_string();
                let lines: Vec<&str> = text.lines().collect();
                for l in lines.iter().take(60) {
                    // HTML rows and JSON lines can be long: keep the log readable.
                    if l.chars().count() > 300 {
                        let cut: String = l.chars().take(300).collect();
                        outln!("{cut}\u{2026}");
                    } else {
                        outln!("{l}");
                    }
                }
                if lines.len() > 60 {
                    outln!("... {} more diff lines", lines.len() - 60);
                }
            }
        }
    }
    same
}

fn check(d: &Dirs) -> Result<bool> {
    let tmp = tempfile::tempdir().context("creating a temporary folder")?;
    let fresh = Dirs {
        curated: tmp.path().join("curated"),
        reports: tmp.path().join("reports"),
        ..d.clone()
    };
    let reporter = Reporter::new();
    // The committed outputs are what a run here would replace: the fresh changes.md is
    // then what `run` would write.
    let previous = output::Previous::read(&d.curated, &d.reports);
    let (_, changes) = output::stream(
        &fresh.raw,
        &d.limits(),
        &previous,
        &fresh.curated,
        &fresh.reports,
        &reporter,
    )
    .with_context(|| format!("processing {}", d.raw.display()))?;
    reporter.finish();
    match &changes {
        None => outln!(
            "no committed dataset in {}: `factsieve run` would be a first run",
            d.curated.display()
        ),
        Some(c) if c.is_empty() => {}
        Some(c) => {
            outln!("dataset changes (committed -> what raw/ gives now):");
            out!("{}", dataset_diff::render_text(c));
            outln!();
        }
    }
    let ok_c = compare_dirs(&d.curated, &fresh.curated, "curated");
    let ok_r = compare_dirs(&d.reports, &fresh.reports, "reports");
    Ok(ok_c && ok_r)
}

/// `factsieve diff`: Ok(true) when the datasets are the same.
fn diff(a: &DiffArgs) -> Result<bool> {
    let old = Dataset::load_checked(&a.old).map_err(anyhow::Error::msg)?;
    let new = Dataset::load_checked(&a.new).map_err(anyhow::Error::msg)?;
    for (label, ds) in [("old", &old), ("new", &new)] {
        for p in &ds.problems {
            errln!("factsieve diff: warning: {label} dataset: {p}");
        }
    }
    let d = dataset_diff::diff(&old, &new);
    match a.format {
        Format::Text => out!("{}", dataset_diff::render_text(&d)),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&d).context("encoding the diff")?
        ),
    }
    Ok(d.is_empty())
}

/// An error and its causes on one line, leaving out a cause its parent already quotes
/// ("cannot write x: No space left on device" is not followed by the device error again).
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !last.ends_with(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
        last = text;
    }
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or_else(|| {
        Command::Run(Dirs {
            raw: "raw".into(),
            curated: "curated".into(),
            reports: "reports".into(),
            max_file_mb: 16,
            max_line_kb: 64,
        })
    });
    let result = match &command {
        Command::Run(d) => run(d).map(|_| true),
        Command::Check(d) => check(d).inspect(|&same| {
            if same {
                errln!("factsieve check: curated/ and reports/ are up to date");
            } else {
                errln!("factsieve check: outputs differ from what raw/ produces now; run `factsieve run` and commit");
            }
        }),
        Command::Diff(a) => diff(a).map(|same| same || !a.exit_code),
        Command::Explain(a) => explain::explain(
            &explain::Sources {
                raw: &a.dirs.raw,
                curated: &a.dirs.curated,
                reports: &a.dirs.reports,
                context: a.context,
            },
            &a.id,
        )
        .map(|text| {
            out!("{text}");
            true
        })
        .map_err(anyhow::Error::msg),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            errln!("factsieve: error: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}
