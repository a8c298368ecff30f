//! Plain-record encoding of what passes between the steps of a run executed outside this
//! process (`pipeline::steps`, the Python bindings): postcard bytes, the format of the
//! spill file. Some records carry `&'static str` names (rule codes, statuses, claim drop
//! reasons); they are read back by looking the name up among the names the library
//! knows, so a record from another build fails to decode instead of inventing a name.

use crate::error::{Error, Result};
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::Serialize;
use std::collections::BTreeMap;

/// A name of the library's (`&'static str`), in a record that is decoded with
/// [`static_name`]. An alias, because serde would otherwise take a `&'static str` field
/// for a borrow from the input.
pub type Name = &'static str;

/// The library's name equal to `s`: a rule code, rule name or stage, a repair status or a
/// claim drop reason.
pub fn known_name(s: &str) -> Option<&'static str> {
    if let Some(r) = crate::rules::get(s) {
        return Some(r.code);
    }
    const STATUSES: &[&str] = &["applied", "suggested"];
    let names = crate::rules::all()
        .into_iter()
        .flat_map(|r| [r.name, r.stage])
        .chain(STATUSES.iter().copied())
        .chain(crate::claims::DROP_REASONS.iter().map(|(k, _)| *k));
    names.into_iter().find(|n| *n == s)
}

/// Deserialize a `&'static str` field through [`known_name`].
pub fn static_name<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    known_name(&s).ok_or_else(|| D::Error::custom(format!("unknown name {s:?}")))
}

/// Deserialize a map keyed by `&'static str` through [`known_name`].
pub fn static_keys<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<BTreeMap<&'static str, usize>, D::Error> {
    let m = BTreeMap::<String, usize>::deserialize(d)?;
    m.into_iter()
        .map(|(k, v)| {
            known_name(&k)
                .map(|k| (k, v))
                .ok_or_else(|| D::Error::custom(format!("unknown name {k:?}")))
        })
        .collect()
}

/// A record as bytes.
pub fn encode<T: Serialize>(value: &T, what: &str) -> Result<Vec<u8>> {
    postcard::to_stdvec(value).map_err(|e| Error::Spill(format!("cannot encode {what}: {e}")))
}

/// The record [`encode`] made these bytes of.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T> {
    postcard::from_bytes(bytes).map_err(|e| Error::Spill(format!("cannot decode {what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_and_strangers_refused() {
        assert_eq!(known_name("C001"), Some("C001"));
        assert_eq!(known_name("suggested"), Some("suggested"));
        assert_eq!(known_name("question"), Some("question"));
        let stage = crate::rules::all()[0].stage;
        assert_eq!(known_name(stage), Some(stage));
        assert_eq!(known_name("no such name"), None);
        let bytes = encode(&"no such name", "a name").unwrap();
        let mut de = postcard::Deserializer::from_bytes(&bytes);
        assert!(static_name(&mut de).is_err());
    }
}
