//! Cleaning: site chrome, title, structure, footnote markers and scraping damage.
//!
//! Runs after repair, one document at a time, in three passes over the tracked text:
//! 1. Line plan: every line is classified from features (position relative to the
//!    body, length, punctuation, stop-word density, script, the phrase registry in
//!    `data/chrome_phrases.txt`, repetition across the corpus). Chrome lines and blank
//!    lines are deleted whole, newline included, so the ledger sees them dropped with
//!    the rule that dropped them; bylines, dates and site names move to `doc.meta`.
//! 2. In-line repairs on kept lines, each with document-level evidence: footnote
//!    markers glued to words, scraping garbage, words split by scraping, table cells
//!    glued together. Low confidence goes to `doc.suggestions`.
//! 3. Layout: one block per line, single spaces, one bullet style; then every line
//!    gets its [`LineKind`].
//!
//! Precision first: a line is dropped only on positive evidence of chrome, and the
//! whole stage is idempotent (cleaning clean text changes nothing).

use crate::lexicon::{self, data_lines};
use crate::model::{DocMeta, Document, LineKind, Marker, Suggestion};
use crate::near_dup;
use crate::rules::{Fix, Rule};
use crate::text::{line_ranges, Replacement, TrackedText};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

pub const RULES: &[Rule] = &[
    Rule {
        code: "C001",
        name: "nav-breadcrumb",
        stage: "clean",
        doc: "Navigation and breadcrumb lines: short segments joined by separators (» › > / |).",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C002",
        name: "account-link",
        stage: "clean",
        doc: "Sign in / register / subscribe links (phrase registry).",
        fix: Fix::Safe,
    },
    Rule {
        code: "C003",
        name: "advertisement",
        stage: "clean",
        doc: "Advertisement and sponsored-content labels (phrase registry).",
        fix: Fix::Safe,
    },
    Rule {
        code: "C004",
        name: "social-share",
        stage: "clean",
        doc: "Share lines made only of network names and share words (facebook twitter pin email print...).",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C005",
        name: "cookie-notice",
        stage: "clean",
        doc: "Cookie banners and cookie settings links (phrase registry).",
        fix: Fix::Safe,
    },
    Rule {
        code: "C006",
        name: "comment-form",
        stage: "clean",
        doc: "Comment forms and counters: 'Leave a Reply', 'Name *', 'Post Comment', 'N Comments'.",
        fix: Fix::Safe,
    },
    Rule {
        code: "C007",
        name: "related-links",
        stage: "clean",
        doc: "'Related posts' / 'You may also like' headers with the list of short title lines under them.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C008",
        name: "copyright",
        stage: "clean",
        doc: "Copyright lines (© / Copyright YEAR / all rights reserved); the site name goes to meta.",
        fix: Fix::Safe,
    },
    Rule {
        code: "C009",
        name: "nav-widget",
        stage: "clean",
        doc: "Page widgets: back to top, skip to content, menu, next/previous post, reading time, tags.",
        fix: Fix::Safe,
    },
    Rule {
        code: "C010",
        name: "byline-meta",
        stage: "clean",
        doc: "Bylines and date lines ('Written by', 'Medically reviewed by', 'Posted by X in Y') move to meta.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C011",
        name: "foreign-script",
        stage: "clean",
        doc: "Lines whose letters are mostly in another script than the article's (comment forms, language switchers).",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C012",
        name: "glyph-only",
        stage: "clean",
        doc: "Lines of a lone glyph and no letters, such as FAQ toggles '+' or '−'.",
        fix: Fix::Safe,
    },
    Rule {
        code: "C013",
        name: "duplicate-title",
        stage: "clean",
        doc: "Repeats of the title line above it; the title is kept once.",
        fix: Fix::Safe,
    },
    Rule {
        code: "C014",
        name: "masthead",
        stage: "clean",
        doc: "Lines before the title (site name, location, category); a title-like one becomes meta.site.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "C015",
        name: "corpus-repeated",
        stage: "clean",
        doc: "Short lines after the last body paragraph that recur in unrelated documents of the corpus.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "S001",
        name: "blank-line",
        stage: "clean",
        doc: "Blank lines are removed: the clean text has one paragraph, heading or list item per line.",
        fix: Fix::Safe,
    },
    Rule {
        code: "S002",
        name: "whitespace",
        stage: "clean",
        doc: "Leading, trailing and repeated spaces in a line are removed.",
        fix: Fix::Safe,
    },
    Rule {
        code: "S003",
        name: "list-bullet",
        stage: "clean",
        doc: "List bullets (•, *, –, indented -) become one '- ' prefix.",
        fix: Fix::Safe,
    },
    Rule {
        code: "S004",
        name: "table-cell-split",
        stage: "clean",
        doc: "Table cells glued by scraping ('Pelvic tiltsRelaxes') are split with ' | ' when the halves are words and the glued token is not, on table-like lines.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "S005",
        name: "footnote-marker",
        stage: "clean",
        doc: "Footnote numbers glued to words ('worse1.', 'plan171819.') are lifted out into doc.markers when the document's numbers form a footnote set.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "S006",
        name: "scrape-garbage",
        stage: "clean",
        doc: "Parenthesised scraping debris such as '(xqz>2)': no spaces, markup or comparison symbols, no real word.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "S007",
        name: "split-word",
        stage: "clean",
        doc: "A word split by scraping ('spas sms' -> 'spasms'): neither piece fits its context, the merge is a word of the document.",
        fix: Fix::Guarded,
    },
];

// ---------------------------------------------------------------------------------
// Data

/// How a registry phrase matches a normalised line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Line,
    Prefix,
    Contains,
}

#[derive(Debug, Clone)]
struct Phrase {
    rule: &'static str,
    how: How,
    edge_only: bool,
    words: String,
}

fn rule_code(name: &str) -> Option<&'static str> {
    RULES.iter().find(|r| r.name == name).map(|r| r.code)
}

