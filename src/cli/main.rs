//! The `factsieve` command line.

#[macro_use]
mod ui;
mod check;
mod review;
mod settings;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use factsieve::dataset_diff::{self, Dataset};
use factsieve::selection::Selection;
use factsieve::{explain, ingest, output, pipeline};
use settings::{Dirs, Settings};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use ui::{diff_line, paint, ColorChoice, Paint, Reporter};

/// mimalloc rather than the system allocator: the stages make many small, short-lived
/// strings and vectors per line, and glibc's malloc and free were a fifth of a run's
/// instructions (README, "A plan of passes").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "factsieve",
    version,
    about = "Turn scraped web articles into a curated, cited fact dataset",
    long_about = "Turn scraped web articles into a curated, cited fact dataset.\n\n\
Without a subcommand, `factsieve` runs `run` with the default folders (raw/, curated/, reports/).\n\
Settings come from the nearest factsieve.toml (working directory upward, up to the repository \
root); flags override it."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    /// Without a subcommand, `run` with the default folders.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Args)]
struct Global {
    /// Say nothing on stderr but errors and warnings.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more on stderr: the config file used, the rules it disables, each stage's time.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Worker threads [default: one per core]. The output is the same whatever N.
    #[arg(short, long, global = true, value_name = "N")]
    jobs: Option<usize>,
    /// Colour in diffs, check summaries and error prefixes (auto honours NO_COLOR).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: ColorChoice,
    /// Read this config file instead of looking for factsieve.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    /// A pull-request comment: a summary, then details in <details> blocks, under 60k
    /// characters.
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Only these raw files (paths inside the raw folder), for a quick look; their
    /// doc_id and source are as in a full run.
    files: Vec<PathBuf>,
    /// Only the raw files whose name matches GLOB (repeatable), e.g. '00*.txt'.
    #[arg(long, value_name = "GLOB")]
    select: Vec<String>,
    /// Keep per-document results in DIR and reuse them in later runs (incremental runs;
    /// e.g. target/factsieve-cache). The outputs are the same as without it.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    #[command(flatten)]
    dirs: Dirs,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The earlier dataset (a curated/ folder).
    old: PathBuf,
    /// The later dataset (a curated/ folder).
    new: PathBuf,
    /// Output format: text for people, json for scripts, markdown for a pull request.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Exit with status 1 when anything changed (as `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// A fact id, conflict id or doc_id (a unique prefix is enough), or DOC_ID:LINE for
    /// one raw line of a document.
    #[arg(required_unless_present = "line")]
    id: Option<String>,
    /// Why is this line gone? Finds the raw lines containing TEXT and says what became of
    /// each: the rule that dropped or changed it, its doc line, the evidence.
    #[arg(long, value_name = "TEXT", conflicts_with = "id")]
    line: Option<String>,
    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
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
    /// With files or --select, only those raw files are run (into the same folders, unless
    /// --curated/--reports say otherwise).
    Run(RunArgs),
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
    /// Show a fact or conflict with every citation in its raw context, a document with
    /// the edits made to it, or why a raw line is gone.
    Explain(ExplainArgs),
    /// Go through the pending suggestions (reports/repairs.csv) and accept or reject each;
    /// the answers go to curated/decisions.toml, which later runs honour.
    ///
    /// Reads answers from stdin, one line each: a(ccept), r(eject), s(kip), q(uit).
    Review(review::ReviewArgs),
    /// List the rules: code, name, stage, fix (safe, guarded, suggested) and what it does;
    /// the codes `factsieve.toml`'s [rules] takes.
    Rules {
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// The raw files named on the command line, as file names inside the raw folder.
fn selection(raw: &Path, files: &[PathBuf], globs: &[String]) -> Result<Option<Selection>> {
    if files.is_empty() && globs.is_empty() {
        return Ok(None);
    }
    let raw_canon = std::fs::canonicalize(raw)
        .with_context(|| format!("raw folder {} does not exist", raw.display()))?;
    let mut names = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .with_context(|| format!("{} is not a file name", f.display()))?;
        let parent = match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let inside = std::fs::canonicalize(&parent).is_ok_and(|p| p == raw_canon);
        if !inside {
            bail!(
                "{} is not in the raw folder {} (give files inside it, e.g. {}/{})",
                f.display(),
                raw.display(),
                raw.display(),
                name.to_string_lossy()
            );
        }
        if std::fs::symlink_metadata(f).is_err() {
            bail!("{} does not exist", f.display());
        }
        names.push(ingest::escape_name(name));
    }
    Ok(Some(Selection::new(names, globs.to_vec())?))
}

fn run(a: &RunArgs, config: Option<&Path>) -> Result<pipeline::RunSummary> {
    let mut s = Settings::resolve(&a.dirs, config)?;
    s.options.select = selection(&s.raw, &a.files, &a.select)?;
    s.options.cache = a.cache.clone();
    if let Some(sel) = &s.options.select {
        info!("factsieve: only {}", sel.describe());
    }
    let reporter = Reporter::new();
    let (corpus, changes) = output::run_streaming(
        &s.raw, &s.options, &s.curated, &s.reports, &reporter,
    )
    .with_context(|| {
        format!(
            "processing {} (the previous {} and {} are untouched)",
            s.raw.display(),
            s.curated.display(),
            s.reports.display()
        )
    })?;
    reporter.finish();
    if let Some(stats) = &corpus.cache {
        info!(
            "factsieve: cache {}: {stats}",
            a.cache.as_deref().unwrap_or(Path::new("")).display()
        );
    }
    let skipped: Vec<_> = corpus.docs.iter().filter(|x| !x.is_ok()).collect();
    for d in &skipped {
        info!(
            "factsieve: skipped {}: {}",
            d.source,
            d.reason.as_deref().unwrap_or("")
        );
    }
    info!(
        "factsieve: {} documents ({} skipped), {} facts, {} conflicts -> {}, {}",
        corpus.docs.len(),
        skipped.len(),
        corpus.facts.len(),
        corpus.conflicts.len(),
        s.curated.display(),
        s.reports.display()
    );
    match changes {
        None => info!(
            "factsieve: first run (no earlier dataset in {})",
            s.curated.display()
        ),
        Some(c) if c.is_empty() => info!("factsieve: the dataset did not change"),
        Some(c) => {
            for l in dataset_diff::summary_lines(&c.counts) {
                info!("factsieve: changed {l}");
            }
        }
    }
    Ok(corpus)
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
        DiffFormat::Text => {
            let colour = ui::ui().color_out;
            for l in dataset_diff::render_text(&d).lines() {
                outln!("{}", diff_line(colour, l));
            }
        }
        DiffFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&d).context("encoding the diff")?
        ),
        DiffFormat::Markdown => out!(
            "{}",
            dataset_diff::render_pull_request(&d, dataset_diff::PULL_REQUEST_MAX_CHARS)
        ),
    }
    Ok(d.is_empty())
}

