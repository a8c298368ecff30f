//! Mojibake: UTF-8 bytes that were decoded with a single-byte codec, once or several
//! times. Following ftfy, text is re-decoded only when the result is clearly more
//! plausible ([`badness`] drops) and the re-encoded bytes are valid UTF-8, in order:
//!
//! 1. a line whose every character encodes in a codec, and whose every non-ASCII
//!    character is part of a UTF-8 sequence under it, is decoded as a whole;
//! 2. otherwise each run of non-ASCII characters is looked at: candidate spans under
//!    every codec, each judged with three characters of context either side and with
//!    the layers below it undone too, the best non-overlapping ones kept;
//! 3. guards for correct text ([`guards`]): the word around a span must encode in the
//!    codec, the output must not put two scripts side by side, a line with characters
//!    the codec lacks needs more evidence, and a span that two codecs read as
//!    different text needs a second span (or a plain one) to choose between them.
//!
//! Handled on the way: CESU-8 surrogate pairs, a 0xA0 byte that was turned into a
//! space, and lossy sequences (a byte lost to `?` or U+FFFD) which become one U+FFFD.
//! One call undoes one layer; the caller passes over a changed line again for the
//! layers below, so each is judged in its whole line. Work is linear in the line.

mod guards;
mod sequences;

use super::badness::{badness, kind, Kind};
use super::codecs::Codec;
use guards::{clashes, encodes_all, punctuated_word, word_encodes};
use sequences::{clusters, Cluster};

/// Layers of damage undone at most (ftfy's cases go to three).
pub const MAX_LAYERS: usize = 4;
/// Layers a candidate is judged with: its own and the ones below it (each pass over a
/// line undoes one layer, so deeper ones are judged again in the next pass).
const JUDGED_LAYERS: usize = 3;
/// Context characters either side for judging a candidate.
const CTX: usize = 3;
/// How far a word is followed either side of a candidate (keeps the work linear).
const WORD_REACH: usize = 48;

/// A repair of one span of a line.
pub struct Fixed {
    /// Char range in the line.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub evidence: String,
    pub lossy: bool,
    pub weak: bool,
    pub ambiguous: Option<i32>,
    /// The outermost codec undone.
    pub codec: &'static str,
}

/// The last `CTX` chars of `a` followed by `b`.
fn tail(a: &[char], b: &[char]) -> Vec<char> {
    let from_b = b.len().min(CTX);
    let from_a = CTX - from_b;
    let mut v: Vec<char> = a[a.len().saturating_sub(from_a)..].to_vec();
    v.extend_from_slice(&b[b.len() - from_b..]);
    v
}

/// The first `CTX` chars of `a` followed by `b`.
fn head(a: &[char], b: &[char]) -> Vec<char> {
    let from_a = a.len().min(CTX);
    let mut v: Vec<char> = a[..from_a].to_vec();
    v.extend_from_slice(&b[..b.len().min(CTX - from_a)]);
    v
}

fn window(left: &[char], mid: &[char], right: &[char]) -> Vec<char> {
    let l = &left[left.len().saturating_sub(CTX)..];
    let r = &right[..right.len().min(CTX)];
    let mut v = Vec::with_capacity(l.len() + mid.len() + r.len());
    v.extend_from_slice(l);
    v.extend_from_slice(mid);
    v.extend_from_slice(r);
    v
}

/// A chosen re-decoding of chars [start, end) of a segment, all layers undone.
struct Cand {
    start: usize,
    end: usize,
    text: Vec<char>,
    trail: Vec<&'static str>,
    lossy: bool,
    weak: bool,
    /// Another codec reads the span as different text, plausible within this margin.
    ambiguous: Option<i32>,
}

