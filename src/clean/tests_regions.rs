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

/// The line drops of a cleaned document, for failure messages.
fn why(d: &Document) -> String {
    d.text
        .edits()
        .iter()
        .filter(|e| !e.before.trim().is_empty())
        .map(|e| format!("{} {:?}\n", e.rule, e.before.trim()))
        .collect()
}

/// Asserts that no edit of the cleaned document is by `rule`.
fn assert_no_edit_by(d: &Document, rule: &str) {
    assert!(d.text.edits().iter().all(|e| e.rule != rule), "{}", why(d));
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
    assert!(comment_count_line(&LineInfo::alone(
        "There are 27 comments. Add yours."
    )));
    assert!(comment_count_line(&LineInfo::alone(
        "46 Comments on \"Why ferries matter...\""
    )));
    assert!(!comment_count_line(&LineInfo::alone(
        "1 reply beneath your current threshold."
    )));
    assert!(!comment_count_line(&LineInfo::alone(
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
        .map(|t| LineInfo::alone(t))
        .collect();
    let mut fates = vec![Fate::Keep; lines.len()];
    after_main_region(&lines, 1, &mut fates);
    assert!(fates[..2].iter().all(|f| !f.is_drop()));
    assert!(fates[2..].iter().all(|f| f.rule() == Some("C020")));
}

#[test]
fn a_dated_reference_list_is_no_comment_thread() {
    // Entries of a reference list have an author and a date like comment headers,
    // but what stands between them is dated too: no one is remarking on anything.
    let raw = format!(
        "{ARTICLE}\
References
Okafor, Amara (4 March 2011). \"Ferries of the North Coast\"
. Coastal Review. Accessed 9 June 2015.
Lindqvist, Per (12 May 2013). \"Night Boats and Commuters\"
. Harbour Weekly. Accessed 9 June 2015.
Moreau, Jules (2 July 2014). \"A Pier Rebuilt\"
. Town Gazette. Accessed 10 June 2015.
"
    );
    let d = cleaned(&raw);
    assert_no_edit_by(&d, "C019");
}

#[test]
fn the_headline_over_the_date_line_is_the_title() {
    // A sidebar's blurb and widget lines stand above the article; the headline right
    // over the article's date line is its title, and what is above it goes.
    let raw = format!(
        "Harbour Town Online\n\
Get the week's news from the coast in your inbox every Friday.\n\
Photo Galleries\n\
Ferry Adds Night Crossings For Commuters\n\
Posted by the news desk | 6 Nov 2012 | 4 replies\n\
{}",
        ARTICLE.split_once('\n').unwrap().1
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert_eq!(
        text[0],
        "Ferry Adds Night Crossings For Commuters",
        "{}",
        why(&d)
    );
    assert!(!text
        .iter()
        .any(|l| l.contains("inbox") || l.contains("Galleries")));
    assert!(text.iter().any(|l| l.starts_with("The operator said")));
}

#[test]
fn a_line_every_page_of_a_site_repeats_goes_after_the_article() {
    // A newsletter sentence after each of three unrelated articles of one site.
    let note = "Our weekly letter brings the best of the coast to you.";
    let bodies = [
        "Ferry Adds Night Crossings\nThe town's harbour ferry will run two extra crossings every evening from next month, the operator said on Monday, after commuters asked for them.\n",
        "Pier Repairs Finish Early\nWorkers finished the repairs to the north pier three weeks ahead of plan, and the fishing boats moved back to their old moorings on Friday.\n",
        "Lifeboat Crew Trains Volunteers\nThe lifeboat station is training eight new volunteers this winter, who will learn to launch the boat in any weather and at any hour.\n",
    ];
    let mut docs: Vec<Document> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| Document::from_text(&format!("d{i}"), &format!("{b}{note}\n")))
        .collect();
    let hints = CorpusHints::build(&docs);
    for d in &mut docs {
        clean_document(d, &hints);
        assert!(!d.text.text().contains("weekly letter"), "{}", why(d));
        assert!(d.text.text().lines().count() >= 2, "{}", why(d));
    }
    // One page alone says nothing about its site.
    let mut alone = Document::from_text("a", &format!("{}{note}\n", bodies[0]));
    clean_document(&mut alone, &CorpusHints::default());
    assert!(alone.text.text().contains("weekly letter"));
}

#[test]
fn a_data_table_after_the_article_stays() {
    assert!(data_row("Leeds $83 2.1% -0.4%"));
    assert!(data_row("North pier 42 +12%"));
    assert!(!data_row("3 4 5 6 7 8 9"));
    assert!(!data_row("Home News Contact"));
    assert!(!data_row("Posted by Kim on 12 May with 4 replies"));
    let raw = format!(
        "{ARTICLE}\
Crossings per week by pier
Pier\tCrossings\tChange
North pier\t42\t+12%
South pier\t35\t+8%
East quay\t18\t-3%
West quay\t11\t0%
Old harbour\t9\t+1%
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("North pier")));
    assert!(text.iter().any(|l| l.starts_with("Old harbour")));
}

#[test]
fn a_closing_line_ends_the_article_when_a_sidebar_of_prose_follows() {
    // The tags line would go at the page's edge; here a sidebar's blurbs follow it,
    // so it is not at the edge, but it still says the article is over.
    let raw = format!(
        "{ARTICLE}\
Tags: ferries, harbour, commuters
About this site
Harbour Town Online is a news site for the coast, written by volunteers who live here.
Support us
Our reporting is paid for by readers, so every gift keeps the site free for all.
Visit us
The Old Harbour Office
Quay Street
"
    );
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("The operator said")));
    let gone = !text
        .iter()
        .any(|l| l.starts_with("Tags") || l.contains("volunteers") || l.contains("gift"));
    assert!(gone, "{}", why(&d));
}

