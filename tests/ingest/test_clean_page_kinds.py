"""Furniture the tune half of the real stories stream still held (docs/sources.md, *Furniture
left in real copy*), each kind written here in our own words: subheads, bracketed pointers to
other pages, a developing story's notice; and a closing list of titles that is the article's."""

import pytest

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from tests.conftest import in_child

FIRST = "The harbour board said on Tuesday that the cranes were safe to use again."
SECOND = "Dockworkers said they would meet on Friday to decide."
THIRD = "The ferry company said its timetable would not change."


def body(*paragraphs: str, title: str = "Cranes safe again") -> list[str]:
    return clean_article(RawArticle(text="\n\n".join(paragraphs), origin="x",
                                    title=title)).body.split("\n\n")


def test_a_one_word_subhead_between_paragraphs_is_furniture():
    """Before: `Pay`, `Safety` stayed as paragraphs of their own (a fact check's or a
    guide's sections); two words or more were already dropped."""
    assert body(FIRST, "Pay", SECOND, "Safety", THIRD) == [FIRST, SECOND, THIRD]
    assert body(FIRST, "Shift patterns", SECOND) == [FIRST, SECOND]


def test_a_subhead_under_a_contributors_signature_is_furniture():
    """A fact check signs each part, then heads the next: judged with the signature there,
    the subhead was not between two paragraphs and stayed."""
    assert body(FIRST, "-- Ana Ruiz", "Crane safety", SECOND) == [FIRST, SECOND]


def test_one_word_that_is_copy_stays():
    """A word closing as a sentence, one in small letters, a name in capitals inside, and a
    word above the copy (a kicker) are not subheads between paragraphs."""
    for word in ("Nothing.", "maybe", "McAllister"):
        assert body(FIRST, word, SECOND) == [FIRST, word, SECOND], word
    assert body("Analysis", FIRST, SECOND) == ["Analysis", FIRST, SECOND]


@pytest.mark.parametrize("line", [
    "[Tug crews vote to join the strike at Northhaven]",
    "[Harbour chief: ‘the cranes will not move until they are safe’]",
    "[Read the harbour board's full statement here.]",
    "[The ferry company answered the union on Monday. Read our account of the meeting.]",
    "[Watch the vote as it happened.]",
])
def test_a_bracketed_link_or_pointer_to_another_page_is_furniture(line):
    """Before: each stayed in the copy as a paragraph (what's new, the summary)."""
    assert body(FIRST, line, SECOND) == [FIRST, SECOND], line


def test_bracketed_copy_and_a_bracketed_correction_stay():
    kept = ["[The board met again on Wednesday.]", "[Applause]"]
    for line in kept:
        assert body(FIRST, line, SECOND) == [FIRST, line, SECOND], line
    correction = "[Correction: an earlier version gave the number of cranes as four. It is three.]"
    assert correction in body(FIRST, correction, SECOND)


@pytest.mark.parametrize("notice", [
    "This is a developing story. Early reports may turn out to be wrong, and we will correct "
    "them as we learn more. We will update this page as the day goes on.",
    "This is a breaking news story. Some details reported first may turn out to be mistaken. "
    "Check back for updates.",
])
def test_a_developing_storys_notice_to_its_readers_is_furniture(notice):
    """Before: a notice after "This is a developing story." that went on to say how the
    outlet reports it stayed as the copy's last paragraph."""
    assert body(FIRST, SECOND, notice) == [FIRST, SECOND]


def test_a_developing_story_with_news_after_it_stays():
    for line in ("This is a developing story. Police said two people were hurt.",
                 "This is a developing story. The mayor urged us all to stay home.",
                 "This is a developing story. Crews are still at the scene."):
        assert body(FIRST, SECOND, line) == [FIRST, SECOND, line], line


def test_a_reviews_closing_list_of_its_own_titles_stays():
    """Before: a review's closing list of the films it discussed was taken for links to other
    articles (two or more headline-shaped lines after a sentence) and dropped."""
    review = ("The Lantern Keepers is the festival's best film, and The Salt Road Murders "
              "its most daring.",
              "Night Ferry to Osterby, the closing film, drags in its last hour.",
              "All three open in cinemas next month.")
    films = ("The Lantern Keepers", "The Salt Road Murders", "Night Ferry to Osterby")
    assert body(*review, *films, title="Three films") == [*review, *films]
    books = ("The Quiet Harbour, by Ines Okafor", "Tides of Northhaven, by Jo Lind")
    assert body(FIRST, *books) == [FIRST, *books]


