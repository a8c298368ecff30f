//! Spun-text detection and restoration.
//!
//! Article spinners replace words by thesaurus "synonyms" of the wrong sense ("back" ->
//! "again", "skin" -> "pores and skin"), spell digits out and insert link-spam phrases.
//! As in the tortured-phrases work (Cabanac, Labbé, Magazinov 2021), candidates come from
//! a curated reverse thesaurus (`data/spin_thesaurus.txt`) and from rules (numbers,
//! inflations, inserted phrases); as in masked-LM restoration, each candidate is scored
//! against the original in context, here with an n-gram model of the corpus's own clean
//! articles (the scored document left out) and of general English. A document is judged
//! spun from the density of candidates that win in context; meaning-changing repairs
//! apply only there, by a clear margin, the rest become suggestions. Repairs run in
//! passes until nothing changes, so running them again on repaired text changes nothing.

mod broad;
mod candidates;
mod docmodel;
mod general;
mod lm;
mod thesaurus;
mod tokens;

use crate::model::{Document, SpinVerdict, Suggestion};
use crate::rules::{Fix, Rule};
use crate::text::Replacement;
use candidates::{Candidate, Segments};
use lm::Scorer;
pub use lm::{CountTable, DocCounts};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tokens::{tokenize, Token};

/// Whether the reverse thesaurus has an entry for this spun phrase (for tests that must
/// use substitutions the thesaurus does not know).
pub fn thesaurus_knows(spun: &str) -> bool {
    let toks = tokens::phrase_tokens(spun);
    thesaurus::THESAURUS.entries.iter().any(|e| e.spun == toks)
}

pub const RULES: &[Rule] = &[
    Rule {
        code: "P001",
        name: "spin-thesaurus",
        stage: "spin",
        doc: "A spinner's wrong-sense synonym from the reverse thesaurus ('pores and skin' -> 'skin') is restored when the original wins in context.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P002",
        name: "number-word-range",
        stage: "spin",
        doc: "A spelled-out number joined to a digit ('15-twenty') is written in digits.",
        fix: Fix::Safe,
    },
    Rule {
        code: "P003",
        name: "numbered-heading",
        stage: "spin",
        doc: "A spelled-out number heading in a digit-numbered list ('three.' after '2.') is written in digits.",
        fix: Fix::Safe,
    },
    Rule {
        code: "P004",
        name: "spelled-quantity",
        stage: "spin",
        doc: "In a spun document, a spelled-out quantity of 10 or more, or of a unit written with digits elsewhere, is written in digits.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P005",
        name: "corpus-slot",
        stage: "spin",
        doc: "In a spun document, a common word foreign to the clean articles and to both its neighbours is replaced by the one wording the clean articles use between those neighbours; otherwise only suggested.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P006",
        name: "link-spam-phrase",
        stage: "spin",
        doc: "In a spun document, an inserted phrase that breaks the syntax of its sentence ('never <phrase> to') is removed.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P007",
        name: "duration-times",
        stage: "spin",
        doc: "In a spun document, 'times' counted as a duration ('for more than 10 times') is restored to 'days' (day taken in its 'time' sense).",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P008",
        name: "broad-thesaurus",
        stage: "spin",
        doc: "In a spun document, a word that fits neither neighbour is replaced by a WordNet synonym (in the right inflection) that fits its context by a clear margin ('grippe' -> 'flu', 'letter of the alphabet' -> 'letter'); weaker ones are suggested.",
        fix: Fix::Guarded,
    },
    Rule {
        code: "P009",
        name: "inflection-agreement",
        stage: "spin",
        doc: "In a spun document, a word whose inflection breaks agreement with its context ('two death') gets the inflection the context wants, by a clear margin.",
        fix: Fix::Guarded,
    },
];

/// Margin (nats) a candidate needs over the original to be applied.
pub const APPLY_MARGIN: f64 = 2.0;
/// Margin above which an unapplied candidate is reported as a suggestion.
pub const SUGGEST_MARGIN: f64 = 0.5;
/// Spin score (weighted winning candidates per 100 words) above which a document is spun.
pub const SPUN_THRESHOLD: f64 = 2.0;
/// Fewest pieces of evidence for a spun verdict, and the fewest words a density is
/// computed over (a legitimate "muscle mass" in a short clean article is one hit).
const MIN_HITS: usize = 3;
const DENSITY_MIN_WORDS: usize = 150;
/// Prior from which a thesaurus entry is a fingerprint (almost never correct English):
/// only those are suggested in a document not judged spun.
pub const FINGERPRINT_PRIOR: f64 = 2.0;
/// Repair passes: each re-reads the text, so neighbouring fixes see each other.
const MAX_PASSES: usize = 8;

