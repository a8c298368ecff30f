//! Unit tests of comment-thread detection, with invented articles and comments.

use super::*;

fn cleaned(raw: &str) -> Document {
    let mut d = Document::from_text("t", raw);
    clean_document(&mut d, &CorpusHints::default());
    d
}

fn kept(d: &Document) -> Vec<&str> {
    d.text.text().lines().collect()
}

/// A short news item: under 100 words of running text.
const SHORT_ARTICLE: &str = "\
Harbour Ferry Adds Night Crossings
The town's harbour ferry will run two extra crossings every evening from next month, the operator said on Monday.
The later boats leave the north pier at nine and at eleven, and tickets bought for the day remain valid on them.
Commuters had asked for the change since the bridge closed for repairs in the spring.
";

#[test]
fn a_thread_with_names_and_dates_on_separate_lines_goes() {
    let raw = format!(
        "{SHORT_ARTICLE}\
Robin Vale
March 3, 2019 at 4:12 pm
Finally, I can stay in town for dinner.
Reply
kim_77
March 3, 2019 at 5:40 pm
Will the ticket prices stay the same?
Reply
Lee Park
March 4, 2019 at 9:02 am
This should have happened years ago.
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("The later boats")));
    assert!(!text
        .iter()
        .any(|l| l.contains("Robin") || l.contains("ticket prices")));
}

#[test]
fn a_teaser_box_with_author_and_date_lines_is_no_thread() {
    // Headlines with their author and date in the middle of an article: the texts
    // under the "headers" are headlines, not remarks.
    let raw = format!(
        "{SHORT_ARTICLE}\
Ferry Timetables Through The Years
Robin Vale
March 3, 2019
The Last Steam Boat On The River
Kim Osei
May 9, 2018
How The North Pier Was Built
Lee Park
June 1, 2017
The operator also plans to replace the oldest boat within three years, a spokesman added.
Passengers can buy tickets on board or at the kiosk on either pier.
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("Passengers can buy")));
}

#[test]
fn lower_case_user_names_head_comments() {
    let raw = format!(
        "{SHORT_ARTICLE}\
There are 3 comments. Add yours.
ferryfan says:
Great news for the late shift.
Posted on Mar 06 2019 | 1:23 pm
dock_worker99 says:
About time, the last boat was far too early.
Posted on Mar 06 2019 | 1:30 pm
marina says:
Will bikes be allowed on the night boats?
Posted on Mar 06 2019 | 2:05 pm
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("Commuters had asked")));
    assert!(!text
        .iter()
        .any(|l| l.contains("says") || l.contains("late shift") || l.contains("3 comments")));
}

#[test]
fn a_comment_count_sentence_announces_a_section_but_a_count_of_one_does_not() {
    let l = |t: &str| LineInfo {
        range: 0..t.len(),
        text: t.to_string(),
        norm: norm_phrase(t),
        words: word_count(t),
        blank: false,
        title_like: is_title_like(t),
    };
    assert!(comment_count_line(&l("There are 27 comments. Add yours.")));
    assert!(comment_count_line(&l(
        "46 Comments on \"Why ferries matter...\""
    )));
    assert!(!comment_count_line(&l(
        "1 reply beneath your current threshold."
    )));
    assert!(!comment_count_line(&l(
        "The council received 27 comments on the plan."
    )));
}