/// The best non-overlapping re-decodings of `seg` (with context), each judged after
/// the further layers below it are undone too (`depth` layers at most). Codecs with a
/// valid but rejected candidate are added to `rejected`.
fn best(
    left: &[char],
    seg: &[char],
    right: &[char],
    depth: usize,
    order: &[Codec],
    rejected: &mut Vec<Codec>,
    foreign: &[Codec],
) -> Vec<Cand> {
    let mut cands: Vec<(i32, usize, Cand)> = Vec::new();
    // Below the outermost layer, `left` and `right` are still text of the layer above.
    let top = depth == JUDGED_LAYERS;
    for (ci, codec) in order.iter().enumerate() {
        for mut c in clusters(*codec, seg, right, left.last().copied()) {
            // A lost byte ('?') right after the span may belong to a deeper layer.
            while depth > 1 && seg.get(c.end) == Some(&'?') {
                c.end += 1;
                c.out.push('?');
            }
            let (wl, wr) = if top {
                (left, right)
            } else {
                (&[][..], &[][..])
            };
            if !word_encodes(*codec, wl, seg, wr, c.start, c.end) {
                if !rejected.contains(codec) {
                    rejected.push(*codec);
                }
                continue;
            }
            let l = tail(left, &seg[..c.start]);
            let r = head(&seg[c.end..], right);
            let mut trail = vec![codec.name()];
            let mut lossy = c.lossy;
            let dec: Vec<char> = c.out.chars().collect();
            // The span is judged with every layer below undone too; the outermost call
            // undoes only its own layer, and the next pass over the line (which sees the
            // whole line, not a window) the layers below.
            let judged = if depth > 1 {
                let (mut t, mut l2) = (trail.clone(), lossy);
                let d = deeper(&l, dec.clone(), &r, depth - 1, order, &mut t, &mut l2);
                if !top {
                    (trail, lossy) = (t, l2);
                }
                d
            } else {
                dec.clone()
            };
            let before = badness(&window(&l, &seg[c.start..c.end], &r));
            // C1 controls left over become Windows-1252 punctuation later (E009).
            let shown: Vec<char> = if *codec == Codec::Cp1252 {
                judged.iter().map(|&c| c1_as_1252(c)).collect()
            } else {
                judged.clone()
            };
            let after = badness(&window(&l, &shown, &r));
            // C1 controls are never text: a span holding them needs no guard.
            let c1 = seg[c.start..c.end].iter().any(|&ch| kind(ch) == Kind::C1);
            let text = if top { dec } else { judged };
            // A line with characters the codec lacks was not decoded with it as a
            // whole: a span in it needs more than the least evidence.
            // So does a span that reads as the end of a word and its punctuation.
            let plausible = top
                && (foreign.contains(codec) || punctuated_word(left, seg, right, c.start, c.end));
            let need = if plausible { 2 } else { 1 };
            if before - after >= need && (c1 || !clashes(&l, &shown, &r)) {
                let cand = Cand {
                    start: c.start,
                    end: c.end,
                    text,
                    trail,
                    lossy,
                    weak: c.weak,
                    ambiguous: None,
                };
                cands.push((before - after, ci, cand));
            } else if !rejected.contains(codec) {
                rejected.push(*codec);
            }
        }
    }
    if top {
        // Two codecs reading the same span as different, about equally plausible text
        // (`DrÃ¥ber`: `å` in Windows-1252, a combining tilde in MacRoman): the line
        // did not decode as a whole either way, so neither reading is safe.
        let margins: Vec<Option<i32>> = cands
            .iter()
            .map(|(gain, ci, c)| {
                cands
                    .iter()
                    .filter(|(_, c2, o)| {
                        c2 != ci && o.start == c.start && o.end == c.end && o.text != c.text
                    })
                    .map(|(g2, _, _)| gain - g2)
                    .min()
                    .filter(|m| *m < 2)
            })
            .collect();
        for ((_, _, c), m) in cands.iter_mut().zip(margins) {
            c.ambiguous = m;
        }
    }
    cands.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(x.2.start.cmp(&y.2.start))
    });
    let mut taken: Vec<Cand> = Vec::new();
    for (_, _, c) in cands {
        if taken.iter().all(|t| c.end <= t.start || c.start >= t.end) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|t| t.start);
    taken
}

