"""Speakers are found in time linear in the article: the real spaCy parse of a paragraph, the
article its copies joined (``Doc.from_docs``: parsing it whole would take the test minutes), in a
child process given ``CPU_S`` of CPU time (``in_child``), which a loaded machine's wait for its
turn does not use up."""

import json

from tests.conftest import in_child

FIND = """
import json, sys
from spacy.tokens import Doc
from bot.nlp.load import load_pipeline
from tests.conftest import MODEL
from bot.nlp.quotes import quotes_in_doc
nlp = load_pipeline(MODEL)
for lead, paragraph, copies in json.loads(sys.stdin.read()):
    doc = Doc.from_docs([nlp(lead)] * bool(lead) + [nlp(paragraph)] * copies)
    quotes = quotes_in_doc(doc)
    print(json.dumps([len(quotes), sorted({str(q.speaker.name).lower() for q in quotes})]))
"""
"""Each case (a lead paragraph, a paragraph and its copies after it) is one line of what the
child prints: how many quotes, and their speakers."""

CPU_S = 20
"""Each child uses 3.2 to 5.4 s of CPU, loading spaCy included (at a load of 18, 13 to 36 s of
wall time: a 60 s wall bound failed at 16-17); an article of these quotes read in quadratic
time uses far more: 'the email said' 10,000 times without Columns.verbs keeping what it found
used 38 s."""


def child_speakers(cases: list[list]) -> str:
    """What the child prints for ``cases``, stopped after ``CPU_S`` of CPU time."""
    return in_child(FIND, cases, cpu_s=CPU_S)


def test_a_description_said_thousands_of_times_is_looked_back_from_at_once() -> None:
    """Each "the officials said" looked back over every "officials" before it for the one
    that introduced them ("three officials"): 4,000 paragraphs took about two minutes (1,000:
    8 s); now about a second."""
    paragraph = ("The officials said the harbour was closed, and the officials said the ferry "
                 "was late.\n\n")
    found, speakers = json.loads(child_speakers([["", paragraph, 4_000]]))
    assert found == 8_000 and speakers == ["the officials"]


def test_boards_and_editorial_boards_said_thousands_of_times_are_found_at_once() -> None:
    """"The board said" read the whole text before it for an editorial board, and "the
    editorial board said" walked back over every editorial word for the paper named with the
    first (4,000 paragraphs: over a minute each, killed at the timeout before the fix)."""
    said = "“The pier must reopen,” the board said.\n\n"
    boards = child_speakers([["The school board met on Monday.", said, 4_000],
                             ["The Harbour Courier ran an editorial on Monday.",
                              said.replace("the board", "the editorial board"), 4_000]])
    assert [json.loads(line) for line in boards.splitlines()] == [
        [4_000, ["the school board"]], [4_000, ["harbour courier"]]]


def test_a_report_said_thousands_of_times_is_its_issuers_at_once() -> None:
    """Each "the report said" walked back over every "report" before it to the one whose
    issuer is named (and "the survey said" then over every other survey word): 4,000
    paragraphs took minutes before the fix; now each word is read once an article."""
    said = "“The harbour lost jobs this year,” the report said.\n\n"
    issued = child_speakers([["The Veltra Institute published a report on Monday.", said, 4_000],
                             ["Tallow University released a study on Monday.",
                              said.replace("report", "survey"), 4_000]])
    assert [json.loads(line) for line in issued.splitlines()] == [
        [4_000, ["the veltra institute"]], [4_000, ["tallow university"]]]


def test_an_email_said_thousands_of_times_is_its_senders_at_once() -> None:
    """Each "the email said" asked the article's verbs for an "emailed" before it, scanning
    every verb of the article again (Columns.verbs): 2,000 paragraphs took 3 s, 10,000 over a
    minute; now each set of verbs is found once an article."""
    said = "“The harbour lost jobs this year,” the email said.\n\n"
    found, speakers = json.loads(child_speakers([["Dara Quell emailed supporters on Friday.",
                                                   said, 10_000]]))
    assert found == 10_000 and speakers == ["dara quell"]


def test_the_editorial_board_said_among_names_in_every_paragraph_is_found_at_once() -> None:
    """"The editorial board said" walked back over every name before it (and every proper
    noun of the article) for the paper: with two people named in each paragraph, time grew
    with the square of the article (1,000 paragraphs: 13 s); now the papers are found once."""
    said = ("Mayor Tilda Voss and Councillor Bram Okonjo toured the pier at Nessport. "
            "“The pier must reopen,” the editorial board said.\n\n")
    found, speakers = json.loads(child_speakers([["The Harbour Courier ran an editorial on "
                                                  "Monday.", said, 2_500]]))
    assert found == 2_500 and speakers == ["harbour courier"]
