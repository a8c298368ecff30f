//! Chrome rules: the phrase registry, token lists and the detectors that each
//! return evidence when a line is site chrome.

use super::*;

// ---------------------------------------------------------------------------------
// Data

/// How a registry phrase matches a normalised line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    Line,
    Prefix,
    Contains,
    /// The phrase then a colon and a short title: "Related: How to sleep well".
    Label,
}

#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub(super) rule: &'static str,
    pub(super) how: How,
    pub(super) edge_only: bool,
    pub(super) words: String,
}

pub(super) fn rule_code(name: &str) -> Option<&'static str> {
    RULES.iter().find(|r| r.name == name).map(|r| r.code)
}

pub(super) static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/chrome_phrases.txt"))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let rule = rule_code(it.next()?)?;
            let how = match it.next()? {
                "line" => How::Line,
                "prefix" => How::Prefix,
                "contains" => How::Contains,
                "label" => How::Label,
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

/// Class of a word in a token-set chrome list (share buttons, account links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    /// Makes a line of such words chrome anywhere.
    Strong,
    /// An ordinary word that is also a button: chrome alone only outside the body.
    Weak,
    /// Carries no evidence either way ("this", "on").
    Filler,
}

pub(super) fn token_table(text: &'static str) -> HashMap<&'static str, Token> {
    data_lines(text)
        .filter_map(|l| {
            let (class, word) = l.split_once(' ')?;
            let class = match class {
                "strong" => Token::Strong,
                "weak" => Token::Weak,
                "filler" => Token::Filler,
                _ => return None,
            };
            Some((word.trim(), class))
        })
        .collect()
}

pub(super) static SOCIAL: LazyLock<HashMap<&'static str, Token>> =
    LazyLock::new(|| token_table(include_str!("../../data/chrome_social.txt")));

pub(super) static ACCOUNT: LazyLock<HashMap<&'static str, Token>> =
    LazyLock::new(|| token_table(include_str!("../../data/chrome_account.txt")));

pub(super) static CAMEL_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/clean_camel_names.txt")).collect());

pub(super) static ALNUM_STEMS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/clean_alnum_terms.txt")).collect());

pub(super) static SECTION_HEADINGS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/clean_section_headings.txt"))
        .map(norm_phrase)
        .collect()
});

pub(super) static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/clean_stopwords.txt"))
        .flat_map(|l| l.split_whitespace())
        .collect()
});

// ---------------------------------------------------------------------------------
// Chrome detectors (each returns evidence when the line is chrome)

pub(super) fn phrase_match(
    text: &str,
    norm: &str,
    words: usize,
    edge: bool,
) -> Option<(&'static str, String)> {
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
            How::Label => {
                words <= 16
                    && text
                        .to_lowercase()
                        .strip_prefix(&p.words)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
            }
        };
        if hit {
            return Some((p.rule, format!("phrase '{}'", p.words)));
        }
    }
    None
}

/// A line made only of words of one token-set list (share buttons, account links):
/// chrome when a strong word is in it, or two weak ones, or one outside the body.
pub(super) fn token_set_line(
    norm: &str,
    table: &HashMap<&'static str, Token>,
    edge: bool,
) -> Option<String> {
    let toks: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
    if toks.is_empty() || toks.len() > 12 {
        return None;
    }
    let (mut strong, mut weak) = (0, 0);
    for t in &toks {
        match table.get(t) {
            Some(Token::Strong) => strong += 1,
            Some(Token::Weak) => weak += 1,
            Some(Token::Filler) => {}
            None if *t == "#" => {}
            None => return None,
        }
    }
    let chrome = strong > 0 || weak >= 2 || (weak == 1 && edge);
    chrome.then(|| format!("{strong} strong and {weak} weak button words"))
}

/// A line made only of share words and network names.
pub(super) fn social_line(norm: &str, edge: bool) -> Option<String> {
    token_set_line(norm, &SOCIAL, edge)
}

/// A short stand-alone chrome text (a whole line, or one segment of a link bar).
pub(super) fn short_chrome(
    text: &str,
    norm: &str,
    words: usize,
    edge: bool,
) -> Option<(&'static str, String)> {
    if let Some(hit) = phrase_match(text, norm, words, edge) {
        return Some(hit);
    }
    if let Some(ev) = social_line(norm, edge) {
        return Some(("C004", ev));
    }
    token_set_line(norm, &ACCOUNT, edge).map(|ev| ("C002", ev))
}

pub(super) static LINK_BAR_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[|·•/–—-]\s|\s?[|·•]\s?").unwrap());

