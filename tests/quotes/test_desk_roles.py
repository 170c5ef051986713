"""A speaker's role as a desk writes it after the name ("Ana Ruiz, senator"), each shape on
text written for the test: a title abbreviation spelled out, a party tag read, and never a
handle, a form of address, a dateline or a pronoun as the role."""

from __future__ import annotations

import pytest

from bot.models import Article
from bot.nlp.parse import parsed_from_doc
from bot.nlp.quotes import extract_quotes
from tests.quotes.conftest import one


@pytest.fixture
def role_of(nlp):
    """The role shown with the one quote of ``body`` holding ``words``."""
    def run(body: str, words: str) -> str | None:
        article = Article(title="Test", body=body, origin="test", content_hash="test")
        return one(extract_quotes(parsed_from_doc(article, nlp(body))), words).speaker.role
    return run


@pytest.mark.parametrize(("body", "role"), [
    ("Sen. Marta Kowalski said the levy would pass. “It has the votes,” Kowalski said.",
     "senator"),
    ("“It has the votes,” said Florida Gov. Paul Ibsen.", "Florida governor"),
    ("“It has the votes,” said Lt. Gov. Ana Ruiz.", "lieutenant governor"),
    ("“It has the votes,” said Prof. Adam Brook.", "professor"),
    ("COLUMBIA, S.C. - Sen. Ana Ruiz said the bill has the votes.", "senator"),
    ("COLUMBIA, S.C. -- Sen. Ana Ruiz said the bill has the votes.", "senator"),
])
def test_a_title_abbreviation_is_written_out_in_lower_case(role_of, body, role):
    assert role_of(body, "has the votes") == role


@pytest.mark.parametrize(("body", "role"), [
    ("“It has the votes,” said Rep. Dana Whitcombe (D-Ore.), who chairs the panel.",
     "Democratic representative from Oregon"),
    ("Sen. Tomas Brandt, R-Texas, said the bill has the votes.", "Republican senator from Texas"),
    ("“It has the votes,” said Sen. Ana Ruiz, D-Calif.", "Democratic senator from California"),
    ("“It has the votes,” said former Sen. Colm Fahy (R-Wis.).",
     "former Republican senator from Wisconsin"),
    ("“It has the votes,” said Rep. Joel Varga (R-Springfield).", "Republican representative"),
    ("“It has the votes,” said Lena Okafor (D-Ill.).", "Illinois Democrat"),
    ("Sen. Tomas Brandt,  R-Texas, said the bill has the votes.",
     "Republican senator from Texas"),
    ("“It has the votes,” said Lena Okafor (  D-Ill.).", "Illinois Democrat"),
])
def test_a_party_tag_is_read_not_shown_as_the_role(role_of, body, role):
    assert role_of(body, "has the votes") == role


def test_a_handle_is_never_a_role_and_a_later_title_is_shown(role_of):
    body = ("“We are closing the depot,” Ada Brandt (@adabrandt) wrote on Monday. Mayor Ada "
            "Brandt later told staff that “nobody loses a job” in the move.")
    assert role_of(body, "closing the depot") == "mayor"
    assert role_of("“We are closing the depot,” Ada Brandt (@adabrandt) wrote on Monday.",
                   "closing the depot") is None


@pytest.mark.parametrize(("body", "words"), [
    ("“We ran the tests,” said Dr. Imogen Hart.", "ran the tests"),
    ("Ana Ruiz himself said the plant would close.", "plant would close"),
    ("“We knew,” Ruiz's Chuck Dorsey said.", "We knew"),
])
def test_a_form_of_address_a_pronoun_or_a_person_as_owner_is_no_role(role_of, body, words):
    assert role_of(body, words) is None


def test_an_organisation_before_the_name_is_credited(role_of):
    body = "“We knew,” Harbour Freight Association's Chuck Dorsey said."
    assert role_of(body, "We knew") == "Harbour Freight Association"