/// A sidebar after the article: blurbs of running text between short link lines,
/// about two thirds as long as the article.
const SIDEBAR: &str = "\
Popular Posts This Week
Harbour Town Online is a news site for the coast, written by volunteers who live along it and who report on the ferries, the markets and the weather.
Monthly Archives By Year
Our reporting is paid for by readers, so every small gift keeps the site free for everyone who lives on the coast or visits it in summer.
Follow Us Elsewhere Online
Recent Reader Photos
Send us your pictures of the harbour at night and we will print the best of them in the weekend edition with your name under them.
";

#[test]
fn a_comment_form_past_the_middle_ends_the_article_before_a_sidebar() {
    let raw = format!("{ARTICLE}Leave a Reply\nName *\n{SIDEBAR}");
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.starts_with("The operator said")));
    let gone = !text
        .iter()
        .any(|l| l.contains("volunteers") || l.contains("Archives") || l.contains("pictures"));
    assert!(gone, "{}", why(&d));
}

#[test]
fn a_related_box_past_the_middle_does_not_end_the_article() {
    // A related-links box stands inside articles too: only in the last third of the
    // running text does it end one.
    let raw = format!("{ARTICLE}Related posts:\nNew Timetable for the Island Bus\n{SIDEBAR}");
    let d = cleaned(&raw);
    let text = kept(&d);
    assert!(text.iter().any(|l| l.contains("volunteers")), "{}", why(&d));
}

#[test]
fn a_list_of_long_headlines_is_no_main_text() {
    // Headlines long enough to pass for running text by their function words, in
    // Title Case and with no sentence end, after a shorter article.
    let mut l: Vec<&str> = vec![
        "Walking after dinner helps the body handle the sugar from a meal, and it takes only a few minutes.",
        "A short walk of ten minutes lowers the rise in blood sugar that follows a large meal for most people.",
        "Doctors suggest starting slowly and adding a few minutes each week until the walk feels easy.",
    ];
    l.extend([
        "garden 4:30 PM The Quiet Gardener Shows Why Tomatoes Grow Better In the Shade of a Wall",
        "kitchen 4:00 PM Why Every Cook Should Keep a Jar of Pickled Onions on the Shelf This Winter",
        "travel 3:30 PM How One Family Crossed the Whole Country by Train With Only a Backpack Each",
        "money 3:00 PM Seven Simple Ways to Save on the Heating Bill Before the Cold Weather Arrives",
        "pets 2:30 PM The Dog Who Learned to Open the Fridge and Why His Owners Are Not Even Angry",
        "health 2:00 PM What Doctors Say About Walking After Dinner and Why It Matters for Your Sleep",
    ]);
    let (lines, fates) = kept_lines(&l);
    assert!(lines[3..].iter().all(headline_shaped));
    assert_eq!(main_region(&lines, &fates), Some((0, 2)));
}

#[test]
fn a_long_sentence_in_title_case_is_not_a_headline() {
    // A question or a sentence with a stop stays running text.
    for t in [
        "Why Do So Many Gardeners Still Believe That Tomatoes Need Full Sun All Day Long?",
        "The Board Met On Tuesday And Agreed To Keep The Library Open Until Nine Every Evening.",
    ] {
        assert!(!headline_shaped(&LineInfo::alone(t)));
    }
}

#[test]
fn a_rating_under_each_comment_announces_no_section() {
    let count = |t: &str| comment_count_line(&LineInfo::alone(t));
    assert!(count("Comments (12)"));
    assert!(count("Reader comments 12"));
    assert!(count("27 Responses to the walking guide"));
    assert!(count("Filed in Garden | Add/View Comments [10]"));
    assert!(!count("Please rate this comment: 3 1"));
    assert!(!count("Was this reply useful? 4 2"));
}

