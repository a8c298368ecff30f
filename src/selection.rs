//! Run on a subset of the raw folder: `factsieve run raw/a.txt raw/b.txt` or
//! `--select GLOB`. A file is selected by its name (what follows `raw/` in its `source`),
//! so its doc_id and `source` are the same as in a full run.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeSet;

#[derive(Debug, thiserror::Error)]
#[error("bad --select pattern {pattern:?}: {message}")]
pub struct SelectionError {
    pub pattern: String,
    pub message: String,
}

/// File names and glob patterns; a file is selected when any of them matches.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    names: BTreeSet<String>,
    globs: Option<GlobSet>,
    patterns: Vec<String>,
}

impl Selection {
    /// Exact file names (as listed in the raw folder) and glob patterns. A pattern is
    /// matched against the file name and against `raw/<file name>`, so `00*.txt` and
    /// `raw/00*.txt` select the same files.
    pub fn new(names: Vec<String>, patterns: Vec<String>) -> Result<Selection, SelectionError> {
        let globs = if patterns.is_empty() {
            None
        } else {
            let mut b = GlobSetBuilder::new();
            for p in &patterns {
                let glob = Glob::new(p).map_err(|e| SelectionError {
                    pattern: p.clone(),
                    message: e.kind().to_string(),
                })?;
                b.add(glob);
            }
            Some(b.build().map_err(|e| SelectionError {
                pattern: patterns.join(" "),
                message: e.to_string(),
            })?)
        };
        Ok(Selection {
            names: names.into_iter().collect(),
            globs,
            patterns,
        })
    }

    /// Whether the raw file with this `source` (`raw/<file name>`) is selected.
    pub fn matches(&self, source: &str) -> bool {
        let name = source.strip_prefix("raw/").unwrap_or(source);
        self.names.contains(name)
            || self
                .globs
                .as_ref()
                .is_some_and(|g| g.is_match(name) || g.is_match(source))
    }

    /// What was asked for, for messages.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.names.iter().cloned().collect();
        parts.extend(self.patterns.iter().map(|p| format!("--select {p}")));
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_globs_select_by_file_name() {
        let s = Selection::new(
            vec!["a.txt".into()],
            vec!["raw/0*.md".into(), "z?.txt".into()],
        )
        .unwrap();
        assert!(s.matches("raw/a.txt"));
        assert!(s.matches("raw/01.md") && s.matches("raw/zz.txt"));
        assert!(!s.matches("raw/b.txt") && !s.matches("raw/01.txt"));
        assert!(Selection::new(vec![], vec!["a[".into()]).is_err());
    }
}