/// Undo further layers inside an already re-decoded span.
fn deeper(
    left: &[char],
    seg: Vec<char>,
    right: &[char],
    depth: usize,
    order: &[Codec],
    trail: &mut Vec<&'static str>,
    lossy: &mut bool,
) -> Vec<char> {
    if seg.len() < 2 || seg.iter().all(|c| c.is_ascii()) {
        return seg;
    }
    // Code page 437 is box drawing too; only a whole line can tell (see `fix_line_with`).
    let order: Vec<Codec> = order
        .iter()
        .copied()
        .filter(|c| *c != Codec::Cp437)
        .collect();
    let fixes = best(left, &seg, right, depth, &order, &mut Vec::new(), &[]);
    if fixes.is_empty() {
        return seg;
    }
    let mut next = Vec::with_capacity(seg.len());
    let mut pos = 0;
    for f in fixes {
        next.extend_from_slice(&seg[pos..f.start]);
        next.extend_from_slice(&f.text);
        pos = f.end;
        if trail.len() < 8 {
            trail.extend(f.trail);
        }
        *lossy |= f.lossy;
    }
    next.extend_from_slice(&seg[pos..]);
    next
}

fn c1_as_1252(c: char) -> char {
    if ('\u{80}'..'\u{A0}').contains(&c) {
        Codec::Cp1252.decode(c as u32 as u8)
    } else {
        c
    }
}

/// Is `c` worth starting a run at (could be part of a mojibake sequence)?
#[inline]
fn in_run(c: char) -> bool {
    !c.is_ascii()
}

/// Repairs for one line, as char ranges of `cs`.
/// `repaired_before`: the line had mojibake undone in an earlier pass, which is the
/// evidence a weak candidate needs.
pub fn fix_line(cs: &[char], repaired_before: bool) -> Vec<Fixed> {
    let whole: Vec<bool> = Codec::ALL.iter().map(|c| encodes_all(*c, cs)).collect();
    if let Some(fixes) = whole_line(cs, &whole, repaired_before) {
        return fixes;
    }
    // Codecs that cannot encode the whole line.
    let foreign: Vec<Codec> = Codec::ALL
        .into_iter()
        .zip(&whole)
        .filter(|(_, w)| !**w)
        .map(|(c, _)| c)
        .collect();
    let first = fix_line_with(cs, &Codec::ALL, &foreign, repaired_before);
    // Several codecs in one line: prefer the one used most, on ties too.
    let mut used: Vec<(usize, usize)> = Vec::new();
    for f in &first {
        let k = Codec::ALL
            .iter()
            .position(|c| c.name() == f.codec)
            .unwrap_or(0);
        match used.iter_mut().find(|u| u.1 == k) {
            Some(u) => u.0 += 1,
            None => used.push((1, k)),
        }
    }
    if used.len() < 2 {
        return first;
    }
    // A codec that encodes the whole line comes first (ftfy's whole-text evidence).
    used.sort_by(|a, b| {
        whole[b.1]
            .cmp(&whole[a.1])
            .then(b.0.cmp(&a.0))
            .then(a.1.cmp(&b.1))
    });
    let mut order: Vec<Codec> = used.iter().map(|u| Codec::ALL[u.1]).collect();
    for c in Codec::ALL {
        if !order.contains(&c) {
            order.push(c);
        }
    }
    fix_line_with(cs, &order, &foreign, repaired_before)
}

