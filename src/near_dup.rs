//! Near-duplicate documents (reposts, syndication). (Being built.)

use crate::model::Document;

pub fn mark_near_duplicates(_docs: &mut [Document]) {}