#[test]
fn a_name_said_header_with_a_comma_heads_a_comment() {
    for t in ["Robin Vale said,", "kim_77 said,", "Lee Park says:"] {
        assert!(COMMENT_HEADER.is_match(t), "{t}");
    }
    assert!(!COMMENT_HEADER.is_match("The minister said, in a statement on Monday,"));
}

/// Comment headers, the main region and what follows it, on line plans.
mod plans {
    use super::*;

    #[test]
    fn comment_headers_share_a_shape() {
        let a =
            comment_header_shape(&LineInfo::alone("Robin Vale March 3, 2019 at 4:12 pm")).unwrap();
        let b = comment_header_shape(&LineInfo::alone("Kim April 30, 2019 at 11:02 am")).unwrap();
        assert_eq!(a, b);
        assert!(
            comment_header_shape(&LineInfo::alone("The meeting ran from 3:00 pm to 5:00 pm."))
                .is_none()
        );
        assert!(comment_header_shape(&LineInfo::alone("Sleep and your heart")).is_none());
    }

    const ARTICLE: &[&str] = &[
        "Walking after dinner helps the body handle the sugar from a meal, and it takes only a few minutes.",
        "A short walk of ten minutes lowers the rise in blood sugar that follows a large meal for most people.",
        "Doctors suggest starting slowly and adding a few minutes each week until the walk feels easy.",
    ];

    /// An article long enough to carry a comment thread under it.
    const LONG_ARTICLE: &[&str] = &[
        "Walking after dinner helps the body handle the sugar from a meal, and it takes only a few minutes.",
        "A short walk of ten minutes lowers the rise in blood sugar that follows a large meal for most people.",
        "Doctors suggest starting slowly and adding a few minutes each week until the walk feels easy.",
        "People with sore knees can walk on grass or a track, which is softer than a pavement.",
        "Comfortable shoes matter more than speed, and a steady pace is enough to make a difference.",
        "If the weather is bad, walking around the house or up and down the stairs works as well.",
    ];

    #[test]
    fn a_thread_after_the_article_goes() {
        let mut l: Vec<&str> = LONG_ARTICLE.to_vec();
        l.extend([
            "4 Comments",
            "Robin Vale March 3, 2019 at 4:12 pm",
            "Great tips, thanks!",
            "Kim April 30, 2019 at 11:02 am",
            "I walk every night now.",
            "Lee Park May 2, 2019 at 9:40 pm",
            "Does this work in winter too?",
        ]);
        let (lines, mut fates) = kept_lines(&l);
        comment_thread(&lines, &mut fates);
        let n = LONG_ARTICLE.len();
        assert!(fates[..n].iter().all(|f| !f.is_drop()));
        assert!(fates[n..].iter().all(|f| f.rule() == Some("C019")));
    }

    #[test]
    fn a_short_text_above_many_long_entries_is_not_an_article_with_comments() {
        // A forum page: a short opening post, then replies as long as it or longer.
        let reply = "I had the same trouble with my back last winter and found that short walks every hour, a warm shower in the morning and a firmer chair at work helped more than anything else I tried.";
        let mut l: Vec<&str> = vec![
            "My back hurts after sitting all day at the office and I wonder what helps other people here. Any advice on chairs, stretches or walking would be welcome, thanks.",
        ];
        for h in [
            "Robin Vale March 3, 2019 at 4:12 pm",
            "Kim April 30, 2019 at 11:02 am",
            "Lee Park May 2, 2019 at 9:40 pm",
        ] {
            l.extend([h, reply]);
        }
        let (lines, mut fates) = kept_lines(&l);
        comment_thread(&lines, &mut fates);
        assert!(fates.iter().all(|f| !f.is_drop()));
    }

    #[test]
    fn a_list_of_equal_posts_is_not_a_thread() {
        let mut l: Vec<&str> = Vec::new();
        for _ in 0..3 {
            l.push("Posted by Robin March 3, 2019 at 4:12 pm");
            l.extend(ARTICLE);
        }
        let (lines, mut fates) = kept_lines(&l);
        comment_thread(&lines, &mut fates);
        assert!(fates.iter().all(|f| !f.is_drop()));
    }

    #[test]
    fn the_main_region_is_the_densest_prose() {
        let mut l = vec!["Home", "News", "Sport", "Weather"];
        l.extend(ARTICLE);
        l.extend([
            "Most Read",
            "Storm Hits The Coast",
            "Local Team Wins Again",
            "Contact",
        ]);
        let (lines, fates) = kept_lines(&l);
        assert_eq!(main_region(&lines, &fates), Some((4, 6)));
        let mut fates = fates;
        after_main_region(&lines, 6, &mut fates);
        assert!(fates[..7].iter().all(|f| !f.is_drop()));
        assert!(fates[7..].iter().all(|f| f.rule() == Some("C020")));
    }