/// Margin (nats) a broad-thesaurus candidate needs to be applied in a spun document.
pub const BROAD_APPLY_MARGIN: f64 = 4.0;
/// Margin from which an unapplied broad candidate is suggested in a spun document.
const BROAD_SUGGEST_MARGIN: f64 = 2.5;
// General evidence: the document model (`docmodel`, weights and threshold in
// `data/spin_doc_model.txt`, fitted by `scripts/spin_train_doc.py` on WordNet-spun real
// texts and calibrated so that none of 532 clean real texts is flagged).

/// What the corpus model needs of one document (the map step): its verdict, judged
/// against general English only, and its n-gram counts. Plain data.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpinSummary {
    pub doc_id: String,
    pub verdict: SpinVerdict,
    /// The curated thesaurus (the seed spinner's style) alone judges it spun.
    pub curated: bool,
    pub counts: DocCounts,
}

/// The map step: summarise one document (linear in its size).
pub fn doc_summary(doc: &Document) -> SpinSummary {
    let toks = tokenize(doc.text.text());
    let (verdict, curated) = judge_tokens(doc.text.text(), &toks, &Scorer::default());
    SpinSummary {
        doc_id: doc.doc_id.clone(),
        verdict,
        curated,
        counts: DocCounts::from_tokens(&toks),
    }
}

/// Language evidence built from the corpus (the reduce step). Summaries are added and
/// partial models merged in any order and any split with the same result; the domain
/// counts live in a fixed-size table, so memory is bounded whatever the corpus size
/// (plus one verdict per document).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct LanguageModel {
    /// N-gram counts of the documents judged clean.
    domain: CountTable,
    /// Documents whose counts are in `domain`.
    included: BTreeSet<String>,
    verdicts: BTreeMap<String, SpinVerdict>,
    /// Documents the curated thesaurus alone judges spun.
    curated: BTreeSet<String>,
}

impl LanguageModel {
    /// Add one document's summary; a document judged spun lends no counts.
    pub fn add(&mut self, s: SpinSummary) {
        if !s.verdict.spun && self.included.insert(s.doc_id.clone()) {
            self.domain.add_doc(&s.counts);
        }
        if s.curated {
            self.curated.insert(s.doc_id.clone());
        }
        self.verdicts.insert(s.doc_id, s.verdict);
    }

    /// Merge another partial model (associative and commutative).
    pub fn merge(&mut self, other: LanguageModel) {
        self.domain.merge(&other.domain);
        self.included.extend(other.included);
        self.verdicts.extend(other.verdicts);
        self.curated.extend(other.curated);
    }

    /// Finish the reduce (nothing left to do today: the table is ready as built; kept so
    /// callers need not change if pruning or indexing is added).
    pub fn finish(self) -> Self {
        self
    }

    pub fn from_summaries(it: impl IntoIterator<Item = SpinSummary>) -> Self {
        let mut lm = LanguageModel::default();
        for s in it {
            lm.add(s);
        }
        lm.finish()
    }

    /// Map and reduce over an in-memory corpus, one partial per thread.
    pub fn build(docs: &[Document]) -> Self {
        let ok: Vec<&Document> = docs.iter().filter(|d| d.is_ok()).collect();
        let parts = rayon::current_num_threads().max(1);
        let chunk = ok.len().div_ceil(parts).max(1);
        let partials: Vec<LanguageModel> = ok
            .par_chunks(chunk)
            .map(|c| LanguageModel::from_summaries(c.iter().map(|d| doc_summary(d))))
            .collect();
        let mut lm = LanguageModel::default();
        for p in partials {
            lm.merge(p);
        }
        lm.finish()
    }

    /// The verdict recorded for a document at build time (computed now if unknown).
    pub fn verdict_of(&self, doc: &Document) -> SpinVerdict {
        self.verdicts
            .get(&doc.doc_id)
            .cloned()
            .unwrap_or_else(|| verdict(doc.text.text(), &Scorer::default()))
    }
}