def test_a_closing_run_of_thousands_of_lines_is_judged_at_once():
    """Whoever writes into the watched folder can close an article within the size limit with
    57,000 headline-shaped lines: each was looked for in the whole copy above (600,000
    characters), 8 ms apiece on this host, so the one ingest worker spent minutes on one
    article. The child is stopped after ``BOUNDED_S`` (60 s) of CPU time."""
    script = ("import json, sys\n"
              "from bot.ingest.subheads import own_titles\n"
              "items, copy = json.loads(sys.stdin.read())\n"
              "print(json.dumps(own_titles(items, copy)))\n")
    copy = ["A b " * 1000] * 150
    assert in_child(script, [["A b c"] * 57_000, copy]).strip() == "false"
    assert in_child(script, [["A b A"] + ["A b c"] * 57_000, copy]).strip() == "true"


def test_a_closing_list_of_other_articles_headlines_still_goes():
    links = ("Dockworkers vote to strike at Northhaven port",
             "Why the crane dispute is about more than safety", "Trial by Ballot in the Docks")
    assert body(FIRST, SECOND, *links) == [FIRST, SECOND]


@pytest.mark.parametrize("warning", [
    "Warning: Some readers may find the photographs below disturbing",
    "Content warning: this story contains graphic descriptions of the crash.",
    "Editor's note: This article includes details some may find distressing.",
])
def test_a_content_warning_above_the_copy_is_furniture(warning):
    """Before: it led the copy (the summary's first line)."""
    assert body(warning, FIRST, SECOND) == [FIRST, SECOND]


def test_a_warning_that_is_news_stays():
    for line in ("Warning: the storm may bring graphic scenes of flooding, officials said.",
                 "The coastguard's warning said some crews may find the swell disturbing."):
        assert body(FIRST, line, SECOND) == [FIRST, line, SECOND], line


LOST_STOPS = [
    "The harbour board said on Monday that both cranes at the east terminal had been checked "
    "by its inspectors",
    "The cranes stood idle for a week. Dockworkers went back to them on Monday morning once "
    "the inspection was over",
    "Holt announced on Friday that the union would end its strike once the new brakes arrive "
    "at the terminal",
    "Holt wrote to the board on Sunday: “We will be back at work.“"]
LINKED_LINES = [
    "Port strike spreads to three more harbours as talks between the union and the board "
    "stall again",
    "Dockworkers said they would strike over the cranes, and the board gave way at last "
    "Read more",
    "Harbour strike: Dockworkers said on Monday they would not return until the cranes were "
    "checked again",
    "Have the week's harbour news sent to your inbox each Friday morning. Signing up means you "
    "accept our terms",
    "Crane drivers walked off the job at the terminal on Monday over safety fears | Mira Holt "
    "for the Harbour Desk",
    "Crane drivers walked out at the east terminal of the harbour in Northhaven on Monday, as "
    "the strike was called. AP",
    "Who is Mira Holt? The union leader who said no to the harbour board and then won the "
    "vote twice"]


@pytest.mark.parametrize("line", LOST_STOPS)
def test_a_sentence_that_lost_its_stop_between_paragraphs_stays(line):
    """Before: a sentence whose full stop the page or a scraper lost was taken for a linked
    headline and dropped. A news sentence runs longer than a headline and tells of the past
    (`said`, `had been`, a name and a verb in -ed) or holds a sentence before it; a stop inside a
    quotation closed by an opening mark ends a sentence too."""
    text = f"{FIRST}\n\n{line}\n\n{SECOND}"
    article = clean_article(RawArticle(text=text, origin="x", title="Cranes checked"))
    assert article.body == text


@pytest.mark.parametrize("line", LINKED_LINES)
def test_a_long_linked_headline_or_prompt_between_paragraphs_still_goes(line):
    """A headline in the present tense, a link closing on `Read more`, a label before a colon,
    a sign-up prompt, a line with a separator, a caption closing on its credit and a question
    with its answer stay furniture, however long."""
    text = f"{FIRST}\n\n{line}\n\n{SECOND}"
    article = clean_article(RawArticle(text=text, origin="x", title="Cranes checked"))
    assert article.body == f"{FIRST}\n\n{SECOND}"