/// A bar of links ("About Us | Contact | Privacy Policy", "Log in · Sign up"): every
/// segment is chrome on its own.
pub(super) fn link_bar(text: &str, edge: bool) -> Option<(&'static str, String)> {
    let segments: Vec<&str> = LINK_BAR_SEPARATOR
        .split(text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.len() < 2 {
        return None;
    }
    let mut first = None;
    for seg in &segments {
        let hit = short_chrome(seg, &norm_phrase(seg), word_count(seg), edge)?;
        first.get_or_insert(hit.0);
    }
    first.map(|rule| (rule, format!("{} chrome links in a bar", segments.len())))
}

pub(super) const STRONG_SEPARATORS: &[&str] = &["»", "›", "→", ">>", "::"];
pub(super) const WEAK_SEPARATORS: &[&str] = &[">", "/", "|", "\\"];
pub(super) const HOME_WORDS: &[&str] = &["home", "homepage", "start", "main"];

/// Breadcrumbs and menus: short segments between separators.
pub(super) fn breadcrumb(line: &str, head: bool) -> Option<String> {
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

pub(super) static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|^copyright\s*(?:©|\(c\))?\s*(?:19|20)\d\d|\(c\)\s*(?:19|20)\d\d|all rights reserved")
        .unwrap()
});
pub(super) static COPYRIGHT_STRIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:copyright|©|\(c\)|\s|(?:19|20)\d\d|[-–,])+").unwrap());

pub(super) static RIGHTS_RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)all rights reserved").unwrap());

/// A copyright line; returns the site name found in it, if any.
pub(super) fn copyright(line: &str) -> Option<Option<String>> {
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
    let cut = match RIGHTS_RESERVED.find(cut) {
        Some(m) => &cut[..m.start()],
        None => cut,
    };
    let site = cut.trim().trim_matches(|c: char| !c.is_alphanumeric());
    let n = word_count(site);
    Some((1..=6).contains(&n).then(|| site.to_string()))
}

pub(super) const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";

pub(super) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b"
    ))
    .unwrap()
});
pub(super) static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:published|updated|last updated|posted|reviewed|modified|date)(?:\s+on)?\s*:?\s*)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\.?$"
    ))
    .unwrap()
});
pub(super) static BYLINE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?P<kw>(?:(?:medically|clinically|expert)\s+)?reviewed\s+by|fact[\s-]?checked\s+by|written\s+by|posted\s+by|published\s+by|authored\s+by|story\s+by|words\s+by|author\s*:|by))\s+(?P<rest>\S.*)$",
    )
    .unwrap()
});

pub(super) const GENERIC_AUTHORS: &[&str] =
    &["admin", "staff", "editor", "editors", "team", "guest"];

/// Metadata found in a byline or date line.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct BylineFound {
    pub(super) byline: Option<String>,
    pub(super) date: Option<String>,
}

/// The author name at the start of `rest` ("Sam Rivera on June 1, 2023" -> "Sam Rivera").
pub(super) fn author_name(rest: &str) -> Option<String> {
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
pub(super) fn byline(line: &str) -> Option<BylineFound> {
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
    let (mut names, mut dates, mut other) = (0, 0, 0);
    for part in t.split(['—', '–', '|', '·', '•']).map(str::trim) {
        let part = part.strip_prefix("- ").unwrap_or(part);
        if part.is_empty() {
            continue;
        }
        if DATE_LINE.is_match(part) {
            dates += 1;
            continue;
        }
        let name = byline_name(part, words, ends_sentence(t) && date.is_none()).or_else(|| {
            // "Updated on March 3, 2023 by Jane Doe": set the date and its lead aside.
            DATE.is_match(part)
                .then(|| {
                    let no_date = DATE.replace_all(part, " ");
                    let no_date = no_date.split_whitespace().collect::<Vec<_>>().join(" ");
                    LEAD_META.replace(&no_date, "").into_owned()
                })
                .and_then(|bare| byline_name(&bare, words, false))
        });
        match name {
            Some((kw, name)) => {
                names += 1;
                if kw.contains("review") || kw.contains("check") {
                    reviewer.get_or_insert(name);
                } else {
                    found.get_or_insert(name);
                }
            }
            None if short_chrome(part, &norm_phrase(part), word_count(part), true).is_some() => {}
            None => other += 1,
        }
    }
    // A name makes the line a byline; dates with reading times and the like too.
    (names > 0 || (dates > 0 && other == 0)).then(|| BylineFound {
        byline: found.or(reviewer),
        date,
    })
}

/// The keyword and author name of a byline part ("Written by Sam Lee, RN").
/// A bare "By ..." must be short and not a sentence ("By Monday, it eases.").
pub(super) fn byline_name(
    part: &str,
    line_words: usize,
    sentence: bool,
) -> Option<(String, String)> {
    let c = BYLINE_PART.captures(part)?;
    let kw = c["kw"].to_lowercase();
    if kw == "by" && (line_words > 12 || sentence) {
        return None;
    }
    Some((kw, author_name(&c["rest"])?))
}

pub(super) static LEAD_META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?:last\s+)?(?:updated|published|posted|modified|reviewed)(?:\s+on)?)\s*:?\s*",
    )
    .unwrap()
});

/// The header of a posted comment: "Jane Doe says:".
pub(super) static COMMENT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // A name, or a user name in lower case with digits or underscores ("kim_77 says:").
    Regex::new(
        r"^(?:\p{Lu}[\p{L}.' -]{0,40}|[\p{L}\d_.-]*[\d_][\p{L}\d_.-]*|[\p{Ll}\d_.-]{2,30})\s(?:says|said|wrote|replied)\s*[:,]?$",
    )
    .unwrap()
});

pub(super) static FORM_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z' ]{0,24}\s*\*$").unwrap());

pub(super) fn glyph_only(line: &str) -> bool {
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    (1..=4).contains(&visible) && !line.chars().any(|c| c.is_alphanumeric())
}