/// Candidates that count as evidence of spinning, each scored in context: thesaurus
/// entries (joined pairs left out, they would count twice) and the rule families that
/// only spinners produce (number words glued to digits, spelled-out list numbers,
/// inserted link-spam phrases).
fn evidence_candidates(
    text: &str,
    toks: &[Token],
    sc: &Scorer,
) -> (Vec<Candidate>, usize, usize, usize, Vec<f64>) {
    let segs = Segments::new(toks);
    let mut cands = candidates::thesaurus(text, toks);
    cands.retain(|c| !c.note.contains(" + "));
    cands.extend(candidates::number_ranges(toks));
    cands.extend(candidates::numbered_headings(text, toks));
    cands.extend(candidates::link_spam(toks, &segs, sc));
    for c in &mut cands {
        candidates::evaluate(c, toks, &segs, sc);
    }
    let (hits, content) = general::swap_hits(toks, &segs, sc);
    let rare = general::rare_misfits(text, toks, &segs, sc);
    let feats = docmodel::features(text, toks, &segs, &hits, content, rare, 0.0);
    (cands, hits.len(), content, rare, feats)
}

/// The document model's features (`docmodel::FEATURES`), for calibration scripts.
pub fn doc_features(text: &str) -> Vec<f64> {
    judge_full(text, &tokenize(text), &Scorer::default()).2
}

/// The document model's feature names.
pub const DOC_FEATURES: &[&str] = docmodel::FEATURES;

/// Judge a text: the score is the weight of spin evidence that beats the original in
/// context, per 100 words (a thesaurus fingerprint or a rule-family hit counts double).
/// (The share of word pairs unknown to the general bigram table was tried as a second
/// signal and dropped: the table is too sparse, clean articles measured 16-34%, spun
/// ones 27-39%.)
pub fn verdict(text: &str, sc: &Scorer) -> SpinVerdict {
    judge(text, sc).0
}

/// The verdict, and whether the curated evidence alone makes the text spun.
fn judge(text: &str, sc: &Scorer) -> (SpinVerdict, bool) {
    judge_tokens(text, &tokenize(text), sc)
}

/// `judge` on the text's tokens (`tokenize(text)`), when the caller has them already.
fn judge_tokens(text: &str, toks: &[Token], sc: &Scorer) -> (SpinVerdict, bool) {
    let (v, curated, _) = judge_full(text, toks, sc);
    (v, curated)
}

/// `judge_tokens`, with the document model's features.
fn judge_full(text: &str, toks: &[Token], sc: &Scorer) -> (SpinVerdict, bool, Vec<f64>) {
    let (cands, swap_hits, content, rare, mut feats) = evidence_candidates(text, toks, sc);
    let words = toks.iter().filter(|t| t.is_word).count();
    let mut hits: BTreeMap<String, usize> = BTreeMap::new();
    let mut weight = 0.0;
    let mut seen = BTreeSet::new();
    for c in cands.iter().filter(|c| c.delta >= required_margin(c)) {
        if !seen.insert(c.range.start) {
            continue;
        }
        let strong = c.rule != "P001" || c.prior >= 3.0;
        weight += if strong { 2.0 } else { 1.0 };
        *hits.entry(c.note.clone()).or_default() += 1;
    }
    // A short text is scored as if it had DENSITY_MIN_WORDS words, so one or two chance
    // hits cannot make it spun.
    let score = 100.0 * weight / words.max(DENSITY_MIN_WORDS) as f64;
    let n_hits: usize = hits.values().sum();
    let mut top: Vec<(&String, &usize)> = hits.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = top
        .iter()
        .take(8)
        .map(|(n, k)| format!("{n} x{k}"))
        .collect();
    let curated_spun = score >= SPUN_THRESHOLD && n_hits >= MIN_HITS;
    // General evidence: the document model over thesaurus-independent features (the
    // curated score, capped, is one of them), scaled so its threshold meets the curated
    // score's.
    if let Some(last) = feats.last_mut() {
        *last = score.min(2.0 * SPUN_THRESHOLD);
    }
    let m = &*docmodel::MODEL;
    let model = m.score(&feats);
    let model_spun = model > m.threshold;
    let combined = score.max(model / m.threshold * SPUN_THRESHOLD);
    let lone = feats.get(3).copied().unwrap_or(0.0) * content.max(docmodel::MIN_CONTENT) as f64;
    let v = SpinVerdict {
        spun: curated_spun || model_spun,
        score: (combined * 1000.0).round() / 1000.0,
        evidence: format!(
            "score={score:.2} per 100 words (threshold {SPUN_THRESHOLD}, at least {MIN_HITS} hits); {n_hits} winning candidates in {words} words: {}; swap hits {swap_hits}, rare misfits {rare} in {content} content words, lone misfits {lone:.0}; document model {model:.4} (threshold {})",
            listed.join("; "),
            m.threshold
        ),
    };
    (v, curated_spun, feats)
}

