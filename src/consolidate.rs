//! Consolidation: claims that say the same thing become one fact. (Being built.)

use crate::model::{Claim, Document, Fact};

pub fn consolidate(_claims: &[Claim], _docs: &[Document]) -> Vec<Fact> {
    Vec::new()
}
