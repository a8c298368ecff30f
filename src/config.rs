//! `factsieve.toml`: the project's settings, found from the working directory upward (as
//! ruff finds `ruff.toml`), stopping at a repository root (a folder with `.git`) or the
//! filesystem root. Every key is optional; command-line flags override the file.
//!
//! ```toml
//! [paths]            # relative to the folder of factsieve.toml
//! raw = "raw"
//! curated = "curated"
//! reports = "reports"
//!
//! [limits]
//! max_file_mb = 16          # raw files larger than this are skipped with a reason
//! max_line_kb = 64          # documents with a longer line are skipped with a reason
//! max_combining_run = 32    # more combining marks on one character: skipped
//!
//! [rules]            # ruff's semantics: select replaces, enable adds, disable removes
//! # select = ["E", "C"]     # only these codes or code prefixes (default: every rule)
//! enable = []
//! disable = ["C019"]
//! ```
//!
//! An unknown key is an error naming the key and the file, as is a rule code that names
//! no rule.

use crate::ingest::Limits;
use crate::rules::{RuleSet, RuleSetError};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "factsieve.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: [rules]: {source}")]
    Rules { path: PathBuf, source: RuleSetError },
}

/// `[paths]`: folders, relative to the config file's folder.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paths {
    pub raw: Option<PathBuf>,
    pub curated: Option<PathBuf>,
    pub reports: Option<PathBuf>,
}

/// `[limits]`: the hard limits on one raw file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    pub max_file_mb: Option<u64>,
    pub max_line_kb: Option<usize>,
    pub max_combining_run: Option<usize>,
}

/// `[rules]`: which text-editing rules fire.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub enable: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    paths: Paths,
    #[serde(default)]
    limits: LimitsSection,
    #[serde(default)]
    rules: RulesSection,
}

/// The settings of one `factsieve.toml` (or none: every default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file read; None when there is none.
    pub file: Option<PathBuf>,
    pub paths: Paths,
    pub limits: LimitsSection,
    pub rules: RulesSection,
    /// The rules as a set, checked when the file was read.
    pub rule_set: RuleSet,
}

/// The nearest `factsieve.toml` from `start` upward: `start`, its parents, up to and
/// including the first folder holding `.git`, or the filesystem root.
pub fn find(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

impl Config {
    /// Parse a config file's text; `path` names it in errors and anchors its paths.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: FileFormat = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let rule_set = RuleSet::from_lists(
            file.rules.select.as_deref(),
            &file.rules.enable,
            &file.rules.disable,
        )
        .map_err(|source| ConfigError::Rules {
            path: path.to_path_buf(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let anchor = |p: Option<PathBuf>| p.map(|p| base.join(p));
        Ok(Config {
            file: Some(path.to_path_buf()),
            paths: Paths {
                raw: anchor(file.paths.raw),
                curated: anchor(file.paths.curated),
                reports: anchor(file.paths.reports),
            },
            limits: file.limits,
            rules: file.rules,
            rule_set,
        })
    }

    /// Read one config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// The nearest config file from `start` upward ([`find`]), or the defaults.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match find(start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// The input limits: the file's, else the defaults; rules included.
    pub fn input_limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_file_bytes: self
                .limits
                .max_file_mb
                .map_or(d.max_file_bytes, |m| m.saturating_mul(1 << 20)),
            max_line_bytes: self
                .limits
                .max_line_kb
                .map_or(d.max_line_bytes, |k| k.saturating_mul(1 << 10)),
            max_combining_run: self.limits.max_combining_run.unwrap_or(d.max_combining_run),
            rules: self.rule_set,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses_and_paths_are_relative_to_it() {
        let text =
            "[paths]\nraw = \"in\"\n[limits]\nmax_file_mb = 2\n[rules]\ndisable = [\"C019\"]\n";
        let c = Config::parse(text, Path::new("/p/factsieve.toml")).unwrap();
        assert_eq!(c.paths.raw.as_deref(), Some(Path::new("/p/in")));
        assert_eq!(c.paths.curated, None);
        let l = c.input_limits();
        assert_eq!(l.max_file_bytes, 2 << 20);
        assert_eq!(l.max_line_bytes, Limits::default().max_line_bytes);
        assert!(!l.rules.is_enabled("C019") && l.rules.is_enabled("C018"));
    }

    #[test]
    fn unknown_keys_and_codes_are_named() {
        let e = Config::parse("[limits]\nmax_file_gb = 1\n", Path::new("x/factsieve.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("max_file_gb") && e.contains("x/factsieve.toml"),
            "{e}"
        );
        let e = Config::parse("[colour]\n", Path::new("f.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("colour"), "{e}");
        let e = Config::parse("[rules]\ndisable = [\"Q123\"]\n", Path::new("f.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("Q123"), "{e}");
    }

    #[test]
    fn the_search_stops_at_a_repository_root() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(tmp.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(tmp.path().join(FILE_NAME)));
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(find(&deep), None, "outside the repository is not looked at");
        std::fs::write(repo.join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(repo.join("a").join(FILE_NAME)));
    }
}