/// Margin a candidate needs to be applied: a thesaurus entry whose spun side is ordinary
/// English (negative prior) needs 2 nats more per nat of doubt, so plain synonyms a writer
/// may well have chosen ("decrease", "boost") are left alone unless context is clear.
fn required_margin(c: &Candidate) -> f64 {
    if is_broad(c) {
        BROAD_APPLY_MARGIN
    } else if c.rule == "P001" {
        APPLY_MARGIN + 2.0 * (-c.prior).clamp(0.0, 2.0)
    } else {
        APPLY_MARGIN
    }
}

fn suggest_margin(c: &Candidate) -> f64 {
    if is_broad(c) {
        BROAD_SUGGEST_MARGIN
    } else {
        SUGGEST_MARGIN
    }
}

/// A short all-capitals word ("HR", "USA"): an acronym the writer chose.
fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=5).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase())
}

fn is_broad(c: &Candidate) -> bool {
    c.rule == "P008" || c.rule == "P009"
}

fn confidence(delta: f64) -> f32 {
    (1.0 / (1.0 + (-(delta - APPLY_MARGIN) / 2.0).exp())) as f32
}

fn evidence(c: &Candidate) -> String {
    if c.fixed {
        format!("{}; rule prior {:.1}", c.note, c.prior)
    } else {
        format!(
            "{}; lm_orig={:.2} lm_cand={:.2} prior={:.1} margin={:.2}",
            c.note, c.lm_orig, c.lm_cand, c.prior, c.delta
        )
    }
}

/// One scored candidate, for measuring and calibration (not a stable interface).
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct CandidateInfo {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub after: String,
    pub delta: f64,
    pub prior: f64,
    pub fit_orig: (bool, bool),
    pub fit_cand: (bool, bool),
    pub count_orig: u64,
    pub count_cand: u64,
}

/// Every candidate of a text scored as restoration would score it (first pass).
#[doc(hidden)]
pub fn debug_candidates(doc: &Document, lm: &LanguageModel) -> Vec<CandidateInfo> {
    let text = doc.text.text();
    let own = lm
        .included
        .contains(&doc.doc_id)
        .then(|| DocCounts::from_tokens(&tokenize(text)));
    let sc = Scorer {
        domain: Some(&lm.domain),
        own: own.as_ref(),
    };
    let toks = tokenize(text);
    let segs = Segments::new(&toks);
    let mut cands = candidates::thesaurus(text, &toks);
    let (hits, _) = general::swap_hits(&toks, &segs, &sc);
    cands.extend(general::broad_candidates(text, &toks, &hits));
    let count = |p: &str| {
        p.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(|w| crate::lexicon::word_count(&w.to_lowercase()))
            .min()
            .unwrap_or(0)
    };
    cands
        .into_iter()
        .map(|mut c| {
            candidates::evaluate(&mut c, &toks, &segs, &sc);
            CandidateInfo {
                rule: c.rule,
                start: c.range.start,
                end: c.range.end,
                before: text[c.range.clone()].to_string(),
                count_orig: count(&text[c.range.clone()]),
                count_cand: count(&c.after),
                after: c.after,
                delta: c.delta,
                prior: c.prior,
                fit_orig: c.fit_orig,
                fit_cand: c.fit_cand,
            }
        })
        .collect()
}

/// Detect and repair spun wording in one document.
pub fn respin_document(doc: &mut Document, lm: &LanguageModel) {
    let verdict = lm.verdict_of(doc);
    let spun = verdict.spun;
    let curated = if lm.verdicts.contains_key(&doc.doc_id) {
        lm.curated.contains(&doc.doc_id)
    } else {
        judge(doc.text.text(), &Scorer::default()).1
    };
    doc.spin = verdict;
    restore(doc, lm, spun, curated);
}

