//! Pass 3: layout and line kinds.

use super::*;

// ---------------------------------------------------------------------------------
// Pass 3: layout and line kinds

pub(super) static LEADING_BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+").unwrap());
pub(super) static MULTI_SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").unwrap());

pub(super) fn layout_replacements(text: &str) -> Vec<Replacement> {
    let mut reps = Vec::new();
    for r in line_ranges(text) {
        let line = &text[r.clone()];
        if line.trim().is_empty() {
            continue;
        }
        let lead_end = if let Some(m) = LEADING_BULLET.find(line) {
            if m.as_str() != "- " {
                reps.push(Replacement::new(r.start..r.start + m.end(), "- ", "S003"));
            }
            m.end()
        } else {
            let ws = line.len() - line.trim_start().len();
            if ws > 0 {
                reps.push(Replacement::delete(r.start..r.start + ws, "S002"));
            }
            ws
        };
        let content_end = line.trim_end().len();
        if content_end < line.len() {
            reps.push(Replacement::delete(r.start + content_end..r.end, "S002"));
        }
        for m in MULTI_SPACE.find_iter(&line[lead_end..content_end.max(lead_end)]) {
            let a = r.start + lead_end + m.start();
            reps.push(Replacement::new(a..a + m.len(), " ", "S002"));
        }
    }
    reps
}

pub(super) fn line_kind(lines: &[&str], i: usize) -> LineKind {
    let t = lines[i].trim();
    if t.contains(" | ") {
        return LineKind::TableRow;
    }
    if LEADING_BULLET.is_match(t) {
        return LineKind::ListItem;
    }
    if NUMBERED.is_match(t) {
        let rest = t.split_once(char::is_whitespace).map_or("", |(_, r)| r);
        let next_is_text = lines
            .get(i + 1)
            .is_some_and(|n| is_prose(n) && !NUMBERED.is_match(n));
        return if is_title_like(rest) && next_is_text {
            LineKind::Heading
        } else {
            LineKind::ListItem
        };
    }
    if is_title_like(t) && word_count(t) <= 15 {
        return LineKind::Heading;
    }
    LineKind::Paragraph
}

/// Rows of a table whose cell separators were lost ("Smoking Increases risk"): three
/// or more short lines in a row, none introducing running text. A heading leads into
/// a paragraph; a row leads into the next row.
pub(super) fn mark_spaced_tables(lines: &[&str], kinds: &mut [LineKind]) {
    let leads: Vec<bool> = (0..lines.len())
        .map(|i| {
            lines.get(i + 1).is_some_and(|n| is_prose(n))
                && kinds.get(i + 1) != Some(&LineKind::Heading)
        })
        .collect();
    let leads_to_text = |i: usize| leads[i];
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] != LineKind::Heading || NUMBERED.is_match(lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len()
            && kinds[i] == LineKind::Heading
            && !NUMBERED.is_match(lines[i])
            && !leads_to_text(i)
        {
            i += 1;
        }
        // `i` is the first line that is not a row: a heading leading into text stays.
        if i - start >= 3 {
            for k in &mut kinds[start..i] {
                *k = LineKind::TableRow;
            }
        }
        i = i.max(start + 1);
    }
}
