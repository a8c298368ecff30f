//! `factsieve diff --format markdown`: a pull-request comment.

mod cli_support;
use cli_support::*;

#[test]
fn the_markdown_diff_is_a_summary_then_details_blocks() {
    let p = project(&[("a.txt", KNEE)]);
    ok(p.path(), &["run", "--curated", "old"]);
    std::fs::write(p.path().join("raw/b.txt"), BACK).unwrap();
    ok(p.path(), &["run", "--curated", "new"]);
    let o = ok(p.path(), &["diff", "old", "new", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(
        md.starts_with("### factsieve: dataset changes\n\n- documents: 1 added"),
        "{md}"
    );
    let first_block = md.find("<details>").expect("details blocks");
    assert!(
        md[..first_block].contains("- facts: "),
        "the summary comes first"
    );
    assert!(
        md.contains("<details><summary>Documents (1)</summary>\n\n- added b (ok)"),
        "{md}"
    );
    assert!(md.contains("<details><summary>Facts ("));
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    assert!(md.len() < 65_536);
    let same = ok(p.path(), &["diff", "new", "new", "--format", "markdown"]);
    assert!(stdout(&same).contains("No changes"));
}
