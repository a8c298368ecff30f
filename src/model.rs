//! Data types shared by the stages. Stages fill them; writers in `output` serialise them.

use crate::text::TrackedText;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

/// What one line of clean text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Title,
    Heading,
    ListItem,
    Paragraph,
    TableRow,
}

/// Metadata moved out of the text by cleaning (bylines, dates, site names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub byline: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
}

/// A footnote marker lifted out of a word ("worse1" -> "worse", marker 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub number: u32,
    /// Raw byte offset where the marker digits started.
    pub raw_offset: usize,
}

/// A repair that was not applied: too little evidence, or an unsafe rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub rule: &'static str,
    pub raw_start: usize,
    pub raw_end: usize,
    pub before: String,
    pub after: String,
    pub confidence: f32,
    pub evidence: String,
}

/// The spin judgement of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpinVerdict {
    pub spun: bool,
    pub score: f64,
    pub evidence: String,
}

/// One raw file and everything the per-document stages learned about it.
#[derive(Debug, Clone)]
pub struct Document {
    pub doc_id: String,
    pub source: String,
    pub status: Status,
    /// Why it was skipped, or a decode warning.
    pub reason: Option<String>,
    pub encoding: Option<Encoding>,
    pub raw: Vec<u8>,
    pub text: TrackedText,
    /// One entry per line of the current text (set by cleaning, kept by later stages,
    /// which never add or remove lines).
    pub line_kinds: Vec<LineKind>,
    pub meta: DocMeta,
    pub markers: Vec<Marker>,
    pub suggestions: Vec<Suggestion>,
    pub spin: SpinVerdict,
    pub near_duplicate_of: Option<String>,
}

impl Document {
    /// A processed-looking document straight from UTF-8 text (raw = text), every line a
    /// paragraph: for tests and for callers that build documents without a raw folder.
    pub fn from_text(doc_id: &str, text: &str) -> Document {
        Document {
            doc_id: doc_id.to_string(),
            source: format!("raw/{doc_id}.txt"),
            status: Status::Ok,
            reason: None,
            encoding: Some(Encoding::Utf8),
            raw: text.as_bytes().to_vec(),
            text: TrackedText::from_str(text),
            line_kinds: vec![LineKind::Paragraph; text.lines().count()],
            meta: DocMeta::default(),
            markers: Vec::new(),
            suggestions: Vec::new(),
            spin: SpinVerdict::default(),
            near_duplicate_of: None,
        }
    }

    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }

    /// The title: the clean text of the line marked as title.
    pub fn title(&self) -> Option<String> {
        let lines = self.text.lines();
        self.line_kinds
            .iter()
            .position(|k| *k == LineKind::Title)
            .and_then(|i| lines.get(i))
            .map(|r| self.text.text()[r.clone()].to_string())
    }

    /// Decode a raw byte span the way the raw file was decoded.
    pub fn raw_quote(&self, start: usize, end: usize) -> String {
        let bytes = &self.raw[start.min(self.raw.len())..end.min(self.raw.len())];
        match self.encoding {
            Some(Encoding::Windows1252) => crate::ingest::decode_windows_1252(bytes),
            Some(Encoding::Utf16Le) => crate::ingest::decode_utf16(bytes, true),
            Some(Encoding::Utf16Be) => crate::ingest::decode_utf16(bytes, false),
            _ => String::from_utf8_lossy(bytes).into_owned(),
        }
    }
}

/// What the corpus stages after the per-document passes (consolidation, conflicts) need
/// of a document: a full [`Document`] in memory, or the small [`DocInfo`] the streaming
/// pipeline keeps.
pub trait DocView: Sync {
    fn doc_id(&self) -> &str;
    fn spun(&self) -> bool;
    fn near_duplicate_of(&self) -> Option<&str>;
    /// The clean text around a passage: the sentence before it and the one after it.
    fn passage_context(&self, quote_clean: &str) -> Option<(String, String)>;
}

impl DocView for Document {
    fn doc_id(&self) -> &str {
        &self.doc_id
    }
    fn spun(&self) -> bool {
        self.spin.spun
    }
    fn near_duplicate_of(&self) -> Option<&str> {
        self.near_duplicate_of.as_deref()
    }
    fn passage_context(&self, quote_clean: &str) -> Option<(String, String)> {
        passage_context_in(self.text.text(), quote_clean)
    }
}

/// Sentence ends, for passage context.
const TERMINATORS: [char; 4] = ['.', '!', '?', '\n'];

/// The sentence before the first occurrence of `quote` in `text` and the one after it.
pub fn passage_context_in(text: &str, quote: &str) -> Option<(String, String)> {
    if quote.trim().is_empty() {
        return None;
    }
    let pos = text.find(quote)?;
    Some((
        preceding(text, pos).to_string(),
        following(text, pos + quote.len()).to_string(),
    ))
}

/// The sentence that starts after `end` (skipping the terminator and closing quotes).
pub(crate) fn following(text: &str, end: usize) -> &str {
    let rest = text.get(end..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || TERMINATORS.contains(&c) || matches!(c, '"' | '\'' | ')')
    });
    let stop = rest.find(TERMINATORS).unwrap_or(rest.len());
    &rest[..stop]
}

