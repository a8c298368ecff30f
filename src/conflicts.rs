//! Inconsistencies between facts. (Being built.)

use crate::model::{Conflict, Document, Fact};

pub fn find_conflicts(_facts: &[Fact], _docs: &[Document]) -> Vec<Conflict> {
    Vec::new()
}
