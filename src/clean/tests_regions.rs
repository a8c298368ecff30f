//! Unit tests of comment threads and the page's tail, with invented articles.

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
    let l = |t: &str| LineInfo::new(0..t.len(), t.to_string());
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

/// A full article: several paragraphs of running text.
const ARTICLE: &str = "\
Harbour Ferry Adds Night Crossings
The town's harbour ferry will run two extra crossings every evening from next month, the operator said on Monday. The later boats leave the north pier at nine and at eleven.
Tickets bought for the day remain valid on the night boats, and season tickets cover them at no extra cost. Bicycles travel free after eight in the evening.
Commuters had asked for the change since the bridge closed for repairs in the spring, when the last boat at seven left many of them stranded in town.
The operator said it would review the timetable in the autumn, once it knows how many people use the new crossings, and might add a third boat at weekends.
";

#[test]
fn a_tail_of_headlines_after_the_article_goes() {
    let raw = format!(
        "{ARTICLE}\
More from the coast
Why the old lighthouse keeps its lamp lit
Fishing quotas cut again for the winter season
Storm damage closes the promenade for a week
School swimming lessons move to the new pool
Local bakery wins a prize for its rye bread
Sign up for our newsletter
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("The operator said")));
    assert!(!text
        .iter()
        .any(|l| l.contains("lighthouse") || l.contains("bakery")));
    let gone: Vec<&str> = d
        .text
        .edits()
        .iter()
        .filter(|e| e.before.contains("Fishing quotas"))
        .map(|e| e.rule)
        .collect();
    assert!(!gone.is_empty());
}

#[test]
fn a_paragraph_in_the_tail_stays_and_a_tail_of_prose_is_the_article() {
    // After a short list in the middle of the article, paragraphs follow.
    let raw = format!(
        "{ARTICLE}\
Night timetable
Nine o'clock from the north pier
Eleven o'clock from the north pier
Half past nine from the south pier
Half past eleven from the south pier
On the first night the mayor will travel on the late boat, and the operator plans a small ceremony on the north pier before it leaves.
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("On the first night")));
}

#[test]
fn verse_far_longer_than_its_introduction_stays() {
    // A page of lyrics: a short note, then many short lines that are the content.
    let mut raw = String::from(
        "These are the words of an old harbour song, written down by a ferryman in the spring.\n",
    );
    for k in 0..12 {
        raw.push_str(&format!("the boat goes out at nine, verse {k}\n"));
        raw.push_str("we sing until the lights shine\n");
    }
    let d = cleaned(&raw);
    assert_eq!(kept(&d).len(), 25);
}

#[test]
fn a_sidebar_blurb_over_a_short_menu_is_not_the_start_of_the_article() {
    // A blurb in running words, then a menu of four links, then the article.
    let raw = format!(
        "\"This ferry saved my daily commute, and the crew is always friendly to everyone.\"\n\
Timetables\n\
Fares\n\
Routes\n\
Contact\n\
{ARTICLE}"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert_eq!(text.first(), Some(&"Harbour Ferry Adds Night Crossings"));
    assert!(!text.iter().any(|l| l.contains("saved my daily commute")));
}

#[test]
fn list_numbers_alone_on_a_line_belong_to_the_list_they_number() {
    assert!(list_number("1.") && list_number("12)") && list_number("#3"));
    assert!(!list_number("1999.") && !list_number("a.") && !list_number("3.5"));
    let body = [
        "Walking after dinner helps the body handle the sugar from a meal, and it takes only a few minutes.",
        "A short walk of ten minutes lowers the rise in blood sugar that follows a large meal for most people.",
    ];
    let after = [
        "1.",
        "Storm Hits The Coast",
        "2.",
        "Local Team Wins Again",
        "3.",
        "New Bridge Opens In May",
    ];
    let lines: Vec<LineInfo> = body
        .iter()
        .chain(after.iter())
        .map(|t| LineInfo::new(0..t.len(), t.to_string()))
        .collect();
    let mut fates = vec![Fate::Keep; lines.len()];
    after_main_region(&lines, 1, &mut fates);
    assert!(fates[..2].iter().all(|f| !f.is_drop()));
    assert!(fates[2..].iter().all(|f| f.rule() == Some("C020")));
}
