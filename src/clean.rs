//! Cleaning: site chrome, structure, footnote markers. (Being built.)

use crate::model::{Document, LineKind};
use crate::rules::Rule;

pub const RULES: &[Rule] = &[];

/// Corpus-level evidence for cleaning (lines repeated across documents).
#[derive(Debug, Default)]
pub struct CorpusHints {}

impl CorpusHints {
    pub fn build(_docs: &[Document]) -> Self {
        CorpusHints {}
    }
}

pub fn clean_document(doc: &mut Document, _hints: &CorpusHints) {
    doc.line_kinds = vec![LineKind::Paragraph; doc.text.lines().len()];
}
