//! The run options in one place: command-line flags over `factsieve.toml` over the
//! defaults. New options (a cache folder, a time budget) are one field in [`Dirs`] and
//! one line in [`Settings::resolve`].

use anyhow::{Context, Result};
use factsieve::config::Config;
use factsieve::decisions::Decisions;
use factsieve::pipeline::RunOptions;
use std::path::{Path, PathBuf};

/// Folders and limits, shared by `run`, `check`, `explain` and `review`.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct Dirs {
    /// Folder of raw scraped articles, one file per article (factsieve.toml: paths.raw)
    /// [default: raw].
    #[arg(long)]
    pub raw: Option<PathBuf>,
    /// Output folder of the dataset (factsieve.toml: paths.curated) [default: curated].
    #[arg(long)]
    pub curated: Option<PathBuf>,
    /// Output folder of the reports for reviewers (factsieve.toml: paths.reports)
    /// [default: reports].
    #[arg(long)]
    pub reports: Option<PathBuf>,
    /// Skip raw files larger than this many MiB, with a reason in documents.jsonl
    /// [default: 16].
    #[arg(long, value_name = "MIB")]
    pub max_file_mb: Option<u64>,
    /// Skip documents with a line longer than this many KiB, with a reason [default: 64].
    #[arg(long, value_name = "KIB")]
    pub max_line_kb: Option<usize>,
}

/// What a command runs with, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub raw: PathBuf,
    pub curated: PathBuf,
    pub reports: PathBuf,
    pub options: RunOptions,
}

impl Settings {
    /// Flags over the config file (`--config FILE`, else the nearest `factsieve.toml`)
    /// over the defaults. The decisions file is read from the curated folder.
    pub fn resolve(dirs: &Dirs, config_file: Option<&Path>) -> Result<Settings> {
        let config = match config_file {
            Some(p) => Config::load(p)?,
            None => {
                let cwd = std::env::current_dir().context("reading the working directory")?;
                Config::discover(&cwd)?
            }
        };
        let pick = |flag: &Option<PathBuf>, file: &Option<PathBuf>, default: &str| {
            flag.clone()
                .or_else(|| file.clone())
                .unwrap_or_else(|| default.into())
        };
        let raw = pick(&dirs.raw, &config.paths.raw, "raw");
        let curated = pick(&dirs.curated, &config.paths.curated, "curated");
        let reports = pick(&dirs.reports, &config.paths.reports, "reports");
        let mut limits = config.input_limits();
        if let Some(mb) = dirs.max_file_mb {
            limits.max_file_bytes = mb.saturating_mul(1 << 20);
        }
        if let Some(kb) = dirs.max_line_kb {
            limits.max_line_bytes = kb.saturating_mul(1 << 10);
        }
        let decisions = Decisions::load(&curated)?;
        if let Some(f) = &config.file {
            detail!("factsieve: config {}", f.display());
        }
        let disabled = limits.rules.disabled_codes();
        if !disabled.is_empty() {
            detail!("factsieve: rules disabled: {}", disabled.join(", "));
        }
        Ok(Settings {
            raw,
            curated,
            reports,
            options: RunOptions {
                limits,
                select: None,
                decisions,
                cache: None,
            },
        })
    }
}