static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    data_lines(include_str!("../data/chrome_phrases.txt"))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let rule = rule_code(it.next()?)?;
            let how = match it.next()? {
                "line" => How::Line,
                "prefix" => How::Prefix,
                "contains" => How::Contains,
                _ => return None,
            };
            let edge_only = it.next()? == "edge";
            let words = norm_phrase(&it.collect::<Vec<_>>().join(" "));
            (!words.is_empty()).then_some(Phrase {
                rule,
                how,
                edge_only,
                words,
            })
        })
        .collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Social {
    Strong,
    Weak,
    Filler,
}

static SOCIAL: LazyLock<HashMap<&'static str, Social>> = LazyLock::new(|| {
    data_lines(include_str!("../data/chrome_social.txt"))
        .filter_map(|l| {
            let (class, word) = l.split_once(' ')?;
            let class = match class {
                "strong" => Social::Strong,
                "weak" => Social::Weak,
                "filler" => Social::Filler,
                _ => return None,
            };
            Some((word.trim(), class))
        })
        .collect()
});

static CAMEL_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../data/clean_camel_names.txt")).collect());

static ALNUM_STEMS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../data/clean_alnum_terms.txt")).collect());

static SECTION_HEADINGS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data_lines(include_str!("../data/clean_section_headings.txt"))
        .map(norm_phrase)
        .collect()
});

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    data_lines(include_str!("../data/clean_stopwords.txt"))
        .flat_map(|l| l.split_whitespace())
        .collect()
});

// ---------------------------------------------------------------------------------
// Corpus hints

/// Corpus-level evidence for cleaning: short lines that recur in several documents
/// that are not copies of each other (site chrome shared by one site's pages).
#[derive(Debug, Default)]
pub struct CorpusHints {
    /// Normalised short line -> number of distinct document groups containing it
    /// (only lines in two or more groups; a group is a document and its copies).
    line_groups: HashMap<String, usize>,
}

/// Longest line (in words) that corpus repetition is recorded for.
const HINT_MAX_WORDS: usize = 12;

impl CorpusHints {
    pub fn build(docs: &[Document]) -> Self {
        let ok: Vec<&Document> = docs.iter().filter(|d| d.is_ok()).collect();
        let sets: Vec<Vec<u64>> = ok
            .iter()
            .map(|d| near_dup::shingles(d.text.text()))
            .collect();
        let copies = near_dup::find_copies(&sets);
        let mut seen: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, d) in ok.iter().enumerate() {
            let group = copies[i].unwrap_or(i);
            for r in d.text.lines() {
                let n = norm_phrase(&d.text.text()[r]);
                if n.is_empty() || n.split(' ').count() > HINT_MAX_WORDS {
                    continue;
                }
                seen.entry(n).or_default().insert(group);
            }
        }
        CorpusHints {
            line_groups: seen
                .into_iter()
                .filter(|(_, g)| g.len() >= 2)
                .map(|(k, g)| (k, g.len()))
                .collect(),
        }
    }

    /// In how many unrelated document groups this line occurs (0 or >= 2).
    pub fn groups_with(&self, line: &str) -> usize {
        self.line_groups
            .get(&norm_phrase(line))
            .copied()
            .unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------------
// Line features

/// Normalise for phrase matching: lower case, digit runs -> '#', '*' kept as a token,
/// other punctuation -> space, single spaces.
pub fn norm_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('#');
            }
            prev_digit = true;
            continue;
        }
        prev_digit = false;
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '*' {
            out.push_str(" * ");
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+\S").unwrap());
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d{1,2}[.)]\s+\S").unwrap());

/// The line without trailing quotes, brackets and glued footnote digits.
fn sentence_end(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || "\"')]*".contains(c))
        .chars()
        .last()
}

fn ends_sentence(s: &str) -> bool {
    matches!(sentence_end(s), Some('.' | '!' | '…'))
}

fn stop_ratio(s: &str) -> f32 {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let stops = words
        .iter()
        .filter(|w| STOPWORDS.contains(w.as_str()))
        .count();
    stops as f32 / words.len() as f32
}

/// A short line that could be a title or heading: no sentence end, starts with a
/// capital or digit, not a list item.
fn is_title_like(s: &str) -> bool {
    let t = s.trim();
    let words = word_count(t);
    if words == 0 || words > 20 || t.chars().count() > 160 {
        return false;
    }
    if BULLET.is_match(t) || NUMBERED.is_match(t) {
        return false;
    }
    if matches!(sentence_end(t), Some('.' | ',' | ';')) {
        return false;
    }
    // Two sentences are not a title.
    if t.contains(". ") && !t.contains("vs. ") {
        return false;
    }
    match t.chars().find(|c| c.is_alphanumeric()) {
        Some(c) => c.is_uppercase() || c.is_ascii_digit(),
        None => false,
    }
}

/// Running text: a sentence of five words or more, or a long line with function words.
fn is_prose(s: &str) -> bool {
    let words = word_count(s);
    (words >= 5 && ends_sentence(s)) || (words >= 14 && stop_ratio(s) >= 0.15)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Cjk,
    Hangul,
    Other,
}

/// Script of a letter, with its weight: a CJK or Hangul character stands for a word
/// or syllable, so it weighs more than one Latin letter.
fn script_of(c: char) -> Option<(Script, usize)> {
    if !c.is_alphabetic() {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0..=0x024F | 0x1E00..=0x1EFF => (Script::Latin, 1),
        0x0370..=0x03FF | 0x1F00..=0x1FFF => (Script::Greek, 1),
        0x0400..=0x052F => (Script::Cyrillic, 1),
        0x0590..=0x05FF => (Script::Hebrew, 1),
        0x0600..=0x06FF | 0x0750..=0x077F => (Script::Arabic, 1),
        0x0900..=0x097F => (Script::Devanagari, 1),
        0x0E00..=0x0E7F => (Script::Thai, 1),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => (Script::Cjk, 2),
        0xAC00..=0xD7AF | 0x1100..=0x11FF => (Script::Hangul, 2),
        _ => (Script::Other, 1),
    })
}

