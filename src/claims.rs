//! Claims: sentences and clauses that state advice, causes, effects, risks. (Being built.)

use crate::model::{Claim, Document};

pub fn extract_claims(_doc: &Document) -> Vec<Claim> {
    Vec::new()
}
