//! The side-by-side table of a document page as the browser left it: its rows, and the
//! check that every drawn pair is a real raw/clean pair of the document's edit log.

use regex::Regex;

/// One row of a side-by-side table as the browser has it.
#[derive(Debug)]
pub struct SbsRow {
    pub class: String,
    pub raw: Option<usize>,
    pub clean: Option<usize>,
    /// Text of the raw and clean cells (notes and insertion marks left out).
    pub raw_text: Option<String>,
    pub clean_text: Option<String>,
}

fn unescape(s: &str) -> String {
    let s = Regex::new(r"&#x([0-9a-fA-F]+);")
        .unwrap()
        .replace_all(s, |c: &regex::Captures| {
            char::from_u32(u32::from_str_radix(&c[1], 16).unwrap())
                .unwrap()
                .to_string()
        });
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn cell_text(html: &str) -> String {
    let no_marks = Regex::new(r#"<span class="(?:pt[^"]*|note)"[^>]*>[^<]*</span>"#)
        .unwrap()
        .replace_all(html, "");
    let text = Regex::new(r"<[^>]+>").unwrap().replace_all(&no_marks, "");
    unescape(&text)
}

/// Text as the page shows it: C0 controls as their control pictures ("\r" as U+240D).
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            u @ 0..0x20 if c != '\t' && c != '\n' => char::from_u32(0x2400 + u).unwrap(),
            _ => c,
        })
        .collect()
}

pub fn rows(dom: &str) -> Vec<SbsRow> {
    let table = Regex::new(r#"(?s)<table class="sbs".*?<tbody>(.*?)</tbody>"#)
        .unwrap()
        .captures(dom)
        .expect("no side-by-side table")[1]
        .to_string();
    let tr = Regex::new(r#"(?s)<tr class="([^"]*)"([^>]*)>(.*?)</tr>"#).unwrap();
    let num = |attrs: &str, name: &str| {
        Regex::new(&format!(r#"data-{name}="(\d+)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| c[1].parse::<usize>().unwrap())
    };
    let td = Regex::new(r#"(?s)<td class="([^"]*)"[^>]*>(.*?)</td>"#).unwrap();
    tr.captures_iter(&table)
        .map(|c| {
            let mut row = SbsRow {
                class: c[1].to_string(),
                raw: num(&c[2], "raw"),
                clean: num(&c[2], "clean"),
                raw_text: None,
                clean_text: None,
            };
            for cell in td.captures_iter(&c[3]) {
                let text = cell_text(&cell[2]);
                match &cell[1] {
                    "both raw" => {
                        row.clean_text = Some(text.clone());
                        row.raw_text = Some(text);
                    }
                    "raw" => row.raw_text = Some(text),
                    "clean" => row.clean_text = Some(text),
                    _ => {}
                }
            }
            row
        })
        .collect()
}

/// Every drawn pair is a raw line and the clean line the alignment of the edit log says its
/// text became; every raw and every clean line is drawn once, in order, with its own text.
pub fn check_pairs(doc: &factsieve::model::Document, rows: &[SbsRow]) {
    use factsieve::text::line_ranges;
    let original = doc.text.original();
    let clean = factsieve::report::clean_file_text(doc);
    let raw_lines = line_ranges(original);
    let clean_lines = line_ranges(&clean);
    let raws: Vec<usize> = rows.iter().filter_map(|r| r.raw).collect();
    let cleans: Vec<usize> = rows.iter().filter_map(|r| r.clean).collect();
    assert_eq!(raws, (0..raw_lines.len()).collect::<Vec<_>>(), "raw lines");
    assert_eq!(
        cleans,
        (0..clean_lines.len()).collect::<Vec<_>>(),
        "clean lines"
    );
    let mut pairs = 0;
    for r in rows {
        if let Some(i) = r.raw {
            assert_eq!(
                r.raw_text,
                Some(shown(&original[raw_lines[i].clone()])),
                "raw text of row {r:?}"
            );
        }
        if let (Some(j), false) = (r.clean, r.raw.is_some() && r.class == "same") {
            assert_eq!(
                r.clean_text,
                Some(shown(&clean[clean_lines[j].clone()])),
                "clean text of row {r:?}"
            );
        }
        let (Some(i), Some(j)) = (r.raw, r.clean) else {
            continue;
        };
        pairs += 1;
        let line = &raw_lines[i];
        let span = doc.text.orig_span(clean_lines[j].clone());
        assert!(
            span.start < line.end.max(line.start + 1) && line.start < span.end,
            "row {r:?}: clean line {j} comes from original {span:?}, not raw line {i} ({line:?})"
        );
        let touched = doc
            .text
            .edits()
            .iter()
            .any(|e| e.orig_start <= line.end + 1 && e.orig_end >= line.start);
        if !touched {
            assert_eq!(r.class, "same", "an untouched line drawn as changed: {r:?}");
            assert_eq!(
                &original[line.clone()],
                &clean[clean_lines[j].clone()],
                "untouched line paired with other text: {r:?}"
            );
        }
    }
    assert!(pairs > 0);
}