fn explain_cmd(a: &ExplainArgs, config: Option<&Path>) -> Result<bool> {
    let s = Settings::resolve(&a.dirs, config)?;
    let src = explain::Sources {
        raw: &s.raw,
        curated: &s.curated,
        reports: &s.reports,
        context: a.context,
        limits: s.options.limits,
    };
    let query = match (&a.line, &a.id) {
        (Some(text), _) => explain::Query::LineText(text.clone()),
        (None, Some(id)) => explain::Query::parse(id),
        (None, None) => bail!("give an id or --line TEXT"),
    };
    let found = explain::explain_query(&src, &query).map_err(anyhow::Error::msg)?;
    match a.format {
        Format::Text => out!("{}", found.text),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&found.json).context("encoding the answer")?
        ),
    }
    Ok(true)
}

fn list_rules(format: Format) -> Result<bool> {
    let rules = factsieve::rules::all();
    match format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&rules).context("encoding the rules")?
        ),
        Format::Text => {
            for r in rules {
                let fix = serde_json::to_value(r.fix)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                outln!(
                    "{} {:<24} {:<8} {:<9} {}",
                    r.code,
                    r.name,
                    r.stage,
                    fix,
                    r.doc
                );
            }
        }
    }
    Ok(true)
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
    let g = &cli.global;
    ui::init(g.quiet, g.verbose, g.color);
    let colour = ui::ui().color_err;
    if let Some(n) = g.jobs {
        // The output does not depend on the pool size: per-document work is pure and
        // every result is put back in doc_id order.
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
        {
            errln!(
                "factsieve: {} cannot set {n} threads: {e}",
                paint(colour, Paint::Red, "error:")
            );
            return ExitCode::from(2);
        }
    }
    let command = cli.command.unwrap_or_else(|| {
        Command::Run(RunArgs {
            files: Vec::new(),
            select: Vec::new(),
            cache: None,
            dirs: Dirs::default(),
        })
    });
    let config = g.config.as_deref();
    let result = match &command {
        Command::Run(a) => run(a, config).map(|_| true),
        Command::Check(d) => Settings::resolve(d, config)
            .and_then(|s| check::check(&s))
            .inspect(|&same| {
                if same {
                    info!(
                        "factsieve check: {}",
                        paint(colour, Paint::Green, "curated/ and reports/ are up to date")
                    );
                } else {
                    info!(
                        "factsieve check: {}; run `factsieve run` and commit",
                        paint(
                            colour,
                            Paint::Yellow,
                            "outputs differ from what raw/ produces now"
                        )
                    );
                }
            }),
        Command::Diff(a) => diff(a).map(|same| same || !a.exit_code),
        Command::Explain(a) => explain_cmd(a, config),
        Command::Review(a) => review::review(a, config),
        Command::Rules { format } => list_rules(*format),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            errln!(
                "factsieve: {} {}",
                paint(colour, Paint::Red, "error:"),
                error_chain(&e)
            );
            ExitCode::from(2)
        }
    }
}
