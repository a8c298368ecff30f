//! Tests of explain.

use super::raw::*;
use super::records::*;
use super::*;

fn dataset() -> Dataset {
    Dataset::from_parts(
        "{\"doc_id\":\"d1\",\"source\":\"raw/d1.txt\",\"status\":\"ok\"}\n",
        "{\"id\":\"fa1\",\"statement\":\"Walk daily.\",\"citations\":[{\"doc_id\":\"d1\",\"start\":10,\"end\":21,\"quote\":\"Walk daily.\",\"quote_clean\":\"Walk daily.\"}]}\n\
         {\"id\":\"fb2\",\"statement\":\"Sleep.\",\"citations\":[]}\n",
        "{\"id\":\"c1\",\"kind\":\"contradiction\",\"subject\":\"walking\",\"sides\":[{\"value\":\"daily\",\"fact_ids\":[\"fa1\"]},{\"value\":\"never\",\"fact_ids\":[\"fb2\"]}]}\n",
        Default::default(),
    )
}

#[test]
fn ids_resolve_exactly_or_by_unique_prefix() {
    let ds = dataset();
    assert_eq!(resolve(&ds, "fa1"), Ok(Target::Fact("fa1".into())));
    assert_eq!(resolve(&ds, "fb"), Ok(Target::Fact("fb2".into())));
    assert_eq!(resolve(&ds, "c"), Ok(Target::Conflict("c1".into())));
    assert!(resolve(&ds, "f").unwrap_err().contains("ambiguous"));
    assert!(resolve(&ds, "zz").unwrap_err().contains("no fact"));
}

#[test]
fn fact_shows_its_passage_in_context() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("d1.txt"),
        "Intro.\n\n  Walk daily. It helps.\n",
    )
    .unwrap();
    let ds = dataset();
    let mut raw = RawFiles::new(tmp.path(), Default::default());
    let text = explain_fact(&ds, &mut raw, "fa1", 12, "");
    assert!(text.contains("line 3:"), "{text}");
    assert!(text.contains("\u{ab}Walk daily.\u{bb} It helps"), "{text}");
    assert!(!text.contains("warning"), "{text}");
    // The conflict explains both sides' facts.
    let c = explain_conflict(&ds, &mut raw, "c1", 8);
    assert!(c.contains("side 2: never") && c.contains("fact fb2"), "{c}");
}

#[test]
fn moved_passages_and_missing_files_are_reported_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("d1.txt"), "Short.").unwrap();
    let mut raw = RawFiles::new(tmp.path(), Default::default());
    let lines = context_lines(&mut raw, "d1", 10, 21, Some("Walk daily."), 5);
    assert!(lines[0].contains("outside"), "{lines:?}");
    let lines = context_lines(&mut raw, "nope", 0, 1, None, 5);
    assert!(lines[0].contains("not found"));
}

#[test]
fn context_cuts_on_char_boundaries() {
    let s = "ééé abc ééé";
    let at = s.find("abc").unwrap();
    assert_eq!(chars_before(s, at, 2), "é ");
    assert_eq!(chars_after(s, at + 3, 2), " é");
}

#[test]
fn doc_id_colon_line_is_a_line_and_anything_else_an_id() {
    assert_eq!(
        Query::parse("000_ab:12"),
        Query::DocLine {
            doc_id: "000_ab".into(),
            line: 12
        }
    );
    assert_eq!(Query::parse("000_ab"), Query::Id("000_ab".into()));
    assert_eq!(Query::parse(":3"), Query::Id(":3".into()));
    assert_eq!(Query::parse("a:b"), Query::Id("a:b".into()));
}

#[test]
fn a_skipped_documents_lines_are_gone_for_its_reason() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("d1.txt"), "Walk daily.\n").unwrap();
    let limits = crate::ingest::Limits {
        max_line_bytes: 4,
        ..Default::default()
    };
    let mut raw = RawFiles::new(tmp.path(), limits);
    let rows = Default::default();
    let found =
        super::lines::answers(&mut raw, &rows, "d1", &super::lines::Pick::Number(1)).unwrap();
    assert_eq!(found[0].fate, "document skipped");
    assert!(
        found[0].evidence.contains("line 1"),
        "{:?}",
        found[0].evidence
    );
    assert_eq!(found[0].text, "Walk daily.");
}
