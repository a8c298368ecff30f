//! Contradictions by negation and antonymy: one subject, the same content, opposite
//! polarity ("use heat on a fresh injury" against "do not use heat on a fresh injury";
//! "heat boosts blood flow" against "heat reduces blood flow"). Advice against a limited
//! form of something ("avoid prolonged bed rest") against advice for it ("rest") is a
//! question of scope: flagged for a person, not asserted.

use super::words::{self, Token, CUES, STOPWORDS};
use super::{ids, rule_code, Candidate, Provenance, KIND_CONTRADICTION};
use crate::model::Fact;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Share of content two statements need in common to be the same statement.
const NEGATION_OVERLAP: f64 = 0.6;
/// Share of the remaining content needed around opposite verbs.
const ANTONYM_OVERLAP: f64 = 0.5;
/// Words of content two statements must share at least.
const MIN_SHARED: usize = 2;
/// How close a scope qualifier or advice verb must be to the subject's words.
const SCOPE_WINDOW: usize = 3;
const ADVICE_WINDOW: usize = 5;

/// (antonym group, direction, object stem): "reduces swelling" -> ("more", false, "swell").
type Predication = (&'static str, bool, String);

struct Profile<'a> {
    fact: &'a Fact,
    topic: String,
    negative: bool,
    /// Content stems; antonyms as their group and direction ("more+", "more-").
    content: BTreeSet<String>,
    /// The content without the antonyms.
    plain: BTreeSet<String>,
    predications: BTreeSet<Predication>,
    /// The scope qualifier next to the subject's words, if any ("prolonged").
    scope: Option<String>,
    /// An advice verb before the subject's words ("give your body rest").
    advises: bool,
}

