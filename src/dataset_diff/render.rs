//! Renderings of a [`DatasetDiff`]: plain text, the Markdown of `reports/changes.md`, and
//! a pull-request comment.

use super::*;
use std::fmt::Write as _;

/// At most `max` characters of `s` on one line, with an ellipsis when cut.
pub fn short(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

fn value_short(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", short(s, 60)),
        other => short(&other.to_string(), 60),
    }
}

fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| {
            format!(
                "{}: {} -> {}",
                f.field,
                value_short(&f.old),
                value_short(&f.new)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn citation_text(c: &CitationRef) -> String {
    format!(
        "{} {}..{} \"{}\"",
        c.doc_id,
        c.start,
        c.end,
        short(&c.quote, 70)
    )
}

fn sides_text(c: &ConflictEntry) -> String {
    c.sides
        .iter()
        .map(|s| format!("\"{}\" ({})", short(&s.value, 40), s.fact_ids.join(", ")))
        .collect::<Vec<_>>()
        .join(" vs ")
}

/// One-paragraph summary of the counts.
pub fn summary_lines(c: &Counts) -> Vec<String> {
    vec![
        format!(
            "documents: {} added, {} removed, {} newly skipped, {} no longer skipped, {} changed",
            c.documents_added,
            c.documents_removed,
            c.documents_newly_skipped,
            c.documents_no_longer_skipped,
            c.documents_changed
        ),
        format!(
            "facts: {} added, {} removed, {} changed ({} reworded); citations: {} gained, {} lost",
            c.facts_added,
            c.facts_removed,
            c.facts_changed,
            c.facts_reworded,
            c.citations_gained,
            c.citations_lost
        ),
        format!(
            "conflicts: {} new, {} resolved, {} changed",
            c.conflicts_new, c.conflicts_resolved, c.conflicts_changed
        ),
    ]
}

/// Plain-text rendering for a terminal or a CI log.
pub fn render_text(d: &DatasetDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("no changes\n");
        return s;
    }
    for l in summary_lines(&d.counts) {
        let _ = writeln!(s, "{l}");
    }
    render_sections(d, &mut s, Style::Text);
    s
}

/// Markdown rendering (the body of `reports/changes.md`).
pub fn render_markdown(d: &DatasetDiff) -> String {
    let mut s = String::new();
    for l in summary_lines(&d.counts) {
        let _ = writeln!(s, "- {}", md_escape(&l));
    }
    render_sections(d, &mut s, Style::Markdown);
    s
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Text,
    Markdown,
}

/// Escape the characters that would start Markdown or HTML markup.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn render_sections(d: &DatasetDiff, s: &mut String, style: Style) {
    let esc = |t: &str| match style {
        Style::Text => t.to_string(),
        Style::Markdown => md_escape(t),
    };
    let heading = |s: &mut String, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "\n{t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "\n## {t}\n");
        }
    };
    // `mark` is "+", "-" or "~"; it leads the line in text and the word says what happened.
    let item = |s: &mut String, mark: &str, word: &str, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "  {mark} {word} {t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "- {word} {}", esc(t));
        }
    };
    let sub = |s: &mut String, t: &str| match style {
        Style::Text => {
            let _ = writeln!(s, "      {t}");
        }
        Style::Markdown => {
            let _ = writeln!(s, "  - {}", esc(t));
        }
    };

    let docs = &d.documents;
    if docs != &DocumentChanges::default() {
        heading(s, "Documents");
        let doc_line = |e: &DocEntry| {
            let mut t = format!("{} ({})", e.doc_id, e.status);
            if let Some(title) = &e.title {
                let _ = write!(t, " \"{}\"", short(title, 70));
            }
            if let Some(r) = &e.reason {
                let _ = write!(t, ": {}", short(r, 100));
            }
            t
        };
        for e in &docs.added {
            item(s, "+", "added", &doc_line(e));
        }
        for e in &docs.removed {
            item(s, "-", "removed", &doc_line(e));
        }
        for e in &docs.newly_skipped {
            item(s, "-", "now skipped:", &doc_line(e));
        }
        for e in &docs.no_longer_skipped {
            item(s, "+", "no longer skipped:", &doc_line(e));
        }
        for c in &docs.changed {
            let mut parts = Vec::new();
            if c.clean_lines_added + c.clean_lines_removed > 0 {
                parts.push(format!(
                    "clean text +{} -{} lines",
                    c.clean_lines_added, c.clean_lines_removed
                ));
            }
            let fields: Vec<FieldChange> = c
                .fields
                .iter()
                .filter(|f| f.field != "lines")
                .cloned()
                .collect();
            if !fields.is_empty() {
                parts.push(fields_text(&fields));
            }
            if c.fields.iter().any(|f| f.field == "lines") {
                parts.push("line ledger changed".into());
            }
            item(
                s,
                "~",
                "changed",
                &format!("{}: {}", c.doc_id, parts.join("; ")),
            );
        }
    }

    let facts = &d.facts;
    if facts != &FactChanges::default() {
        heading(s, "Facts");
        for f in &facts.added {
            item(
                s,
                "+",
                "added",
                &format!("{} \"{}\"", f.id, short(&f.statement, 120)),
            );
            for c in &f.citations {
                sub(s, &format!("cites {}", citation_text(c)));
            }
        }
        for f in &facts.removed {
            item(
                s,
                "-",
                "removed",
                &format!("{} \"{}\"", f.id, short(&f.statement, 120)),
            );
        }
        for c in &facts.changed {
            let id = if c.old_id == c.new_id {
                c.new_id.clone()
            } else {
                format!(
                    "{} (was {}, matched by shared citations)",
                    c.new_id, c.old_id
                )
            };
            if c.reworded {
                item(s, "~", "reworded", &id);
                sub(s, &format!("was: \"{}\"", short(&c.old_statement, 120)));
                sub(s, &format!("now: \"{}\"", short(&c.new_statement, 120)));
            } else {
                item(
                    s,
                    "~",
                    "changed",
                    &format!("{id} \"{}\"", short(&c.new_statement, 120)),
                );
            }
            for g in &c.citations_gained {
                sub(s, &format!("+ cites {}", citation_text(g)));
            }
            for l in &c.citations_lost {
                sub(s, &format!("- no longer cites {}", citation_text(l)));
            }
            if !c.fields.is_empty() {
                sub(s, &fields_text(&c.fields));
            }
        }
    }

    let conflicts = &d.conflicts;
    if conflicts != &ConflictChanges::default() {
        heading(s, "Conflicts");
        for c in &conflicts.new {
            item(
                s,
                "+",
                "new",
                &format!("{} {}: {}: {}", c.id, c.kind, c.subject, sides_text(c)),
            );
        }
        for c in &conflicts.resolved {
            item(
                s,
                "-",
                "resolved",
                &format!("{} {}: {}: {}", c.id, c.kind, c.subject, sides_text(c)),
            );
        }
        for c in &conflicts.changed {
            let n = &c.new;
            let id = if c.old_id == n.id {
                n.id.clone()
            } else {
                format!("{} (was {})", n.id, c.old_id)
            };
            item(
                s,
                "~",
                "changed",
                &format!("{id} {}: {}: {}", n.kind, n.subject, sides_text(n)),
            );
            sub(s, &fields_text(&c.fields));
        }
    }
}