/// The start of the sentence before `start`, or the previous sentence when one ends there.
pub(crate) fn preceding(text: &str, start: usize) -> &str {
    let head = text.get(..start).unwrap_or("");
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || TERMINATORS.contains(&c));
    let from = head.rfind(TERMINATORS).map_or(0, |i| i + 1);
    &head[from..]
}

/// The part of a processed document that corpus stages keep: its id, spin verdict, copy
/// link and the context of each claim passage (for sequence conflicts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub doc_id: String,
    pub spun: bool,
    pub near_duplicate_of: Option<String>,
    /// quote_clean -> (sentence before, sentence after), for the document's claim passages.
    pub contexts: std::collections::BTreeMap<String, (String, String)>,
}

impl DocInfo {
    /// Keep what the corpus stages need of a document and its claims.
    pub fn of(doc: &Document, claims: &[Claim]) -> DocInfo {
        let mut contexts = std::collections::BTreeMap::new();
        let text = doc.text.text();
        for c in claims {
            if contexts.contains_key(&c.quote_clean) || c.quote_clean.trim().is_empty() {
                continue;
            }
            // The claim's own span (searching the text for each quote would cost
            // claims x text: quadratic in a long document).
            let ctx = if text.get(c.clean_start..c.clean_end) == Some(c.quote_clean.as_str()) {
                Some((
                    preceding(text, c.clean_start).to_string(),
                    following(text, c.clean_end).to_string(),
                ))
            } else {
                doc.passage_context(&c.quote_clean)
            };
            if let Some(ctx) = ctx {
                contexts.insert(c.quote_clean.clone(), ctx);
            }
        }
        DocInfo {
            doc_id: doc.doc_id.clone(),
            spun: doc.spin.spun,
            near_duplicate_of: doc.near_duplicate_of.clone(),
            contexts,
        }
    }
}

impl DocView for DocInfo {
    fn doc_id(&self) -> &str {
        &self.doc_id
    }
    fn spun(&self) -> bool {
        self.spun
    }
    fn near_duplicate_of(&self) -> Option<&str> {
        self.near_duplicate_of.as_deref()
    }
    fn passage_context(&self, quote_clean: &str) -> Option<(String, String)> {
        self.contexts.get(quote_clean).cloned()
    }
}

/// Unit of a typed quantity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    /// Occurrences per day ("2-3 times a day", "every few hours" ~ 4-8).
    PerDay,
    /// Occurrences per week.
    PerWeek,
    Percent,
    Milligram,
    /// Plain count (repetitions, breaths, people).
    Count,
}

/// How an interval is bounded.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    Range,
    AtMost,
    AtLeast,
    Approximate,
}

/// What a quantity measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// How long one application lasts ("for 15-20 minutes at a time").
    SessionLength,
    /// How long a phase of treatment lasts ("for the first 48 hours").
    PhaseLength,
    /// How often ("2-3 times a day", "every few hours").
    Frequency,
    /// A limit after which to act ("see a doctor after two weeks").
    Threshold,
    Dose,
    Statistic,
    /// How long a hold or stretch lasts ("hold for 30 seconds").
    HoldLength,
    Count,
    Other,
}

/// A typed quantity: the interval [low, high] in `unit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// The clean text it was parsed from ("15-20 minutes").
    pub text: String,
    pub low: f64,
    pub high: f64,
    pub unit: Unit,
    pub bound: Bound,
    pub measures: Slot,
}

/// One claim: a piece of advice, cause, effect, risk, statistic or warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc_id: String,
    /// Byte span in the document's clean (current) text.
    pub clean_start: usize,
    pub clean_end: usize,
    /// Byte span in the raw file.
    pub raw_start: usize,
    pub raw_end: usize,
    /// The raw passage (decoded raw[raw_start..raw_end]) and the clean passage.
    pub quote: String,
    pub quote_clean: String,
    /// The claim in clean wording (a clause of the passage when a sentence holds several).
    pub text: String,
    pub kind: String,
    /// What the claim is about, normalised ("cold therapy", "heat therapy", "nsaids").
    pub subject: Option<String>,
    pub quantities: Vec<Quantity>,
    pub negated: bool,
    /// Footnote markers that stood in the passage.
    pub markers: Vec<u32>,
}

/// A passage that states a fact, located exactly: decoding `raw[start..end]` of the
/// document's raw file gives `quote`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    pub doc_id: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub quote_clean: String,
}

/// A consolidated fact: one statement, every passage that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Fact {
    pub id: String,
    pub statement: String,
    pub kind: String,
    pub topic: Option<String>,
    pub quantities: Vec<Quantity>,
    pub negated: bool,
    /// Independent sources: documents, a near-duplicate counted with its original.
    pub support: usize,
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ConflictSide {
    pub value: String,
    pub fact_ids: Vec<String>,
}

/// An inconsistency between facts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Conflict {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub sides: Vec<ConflictSide>,
    pub severity: String,
    pub rule: String,
    pub explanation: String,
    pub needs_review: bool,
    /// True when all sides come from one document.
    pub within_document: bool,
}