fn script_weights(s: &str) -> BTreeMap<Script, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars() {
        if let Some((sc, w)) = script_of(c) {
            *m.entry(sc).or_insert(0) += w;
        }
    }
    m
}

fn majority_script(s: &str) -> Option<Script> {
    script_weights(s)
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(s, _)| s)
}

/// Share of a line's letters (weighted) that are not in the article's script.
fn foreign_share(s: &str, main: Script) -> (f32, usize) {
    let w = script_weights(s);
    let total: usize = w.values().sum();
    let foreign = total - w.get(&main).copied().unwrap_or(0);
    if total == 0 {
        (0.0, 0)
    } else {
        (foreign as f32 / total as f32, foreign)
    }
}

// ---------------------------------------------------------------------------------
// Chrome detectors (each returns evidence when the line is chrome)

fn phrase_match(norm: &str, words: usize, edge: bool) -> Option<(&'static str, String)> {
    for p in PHRASES.iter() {
        if p.edge_only && !edge {
            continue;
        }
        let hit = match p.how {
            How::Line => norm == p.words,
            How::Prefix => {
                words <= 30
                    && norm.starts_with(&p.words)
                    && norm[p.words.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c == ' ')
            }
            How::Contains => words <= 60 && format!(" {norm} ").contains(&format!(" {} ", p.words)),
        };
        if hit {
            return Some((p.rule, format!("phrase '{}'", p.words)));
        }
    }
    None
}

/// A line made only of share words and network names.
fn social_line(norm: &str, edge: bool) -> Option<String> {
    let toks: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
    if toks.is_empty() || toks.len() > 12 {
        return None;
    }
    let mut strong = 0;
    let mut weak = 0;
    for t in &toks {
        match SOCIAL.get(t) {
            Some(Social::Strong) => strong += 1,
            Some(Social::Weak) => weak += 1,
            Some(Social::Filler) => {}
            None if *t == "#" => {}
            None => return None,
        }
    }
    let chrome = strong > 0 || (weak >= 2) || (weak == 1 && edge);
    chrome.then(|| format!("{strong} network/share and {weak} button words"))
}

const STRONG_SEPARATORS: &[&str] = &["»", "›", "→", ">>", "::"];
const WEAK_SEPARATORS: &[&str] = &[">", "/", "|", "\\"];
const HOME_WORDS: &[&str] = &["home", "homepage", "start", "main"];

/// Breadcrumbs and menus: short segments between separators.
fn breadcrumb(line: &str, head: bool) -> Option<String> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    let mut segments: Vec<Vec<&str>> = vec![Vec::new()];
    let (mut strong, mut weak) = (0, 0);
    for t in &toks {
        if STRONG_SEPARATORS.contains(t) {
            strong += 1;
            segments.push(Vec::new());
        } else if WEAK_SEPARATORS.contains(t) {
            weak += 1;
            segments.push(Vec::new());
        } else if let Some(seg) = segments.last_mut() {
            seg.push(t);
        }
    }
    if segments.len() < 2 || word_count(line) > 15 {
        return None;
    }
    let seg_ok = |s: &Vec<&str>| {
        !s.is_empty()
            && s.len() <= 5
            && s.iter().any(|w| w.chars().any(|c| c.is_alphabetic()))
            && !s.last().is_some_and(|w| w.ends_with('.'))
    };
    if !segments.iter().all(seg_ok) {
        return None;
    }
    if strong > 0 && weak == 0 {
        return Some(format!(
            "{} segments between » › separators",
            segments.len()
        ));
    }
    let first = segments[0].join(" ").to_lowercase();
    let homeish = HOME_WORDS.contains(&first.as_str());
    let menu_like = segments.len() >= 3 && segments.iter().all(|s| s.len() <= 3);
    (head && (homeish || menu_like))
        .then(|| format!("{} menu segments before the body", segments.len()))
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|^copyright\s*(?:©|\(c\))?\s*(?:19|20)\d\d|\(c\)\s*(?:19|20)\d\d|all rights reserved")
        .unwrap()
});
static COPYRIGHT_STRIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:copyright|©|\(c\)|\s|(?:19|20)\d\d|[-–,])+").unwrap());

/// A copyright line; returns the site name found in it, if any.
fn copyright(line: &str) -> Option<Option<String>> {
    if word_count(line) > 25 || !COPYRIGHT.is_match(line) {
        return None;
    }
    let rest = COPYRIGHT_STRIP.replace(line.trim(), "");
    let cut = rest
        .split(['.', '|', '•'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("");
    let lower = cut.to_lowercase();
    let cut = match lower.find("all rights reserved") {
        Some(p) => &cut[..p],
        None => cut,
    };
    let site = cut.trim().trim_matches(|c: char| !c.is_alphanumeric());
    let n = word_count(site);
    Some((1..=6).contains(&n).then(|| site.to_string()))
}

const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b"
    ))
    .unwrap()
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:published|updated|last updated|posted|reviewed|modified|date)(?:\s+on)?\s*:?\s*)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\.?$"
    ))
    .unwrap()
});
static BYLINE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?P<kw>(?:(?:medically|clinically|expert)\s+)?reviewed\s+by|fact[\s-]?checked\s+by|written\s+by|posted\s+by|published\s+by|authored\s+by|story\s+by|words\s+by|author\s*:|by))\s+(?P<rest>\S.*)$",
    )
    .unwrap()
});

const GENERIC_AUTHORS: &[&str] = &["admin", "staff", "editor", "editors", "team", "guest"];

/// Metadata found in a byline or date line.
#[derive(Debug, Default, Clone, PartialEq)]
struct BylineFound {
    byline: Option<String>,
    date: Option<String>,
}

