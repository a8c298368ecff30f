//! `factsieve check`: re-run into a temporary folder and compare with what is committed.

use crate::settings::Settings;
use crate::ui::{self, diff_line, Reporter};
use anyhow::{Context, Result};
use factsieve::{dataset_diff, output};
use std::path::{Path, PathBuf};

/// Compare two folders file by file; print a readable diff; true when identical.
pub fn compare_dirs(committed: &Path, fresh: &Path, label: &str) -> bool {
    let colour = ui::ui().color_out;
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
                        outln!("{}\u{2026}", diff_line(colour, &cut));
                    } else {
                        outln!("{}", diff_line(colour, l));
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

/// Ok(true) when the committed outputs are what the raw folder produces now.
pub fn check(s: &Settings) -> Result<bool> {
    let tmp = tempfile::tempdir().context("creating a temporary folder")?;
    let (fresh_curated, fresh_reports) = (tmp.path().join("curated"), tmp.path().join("reports"));
    let reporter = Reporter::new();
    // The committed outputs are what a run here would replace: the fresh changes.md is
    // then what `run` would write.
    let previous = output::Previous::read(&s.curated, &s.reports);
    let (_, changes) = output::stream(
        &s.raw,
        &s.options,
        &previous,
        &fresh_curated,
        &fresh_reports,
        &reporter,
    )
    .with_context(|| format!("processing {}", s.raw.display()))?;
    reporter.finish();
    let colour = ui::ui().color_out;
    match &changes {
        None => outln!(
            "no committed dataset in {}: `factsieve run` would be a first run",
            s.curated.display()
        ),
        Some(c) if c.is_empty() => {}
        Some(c) => {
            outln!("dataset changes (committed -> what raw/ gives now):");
            for l in dataset_diff::render_text(c).lines() {
                outln!("{}", diff_line(colour, l));
            }
            outln!();
        }
    }
    let ok_c = compare_dirs(&s.curated, &fresh_curated, "curated");
    let ok_r = compare_dirs(&s.reports, &fresh_reports, "reports");
    Ok(ok_c && ok_r)
}
