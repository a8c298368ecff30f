// Temporary debugging harness (not committed).
use factsieve::{consolidate, pipeline};
use std::path::Path;

#[test]
#[ignore]
fn debug_pairs() {
    let corpus =
        pipeline::process(Path::new("/work/shared/eval/dev/raw"), &pipeline::Quiet).unwrap();
    let pairs: Vec<(String, String, String, String)> = std::env::var("PAIRS")
        .unwrap()
        .split(";;")
        .map(|p| {
            let v: Vec<&str> = p.split("||").collect();
            (v[0].into(), v[1].into(), v[2].into(), v[3].into())
        })
        .collect();
    let find = |d: &str, s: &str| {
        corpus
            .claims
            .iter()
            .filter(|c| c.doc_id.starts_with(d) && c.quote.contains(s))
            .collect::<Vec<_>>()
    };
    for (d1, s1, d2, s2) in pairs {
        for a in find(&d1, &s1) {
            for b in find(&d2, &s2) {
                println!(
                    "== {} | {}\n   {}",
                    a.text,
                    b.text,
                    consolidate::explain(a, b)
                );
            }
        }
    }
}

#[test]
#[ignore]
fn debug_texts() {
    use factsieve::{claims, ingest};
    let texts: Vec<String> = std::env::var("TEXTS")
        .unwrap()
        .split(";;")
        .map(String::from)
        .collect();
    let cl: Vec<_> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            let mut d =
                ingest::decode_document(&format!("d{i}"), "x", format!("{t}\n").into_bytes());
            d.line_kinds = vec![factsieve::model::LineKind::Paragraph; 1];
            claims::extract_claims(&d)
        })
        .collect();
    for i in 0..cl.len() {
        for j in i + 1..cl.len() {
            println!(
                "== {} | {}\n   {}",
                cl[i].text,
                cl[j].text,
                consolidate::explain(&cl[i], &cl[j])
            );
        }
    }
}

#[test]
#[ignore]
fn debug_claims() {
    let corpus =
        pipeline::process(Path::new("/work/shared/eval/dev/raw"), &pipeline::Quiet).unwrap();
    let want = std::env::var("DOC").unwrap_or_default();
    for c in corpus.claims.iter().filter(|c| c.doc_id.starts_with(&want)) {
        let q: Vec<String> = c
            .quantities
            .iter()
            .map(|q| {
                format!(
                    "{}={}..{} {:?} {:?} {:?}",
                    q.text, q.low, q.high, q.unit, q.bound, q.measures
                )
            })
            .collect();
        println!(
            "{} [{}] {:?} {}{}\n     {}{}",
            &c.doc_id[..3],
            c.kind,
            c.subject,
            if c.negated { "NEG " } else { "" },
            c.text,
            if c.text != c.quote_clean {
                format!("(passage: {})\n     ", c.quote_clean)
            } else {
                String::new()
            },
            q.join(" | ")
        );
    }
    for d in &corpus.docs {
        let e = factsieve::claims::extract(d);
        println!(
            "{} claims {} dropped {:?} attached {} split {}",
            d.doc_id,
            e.claims.len(),
            e.dropped,
            e.attached,
            e.split
        );
    }
}