/// The author name at the start of `rest` ("Sam Rivera on June 1, 2023" -> "Sam Rivera").
fn author_name(rest: &str) -> Option<String> {
    let mut name = rest;
    for stop in [" on ", " in ", ",", " at ", " | ", " (", " - "] {
        if let Some(p) = name.find(stop) {
            name = &name[..p];
        }
    }
    let name = DATE.replace(name, "");
    let name = name.trim().trim_end_matches(['.', ':']);
    let toks: Vec<&str> = name.split_whitespace().collect();
    if toks.is_empty() || toks.len() > 5 {
        return None;
    }
    let first = toks[0];
    let capital = first.chars().next().is_some_and(|c| c.is_uppercase());
    let generic = GENERIC_AUTHORS.contains(&first.to_lowercase().as_str());
    let all_names = toks.iter().all(|t| {
        t.chars().next().is_some_and(|c| c.is_uppercase())
            || ["de", "van", "von", "da", "del", "la", "le", "and", "&"].contains(t)
            || GENERIC_AUTHORS.contains(&t.to_lowercase().as_str())
    });
    ((capital || generic) && all_names).then(|| name.to_string())
}

/// A byline or date line ("Written by X on DATE", "Posted by X in Y", "June 1, 2023").
fn byline(line: &str) -> Option<BylineFound> {
    let t = line.trim();
    let words = word_count(t);
    if words > 25 {
        return None;
    }
    let date = DATE.find(t).map(|m| m.as_str().to_string());
    if DATE_LINE.is_match(t) {
        return Some(BylineFound { byline: None, date });
    }
    let mut found = None;
    let mut reviewer = None;
    let mut any = false;
    for part in t.split(['—', '–', '|', '·']).map(str::trim) {
        let part = part.strip_prefix("- ").unwrap_or(part);
        let Some(c) = BYLINE_PART.captures(part) else {
            continue;
        };
        let kw = c["kw"].to_lowercase();
        let Some(name) = author_name(&c["rest"]) else {
            continue;
        };
        if kw == "by" && (words > 12 || (ends_sentence(t) && date.is_none())) {
            continue;
        }
        any = true;
        if kw.contains("review") || kw.contains("check") {
            reviewer.get_or_insert(name);
        } else {
            found.get_or_insert(name);
        }
    }
    any.then(|| BylineFound {
        byline: found.or(reviewer),
        date,
    })
}

static FORM_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z' ]{0,24}\s*\*$").unwrap());

fn glyph_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().count() <= 4 && !t.chars().any(|c| c.is_alphanumeric())
}

// ---------------------------------------------------------------------------------
// Pass 1: the line plan

#[derive(Debug, Clone, PartialEq)]
enum Fate {
    Keep,
    Drop {
        rule: &'static str,
        confidence: f32,
        evidence: String,
    },
}

impl Fate {
    fn drop(rule: &'static str, confidence: f32, evidence: impl Into<String>) -> Self {
        Fate::Drop {
            rule,
            confidence,
            evidence: evidence.into(),
        }
    }
    fn is_drop(&self) -> bool {
        matches!(self, Fate::Drop { .. })
    }
    fn rule(&self) -> Option<&'static str> {
        match self {
            Fate::Drop { rule, .. } => Some(rule),
            Fate::Keep => None,
        }
    }
}

#[derive(Debug, Clone)]
struct LineInfo {
    range: Range<usize>,
    text: String,
    norm: String,
    words: usize,
    blank: bool,
    title_like: bool,
}

/// What pass 1 decided for a text.
#[derive(Debug, Clone, Default)]
struct Plan {
    fates: Vec<Fate>,
    lines: Vec<LineInfo>,
    title: Option<usize>,
    meta: DocMeta,
}

fn next_nonblank(lines: &[LineInfo], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].blank)
}

fn plan_lines(text: &str, hints: &CorpusHints) -> Plan {
    let lines: Vec<LineInfo> = line_ranges(text)
        .into_iter()
        .map(|r| {
            let t = text[r.clone()].trim().to_string();
            LineInfo {
                norm: norm_phrase(&t),
                words: word_count(&t),
                blank: t.is_empty(),
                title_like: is_title_like(&t),
                text: t,
                range: r,
            }
        })
        .collect();
    let n = lines.len();
    let mut fates = vec![Fate::Keep; n];
    let mut meta = DocMeta::default();
    let main_script = majority_script(text);

    // Zone-independent chrome.
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            fates[i] = Fate::drop("S001", 1.0, "");
            continue;
        }
        fates[i] = chrome_anywhere(l, main_script, &mut meta);
    }

    // The body: from the first to the last paragraph of running text.
    let prose: Vec<bool> = (0..n)
        .map(|i| !lines[i].blank && !fates[i].is_drop() && is_prose(&lines[i].text))
        .collect();
    let first_body = prose.iter().position(|p| *p);
    let last_body = prose.iter().rposition(|p| *p);

    if let (Some(first), Some(last)) = (first_body, last_body) {
        for i in (0..first).chain(last + 1..n) {
            if fates[i] != Fate::Keep {
                continue;
            }
            let head = i < first;
            if let Some(f) = chrome_at_edge(&lines[i], head, hints) {
                fates[i] = f;
            }
        }
    }

    related_lists(&lines, &prose, &mut fates);

    let title = first_body.and_then(|first| choose_title(&lines, &fates, first, hints));
    if let Some(t) = title {
        let title_norm = lines[t].norm.clone();
        for i in 0..t {
            if lines[i].blank || fates[i].is_drop() {
                continue;
            }
            if lines[i].norm == title_norm {
                fates[i] = Fate::drop("C013", 1.0, "repeat of the title");
            } else {
                if meta.site.is_none() && lines[i].title_like && lines[i].words <= 6 {
                    meta.site = Some(lines[i].text.clone());
                }
                fates[i] = Fate::drop("C014", 0.8, "before the title");
            }
        }
    }

    Plan {
        fates,
        lines,
        title,
        meta,
    }
}

