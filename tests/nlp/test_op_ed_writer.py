"""The op-ed's or letter's writer (issue 14, speakers48c): the "I" outside quotation marks is
the person the article signs it with (a closing line "X is a professor at …", a signature
"— X, Halden" under a letter) or, failing that, its byline; an "I" inside someone's quoted
words stays theirs, and a letter several people sign gives its "I" and "we" to no one. Text
written for the tests."""

from __future__ import annotations

from bot.models import Article, Quote
from bot.nlp.parse import parsed_from_doc
from bot.nlp.quotes import extract_quotes
from tests.nlp.conftest import speakers_of

OP_ED = (
    "The ferry timetable is broken, and the council knows it.\n\n"
    "Last spring I told the transport board that the evening crossings were always late. "
    "“Nobody rides a boat that leaves whenever it likes,” I said at the time.\n\n"
    "Nothing has changed since then.\n\n")
REPORTED = "evening crossings were always late"
SAID = "Nobody rides a boat"


def _article(nlp, body: str, byline: str | None = None) -> list[Quote]:
    article = Article(title="Test", body=body, origin="test", content_hash="test",
                      byline=byline)
    return extract_quotes(parsed_from_doc(article, nlp(body)))


def test_the_closing_line_that_says_who_the_writer_is_names_the_i(quotes_of):
    quotes = quotes_of(OP_ED + "Marta Olsen is a professor of maritime law at Halden "
                       "University.")
    assert speakers_of(quotes, SAID) == ["Marta Olsen"]
    assert [(q.kind, q.speaker.name) for q in quotes if REPORTED in q.text] == [
        ("indirect", "Marta Olsen")]


def test_a_closing_line_with_another_present_verb_names_the_i(quotes_of):
    quotes = quotes_of(OP_ED + "Jonas Lindqvist, a former mayor of Halden, chairs the "
                       "regional ferry users' association.")
    assert speakers_of(quotes, SAID) == ["Jonas Lindqvist"]


def test_each_letter_is_signed_by_the_line_below_it(quotes_of):
    letters = (
        "Letters to the editor\n\n"
        "I told my neighbours that the new bridge would double our commute. “We were "
        "never asked,” I said at the meeting.\n\n"
        "— Ana Ruiz, Halden\n\n"
        "The bridge is the best thing to happen to the valley. I said so at the hearing "
        "and I said it again: “Build it sooner.”\n\n"
        "— Tomas Berg, Lund")
    quotes = quotes_of(letters)
    assert speakers_of(quotes, "We were never asked") == ["Ana Ruiz"]
    assert speakers_of(quotes, "Build it sooner") == ["Tomas Berg"]


def test_a_letter_several_people_sign_gives_its_i_and_we_to_no_one(quotes_of):
    quotes = quotes_of(
        "We told the council that the harbour wall would not last another winter. "
        "“Fix it now,” I said to the clerk.\n\n"
        "— Ana Ruiz and Tomas Berg, Halden")
    assert speakers_of(quotes, "Fix it now") == [None]
    assert not [q for q in quotes if "harbour wall" in q.text and q.speaker.name]


def test_the_byline_names_the_i_of_an_article_written_in_the_first_person(nlp):
    quotes = _article(nlp, OP_ED + "The council meets again in March.", "Marta Olsen")
    assert speakers_of(quotes, SAID) == ["Marta Olsen"]
    assert [(q.kind, q.speaker.name) for q in quotes if REPORTED in q.text] == [
        ("indirect", "Marta Olsen")]


def test_the_byline_never_speaks_the_i_inside_someones_quote(nlp):
    report = ("“I will not resign over a late ferry,” harbour master Ewa Nowak said on "
              "Monday.\n\nThe board meets again in March.")
    quotes = _article(nlp, report, "Marta Olsen")
    assert speakers_of(quotes, "I will not resign") == ["Ewa Nowak"]


def test_a_byline_of_two_writers_names_no_i(nlp):
    quotes = _article(nlp, OP_ED + "The council meets again in March.",
                      "Marta Olsen and Jonas Lindqvist")
    assert speakers_of(quotes, SAID) == [None]


def test_a_desks_or_an_outlets_byline_names_no_i(nlp):
    for byline in ("Staff Reports", "The Associated Press"):
        quotes = _article(nlp, OP_ED + "The council meets again in March.", byline)
        assert speakers_of(quotes, SAID) == [None], byline


def test_a_phrase_the_writer_answers_after_it_is_not_theirs(quotes_of):
    tagline = "\n\nMarta Olsen is a professor of maritime law at Halden University."
    answered = quotes_of("Someone called the new timetable a “slow surrender,” and I "
                         "agree." + tagline)
    assert speakers_of(answered, "slow surrender") in ([], [None])
    own = quotes_of("Last week I called the new timetable a “slow surrender” in a letter to "
                    "the board." + tagline)
    assert speakers_of(own, "slow surrender") == ["Marta Olsen"]