fn fix_line_with(
    cs: &[char],
    order: &[Codec],
    foreign: &[Codec],
    repaired_before: bool,
) -> Vec<Fixed> {
    let mut out: Vec<Fixed> = Vec::new();
    let mut rejected: Vec<Codec> = Vec::new();
    let n = cs.len();
    let mut i = 0;
    while i < n {
        if !in_run(cs[i]) {
            i += 1;
            continue;
        }
        // A run of non-ASCII chars; '?' and a single space continue it (lost bytes, A0).
        let start = i;
        let mut j = i;
        while j < n {
            let c = cs[j];
            if in_run(c) || c == '?' {
                j += 1;
                continue;
            }
            // A single space after a non-ASCII char may be a 0xA0 byte turned into a space.
            if c == ' ' && !cs[j - 1].is_ascii() {
                match cs.get(j + 1) {
                    Some(&d) if in_run(d) => {
                        j += 1;
                        continue;
                    }
                    Some(&d) if d.is_ascii_lowercase() || d == ' ' => j += 1,
                    _ => {}
                }
            }
            break;
        }
        let seg = &cs[start..j];
        if seg.len() >= 2 {
            let left = &cs[..start];
            let right = &cs[j..];
            for f in best(
                left,
                seg,
                right,
                JUDGED_LAYERS,
                order,
                &mut rejected,
                foreign,
            ) {
                out.push(Fixed {
                    start: start + f.start,
                    end: start + f.end,
                    text: f.text.into_iter().collect(),
                    evidence: f.trail.join(" > "),
                    lossy: f.lossy,
                    weak: f.weak,
                    ambiguous: f.ambiguous,
                    codec: f_codec(&f.trail),
                });
            }
        }
        i = j.max(start + 1);
    }
    // A space read as 0xA0 before a lowercase word counts only beside other mojibake.
    // Ambiguous spans count beside a plain one of the same codec, or when two or more
    // of them favour it (one two-character span is not enough to choose a codec by).
    let settled: Vec<&'static str> = Codec::ALL
        .iter()
        .map(|c| c.name())
        .filter(|name| {
            let mine = out.iter().filter(|f| f.codec == *name);
            let plain = mine.clone().any(|f| f.ambiguous.is_none());
            let margins: Vec<i32> = mine.filter_map(|f| f.ambiguous).collect();
            plain || (margins.len() >= 2 && margins.iter().sum::<i32>() >= 1)
        })
        .collect();
    out.retain(|f| settled.contains(&f.codec));
    if !repaired_before && out.iter().all(|f| f.weak) {
        out.clear();
    }
    // Code page 437 is box drawing too: only when every candidate in the line fits.
    if rejected.contains(&Codec::Cp437) {
        out.retain(|f| f.codec != Codec::Cp437.name());
    }
    out
}

/// ftfy's first test, on a line: every character encodes in the codec, every non-ASCII
/// one is part of a UTF-8 sequence, and the decoded line is less bad. Then the whole
/// line was decoded with that codec, and every sequence in it is undone, including
/// those too weak to count alone (`Å veices`, `Г l'ouest`, `≈Öena≈°eva`).
fn whole_line(cs: &[char], whole: &[bool], repaired_before: bool) -> Option<Vec<Fixed>> {
    // The least bad reading wins (Windows-1250 and ISO-8859-2 both decode `ĂŠ`, as
    // `Ê` and as `é`); ties go to the more common codec.
    let mut best: Option<(i32, Codec, Vec<Cluster>)> = None;
    let mut original: Option<i32> = None;
    for (codec, _) in Codec::ALL.into_iter().zip(whole).filter(|(_, w)| **w) {
        let found = clusters(codec, cs, &[], None);
        let mut covered = 0;
        let mut pos = 0;
        let mut decoded: Vec<char> = Vec::with_capacity(cs.len());
        for c in &found {
            decoded.extend_from_slice(&cs[pos..c.start]);
            decoded.extend(c.out.chars().map(|ch| {
                if codec == Codec::Cp1252 {
                    c1_as_1252(ch)
                } else {
                    ch
                }
            }));
            covered += cs[c.start..c.end]
                .iter()
                .filter(|ch| !ch.is_ascii())
                .count();
            pos = c.end;
        }
        decoded.extend_from_slice(&cs[pos..]);
        let non_ascii = cs.iter().filter(|ch| !ch.is_ascii()).count();
        // A space read as 0xA0 before a lowercase word is no evidence on its own.
        let weak = !repaired_before && found.iter().all(|c| c.weak);
        if found.is_empty() || weak || covered < non_ascii {
            continue;
        }
        let score = badness(&decoded);
        let original = *original.get_or_insert_with(|| badness(cs));
        // Code page 437 is box drawing too, and box art next to letters decodes as a
        // whole as well (to rare letters): it must at least halve the badness.
        let clearly = if codec == Codec::Cp437 {
            score * 2 < original
        } else {
            score < original
        };
        if !clearly {
            continue;
        }
        if best.as_ref().is_some_and(|(b, _, _)| *b <= score) {
            continue;
        }
        let clash = found.iter().any(|c| {
            let out: Vec<char> = c.out.chars().collect();
            let c1 = cs[c.start..c.end].iter().any(|&ch| kind(ch) == Kind::C1);
            !c1 && clashes(&cs[..c.start], &out, &cs[c.end..])
        });
        if !clash {
            best = Some((score, codec, found));
        }
    }
    let (_, codec, found) = best?;
    Some(
        found
            .into_iter()
            .map(|c| Fixed {
                start: c.start,
                end: c.end,
                text: c.out,
                evidence: format!("{} (whole line)", codec.name()),
                lossy: c.lossy,
                weak: c.weak,
                ambiguous: None,
                codec: codec.name(),
            })
            .collect(),
    )
}