/// Chrome recognisable wherever the line stands.
fn chrome_anywhere(l: &LineInfo, main_script: Option<Script>, meta: &mut DocMeta) -> Fate {
    let t = l.text.as_str();
    if glyph_only(t) {
        return Fate::drop("C012", 1.0, "no letters");
    }
    if let Some(main) = main_script {
        let (share, foreign) = foreign_share(t, main);
        if share >= 0.4 && foreign >= 2 {
            return Fate::drop(
                "C011",
                0.9,
                format!("{:.0}% of letters in another script", share * 100.0),
            );
        }
    }
    if let Some(site) = copyright(t) {
        if meta.site.is_none() {
            meta.site = site;
        }
        return Fate::drop("C008", 1.0, "copyright notice");
    }
    if let Some(b) = byline(t) {
        if meta.byline.is_none() {
            meta.byline = b.byline;
        }
        if meta.date.is_none() {
            meta.date = b.date;
        }
        return Fate::drop("C010", 0.9, "byline or date, moved to meta");
    }
    if l.words <= 3 && FORM_FIELD.is_match(t) {
        return Fate::drop("C006", 1.0, "form field");
    }
    if let Some((rule, ev)) = phrase_match(&l.norm, l.words, false) {
        return Fate::drop(rule, 1.0, ev);
    }
    if let Some(ev) = breadcrumb(t, false) {
        return Fate::drop("C001", 0.9, ev);
    }
    if let Some(ev) = social_line(&l.norm, false) {
        return Fate::drop("C004", 0.9, ev);
    }
    Fate::Keep
}

/// Chrome recognisable only before the first or after the last body paragraph.
fn chrome_at_edge(l: &LineInfo, head: bool, hints: &CorpusHints) -> Option<Fate> {
    if let Some((rule, ev)) = phrase_match(&l.norm, l.words, true) {
        return Some(Fate::drop(rule, 0.9, format!("{ev} outside the body")));
    }
    if let Some(ev) = breadcrumb(&l.text, head) {
        return Some(Fate::drop("C001", 0.8, ev));
    }
    if let Some(ev) = social_line(&l.norm, true) {
        return Some(Fate::drop("C004", 0.8, format!("{ev} outside the body")));
    }
    // Repetition across unrelated documents is evidence, not proof: only for short
    // non-sentences after the body.
    let groups = hints.groups_with(&l.text);
    if !head && groups >= 2 && l.words <= 8 && !ends_sentence(&l.text) {
        return Some(Fate::drop(
            "C015",
            0.7,
            format!("short line after the body, in {groups} unrelated documents"),
        ));
    }
    None
}

/// A line that can be an entry of a "related" list: a short title, maybe bulleted.
fn related_entry(l: &LineInfo) -> bool {
    let t = BULLET_PREFIX.replace(&l.text, "");
    let words = word_count(&t);
    (1..=16).contains(&words) && !ends_sentence(&t) && t.chars().any(|c| c.is_alphabetic())
}

static BULLET_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+").unwrap());

/// Under a "related" header, the short title lines go with it, up to the first line
/// that is running text, a heading of running text, or other chrome.
fn related_lists(lines: &[LineInfo], prose: &[bool], fates: &mut [Fate]) {
    let n = lines.len();
    for h in 0..n {
        if fates[h].rule() != Some("C007") {
            continue;
        }
        let mut j = h + 1;
        while j < n {
            if lines[j].blank {
                j += 1;
                continue;
            }
            match fates[j].rule() {
                // Dates and ads inside the list do not end it.
                Some("C010" | "C003" | "S001") => {
                    j += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            if prose[j] || !related_entry(&lines[j]) {
                break;
            }
            // A heading introduces running text; a list entry does not.
            if next_nonblank(lines, j + 1).is_some_and(|k| prose[k]) {
                break;
            }
            fates[j] = Fate::drop("C007", 0.8, "entry of a related-links list");
            j += 1;
        }
    }
}

/// The title: among title-like lines before the first body paragraph, a line
/// repeated there; else the first one after the last chrome line (site name,
/// breadcrumbs, bylines come before it), skipping generic section headings and, when
/// a longer one follows, one- or two-word lines (locations, categories); else the
/// last one before that chrome.
fn choose_title(
    lines: &[LineInfo],
    fates: &[Fate],
    first_body: usize,
    hints: &CorpusHints,
) -> Option<usize> {
    let cands: Vec<usize> = (0..first_body)
        .filter(|&i| {
            !lines[i].blank
                && !fates[i].is_drop()
                && lines[i].title_like
                && hints.groups_with(&lines[i].text) < 2
        })
        .collect();
    if cands.is_empty() {
        return None;
    }
    // A repeated line is the title (scrapers often catch it two or three times).
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in &cands {
        *counts.entry(lines[i].norm.as_str()).or_insert(0) += 1;
    }
    // The most repeated line, its last occurrence (later ones win ties).
    let mut best: Option<(usize, usize)> = None;
    for &i in &cands {
        let c = counts[lines[i].norm.as_str()];
        if c >= 2 && best.is_none_or(|(bc, _)| c >= bc) {
            best = Some((c, i));
        }
    }
    if let Some((_, i)) = best {
        return Some(i);
    }
    let generic = |i: usize| SECTION_HEADINGS.contains(&lines[i].norm);
    let last_chrome = (0..first_body)
        .filter(|&i| fates[i].is_drop() && fates[i].rule() != Some("S001"))
        .max();
    let start = last_chrome.map_or(0, |c| c + 1);
    let after: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&i| i >= start && !generic(i))
        .collect();
    if let Some(&first) = after.first() {
        if lines[first].words <= 2 {
            if let Some(&longer) = after.iter().find(|&&i| lines[i].words >= 3) {
                return Some(longer);
            }
        }
        return Some(first);
    }
    cands
        .iter()
        .rev()
        .copied()
        .find(|&i| i < start && !generic(i))
}

// ---------------------------------------------------------------------------------
// Pass 2: in-line repairs

/// Letters-then-digits tokens and the evidence that their digits are footnotes.
#[derive(Debug, Clone)]
struct MarkerCandidate {
    /// Byte range of the digits in the current text.
    digits: Range<usize>,
    /// The stem is a lexicon word (strong evidence of a glued marker).
    word_stem: bool,
}

fn marker_candidates(text: &str) -> Vec<MarkerCandidate> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let e = i;
        if s == 0 || b[s] == b'0' || e - s > 8 {
            continue;
        }
        // What follows: end, space or punctuation (not a decimal part, not a letter).
        let next = b.get(e).copied();
        let after_ok = match next {
            None => true,
            Some(c) if c.is_ascii_whitespace() => true,
            Some(b'.' | b',' | b';' | b':') => {
                !b.get(e + 1).is_some_and(|c| c.is_ascii_alphanumeric())
            }
            Some(b'!' | b'?' | b')' | b']' | b'"' | b'\'') => true,
            _ => false,
        };
        if !after_ok {
            continue;
        }
        let prev = b[s - 1];
        if prev == b')' || prev == b'%' {
            out.push(MarkerCandidate {
                digits: s..e,
                word_stem: false,
            });
            continue;
        }
        if !prev.is_ascii_alphabetic() {
            continue;
        }
        let mut ws = s;
        while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
            ws -= 1;
        }
        if ws > 0 && (b[ws - 1].is_ascii_alphanumeric() || b[ws - 1] >= 0x80) {
            continue;
        }
        let stem = &text[ws..s];
        if stem.len() < 2 {
            continue;
        }
        // "CO2", "COVID19", "HbA1c": capitals after the first letter mean a name.
        if stem.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let lower = stem.to_ascii_lowercase();
        if ALNUM_STEMS.contains(lower.as_str()) {
            continue;
        }
        out.push(MarkerCandidate {
            digits: s..e,
            word_stem: lexicon::is_word(&lower),
        });
    }
    out
}