fn profile(fact: &Fact) -> Option<Profile<'_>> {
    let topic = fact.topic.as_deref()?.trim().to_lowercase();
    if topic.is_empty() {
        return None;
    }
    let toks = words::tokens(&fact.statement);
    let topic_stems: BTreeSet<String> = words::tokens(&topic)
        .iter()
        .map(|t| words::stem(&t.word))
        .collect();
    let is_topic = |t: &Token| topic_stems.contains(&words::stem(&t.word));
    // Words that carry polarity, scope or the subject's names are not content.
    let mut skip = vec![false; toks.len()];
    let mut mark = |at: usize, len: usize| {
        for s in skip.iter_mut().skip(at).take(len) {
            *s = true;
        }
    };
    let negations = CUES.find("negation", &toks);
    let scopes = CUES.find("scope", &toks);
    for m in negations
        .iter()
        .chain(&scopes)
        .chain(&CUES.find("limit", &toks))
    {
        mark(m.at, m.len);
    }
    for m in words::FAMILIES.find(&toks) {
        mark(m.at, m.len);
    }
    let content_at = |i: usize| {
        let w = toks[i].word.as_str();
        !skip[i]
            && !is_topic(&toks[i])
            && !STOPWORDS.contains(w)
            && !w.chars().all(|c| c.is_ascii_digit())
    };
    let mut content = BTreeSet::new();
    let mut predications = BTreeSet::new();
    for i in (0..toks.len()).filter(|&i| content_at(i)) {
        match words::antonym(&toks[i].word) {
            Some((label, dir)) => {
                content.insert(format!("{label}{}", if dir { '+' } else { '-' }));
                if let Some(j) = (i + 1..toks.len()).find(|&j| content_at(j)) {
                    predications.insert((label, dir, words::stem(&toks[j].word)));
                }
            }
            None => {
                content.insert(words::stem(&toks[i].word));
            }
        }
    }
    let topic_at: Vec<usize> = (0..toks.len()).filter(|&i| is_topic(&toks[i])).collect();
    let near = |at: usize, len: usize, window: usize| {
        topic_at
            .iter()
            .any(|&t| t + window >= at && t <= at + len + window)
    };
    let scope = scopes
        .iter()
        .find(|m| near(m.at, m.len, SCOPE_WINDOW))
        .map(|m| {
            toks[m.at..m.at + m.len]
                .iter()
                .map(|t| t.word.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
    let advises = topic_at.first() == Some(&0)
        || CUES.find("advice", &toks).iter().any(|m| {
            topic_at
                .iter()
                .any(|&t| t > m.at && t <= m.at + ADVICE_WINDOW)
        });
    Some(Profile {
        fact,
        topic,
        negative: fact.negated || !negations.is_empty(),
        plain: without_antonyms(&content),
        content,
        predications,
        scope,
        advises,
    })
}

/// One topic, or one the other narrows ("rest" and "bed rest").
fn related(a: &str, b: &str) -> bool {
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

/// For each topic, the profiles whose topic is related to it (see [`related`]),
/// ascending: the only pairs that can contradict, found through an index of topics by
/// their word-boundary tails instead of by comparing every pair.
fn related_index<'p>(profiles: &'p [Profile]) -> BTreeMap<&'p str, Vec<usize>> {
    let mut by_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in profiles.iter().enumerate() {
        by_topic.entry(p.topic.as_str()).or_default().push(i);
    }
    // "bed rest" under "rest": topics by each tail after one of their spaces.
    let mut by_tail: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for t in by_topic.keys() {
        for (q, _) in t.match_indices(' ') {
            by_tail.entry(&t[q + 1..]).or_default().push(t);
        }
    }
    by_topic
        .keys()
        .map(|&t| {
            let mut topics: Vec<&str> = vec![t];
            topics.extend(t.match_indices(' ').map(|(q, _)| &t[q + 1..]));
            topics.extend(by_tail.get(t).into_iter().flatten().copied());
            let mut v: Vec<usize> = topics
                .into_iter()
                .filter(|x| related(t, x))
                .flat_map(|x| by_topic.get(x).into_iter().flatten().copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            (t, v)
        })
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (f64, usize) {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        (0.0, 0)
    } else {
        (shared as f64 / union as f64, shared)
    }
}

/// An object both statements act on in opposite directions.
fn opposed_object(a: &Profile, b: &Profile) -> Option<String> {
    a.predications.iter().find_map(|(label, dir, obj)| {
        let flipped = (*label, !*dir, obj.clone());
        (b.predications.contains(&flipped)
            && !a.predications.contains(&flipped)
            && !b.predications.contains(&(*label, *dir, obj.clone())))
        .then(|| obj.clone())
    })
}

fn without_antonyms(s: &BTreeSet<String>) -> BTreeSet<String> {
    s.iter()
        .filter(|w| !w.ends_with(['+', '-']))
        .cloned()
        .collect()
}

/// The rule by which two statements contradict, if one does.
fn judge(a: &Profile, b: &Profile) -> Option<&'static str> {
    if a.fact.id == b.fact.id || !related(&a.topic, &b.topic) {
        return None;
    }
    let opposed = || !a.predications.is_empty() && opposed_object(a, b).is_some();
    if a.negative == b.negative {
        // Same polarity: only opposite verbs on one object can disagree.
        if a.topic != b.topic || !opposed() {
            return None;
        }
        let (share, shared) = jaccard(&a.plain, &b.plain);
        return (share >= ANTONYM_OVERLAP && shared >= 1).then_some("antonymy");
    }
    if opposed() {
        // A denial of the opposite is agreement ("does not reduce" = "boosts").
        return None;
    }
    let (neg, pos) = if a.negative { (a, b) } else { (b, a) };
    if neg.scope.is_some() && pos.scope.is_none() {
        return pos.advises.then_some("scope-qualified");
    }
    let (share, shared) = jaccard(&a.content, &b.content);
    (a.topic == b.topic && share >= NEGATION_OVERLAP && shared >= MIN_SHARED).then_some("negation")
}

fn quote(s: &str) -> String {
    let s = s.trim();
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{}...", cut.trim_end())
    }
}