def test_an_apposition_the_parser_cut_at_a_hyphen_is_whole(role_of):
    body = "“We will not stop,” said Adam Brook, co-founder of the Harbour Trust."
    assert role_of(body, "will not stop") == "co-founder of the Harbour Trust"


@pytest.mark.parametrize(("body", "role"), [
    ("“The pier will reopen in May,” Mayor Ada Brandt said.", "mayor"),
    ("“We lost the vote,” Vice President Ana Ruiz said.", "vice president"),
    ("“The pier will reopen in May,” said Ada Brandt, the mayor of Eastfield.",
     "the mayor of Eastfield"),
    ("“We will build it,” said Ana Ruiz, the chief executive of General Motors.",
     "the chief executive of General Motors"),
])
def test_a_title_word_that_is_a_real_role_stays(role_of, body, role):
    words = body.split("”")[0].strip("“,")
    assert role_of(body, words) == role


@pytest.mark.parametrize(("body", "role"), [
    ("“The ferry will stop at six,” said harbour master Tom Vale.", "harbour master"),
    ("“The ferry will stop at six,” said headteacher Priya Natarajan.", "headteacher"),
    ("“The ferry will stop at six,” said union organiser Maren Solberg.", "union organiser"),
    ("“The ferry will stop at six,” union organiser Maren Solberg said.", "union organiser"),
    ("“The ferry will stop at six,” said Maren Solberg, a union organiser.", "a union organiser"),
])
def test_a_lower_case_role_before_or_after_the_name_is_shown(role_of, body, role):
    """Lower-case titles as British and Canadian desks write them, before the name after the
    verb too; the parser tagged "harbour master" a person and "headteacher" a verb."""
    assert role_of(body, "ferry will stop") == role


@pytest.mark.parametrize(("body", "role"), [
    ("Union organiser Maren Solberg said the ferry would stop at six.", "union organiser"),
    ("The organiser, Maren Solberg, said the ferry would stop at six.", "the organiser"),
    ("A union organiser, Maren Solberg, said the ferry would stop at six.", "a union organiser"),
])
def test_a_role_opening_the_sentence_loses_the_sentences_capital(role_of, body, role):
    assert role_of(body, "ferry would stop") == role


def test_the_noun_a_name_is_set_beside_is_remembered_for_a_later_quote(role_of):
    body = ("The organiser, Maren Solberg, spoke first. “The ferry will stop at six,” "
            "Solberg said.")
    assert role_of(body, "ferry will stop") == "the organiser"


@pytest.mark.parametrize(("body", "role"), [
    ("“The ferry will stop at six,” said Solberg, who organises the night crews at the depot. "
     "Maren Solberg was there.", "who organises the night crews at the depot"),
    ("“The ferry will stop at six,” said Maren Solberg, who chairs the harbour's defence "
     "committee.", "who chairs the harbour's defence committee"),
    ("“The ferry will stop at six,” said Maren Solberg, who is a union organiser.",
     "a union organiser"),
    ("“The ferry will stop at six,” said Maren Solberg, who spoke after the meeting.", None),
    ("“The ferry will stop at six,” said Maren Solberg, who was a union organiser for years.",
     None),
])
def test_a_who_clause_of_what_someone_is_or_does_is_the_role(role_of, body, role):
    """Not what they did once, nor what they were."""
    assert role_of(body, "ferry will stop") == role


@pytest.mark.parametrize("body", [
    "Maren Solberg joined the crowd, the busiest in years. “The ferry will stop at six,” "
    "Solberg said.",
    "“The ferry will stop at six,” said Maren Solberg of the Black Lives Matter group.",
])
def test_a_thing_set_beside_a_name_is_no_role(role_of, body):
    assert role_of(body, "ferry will stop") is None


def test_another_person_set_beside_a_name_is_no_role(role_of):
    body = ("One pastor backing Mayor Paul Ruiz, Tomas Beltran of Hope Chapel, said he had made "
            "90 calls.\n\n“We will keep the pier open,” Ruiz said on Friday.")
    assert role_of(body, "pier open") == "mayor"
