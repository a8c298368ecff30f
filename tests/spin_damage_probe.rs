//! How many correct words would the repairs change if a clean article were (wrongly)
//! judged spun? Repairs every clean dev article as if spun and prints the edits. Needs the
//! shared dev set beside the repository, so it is ignored by default:
//! `cargo test --release --test spin_damage_probe -- --ignored --nocapture`.

use factsieve::spin::{respin_assuming_spun, LanguageModel};

#[test]
#[ignore]
fn forced_spun_damage_on_clean_dev_articles() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev/raw");
    let Ok(files) = factsieve::ingest::list_raw(&dir) else {
        eprintln!("no dev set at {}", dir.display());
        return;
    };
    let mut docs = factsieve::ingest::ingest(&files);
    let hints = factsieve::clean::CorpusHints::build(&docs);
    for d in docs.iter_mut().filter(|d| d.is_ok()) {
        factsieve::repair::repair_document(d);
        factsieve::clean::clean_document(d, &hints);
    }
    let lm = LanguageModel::build(&docs);
    let (mut words, mut edits) = (0, 0);
    for d in docs.iter_mut().filter(|d| d.is_ok()) {
        if lm.verdict_of(d).spun {
            continue;
        }
        words += d.text.text().split_whitespace().count();
        respin_assuming_spun(d, &lm);
        for e in d.text.edits().iter().filter(|e| e.rule.starts_with('P')) {
            edits += 1;
            println!("{} {} {:?} -> {:?}", d.doc_id, e.rule, e.before, e.after);
        }
    }
    println!("forced-spun edits on clean text: {edits} in {words} words");
}
