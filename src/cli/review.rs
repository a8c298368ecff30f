//! `factsieve review`: go through the pending suggestions and write the answers to
//! `curated/decisions.toml`. Answers are read from stdin one line at a time, so a script
//! or a test can pipe them in.

use crate::settings::{Dirs, Settings};
use crate::ui::{self, paint, Paint};
use anyhow::{Context as _, Result};
use factsieve::decisions::{self, Decision, Verdict};
use factsieve::explain::{self, RawFiles, RepairRecord};
use std::io::{BufRead, Write as _};
use std::path::Path;

#[derive(clap::Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    dirs: Dirs,
    /// Only suggestions of these rule codes (repeatable).
    #[arg(long, value_name = "CODE")]
    rule: Vec<String>,
    /// Only suggestions in this document.
    #[arg(long, value_name = "DOC_ID")]
    doc: Option<String>,
    /// Characters of raw text to show on each side of a suggestion.
    #[arg(long, default_value_t = 80)]
    context: usize,
}

fn key_of(r: &RepairRecord) -> String {
    decisions::key(&r.rule, r.raw_start, r.raw_end, &r.before, &r.after)
}

/// Write the decisions file whole, through a temporary file and a rename.
fn save(curated: &Path, d: &decisions::Decisions) -> Result<()> {
    std::fs::create_dir_all(curated).with_context(|| format!("creating {}", curated.display()))?;
    let path = curated.join(decisions::FILE_NAME);
    let mut tmp = tempfile::NamedTempFile::new_in(curated)
        .with_context(|| format!("writing {}", path.display()))?;
    tmp.write_all(d.to_toml().as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    tmp.persist(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

pub fn review(a: &ReviewArgs, config: Option<&Path>) -> Result<bool> {
    let s = Settings::resolve(&a.dirs, config)?;
    let rows = explain::repair_rows(&s.reports, None).map_err(anyhow::Error::msg)?;
    let mut decided = s.options.decisions.clone();
    let pending: Vec<RepairRecord> = rows
        .into_iter()
        .filter(|r| r.status == "suggested")
        .filter(|r| a.rule.is_empty() || a.rule.iter().any(|c| c.eq_ignore_ascii_case(&r.rule)))
        .filter(|r| a.doc.as_ref().is_none_or(|d| *d == r.doc_id))
        .filter(|r| decided.get(&r.doc_id, &key_of(r)).is_none())
        .collect();
    if pending.is_empty() {
        info!("factsieve review: no pending suggestions");
        return Ok(true);
    }
    let colour = ui::ui().color_out;
    let mut raw = RawFiles::new(&s.raw, s.options.limits);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let (mut accepted, mut rejected, mut skipped) = (0, 0, 0);
    let total = pending.len();
    'rows: for (i, r) in pending.iter().enumerate() {
        let rule = factsieve::rules::get(&r.rule);
        outln!(
            "\n[{}/{total}] {} {} {}{}",
            i + 1,
            paint(colour, Paint::Bold, &r.doc_id),
            r.rule,
            r.rule_name,
            rule.map_or(String::new(), |x| format!(" ({}): {}", x.stage, x.doc))
        );
        let cx = explain::context(&mut raw, &r.doc_id, r.raw_start, r.raw_end, None, a.context);
        match cx.line {
            Some(line) => outln!(
                "  line {line}: {}{}{}",
                cx.before.replace('\n', " "),
                paint(
                    colour,
                    Paint::Yellow,
                    &format!("\u{ab}{}\u{bb}", cx.passage)
                ),
                cx.after.replace('\n', " ")
            ),
            None => outln!("  {}", cx.note.unwrap_or_default()),
        }
        outln!(
            "  suggestion: {:?} -> {} (confidence {})",
            r.before,
            paint(colour, Paint::Green, &format!("{:?}", r.after)),
            r.confidence
        );
        if !r.evidence.is_empty() {
            outln!("  evidence: {}", r.evidence);
        }
        let verdict = loop {
            out!("accept, reject, skip or quit? [a/r/s/q] ");
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            match input.read_line(&mut answer) {
                Ok(0) | Err(_) => {
                    outln!();
                    break 'rows;
                }
                Ok(_) => {}
            }
            match answer.trim().to_ascii_lowercase().as_str() {
                "a" | "accept" => break Some(Verdict::Accept),
                "r" | "reject" => break Some(Verdict::Reject),
                "s" | "skip" | "" => break None,
                "q" | "quit" => break 'rows,
                other => outln!("  {other:?}: answer a, r, s or q"),
            }
        };
        match verdict {
            None => skipped += 1,
            Some(v) => {
                if v == Verdict::Accept {
                    accepted += 1;
                } else {
                    rejected += 1;
                }
                decided.set(Decision {
                    doc_id: r.doc_id.clone(),
                    rule: r.rule.clone(),
                    key: key_of(r),
                    decision: v,
                    before: r.before.clone(),
                    after: r.after.clone(),
                });
            }
        }
    }
    if accepted + rejected > 0 {
        save(&s.curated, &decided)?;
    }
    let left = total - accepted - rejected;
    info!(
        "factsieve review: {accepted} accepted, {rejected} rejected, {skipped} skipped, {left} \
         pending{}",
        if accepted + rejected > 0 {
            format!(
                "; wrote {}: run `factsieve run` to apply it",
                s.curated.join(decisions::FILE_NAME).display()
            )
        } else {
            String::new()
        }
    );
    Ok(true)
}