/// The title line and note of `reports/changes.md`.
const CHANGES_HEADER: &str = "# Dataset changes\n\n\
This file describes the last run that changed `curated/`, against the dataset that run \
replaced. A run that reproduces the dataset keeps it as it is, so it stays the same \
until the dataset changes again.\n";

/// `reports/changes.md` for a run.
///
/// - no earlier dataset: says this is the first run;
/// - the dataset changed: describes the change against the earlier one;
/// - nothing changed: keeps the existing file as it is (or says nothing changed when there
///   is none), so that a re-run, and `factsieve check`, reproduce the committed file.
pub fn changes_markdown(
    previous: Option<&Dataset>,
    existing: Option<&str>,
    new: &Dataset,
) -> String {
    let Some(old) = previous else {
        return first_run_markdown(
            new.documents.len(),
            new.skipped_count(),
            new.facts.len(),
            new.conflicts.len(),
        );
    };
    changes_markdown_of(&diff(old, new), existing)
}

/// [`changes_markdown`] for a diff already made against the earlier dataset.
pub fn changes_markdown_of(d: &DatasetDiff, existing: Option<&str>) -> String {
    if d.is_empty() {
        return match existing {
            Some(text) => text.to_string(),
            None => format!(
                "{CHANGES_HEADER}\nThe run reproduced the earlier dataset: nothing changed.\n"
            ),
        };
    }
    format!("{CHANGES_HEADER}\n{}", render_markdown(d))
}

/// `reports/changes.md` of a run with no earlier dataset: the counts only.
pub fn first_run_markdown(
    documents: usize,
    skipped: usize,
    facts: usize,
    conflicts: usize,
) -> String {
    format!(
        "{CHANGES_HEADER}\nFirst run: there was no earlier dataset to compare with. \
         The dataset has {documents} documents ({skipped} skipped), {facts} facts and \
         {conflicts} conflicts.\n"
    )
}

/// GitHub refuses comments over 65,536 characters; leave room for a bot's own header.
pub const PULL_REQUEST_MAX_CHARS: usize = 60_000;

/// A pull-request comment: a title and the summary lines, then each section (documents,
/// facts, conflicts) in a collapsed `<details>` block. At most `max_chars` characters:
/// each section gets a fair share of what is left, and a cut section says how many lines
/// it left out. Text from the dataset is escaped ([`md_escape`]), so an article cannot
/// inject markup into the comment.
pub fn render_pull_request(d: &DatasetDiff, max_chars: usize) -> String {
    let mut s = String::from("### factsieve: dataset changes\n\n");
    if d.is_empty() {
        s.push_str("No changes: `curated/` is what `raw/` produces.\n");
        return s;
    }
    for l in summary_lines(&d.counts) {
        let _ = writeln!(s, "- {}", md_escape(&l));
    }
    let mut body = String::new();
    render_sections(d, &mut body, Style::Markdown);
    // render_sections writes "## Title" headings, then "- " items and "  - " details.
    let mut sections: Vec<(String, Vec<&str>)> = Vec::new();
    for line in body.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            sections.push((title.to_string(), Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            if !line.trim().is_empty() {
                lines.push(line);
            }
        }
    }
    let n = sections.len();
    for (k, (title, lines)) in sections.into_iter().enumerate() {
        let items = lines.iter().filter(|l| l.starts_with("- ")).count();
        let open = format!("\n<details><summary>{title} ({items})</summary>\n\n");
        let close = "\n</details>\n";
        let left = max_chars.saturating_sub(s.len());
        let share = left / (n - k);
        let room = share.saturating_sub(open.len() + close.len() + 80);
        let mut block = String::new();
        let mut shown = 0;
        for l in &lines {
            if block.len() + l.len() + 1 > room {
                break;
            }
            block.push_str(l);
            block.push('\n');
            shown += 1;
        }
        if shown < lines.len() {
            let _ = writeln!(
                block,
                "- \u{2026} {} more lines left out to fit a comment: run `factsieve diff` to see them all",
                lines.len() - shown
            );
        }
        if s.len() + open.len() + block.len() + close.len() > max_chars {
            break;
        }
        s.push_str(&open);
        s.push_str(&block);
        s.push_str(close);
    }
    s
}