/// Numbers cut out of a digit run: (offset in the run, number).
type Parts = Vec<(usize, u32)>;

/// Split a digit run into strictly increasing numbers in 1..=limit: fewest parts,
/// then most parts already seen as single markers. Returns (offset, number) pairs.
fn decompose(digits: &str, limit: u32, seen: &BTreeSet<u32>) -> Option<Parts> {
    let d = digits.as_bytes();
    if d.is_empty() || d.len() > 8 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut best: Option<(usize, usize, Parts)> = None;
    // Every way to cut the run: bit k set = a cut after digit k.
    for mask in 0u32..(1 << (d.len() - 1)) {
        let mut parts = Vec::new();
        let mut start = 0;
        for end in 1..=d.len() {
            if end == d.len() || mask & (1 << (end - 1)) != 0 {
                parts.push((start, &digits[start..end]));
                start = end;
            }
        }
        let mut nums: Vec<(usize, u32)> = Vec::with_capacity(parts.len());
        let ok = parts.iter().all(|(off, p)| {
            let v: u32 = p.parse().unwrap_or(0);
            let fine = !p.starts_with('0')
                && p.len() <= 3
                && (1..=limit).contains(&v)
                && nums.last().is_none_or(|(_, prev)| v > *prev);
            nums.push((*off, v));
            fine
        });
        if !ok {
            continue;
        }
        let known = nums.iter().filter(|(_, v)| seen.contains(v)).count();
        let better = match &best {
            None => true,
            Some((len, k, _)) => nums.len() < *len || (nums.len() == *len && known > *k),
        };
        if better {
            best = Some((nums.len(), known, nums));
        }
    }
    best.map(|(_, _, v)| v)
}

/// Markers found: the deletions and (number, start of its digits in current text).
fn footnote_markers(text: &str) -> (Vec<Replacement>, Vec<(u32, usize)>) {
    let cands = marker_candidates(text);
    // Evidence: one- or two-digit numbers glued to real words.
    let mut order: Vec<u32> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in cands.iter().filter(|c| c.word_stem && c.digits.len() <= 2) {
        let v: u32 = text[c.digits.clone()].parse().unwrap_or(0);
        if v > 0 && seen.insert(v) {
            order.push(v);
        }
    }
    let distinct = seen.len();
    let (Some(&min), Some(&max)) = (seen.first(), seen.last()) else {
        return (Vec::new(), Vec::new());
    };
    let mut records = 0;
    let mut running = 0;
    for v in &order {
        if *v > running {
            records += 1;
            running = *v;
        }
    }
    let plausible = distinct >= 3
        && min <= 3
        && (max as usize) <= 4 * distinct + 5
        && records as f32 >= 0.6 * distinct as f32;
    if !plausible {
        return (Vec::new(), Vec::new());
    }
    let limit = max + (distinct as u32 / 4).max(3);
    let evidence = format!("footnote set of {distinct} numbers up to {max}");
    let mut reps = Vec::new();
    let mut markers = Vec::new();
    for c in &cands {
        let digits = &text[c.digits.clone()];
        let Some(parts) = decompose(digits, limit, &seen) else {
            continue;
        };
        // Without a word stem, or as a run, every number must be a known marker
        // or continue the sequence.
        let trusted = c.word_stem && parts.len() == 1;
        if !trusted
            && !parts
                .iter()
                .all(|(_, v)| seen.contains(v) || *v <= max + (distinct as u32 / 4).max(3))
        {
            continue;
        }
        if !c.word_stem && !parts.iter().all(|(_, v)| seen.contains(v)) {
            continue;
        }
        for (off, v) in &parts {
            markers.push((*v, c.digits.start + off));
        }
        reps.push(
            Replacement::delete(c.digits.clone(), "S005")
                .with_confidence(0.9)
                .with_evidence(evidence.clone()),
        );
    }
    (reps, markers)
}

static PAREN_TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^\s()]{1,40})\)").unwrap());
static HTMLISH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*/?>|&[a-z]+;|\{\{|\}\}").unwrap());