@pytest.mark.parametrize("line", [
    "Crane drivers leave the east terminal in Northhaven on Monday, when the strike began. "
    "(AP Photo/Jo D. Lind, File)",
    "FILE - In this March 2, 2026 file photo, dockworkers picket the gates of the harbour. "
    "(AP Photo/Sam Hale, Pool)",
    "Dockworkers picket the gates of the harbour in Northhaven. (AP Photo/J. Sam Hale, File)",
    "(Copyright 2026 The Harbour Wire. All rights reserved. No part of it may be copied "
    "elsewhere.)",
    "‘Not this year’: dockworkers turn down the board’s offer again Read more",
    "*This article appears in the March 2, 2026, issue of Harbour Monthly. Subscribe Now!"])
def test_a_wire_caption_a_bracketed_rights_notice_a_link_and_a_print_note_are_furniture(line):
    """Before, each stayed in the copy: a caption whose credit names the picture's role after a
    comma (`, File`, `, Pool`; a photographer with an initial first), a rights notice in brackets, a link closing on `Read more` that
    opens with a quotation, and a magazine's note of the issue the piece appeared in."""
    text = f"{FIRST}\n\n{line}\n\n{SECOND}"
    article = clean_article(RawArticle(text=text, origin="x", title="Cranes checked"))
    assert article.body == f"{FIRST}\n\n{SECOND}"


def test_an_advertisements_label_glued_to_a_paragraph_goes_and_the_paragraph_stays():
    """A page's `ADVERTISEMENT` slot read into the paragraph beside it led the copy or hid a
    sentence's stop (the sentence then taken for a linked headline)."""
    glued = ("ADVERTISEMENT The harbour board said on Tuesday that the cranes were safe to use "
             "again.")
    article = clean_article(RawArticle(text=f"{glued}\n\n{SECOND}", origin="x",
                                       title="Cranes checked"))
    assert article.body == f"{FIRST}\n\n{SECOND}"
    closing = "Crews will meet on Friday. The board will answer them. ADVERTISEMENT"
    article = clean_article(RawArticle(text=f"{FIRST}\n\n{closing}\n\n{SECOND}", origin="x",
                                       title="Cranes checked"))
    assert article.body == (f"{FIRST}\n\nCrews will meet on Friday. The board will answer "
                            f"them.\n\n{SECOND}")
    kept = "The ADVERTISEMENT board in the harbour was taken down."
    article = clean_article(RawArticle(text=f"{kept}\n\n{SECOND}", origin="x", title="Boards"))
    assert article.body == f"{kept}\n\n{SECOND}"


@pytest.mark.parametrize("lead, first", [
    (f"Crews leave the quay at dusk. | Jo Lind/Harbour Wire Cranes safe again {FIRST}", FIRST),
    ("Crews leave the quay at dusk. | Sam Hale-Pool/Harbour Wire/Kestrel Images Ports "
     "Cranes safe again", None)])
def test_a_lead_pictures_caption_and_credit_glued_before_the_headline_go(lead, first):
    """Some pages render the lead picture's caption, its credit and the headline (a section's
    name perhaps between) as the first paragraph: before, it led the copy and its summary.
    What follows the headline stays; a caption without the headline after it, or a bar
    between two sentences, stays."""
    kept = [first] if first else []
    article = clean_article(RawArticle(text=f"{lead}\n\n{SECOND}", origin="x",
                                       title="Cranes safe again"))
    assert article.body.split("\n\n") == [*kept, SECOND]
    for stays in ("Crews leave the quay at dusk. | Jo Lind/Harbour Wire The board met.",
                  "Fares rise in March | Ferries run as before, said Cranes safe again"):
        article = clean_article(RawArticle(text=f"{stays}\n\n{SECOND}", origin="x",
                                           title="Cranes safe again"))
        assert article.body.split("\n\n") == [stays, SECOND], stays


@pytest.mark.parametrize("line", ["Read more from Harbour Wire.", "Read more from Harbour Wire:",
                                  "read more at Kestrel Bay Times"])
def test_a_closing_pointer_to_read_more_from_an_outlet_is_furniture(line):
    """It stayed as the copy's last paragraph. A sentence that says so stays."""
    article = clean_article(RawArticle(text=f"{FIRST}\n\n{SECOND}\n\n{line}", origin="x",
                                       title="Cranes checked"))
    assert article.body == f"{FIRST}\n\n{SECOND}"
    said = "Read more from the board's report, the union told its members on Friday."
    article = clean_article(RawArticle(text=f"{FIRST}\n\n{said}", origin="x",
                                       title="Cranes checked"))
    assert article.body == f"{FIRST}\n\n{said}"