/// Repair a document as if it had been judged spun, whatever its score: for measuring
/// how many correct words the repairs would change in text the spinner left alone.
pub fn respin_assuming_spun(doc: &mut Document, lm: &LanguageModel) {
    doc.spin = lm.verdict_of(doc);
    restore(doc, lm, true, true);
}

/// Repair a document. `curated`: the curated thesaurus's own evidence judged it spun, so
/// its entries whose spun side is ordinary English may apply; in a document judged spun
/// from general evidence only, those are suggestions (they fit the seed spinner's style,
/// not every spinner's).
fn restore(doc: &mut Document, lm: &LanguageModel, spun: bool, curated: bool) {
    let own = lm
        .included
        .contains(&doc.doc_id)
        .then(|| DocCounts::from_tokens(&tokenize(doc.text.text())));
    let sc = Scorer {
        domain: Some(&lm.domain),
        own: own.as_ref(),
    };
    let mut suggested: BTreeMap<(usize, usize, String), Suggestion> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let text = doc.text.text().to_string();
        let toks = tokenize(&text);
        let segs = Segments::new(&toks);
        let mut cands = candidates::thesaurus(&text, &toks);
        cands.extend(candidates::number_ranges(&toks));
        cands.extend(candidates::numbered_headings(&text, &toks));
        if spun {
            cands.extend(candidates::spelled_quantities(&toks));
            cands.extend(candidates::duration_times(&toks));
            cands.extend(candidates::corpus_slots(&text, &toks, &segs, &sc));
            cands.extend(candidates::link_spam(&toks, &segs, &sc));
            let (hits, _) = general::swap_hits(&toks, &segs, &sc);
            cands.extend(general::broad_candidates(&text, &toks, &hits));
        }
        for c in &mut cands {
            candidates::evaluate(c, &toks, &segs, &sc);
            if !curated && c.rule == "P001" && c.prior < FINGERPRINT_PRIOR {
                c.suggest_only = true;
            }
            if c.rule == "P001" && is_acronym(&text[c.range.clone()]) {
                // "HR" is an acronym, not a spinner's "hr" for "hour".
                c.suggest_only = true;
            }
        }
        if spun {
            general::promote_single_words(&mut cands, &text, &toks, BROAD_APPLY_MARGIN);
        }
        cands.sort_by(|a, b| {
            b.delta
                .total_cmp(&a.delta)
                .then(a.first.cmp(&b.first))
                .then(a.after.cmp(&b.after))
        });
        // Accept the best candidates whose contexts do not touch (one token apart), so
        // each decision saw the words it will sit next to.
        // Tokens taken by accepted candidates (checks stay linear in the span).
        let mut taken = vec![false; toks.len() + 1];
        let mut reps = Vec::new();
        for c in &cands {
            let allowed = (spun || c.mechanical) && !c.suggest_only;
            let free = !taken[c.first.saturating_sub(1)..=c.last.min(toks.len())]
                .iter()
                .any(|&t| t);
            let overlaps_taken = taken[c.first..c.last].iter().any(|&t| t);
            // A broad-thesaurus wording must fit both of its neighbours.
            let broad_ok = !is_broad(c) || c.fit_cand == (true, true);
            if allowed && broad_ok && c.delta >= required_margin(c) && free {
                taken[c.first..c.last].fill(true);
                reps.push(
                    Replacement::new(c.range.clone(), c.after.clone(), c.rule)
                        .with_confidence(confidence(c.delta))
                        .with_evidence(evidence(c)),
                );
            } else if !overlaps_taken
                && ((allowed && c.delta >= suggest_margin(c))
                    || (!spun && c.delta >= APPLY_MARGIN && c.prior >= FINGERPRINT_PRIOR)
                    || (spun && c.suggest_only && c.delta >= APPLY_MARGIN))
            {
                let raw = doc.text.raw_span(c.range.clone());
                suggested
                    .entry((raw.start, raw.end, c.after.clone()))
                    .or_insert_with(|| Suggestion {
                        rule: c.rule,
                        raw_start: raw.start,
                        raw_end: raw.end,
                        before: text[c.range.clone()].to_string(),
                        after: c.after.clone(),
                        confidence: confidence(c.delta),
                        evidence: evidence(c),
                    });
            }
        }
        if reps.is_empty() || doc.text.apply(reps) == 0 {
            break;
        }
    }
    // A suggestion the repairs made moot (its span was rewritten) is dropped.
    let edited: Vec<(usize, usize)> = doc
        .text
        .edits()
        .iter()
        .filter(|e| e.rule.starts_with('P'))
        .map(|e| (e.raw_start, e.raw_end))
        .collect();
    doc.suggestions.extend(suggested.into_values().filter(|s| {
        !edited
            .iter()
            .any(|&(a, b)| s.raw_start < b && a < s.raw_end)
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_text(id, text)
    }

    const CLEAN_A: &str = "Neck Pain Basics\nNeck pain often comes from poor posture. Gentle stretching and heat therapy help tight muscles relax.\nApply a warm compress to the skin for 15-20 minutes. See a doctor if the pain spreads to your arms.\nThe pain may come back again after a long drive.";
    const CLEAN_B: &str = "Easing a Stiff Neck\nA stiff neck usually improves within a few days. Heat therapy and gentle movement relax the muscles.\nAvoid sleeping on a high pillow. See a doctor if the pain lasts more than 10 days.";
    const SPUN: &str = "Neck Agony Fundamentals\nNeck agony frequently arrives from weak posture. Light stretching and warmth therapy assist limited muscle mass chill out.\nApply a heat compress to the pores and skin for 15-twenty minutes. See a medical doctor if the agony spreads to your weapons.";

    fn run(texts: &[(&str, &str)]) -> Vec<Document> {
        let mut docs: Vec<Document> = texts.iter().map(|(i, t)| doc(i, t)).collect();
        let lm = LanguageModel::build(&docs);
        for d in &mut docs {
            respin_document(d, &lm);
        }
        docs
    }

    #[test]
    fn spun_document_is_detected_and_repaired() {
        let docs = run(&[("a", CLEAN_A), ("b", CLEAN_B), ("s", SPUN)]);
        let s = &docs[2];
        assert!(s.spin.spun, "{:?}", s.spin);
        let t = s.text.text();
        for bad in [
            "agony",
            "pores and skin",
            "muscle mass",
            "medical doctor",
            "twenty",
        ] {
            assert!(!t.to_lowercase().contains(bad), "{bad} left in {t}");
        }
        assert!(
            t.contains("Neck Pain") && t.contains("15-20 minutes"),
            "{t}"
        );
        for e in s.text.edits() {
            assert!(crate::rules::get(e.rule).is_some());
            assert!(!e.evidence.is_empty());
        }
    }

    #[test]
    fn clean_documents_are_not_rewritten() {
        let docs = run(&[("a", CLEAN_A), ("b", CLEAN_B), ("s", SPUN)]);
        for d in &docs[..2] {
            assert!(!d.spin.spun, "{:?}", d.spin);
            assert!(d.text.edits().is_empty(), "{:?}", d.text.edits());
        }
    }

    #[test]
    fn legitimate_spinner_phrases_do_not_make_a_clean_article_spun() {
        let text = "Strength After 50\nAdults lose muscle mass every decade after 30. Lifting weights twice a week slows the loss.\nOlder adults need more protein to build muscle tissue. If you have heart disease, talk to your doctor first.\nRest a day between sessions that work the same muscle groups.";
        let docs = run(&[("a", CLEAN_A), ("b", CLEAN_B), ("m", text)]);
        assert!(!docs[2].spin.spun, "{:?}", docs[2].spin);
        assert_eq!(docs[2].text.text(), text);
    }

    #[test]
    fn repairs_converge() {
        let docs = run(&[("a", CLEAN_A), ("b", CLEAN_B), ("s", SPUN)]);
        let once: Vec<(String, String)> = docs
            .iter()
            .map(|d| (d.doc_id.clone(), d.text.text().to_string()))
            .collect();
        let pairs: Vec<(&str, &str)> = once.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
        let twice = run(&pairs);
        for (d, (_, t)) in twice.iter().zip(&once) {
            assert_eq!(d.text.text(), t);
        }
    }

    #[test]
    fn acronyms_are_not_spun_words() {
        assert!(is_acronym("HR") && is_acronym("NASA"));
        assert!(!is_acronym("Hr") && !is_acronym("hour") && !is_acronym("A"));
    }

    #[test]
    fn rules_are_registered() {
        for r in RULES {
            assert!(r.code.starts_with('P') && r.stage == "spin");
        }
    }
}