/// Parenthesised scraping debris: (confidence, evidence) for each candidate.
fn garbage(text: &str, line: Range<usize>) -> Vec<(Range<usize>, f32, String)> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    for m in PAREN_TOKEN.captures_iter(s) {
        let (Some(whole), Some(inner)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let inner = inner.as_str();
        if !inner.chars().any(|c| "<>={}[]\\^|~@#$&".contains(c)) {
            continue;
        }
        let mut conf: f32 = 0.5;
        let mut ev = vec!["symbols".to_string()];
        let runs: Vec<&str> = inner
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|r| r.len() >= 2)
            .collect();
        if runs
            .iter()
            .any(|r| r.chars().all(|c| c.is_ascii_lowercase()) && !lexicon::is_word(r))
        {
            conf += 0.3;
            ev.push("non-word letters".into());
        }
        let chars: Vec<char> = inner.chars().collect();
        if chars
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic())
        {
            conf += 0.2;
            ev.push("repeated letters".into());
        }
        if HTMLISH.is_match(inner) {
            conf += 0.3;
            ev.push("markup".into());
        }
        // Take one neighbouring space along so no double space is left.
        let (mut a, mut b) = (line.start + whole.start(), line.start + whole.end());
        if a > line.start && text.as_bytes()[a - 1] == b' ' {
            a -= 1;
        } else if b < line.end && text.as_bytes()[b] == b' ' {
            b += 1;
        }
        out.push((a..b, conf.min(1.0), ev.join(", ")));
    }
    out
}

