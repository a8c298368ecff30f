//! Data files shipped with the binary (`data/`), parsed once. Each file is plain text
//! with `#` comments, reviewed like code.

/// Non-empty, non-comment lines of a data file, trimmed.
pub fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|l| l.split_once(" #").map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}