    #[test]
    fn long_text_after_the_region_stays() {
        let mut l: Vec<&str> = ARTICLE.to_vec();
        l.extend(["Our Team", "Contact", "Careers", "Press", "Jobs"]);
        l.push("A longer closing note follows here. It has two sentences and runs well past the length of a teaser line, so it stays where it is in the text.");
        let (lines, mut fates) = kept_lines(&l);
        after_main_region(&lines, 2, &mut fates);
        assert!(!fates[8].is_drop());
        assert!(fates[3..7].iter().all(|f| f.is_drop()));
    }
}

/// Evidence a comment thread needs beyond a run of dated lines of one shape.
mod thread_evidence {
    use super::*;

    #[test]
    fn a_reference_entry_quoting_a_title_is_no_comment_header() {
        let entry = LineInfo::alone("^ Okafor, Amara (4 March 2011). \"Ferries of the North\"");
        assert!(comment_header_shape(&entry).is_none());
        let curly = LineInfo::alone("Moreau, Jules (2 July 2014). \u{201c}A Pier Rebuilt\u{201d}");
        assert!(comment_header_shape(&curly).is_none());
        assert!(
            comment_header_shape(&LineInfo::alone("Robin Vale March 3, 2019 at 4:12 pm")).is_some()
        );
    }

    #[test]
    fn a_schedule_with_its_times_in_a_row_is_no_thread() {
        let raw = format!(
            "{ARTICLE}\
Summer Meeting
Tuesday May 13
6:30 Drinks and Chat
7:00 Talks Begin
8:30 Closing Words
All are welcome, please come and bring a friend.
Autumn Meeting
Tuesday September 9
6:30 Coffee and Cake
7:00 Guest Speaker
8:30 Open Discussion
The hall is on the first floor, next to the library.
"
        );
        let d = cleaned(&raw);
        assert_no_edit_by(&d, "C019");
    }

    #[test]
    fn a_list_of_posts_by_a_few_staff_is_no_thread() {
        // News posts, each closed by its author and time: three authors for ten posts.
        let mut raw = ARTICLE.to_string();
        for k in 0..10 {
            let who = ["Ana", "Ben", "Cy"][k % 3];
            raw.push_str(&format!(
                "Pier Notice {k}\nThe north pier closes for an hour on Friday for a safety check by the harbour staff.\n-- {who} @ {}:15PM Wed 19 Jul 2006\n",
                k + 1
            ));
        }
        let d = cleaned(&raw);
        assert_no_edit_by(&d, "C019");
    }

    #[test]
    fn a_comment_count_over_the_next_article_with_a_dated_table_is_no_section() {
        // A page of several articles, each closed by its comment count; the next one
        // has a byline and a table of dated releases, and no comments.
        let raw = format!(
            "{ARTICLE}\
Comments (3 posted)
Ferry Timetables Through the Years
By Dana Reyes
March 25, 2015
The ferry's timetable has changed many times since the first boats ran, as the table shows.
Timetable\tDate
1.2.3\tApril 2014
1.2.4\tMay 2014
1.3\tJuly 2014
1.3.1\tAugust 2014
1.4\tJanuary 2015
The changes follow the seasons more than the passengers, the operator says.
"
        );
        let d = cleaned(&raw);
        let text = kept(&d);
        assert!(text.iter().any(|l| l.contains("April 2014")), "{}", why(&d));
        assert_no_edit_by(&d, "C019");
    }

    #[test]
    fn a_counted_section_with_dates_over_names_and_comments_goes() {
        let mut raw = format!(
            "{ARTICLE}12 Responses to \u{201c}Harbour Ferry Adds Night Crossings\u{201d}\n"
        );
        for (who, says) in [
            (
                "Robin Vale",
                "Finally, I can stay in town for dinner and still get home.",
            ),
            (
                "Kim Osei",
                "Will the ticket prices stay the same on the later boats?",
            ),
            (
                "Lee Park",
                "This should have happened years ago, to be honest with you.",
            ),
        ] {
            raw.push_str(&format!("November 5, 2012\n{who}\n{says}\n"));
        }
        let d = cleaned(&raw);
        let text = kept(&d);
        assert!(
            !text.iter().any(|l| l.contains("ticket prices")),
            "{}",
            why(&d)
        );
        assert!(text.iter().any(|l| l.starts_with("The town's harbour")));
    }
}