/// Lower-case letter runs of the text with their counts.
fn doc_word_counts(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if !w.is_empty() {
            *m.entry(w.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }
    m
}

/// Words split by scraping: (range, merged, confidence, evidence).
fn split_words(
    text: &str,
    line: Range<usize>,
    counts: &HashMap<String, usize>,
) -> Vec<(Range<usize>, String, f32, String)> {
    let s = &text[line.clone()];
    let mut runs: Vec<Range<usize>> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            runs.push(st..i);
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for k in 1..runs.len() {
        let (ra, rb) = (runs[k - 1].clone(), runs[k].clone());
        if rb.start != ra.end + 1 || b[ra.end] != b' ' {
            continue;
        }
        // Apostrophes and hyphens glue words: "don't", "knee-to".
        if ra.start > 0 && matches!(b[ra.start - 1], b'\'' | b'-') {
            continue;
        }
        if rb.end < b.len() && matches!(b[rb.end], b'\'' | b'-') {
            continue;
        }
        let (a, bw) = (&s[ra.clone()], &s[rb.clone()]);
        if a.len() < 2
            || bw.len() < 2
            || !a.bytes().all(|c| c.is_ascii_lowercase())
            || !bw.bytes().all(|c| c.is_ascii_lowercase())
        {
            continue;
        }
        if lexicon::bigram_count(a, bw) > 0 {
            continue;
        }
        let prev = (k >= 2 && runs[k - 2].end + 1 == ra.start)
            .then(|| s[runs[k - 2].clone()].to_ascii_lowercase());
        let next = (k + 1 < runs.len() && rb.end + 1 == runs[k + 1].start)
            .then(|| s[runs[k + 1].clone()].to_ascii_lowercase());
        let in_doc = |w: &str| counts.get(w).copied().unwrap_or(0);
        // A piece makes sense when it is a word that fits a neighbour or recurs.
        let sensible_a = lexicon::is_word(a)
            && (in_doc(a) >= 2
                || prev
                    .as_deref()
                    .is_some_and(|p| lexicon::bigram_count(p, a) > 0));
        let sensible_b = lexicon::is_word(bw)
            && (in_doc(bw) >= 2
                || next
                    .as_deref()
                    .is_some_and(|x| lexicon::bigram_count(bw, x) > 0));
        if sensible_a || sensible_b {
            continue;
        }
        let mut merges: Vec<String> = vec![format!("{a}{bw}")];
        for k in 1..a.len().min(bw.len()) {
            if a[a.len() - k..] == bw[..k] {
                merges.push(format!("{a}{}", &bw[k..]));
            }
        }
        let Some(m) = merges
            .into_iter()
            .filter(|m| lexicon::is_word(m) && m.len() >= 4)
            .max_by_key(|m| (in_doc(m), lexicon::word_count(m)))
        else {
            continue;
        };
        let elsewhere = in_doc(&m);
        let (conf, ev) = if elsewhere >= 1 {
            (
                0.9,
                format!("'{a} {bw}' fits no context; '{m}' occurs {elsewhere}x in the document"),
            )
        } else if (!lexicon::is_word(a) || !lexicon::is_word(bw))
            && lexicon::word_count(&m) >= 1_000_000
        {
            (
                0.5,
                format!("'{a} {bw}' fits no context; '{m}' is a frequent word"),
            )
        } else {
            continue;
        };
        out.push((line.start + ra.start..line.start + rb.end, m, conf, ev));
    }
    out
}

/// Glue points of table cells in a line: byte offsets where a lower-case letter is
/// followed by a capitalised word, both halves words, the glued token not.
fn glue_points(text: &str, line: Range<usize>) -> Vec<usize> {
    let s = &text[line.clone()];
    let b = s.as_bytes();
    let mut out = Vec::new();
    for (tok_start, tok) in s.split(' ').scan(0usize, |pos, t| {
        let st = *pos;
        *pos += t.len() + 1;
        Some((st, t))
    }) {
        let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
        if CAMEL_NAMES.contains(bare) {
            continue;
        }
        let tb = tok.as_bytes();
        for i in 1..tb.len().saturating_sub(1) {
            if !(tb[i - 1].is_ascii_lowercase()
                && tb[i].is_ascii_uppercase()
                && tb[i + 1].is_ascii_lowercase())
            {
                continue;
            }
            let mut ls = i;
            while ls > 0 && tb[ls - 1].is_ascii_alphabetic() {
                ls -= 1;
            }
            let mut re = i;
            while re < tb.len() && tb[re].is_ascii_alphabetic() {
                re += 1;
            }
            let (left, right) = (&tok[ls..i], &tok[i..re]);
            if CAMEL_NAMES.contains(&tok[ls..re]) || left.len() < 2 || right.len() < 2 {
                continue;
            }
            let (l, r) = (left.to_ascii_lowercase(), right.to_ascii_lowercase());
            if lexicon::is_word(&l) && lexicon::is_word(&r) && !lexicon::is_word(&format!("{l}{r}"))
            {
                out.push(line.start + tok_start + i);
            }
        }
        let _ = b;
    }
    out
}

fn table_like(line: &str) -> bool {
    word_count(line) <= 16 && !ends_sentence(line)
}

// ---------------------------------------------------------------------------------
// Pass 3: layout and line kinds

static LEADING_BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+").unwrap());
static MULTI_SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").unwrap());

fn layout_replacements(text: &str) -> Vec<Replacement> {
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

fn line_kind(lines: &[&str], i: usize) -> LineKind {
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

// ---------------------------------------------------------------------------------
// The stage

/// Clean one document in place: text, line kinds, meta, markers, suggestions.
pub fn clean_document(doc: &mut Document, hints: &CorpusHints) {
    // Pass 1: drop chrome and blank lines whole.
    let plan = plan_lines(doc.text.text(), hints);
    let len = doc.text.text().len();
    let mut drops = Vec::new();
    for (l, f) in plan.lines.iter().zip(&plan.fates) {
        if let Fate::Drop {
            rule,
            confidence,
            evidence,
        } = f
        {
            let end = (l.range.end + 1).min(len);
            drops.push(
                Replacement::delete(l.range.start..end, rule)
                    .with_confidence(*confidence)
                    .with_evidence(evidence.clone()),
            );
        }
    }
    doc.text.apply(drops);
    let title_line = plan
        .title
        .map(|t| plan.fates[..t].iter().filter(|f| !f.is_drop()).count());
    merge_meta(&mut doc.meta, plan.meta);

    // Pass 2: in-line repairs.
    inline_repairs(doc);

    // Pass 3: layout, then the kind of every line.
    let reps = layout_replacements(doc.text.text());
    doc.text.apply(reps);
    let text = doc.text.text();
    let lines: Vec<&str> = line_ranges(text).into_iter().map(|r| &text[r]).collect();
    doc.line_kinds = (0..lines.len())
        .map(|i| {
            if Some(i) == title_line {
                LineKind::Title
            } else {
                line_kind(&lines, i)
            }
        })
        .collect();
}

fn merge_meta(meta: &mut DocMeta, found: DocMeta) {
    if meta.byline.is_none() {
        meta.byline = found.byline;
    }
    if meta.date.is_none() {
        meta.date = found.date;
    }
    if meta.site.is_none() {
        meta.site = found.site;
    }
}

fn suggestion(
    t: &TrackedText,
    range: Range<usize>,
    after: &str,
    rule: &'static str,
    confidence: f32,
    evidence: String,
) -> Suggestion {
    let raw = t.raw_span(range.clone());
    Suggestion {
        rule,
        raw_start: raw.start,
        raw_end: raw.end,
        before: t.text()[range].to_string(),
        after: after.to_string(),
        confidence,
        evidence,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == a.end && b.start < a.start && a.start < b.end)
}

fn inline_repairs(doc: &mut Document) {
    let text = doc.text.text().to_string();
    let lines = line_ranges(&text);
    let counts = doc_word_counts(&text);
    let mut reps: Vec<Replacement> = Vec::new();
    let mut suggestions: Vec<Suggestion> = Vec::new();
    let taken = |reps: &[Replacement], r: &Range<usize>| {
        reps.iter()
            .any(|x| overlaps(&x.range, r) || overlaps(r, &x.range))
    };

    for r in &lines {
        for (range, conf, ev) in garbage(&text, r.clone()) {
            if conf >= 0.8 {
                reps.push(
                    Replacement::delete(range, "S006")
                        .with_confidence(conf)
                        .with_evidence(ev),
                );
            } else if conf >= 0.6 {
                suggestions.push(suggestion(&doc.text, range, "", "S006", conf, ev));
            }
        }
    }
    for r in &lines {
        for (range, merged, conf, ev) in split_words(&text, r.clone(), &counts) {
            if taken(&reps, &range) {
                continue;
            }
            if conf >= 0.8 {
                reps.push(
                    Replacement::new(range, merged, "S007")
                        .with_confidence(conf)
                        .with_evidence(ev),
                );
            } else {
                suggestions.push(suggestion(&doc.text, range, &merged, "S007", conf, ev));
            }
        }
    }

    // Table cells: only on table-like lines with a glued neighbour line.
    let glued: Vec<Vec<usize>> = lines
        .iter()
        .map(|r| glue_points(&text, r.clone()))
        .collect();
    for (i, points) in glued.iter().enumerate() {
        if points.is_empty() {
            continue;
        }
        let line = &text[lines[i].clone()];
        let neighbour =
            (i > 0 && !glued[i - 1].is_empty()) || glued.get(i + 1).is_some_and(|g| !g.is_empty());
        for &p in points {
            let word_range = word_around(&text, p);
            if table_like(line) && neighbour {
                reps.push(
                    Replacement::new(p..p, " | ", "S004")
                        .with_confidence(0.85)
                        .with_evidence(
                            "glued table cells: both halves are words, the glued token is not",
                        ),
                );
            } else {
                let before = &text[word_around(&text, p)];
                let after = format!(
                    "{} | {}",
                    &text[word_range.start..p],
                    &text[p..word_range.end]
                );
                let _ = before;
                suggestions.push(suggestion(
                    &doc.text,
                    word_range,
                    &after,
                    "S004",
                    0.5,
                    "glued words outside a table".into(),
                ));
            }
        }
    }

    let (marker_reps, markers) = footnote_markers(&text);
    let mut new_markers = Vec::new();
    for rep in marker_reps {
        if taken(&reps, &rep.range) {
            continue;
        }
        for (v, at) in markers.iter().filter(|(_, at)| rep.range.contains(at)) {
            new_markers.push(Marker {
                number: *v,
                raw_offset: doc.text.raw_span(*at..*at + 1).start,
            });
        }
        reps.push(rep);
    }
    doc.text.apply(reps);
    doc.markers.extend(new_markers);
    doc.suggestions.extend(suggestions);
}

fn word_around(text: &str, p: usize) -> Range<usize> {
    let b = text.as_bytes();
    let mut a = p;
    while a > 0 && !b[a - 1].is_ascii_whitespace() {
        a -= 1;
    }
    let mut e = p;
    while e < b.len() && !b[e].is_ascii_whitespace() {
        e += 1;
    }
    a..e
}