fn f_codec(trail: &[&'static str]) -> &'static str {
    trail.first().copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let cs: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        for f in fix_line(&cs, false) {
            out.extend(&cs[pos..f.start]);
            out.push_str(&f.text);
            pos = f.end;
        }
        out.extend(&cs[pos..]);
        out
    }

    #[test]
    fn single_layers() {
        assert_eq!(fix("cafÃ© crÃ¨me"), "café crème");
        assert_eq!(fix("itâ€™s"), "it’s");
        assert_eq!(fix("Ð¿Ñ€Ð¸Ð²ÐµÑ‚"), "привет");
    }

    #[test]
    fn a0_lost_to_a_space() {
        assert_eq!(fix("voilÃ le travail"), "voilà le travail");
        assert_eq!(fix("voilÃ  le travail"), "voilà le travail");
        assert_eq!(fix("Ã alone"), "Ã alone");
    }

    #[test]
    fn a_line_that_decodes_whole_is_decoded_whole() {
        // `Å ` and `Г ` alone are too weak; the whole line under one codec is not.
        assert_eq!(
            fix("Å veices baÅ†Ä·ieri konkrÄ“tus"),
            "Šveices baņķieri konkrētus"
        );
        assert_eq!(
            fix("se trouve Г lвЂ™ouest de la rГ©gion"),
            "se trouve à l’ouest de la région"
        );
    }

    #[test]
    fn one_span_two_codecs_read_differently_is_left() {
        // Windows-1252 `å` or MacRoman's combining tilde: no second span to choose by.
        assert_eq!(fix("Mccoy – DrÃ¥ber"), "Mccoy – DrÃ¥ber");
        assert_eq!(fix("III DivisÃ£o – SÃ©rie F"), "III Divisão – Série F");
    }

    #[test]
    fn correct_text_next_to_symbols_is_left() {
        for s in [
            "ŪĘĖĘÂ® ok",
            "ЩЛНОМ€어",
            "Ņåįæ¦",
            "В\u{a0}мире",
            "Ä•Uuejfk",
            "SENSЕ",
        ] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn overlay_marks_after_digits() {
        // A struck-through price: U+0336 after `$` and digits, read as Windows-1252.
        assert_eq!(fix("was $Ì¶6Ì¶3Ì¶ now"), "was $\u{336}6\u{336}3\u{336} now");
    }

    #[test]
    fn leaves_correct_text() {
        for s in ["NESTLÉ® 4288×…", "Brontë…”", "MARQUÉ…", "café»", "Straße…"] {
            assert_eq!(fix(s), s);
        }
    }
}
