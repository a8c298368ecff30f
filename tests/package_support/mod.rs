//! A JSON Schema validator for the subset of draft 2020-12 that the dataset's generated
//! schemas use (`schemas/*.jsonschema.json`). A full validator crate cost more build time
//! than the whole test suite's run; CI validates the same files with the Python
//! `jsonschema` package as well (.ci/dataset-check.sh). A keyword outside the subset is
//! reported, so the schemas cannot grow past what this checks without a test failing.

use serde_json::Value;

/// Keywords this validator checks, and the annotations it may ignore.
const CHECKED: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "const",
    "enum",
    "oneOf",
    "anyOf",
    "minItems",
    "minimum",
    "$defs",
];
const ANNOTATIONS: &[&str] = &["$schema", "title", "description", "format"];

/// Keywords of `schema` (and of every schema inside it) this validator does not know.
pub fn unknown_keywords(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_keywords(schema, "#", &mut out);
    out
}

fn walk_keywords(schema: &Value, at: &str, out: &mut Vec<String>) {
    let Some(o) = schema.as_object() else {
        if !schema.is_boolean() {
            out.push(format!("{at}: a schema must be an object or a boolean"));
        }
        return;
    };
    for (k, v) in o {
        if !CHECKED.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()) {
            out.push(format!("{at}: keyword {k} is not checked"));
        }
        let here = format!("{at}/{k}");
        match k.as_str() {
            "properties" | "$defs" => {
                for (name, sub) in v.as_object().into_iter().flatten() {
                    walk_keywords(sub, &format!("{here}/{name}"), out);
                }
            }
            "items" | "additionalProperties" => walk_keywords(v, &here, out),
            "oneOf" | "anyOf" => {
                for (i, sub) in v.as_array().into_iter().flatten().enumerate() {
                    walk_keywords(sub, &format!("{here}/{i}"), out);
                }
            }
            _ => {}
        }
    }
}

/// Every way `value` breaks `schema` (`root` resolves `$ref`s), with where in the value.
pub fn errors(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    check(root, schema, value, at, &mut out);
    out
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "number" => v.is_number(),
        "integer" => v.as_i64().is_some() || v.as_u64().is_some(),
        _ => false,
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return out.push(format!("{at}: no value is allowed here")),
        _ => {}
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        match r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs")?.get(name))
        {
            Some(target) => check(root, target, v, at, out),
            None => out.push(format!("{at}: unresolvable $ref {r}")),
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.iter().any(|ty| type_matches(ty, v)) {
            out.push(format!("{at}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            out.push(format!("{at}: {v} is not {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            out.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    for (key, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let passing = alts
                .iter()
                .filter(|a| errors(root, a, v, at).is_empty())
                .count();
            if passing == 0 || (exactly_one && passing > 1) {
                out.push(format!("{at}: {v} matches {passing} of {key}"));
            }
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            out.push(format!("{at}: {n} is below the minimum {min}"));
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!(
                    "{at}: {} items, at least {min} wanted",
                    items.len()
                ));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(root, item_schema, item, &format!("{at}/{i}"), out);
            }
        }
    }
    if let Some(obj) = v.as_object() {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(r) {
                out.push(format!("{at}: {r} is required"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, x) in obj {
            let here = format!("{at}/{k}");
            match props.and_then(|p| p.get(k)) {
                Some(p) => check(root, p, x, &here, out),
                None => {
                    if let Some(extra) = schema.get("additionalProperties") {
                        if extra == &Value::Bool(false) {
                            out.push(format!("{at}: unknown property {k}"));
                        } else {
                            check(root, extra, x, &here, out);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_subset_checks_what_it_claims() {
        let root = json!({
            "type": "object",
            "required": ["id", "sides"],
            "additionalProperties": false,
            "properties": {
                "id": { "type": "string" },
                "n": { "type": "integer", "minimum": 0 },
                "kind": { "$ref": "#/$defs/Kind" },
                "sides": { "type": "array", "minItems": 2, "items": { "type": ["string", "null"] } },
                "counts": { "type": "object", "additionalProperties": { "type": "integer" } }
            },
            "$defs": { "Kind": { "oneOf": [{ "const": "a" }, { "enum": ["b", "c"] }] } }
        });
        assert!(unknown_keywords(&root).is_empty());
        let ok = json!({"id": "x", "n": 3, "kind": "c", "sides": ["p", null], "counts": {"C1": 2}});
        assert_eq!(errors(&root, &root, &ok, "#"), Vec::<String>::new());
        let bad = json!({"n": -1, "kind": "z", "sides": [1], "counts": {"C1": "two"}, "x": 0});
        let e = errors(&root, &root, &bad, "#").join("\n");
        for want in [
            "id is required",
            "below the minimum",
            "matches 0 of oneOf",
            "1 items, at least 2",
            "#/sides/0: 1 is not of type",
            "#/counts/C1",
            "unknown property x",
        ] {
            assert!(e.contains(want), "{want} not in\n{e}");
        }
        assert_eq!(
            unknown_keywords(&json!({"properties": {"a": {"pattern": "x"}}})),
            vec!["#/properties/a: keyword pattern is not checked".to_string()]
        );
    }
}
