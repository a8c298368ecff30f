//! The `factsieve` command line.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use factsieve::{output, pipeline};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "factsieve",
    version,
    about = "Turn scraped web articles into a curated, cited fact dataset"
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
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline on the raw folder and write curated/ and reports/.
    Run(Dirs),
    /// Re-run into a temporary folder; exit 1 with a diff if curated/ or reports/ differ.
    Check(Dirs),
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
            None => eprintln!("factsieve: {name} ({items})"),
        }
    }
}

fn run(d: &Dirs) -> Result<pipeline::Corpus> {
    let reporter = Reporter::new();
    let corpus = pipeline::process(&d.raw, &reporter)
        .with_context(|| format!("processing {}", d.raw.display()))?;
    output::write_all(&corpus, &d.curated, &d.reports).context("writing outputs")?;
    reporter.finish();
    let skipped: Vec<_> = corpus.docs.iter().filter(|x| !x.is_ok()).collect();
    for s in &skipped {
        eprintln!(
            "factsieve: skipped {}: {}",
            s.source,
            s.reason.as_deref().unwrap_or("")
        );
    }
    eprintln!(
        "factsieve: {} documents ({} skipped), {} facts, {} conflicts -> {}, {}",
        corpus.docs.len(),
        skipped.len(),
        corpus.facts.len(),
        corpus.conflicts.len(),
        d.curated.display(),
        d.reports.display()
    );
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
            (None, _) => println!("missing: {shown} (the run writes it, it is not committed)"),
            (_, None) => println!("stale: {shown} (committed, the run no longer writes it)"),
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
                    println!("{l}");
                }
                if lines.len() > 60 {
                    println!("... {} more diff lines", lines.len() - 60);
                }
            }
        }
    }
    same
}

fn check(d: &Dirs) -> Result<bool> {
    let tmp = tempfile::tempdir().context("creating a temporary folder")?;
    let fresh = Dirs {
        raw: d.raw.clone(),
        curated: tmp.path().join("curated"),
        reports: tmp.path().join("reports"),
    };
    let reporter = Reporter::new();
    let corpus = pipeline::process(&fresh.raw, &reporter)
        .with_context(|| format!("processing {}", d.raw.display()))?;
    output::write_all(&corpus, &fresh.curated, &fresh.reports).context("writing outputs")?;
    reporter.finish();
    let ok_c = compare_dirs(&d.curated, &fresh.curated, "curated");
    let ok_r = compare_dirs(&d.reports, &fresh.reports, "reports");
    Ok(ok_c && ok_r)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Run(Dirs {
        raw: "raw".into(),
        curated: "curated".into(),
        reports: "reports".into(),
    }));
    let result = match &command {
        Command::Run(d) => run(d).map(|_| true),
        Command::Check(d) => check(d).map(|same| {
            if same {
                eprintln!("factsieve check: curated/ and reports/ are up to date");
            } else {
                eprintln!("factsieve check: outputs differ from what raw/ produces now; run `factsieve run` and commit");
            }
            same
        }),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("factsieve: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
