//! The rule registry. Every text edit names a rule code listed here; each stage
//! module declares its own rules (`pub const RULES: &[Rule]`) and `all()` joins them.
//! A rule whose fix is `Suggested` never edits text: it only reports.

use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fix {
    /// Applied automatically.
    Safe,
    /// Applied only with enough evidence (a confidence threshold, or inside a spun document).
    Guarded,
    /// Reported as a suggestion, never applied.
    Suggested,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub stage: &'static str,
    pub doc: &'static str,
    pub fix: Fix,
}

/// The registry, joined and sorted once: `get` is called for every edit in the reports.
static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut v: Vec<&'static Rule> = [
        crate::bidi::RULES,
        crate::repair::RULES,
        crate::clean::RULES,
        crate::spin::RULES,
        crate::conflicts::RULES,
    ]
    .iter()
    .flat_map(|r| r.iter())
    .collect();
    v.sort_by_key(|r| r.code);
    v
});

/// All rules of all stages, sorted by code.
pub fn all() -> Vec<&'static Rule> {
    ALL.clone()
}

/// Look up a rule by code.
pub fn get(code: &str) -> Option<&'static Rule> {
    ALL.binary_search_by_key(&code, |r| r.code)
        .ok()
        .map(|i| ALL[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let rules = all();
        for w in rules.windows(2) {
            assert_ne!(w[0].code, w[1].code, "duplicate rule code");
        }
        for r in rules {
            assert!(
                !r.doc.is_empty() && !r.name.is_empty(),
                "{} lacks docs",
                r.code
            );
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}: rule names are kebab-case",
                r.code
            );
        }
    }
}
