"""Fact boxes: a profile's label-and-value lines beside the copy go; lists that are reporting
(sentences under "What we know", a list a sentence leads into, results and turnout, a
transcript) stay. All text invented."""

from __future__ import annotations

import json

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from tests.conftest import in_child

PROSE = [
    "The harbour board named Ines Okafor as its new chair on Tuesday, ending a search that "
    "lasted eight months.",
    "Okafor, who ran the ferry company for a decade, said she would start by reviewing the "
    "pilot rosters.",
]
PROFILE = [
    "Age: 51",
    "Born: Lodmark, Northhaven",
    "Education: Marine engineering, Lodmark Polytechnic",
    "Family: Married; two sons",
    "Home: Eastquay",
    "Career: Ferry company chief executive, 2014-2024; harbour pilot before that.",
]


def body_of(paragraphs: list[str]) -> list[str]:
    article = clean_article(RawArticle(text="\n\n".join(paragraphs), origin="x",
                                       title="Harbour board names new chair"))
    return article.body.split("\n\n")


def test_a_profile_box_under_its_heading_closing_the_copy_goes():
    assert body_of([*PROSE, "The Okafor File", *PROFILE]) == PROSE


def test_a_profile_box_closing_the_copy_without_a_heading_goes():
    assert body_of([*PROSE, *PROFILE]) == PROSE


def test_a_box_under_its_heading_between_paragraphs_goes_and_the_copy_after_it_stays():
    after = "The board meets again next month to set the new harbour dues, a spokesman said."
    assert body_of([*PROSE, "At a glance", *PROFILE[:4], after]) == [*PROSE, after]


def test_a_list_of_sentences_under_what_we_know_stays():
    """Only the heading goes, as any subhead between two sentences does."""
    known = ["The chair was chosen by a vote of seven to two.",
             "Two members said the search should have been reopened.",
             "The board has not said what Okafor will be paid."]
    assert body_of([*PROSE, "What we know", *known]) == [*PROSE, *known]


def test_a_box_a_sentence_leads_into_stays():
    lead = "The board listed what it looked for in a chair:"
    boxed = ["Experience: ten years running a port business", "Languages: English, Portuguese",
             "Licence: harbour pilot"]
    assert body_of([*PROSE, lead, *boxed]) == [*PROSE, lead, *boxed]


def test_a_box_of_figures_stays():
    """Results and turnout can be the news."""
    results = ["Okafor: 7 votes", "Lind: 2 votes", "Turnout: 9 of 9 members", "Abstained: 0"]
    assert body_of([*PROSE, "The vote", *results]) == [*PROSE, "The vote", *results]


def test_a_transcript_closing_the_copy_stays():
    """Its speakers come back, and each says a sentence."""
    transcript = ["Q: Will the rosters change?", "A: Not before the summer.",
                  "Q: And the dues?", "A: The board decides that, not me."]
    assert body_of([*PROSE, *transcript]) == [*PROSE, *transcript]


def test_speakers_each_saying_a_sentence_stay():
    panel = ["Okafor: We start with the rosters.", "Lind: The dues matter more to the pilots.",
             "Hale: Both can wait until the spring."]
    assert body_of([*PROSE, "What they said", *panel]) == [*PROSE, *panel]


def test_a_long_run_of_label_lines_is_judged_in_one_pass():
    """Whoever writes into the watched folder (or posts to /ingest) can send an article of
    200,000 lines shaped as fields whose labels come back (a transcript's `Q:` and `A:`). Each
    line began a box judged again to the run's end: 20 billion pattern matches, hours of the
    one ingest worker. The child is stopped after ``BOUNDED_S`` (60 s) of CPU time. The same
    box is still found where it stands: closing the copy, after the transcript."""
    script = ("import json, sys\n"
              "from bot.ingest.fact_boxes import without_fact_boxes\n"
              "print(json.dumps(without_fact_boxes(json.loads(sys.stdin.read()))))\n")
    transcript = ["Q: Will the ferry run?", "A: Not today."] * 100_000
    assert json.loads(in_child(script, [*PROSE, *transcript])) == [*PROSE, *transcript]
    kept = json.loads(in_child(script, [*PROSE, *transcript[:4], PROSE[0], *PROFILE]))
    assert kept == [*PROSE, *transcript[:4], PROSE[0]]
