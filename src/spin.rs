//! Spun-text detection and restoration. (Being built.)

use crate::model::Document;
use crate::rules::Rule;

pub const RULES: &[Rule] = &[];

/// Language evidence built from the corpus (a barrier).
#[derive(Debug, Default)]
pub struct LanguageModel {}

impl LanguageModel {
    pub fn build(_docs: &[Document]) -> Self {
        LanguageModel {}
    }
}

pub fn respin_document(_doc: &mut Document, _lm: &LanguageModel) {}
