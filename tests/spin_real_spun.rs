//! Measure spin detection and restoration on spun copies of real article bodies, made by
//! `scripts/spin_make_testset.py` (a seeded spinner over the LibreOffice thesaurus, or
//! Aiksaurus with `SPIN_THESAURUS=aiksaurus`; the texts are third-party pages, so they are
//! generated to /tmp, never committed). Ignored by default:
//! `python3 scripts/spin_make_testset.py /tmp/spin-real && SPIN_REAL=/tmp/spin-real
//!  cargo test --release --test spin_real_spun -- --ignored --nocapture`.
//! `scripts/spin_calibrate_doc.py` runs it on the test sets and on every other clean gold
//! text to calibrate the document verdict.

use factsieve::model::Document;
use factsieve::spin::{respin_assuming_spun, respin_document, LanguageModel};
use std::path::{Path, PathBuf};

fn read_dir(p: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(p)
        .map(|r| {
            r.flatten()
                .map(|e| {
                    let id = e.path().file_stem().unwrap().to_string_lossy().into_owned();
                    (id, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A swap: (start, end) in spun-text bytes, (start, end) in original-text bytes, the
/// original word, the spun wording.
type Swap = ((usize, usize), (usize, usize), String, String);

fn swaps(json: &str) -> Vec<Swap> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut shift: isize = 0;
    let mut out = Vec::new();
    for s in v["swaps"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let orig = s["orig"].as_str().unwrap().to_string();
        let spun = s["spun"].as_str().unwrap().to_string();
        let sa = (a as isize + shift) as usize;
        out.push(((sa, sa + spun.len()), (a, b), orig.clone(), spun.clone()));
        shift += spun.len() as isize - orig.len() as isize;
    }
    out
}

#[test]
#[ignore]
fn spun_real_texts() {
    let dir = PathBuf::from(std::env::var("SPIN_REAL").unwrap_or("/tmp/spin-real".into()));
    let spun = read_dir(&dir.join("spun"));
    let clean = read_dir(&dir.join("clean"));
    if spun.is_empty() {
        eprintln!("no test set at {}", dir.display());
        return;
    }
    let mut docs: Vec<Document> = spun
        .iter()
        .chain(&clean)
        .map(|(id, t)| Document::from_text(id, t))
        .collect();
    let lm = LanguageModel::build(&docs);
    if let Ok(path) = std::env::var("SPIN_DUMP") {
        // Every candidate with its features and label, for calibration.
        let mut out = String::from("doc\tclass\trule\tstart\tend\tbefore\tafter\tdelta\tprior\tol\tor\tcl\tcr\tco\tcc\tlabel\twords\n");
        for (k, d) in docs.iter().enumerate() {
            let class = if k < spun.len() { "spun" } else { "clean" };
            let sw = if k < spun.len() {
                swaps(
                    &std::fs::read_to_string(dir.join("swaps").join(format!("{}.json", d.doc_id)))
                        .unwrap(),
                )
            } else {
                Vec::new()
            };
            let words = d.text.text().split_whitespace().count();
            for c in factsieve::spin::debug_candidates(d, &lm) {
                let hit = sw.iter().find(|s| c.start < s.0 .1 && s.0 .0 < c.end);
                let label = match hit {
                    Some(s) if c.after.eq_ignore_ascii_case(&s.2) => "right",
                    Some(_) => "site",
                    None => "none",
                };
                out.push_str(&format!(
                    "{}\t{class}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{label}\t{words}\n",
                    d.doc_id, c.rule, c.start, c.end, c.before.replace(['\t', '\n'], " "), c.after, c.delta, c.prior,
                    c.fit_orig.0 as u8, c.fit_orig.1 as u8, c.fit_cand.0 as u8, c.fit_cand.1 as u8, c.count_orig, c.count_cand
                ));
            }
        }
        std::fs::write(path, out).unwrap();
    }
    if let Ok(path) = std::env::var("SPIN_FEATURES") {
        // The document model's features, one line per text, for scripts/spin_train_doc.py.
        let mut out = format!("doc\tclass\t{}\n", factsieve::spin::DOC_FEATURES.join("\t"));
        for (k, d) in docs.iter().enumerate() {
            let class = if k < spun.len() { "spun" } else { "clean" };
            let f: Vec<String> = factsieve::spin::doc_features(d.text.text())
                .iter()
                .map(|x| format!("{x:.6}"))
                .collect();
            out.push_str(&format!("{}\t{class}\t{}\n", d.doc_id, f.join("\t")));
        }
        std::fs::write(path, out).unwrap();
        if std::env::var("SPIN_FEATURES_ONLY").is_ok() {
            return;
        }
    }
    for d in &mut docs {
        respin_document(d, &lm);
    }
    let (mut detected, mut n_swaps, mut restored, mut edits, mut off_site) = (0, 0, 0, 0, 0);
    for (d, (id, _)) in docs.iter().zip(&spun) {
        let sw =
            swaps(&std::fs::read_to_string(dir.join("swaps").join(format!("{id}.json"))).unwrap());
        detected += d.spin.spun as usize;
        n_swaps += sw.len();
        let p: Vec<_> = d
            .text
            .edits()
            .iter()
            .filter(|e| e.rule.starts_with('P'))
            .collect();
        for e in &p {
            edits += 1;
            let hit = sw
                .iter()
                .find(|s| e.raw_start < s.0 .1 && s.0 .0 < e.raw_end);
            match hit {
                Some(s) if e.after.eq_ignore_ascii_case(&s.2) => restored += 1,
                Some(_) => {}
                None => {
                    off_site += 1;
                    println!(
                        "OFF {id} {} {:?} -> {:?} ({})",
                        e.rule, e.before, e.after, e.evidence
                    );
                }
            }
        }
        println!(
            "{id}: spun={} score={} swaps={} edits={} {}",
            d.spin.spun,
            d.spin.score,
            sw.len(),
            p.len(),
            d.spin.evidence
        );
    }
    let mut clean_flagged = 0;
    let mut clean_edits = 0;
    for d in &docs[spun.len()..] {
        clean_flagged += d.spin.spun as usize;
        clean_edits += d
            .text
            .edits()
            .iter()
            .filter(|e| e.rule.starts_with('P'))
            .count();
        println!(
            "clean {}: spun={} score={} {}",
            d.doc_id, d.spin.spun, d.spin.score, d.spin.evidence
        );
    }
    // Damage probe: the clean texts repaired as if spun.
    let mut probe: Vec<Document> = clean
        .iter()
        .map(|(id, t)| Document::from_text(id, t))
        .collect();
    let (mut words, mut probe_edits) = (0, 0);
    for d in &mut probe {
        words += d.text.text().split_whitespace().count();
        respin_assuming_spun(d, &lm);
        for e in d.text.edits().iter().filter(|e| e.rule.starts_with('P')) {
            probe_edits += 1;
            println!(
                "PROBE {} {} {:?} -> {:?}",
                d.doc_id, e.rule, e.before, e.after
            );
        }
    }
    println!(
        "detected {detected}/{} spun, clean flagged {clean_flagged}/{}; swaps restored {restored}/{n_swaps} ({:.3}); edits {edits}, off-site {off_site} ({:.3}); clean edits {clean_edits}; probe {probe_edits} edits in {words} words ({:.2} per 1,000)",
        spun.len(),
        clean.len(),
        restored as f64 / n_swaps.max(1) as f64,
        off_site as f64 / edits.max(1) as f64,
        1000.0 * probe_edits as f64 / words.max(1) as f64
    );
}
