//! A corpus whose scraped text is full of script payloads, for the review site's escaping
//! test: in a file name (so the doc_id and a page path), the title line, body lines, facts'
//! statements and a conflict. Each payload, if it ran in a page, would set the page's title
//! to `XSS-RAN` or mark the root element with `data-xss="ran"`.

use factsieve::pipeline::Corpus;
use std::path::Path;

/// Writes the raw files into `raw` and processes them; returns the corpus (with hand-made
/// facts and a conflict carrying payloads) and the doc_id made from the hostile file name.
pub fn corpus(raw: &Path) -> (Corpus, String) {
    const RUN: &str =
        "document.title = 'XSS-RAN'; document.documentElement.setAttribute('data-xss', 'ran')";
    let payloads = [
        format!("<script>{RUN}</script>"),
        format!("<img src=x onerror=\"{RUN}\">"),
        format!("<svg onload=\"{RUN}\"></svg>"),
        format!("\"><script>{RUN}</script>"),
        format!("'><img src=x onerror='{RUN}'>"),
        format!("</textarea></title></script></style><script>{RUN}</script>"),
        format!("<details open ontoggle=\"{RUN}\">x</details>"),
        format!("<iframe srcdoc=\"<script>parent.{RUN}</script>\"></iframe>"),
        format!("<body onload=\"{RUN}\">"),
        format!("<input autofocus onfocus=\"{RUN}\">"),
        format!("--><!--<script>{RUN}</script>"),
        format!("<a href=\"javascript:{RUN}\" id=\"xss-link\">x</a>"),
    ];
    let mut body = format!("Ice And Heat {}\n\n", payloads[0]);
    for (i, p) in payloads.iter().enumerate() {
        body.push_str(&format!(
            "Apply ice for {} minutes after a strain {p} twice a day.\n\
             Rest the knee for a day or two and keep it raised on a pillow at night, \
             then walk a little more each morning until the swelling has gone down.\n\
             Most people feel better within a week when they follow these simple steps.\n",
            10 + i
        ));
    }
    std::fs::create_dir_all(raw).unwrap();
    let name = "x\"><svg onload=document.title='XSS-RAN'>.txt";
    std::fs::write(raw.join(name), &body).unwrap();
    std::fs::write(raw.join("plain.txt"), &body).unwrap();
    let mut corpus = factsieve::pipeline::process(raw, &factsieve::pipeline::Quiet).unwrap();
    assert!(corpus.docs.iter().all(|d| d.is_ok()), "both documents kept");
    let id = corpus
        .docs
        .iter()
        .find(|d| d.doc_id != "plain")
        .unwrap()
        .doc_id
        .clone();
    let cited = |c: &factsieve::pipeline::Corpus, p: &str| {
        super::cite(c, "plain", format!("after a strain {p}").as_bytes())
    };
    let mut facts: Vec<_> = payloads
        .iter()
        .enumerate()
        .map(|(i, p)| {
            super::fact(
                &format!("f_xss_{i:02}"),
                &format!("Apply ice {p}."),
                vec![cited(&corpus, p)],
            )
        })
        .collect();
    facts.extend(std::mem::take(&mut corpus.facts));
    facts.sort_by(|a, b| a.id.cmp(&b.id));
    corpus.facts = facts;
    corpus.conflicts = vec![factsieve::model::Conflict {
        id: "k_xss".into(),
        kind: "numeric_mismatch".into(),
        subject: payloads[1].clone(),
        sides: vec![
            factsieve::model::ConflictSide {
                value: payloads[2].clone(),
                fact_ids: vec!["f_xss_00".into()],
            },
            factsieve::model::ConflictSide {
                value: payloads[3].clone(),
                fact_ids: vec!["f_xss_01".into()],
            },
        ],
        severity: "low".into(),
        rule: "numeric-range".into(),
        explanation: payloads[5].clone(),
        needs_review: true,
        within_document: false,
    }];
    (corpus, id)
}