pub(crate) fn find(facts: &[Fact], prov: &Provenance) -> Vec<Candidate> {
    let profiles: Vec<Profile> = facts.iter().filter_map(profile).collect();
    // (rule, subject) -> first side fact -> the facts it is opposed to.
    let mut pairs: BTreeMap<(&str, String), BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, &Profile> = BTreeMap::new();
    let related_to = related_index(&profiles);
    // Candidates, so that a topic with many facts is not every pair of them: two
    // statements of one polarity disagree only by opposite verbs on one object in one
    // topic (looked up by that predication); of opposite polarity, any related pair.
    let mut by_predication: HashMap<(&str, &str, bool, &str), Vec<usize>> = HashMap::new();
    for (j, p) in profiles.iter().enumerate() {
        for (label, dir, obj) in &p.predications {
            by_predication
                .entry((p.topic.as_str(), *label, *dir, obj.as_str()))
                .or_default()
                .push(j);
        }
    }
    let of_polarity = |negative: bool| -> BTreeMap<&str, Vec<usize>> {
        related_to
            .iter()
            .map(|(t, v)| {
                let v = v
                    .iter()
                    .copied()
                    .filter(|&j| profiles[j].negative == negative);
                (*t, v.collect())
            })
            .collect()
    };
    let (related_negative, related_positive) = (of_polarity(true), of_polarity(false));
    let mut candidates: Vec<usize> = Vec::new();
    for (i, a) in profiles.iter().enumerate() {
        by_id.insert(a.fact.id.as_str(), a);
        candidates.clear();
        for (label, dir, obj) in &a.predications {
            let key = (a.topic.as_str(), *label, !*dir, obj.as_str());
            let same = by_predication.get(&key).into_iter().flatten().copied();
            candidates.extend(same.filter(|&j| j > i && profiles[j].negative == a.negative));
        }
        let opposite = if a.negative {
            &related_positive[a.topic.as_str()]
        } else {
            &related_negative[a.topic.as_str()]
        };
        candidates.extend_from_slice(&opposite[opposite.partition_point(|&j| j <= i)..]);
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            let b = &profiles[j];
            let Some(rule) = judge(a, b) else {
                continue;
            };
            if !prov.independent(&a.fact.id, &b.fact.id) {
                continue;
            }
            // The first side: the positive statement, or the one with the raising verb.
            let a_first = match rule {
                "antonymy" => opposed_object(a, b)
                    .is_some_and(|o| a.predications.iter().any(|(_, d, ob)| *d && *ob == o)),
                _ => !a.negative,
            };
            let (x, y) = if a_first { (a, b) } else { (b, a) };
            let subject = if x.topic.len() >= y.topic.len() {
                &x.topic
            } else {
                &y.topic
            };
            pairs
                .entry((rule, subject.clone()))
                .or_default()
                .entry(x.fact.id.as_str())
                .or_default()
                .insert(y.fact.id.as_str());
        }
    }
    let mut out = Vec::new();
    for ((rule, subject), firsts) in pairs {
        // Facts opposed to the same set become one side.
        let mut by_set: BTreeMap<BTreeSet<&str>, Vec<&str>> = BTreeMap::new();
        for (x, ys) in firsts {
            by_set.entry(ys).or_default().push(x);
        }
        for (ys, xs) in by_set {
            let side = |list: Vec<&str>| -> Vec<&Fact> {
                list.into_iter()
                    .filter_map(|id| by_id.get(id).map(|p| p.fact))
                    .collect()
            };
            let (fx, fy) = (side(xs), side(ys.into_iter().collect()));
            let (Some(px), Some(py)) = (fx.first(), fy.first()) else {
                continue;
            };
            let (vx, vy) = (quote(&px.statement), quote(&py.statement));
            let explanation = match rule {
                "negation" => {
                    format!("One source states \"{vx}\" and another denies it: \"{vy}\".")
                }
                "antonymy" => {
                    let obj = by_id
                        .get(px.id.as_str())
                        .zip(by_id.get(py.id.as_str()))
                        .and_then(|(a, b)| opposed_object(a, b))
                        .unwrap_or_default();
                    format!(
                        "For {subject}, \"{vx}\" and \"{vy}\" say opposite things about \"{obj}\"."
                    )
                }
                _ => {
                    let qual = by_id
                        .get(py.id.as_str())
                        .and_then(|p| p.scope.clone())
                        .unwrap_or_default();
                    format!(
                        "\"{vx}\" recommends {subject}, while \"{vy}\" warns only against a limited form of it ({qual}); a person should decide whether they disagree."
                    )
                }
            };
            out.push(Candidate {
                kind: KIND_CONTRADICTION,
                subject: subject.clone(),
                sides: vec![(vx, ids(&fx)), (vy, ids(&fy))],
                severity: if rule == "scope-qualified" {
                    "minor"
                } else {
                    "major"
                },
                rule: rule_code(rule),
                explanation,
                needs_review: rule == "scope-qualified",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find_conflicts;
    use super::super::fixtures::*;
    use super::*;

    fn f(id: &str, topic: &str, s: &str, doc: &str) -> Fact {
        fact(id, Some(topic), s, &[doc], vec![])
    }
    fn run(facts: &[Fact]) -> Vec<crate::model::Conflict> {
        let mut d: Vec<&str> = facts
            .iter()
            .map(|f| f.citations[0].doc_id.as_str())
            .collect();
        d.sort();
        d.dedup();
        find_conflicts(facts, &docs(&d))
    }

    #[test]
    fn an_assertion_and_its_denial_contradict() {
        let out = run(&[
            f("p", "heat therapy", "Put heat on a fresh sprain.", "a"),
            f(
                "n",
                "heat therapy",
                "Never put heat on a fresh sprain.",
                "b",
            ),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(
            (out[0].kind.as_str(), out[0].rule.as_str()),
            ("contradiction", "X007")
        );
        assert_eq!(out[0].sides[0].fact_ids, vec!["p"]);
        assert_eq!(out[0].sides[1].fact_ids, vec!["n"]);
        assert!(!out[0].needs_review);
    }

    #[test]
    fn the_claims_negated_flag_counts_as_negation() {
        let mut n = f("n", "heat therapy", "Heat on a fresh sprain is wise.", "b");
        n.negated = true;
        let out = run(&[
            f("p", "heat therapy", "Heat on a fresh sprain is wise.", "a"),
            n,
        ]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn different_content_or_subjects_do_not_contradict() {
        let out = run(&[
            f(
                "p",
                "heat therapy",
                "Heat loosens stiff joints in the morning.",
                "a",
            ),
            f(
                "n",
                "heat therapy",
                "Do not put heat on an open wound.",
                "b",
            ),
            f("q", "cold therapy", "Never put ice on a fresh sprain.", "c"),
            f("r", "heat therapy", "Put heat on a fresh sprain.", "d"),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn opposite_verbs_on_one_object_are_antonyms() {
        let out = run(&[
            f(
                "a",
                "stretching",
                "Stretching boosts circulation in the hamstrings.",
                "a",
            ),
            f(
                "b",
                "stretching",
                "Stretching reduces circulation in the hamstrings.",
                "b",
            ),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].rule, "X008");
        assert_eq!(out[0].sides[0].fact_ids, vec!["a"]);
        assert!(
            out[0].explanation.contains("circulation"),
            "{}",
            out[0].explanation
        );
        // Synonyms in one direction agree, and a denial of the opposite agrees.
        let out = run(&[
            f(
                "a",
                "stretching",
                "Stretching boosts circulation in the hamstrings.",
                "a",
            ),
            f(
                "b",
                "stretching",
                "Stretching increases circulation in the hamstrings.",
                "b",
            ),
            f(
                "c",
                "stretching",
                "Stretching does not reduce circulation in the hamstrings.",
                "c",
            ),
        ]);
        assert!(out.is_empty(), "{out:#?}");
        // Opposite verbs on different objects are no contradiction.
        let out = run(&[
            f("a", "stretching", "Stretching boosts circulation.", "a"),
            f("b", "stretching", "Stretching reduces stiffness.", "b"),
        ]);
        assert!(out.is_empty(), "{out:#?}");
        // Movements of one exercise are steps, not opposite claims.
        let out = run(&[
            f(
                "a",
                "stretching",
                "Slowly raise your hips off the floor.",
                "a",
            ),
            f(
                "b",
                "stretching",
                "Slowly lower your hips to the floor.",
                "b",
            ),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn limited_scope_warnings_need_review() {
        let out = run(&[
            f(
                "p",
                "rest",
                "Give your sore back the rest it asks for.",
                "a",
            ),
            f(
                "n",
                "bed rest",
                "Avoid extended bed rest after a strain.",
                "b",
            ),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        let c = &out[0];
        assert_eq!(c.rule, "X009");
        assert!(c.needs_review);
        assert_eq!(c.subject, "bed rest");
        assert!(c.explanation.contains("extended"), "{}", c.explanation);
        // A limit stated as a number is not a negation ("no more than").
        let out = run(&[
            f(
                "p",
                "rest",
                "Give your sore back the rest it asks for.",
                "a",
            ),
            f("n", "rest", "Take no more than two days of rest.", "b"),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn unrelated_topics_stay_apart() {
        assert!(related("rest", "bed rest"));
        assert!(!related("rest", "arrest"));
        assert!(!related("heat therapy", "cold therapy"));
        let out = run(&[
            f("p", "massage", "Get a massage for a tight back.", "a"),
            f("n", "bed rest", "Avoid prolonged bed rest.", "b"),
        ]);
        assert!(out.is_empty());
    }

    #[test]
    fn copies_do_not_contradict_each_other() {
        let facts = vec![
            f("p", "heat therapy", "Put heat on a fresh sprain.", "orig"),
            f(
                "n",
                "heat therapy",
                "Never put heat on a fresh sprain.",
                "copy",
            ),
        ];
        let d = vec![doc("orig", "", None), doc("copy", "", Some("orig"))];
        assert!(find_conflicts(&facts, &d).is_empty());
    }

    #[test]
    fn long_statements_are_cut_for_values() {
        let long = "word ".repeat(60);
        assert!(quote(&long).ends_with("...") && quote(&long).len() < 130);
        assert_eq!(quote(" short "), "short");
    }
}
