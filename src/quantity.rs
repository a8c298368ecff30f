//! Typed quantities. (Being built.)

use crate::model::Quantity;

pub fn parse_quantities(_text: &str) -> Vec<Quantity> {
    Vec::new()
}
