"""A speaker's name and role as a desk writes them: a title or job word the recogniser took
into the name ("Comedian Ana Ruiz") is the role, not a word of the name, and words the parser
hung on a name ("Ohio-based", a plural) are no role; a first name that is also a rank, or a name
ending in a title word, stays whole; a platform spoken on ("wrote on Twitter") is no speaker,
one that speaks is a company; a title the recogniser tagged as a firm or a place is still
the role, and an apposition's role ends before the name. Texts written for the test."""

from __future__ import annotations

import pytest

from bot.models import Article, Speaker
from bot.nlp.parse import parsed_from_doc
from bot.nlp.quotes import extract_quotes
from tests.quotes.conftest import one


@pytest.fixture
def speaker_of(nlp):
    """The speaker of the one quote of ``body`` holding ``words``."""
    def run(body: str, words: str) -> Speaker:
        article = Article(title="Test", body=body, origin="test", content_hash="test")
        return one(extract_quotes(parsed_from_doc(article, nlp(body))), words).speaker
    return run


@pytest.mark.parametrize(("body", "name", "role"), [
    ("“The hall stays open,” said Comedian Ana Ruiz, who booked it for June.", "Ana Ruiz",
     "comedian"),
    ("Assemblywoman Clara Dunmore said the hall stays open until June.", "Clara Dunmore",
     "assemblywoman"),
    ("“The hall stays open,” Tulsa Councilwoman Dana Whitfield said on Monday.",
     "Dana Whitfield", "Tulsa Councilwoman"),
])
def test_a_title_or_job_word_is_the_role_not_part_of_the_name(speaker_of, body, name, role):
    speaker = speaker_of(body, "hall stays open")
    assert (speaker.name, speaker.role) == (name, role)


@pytest.mark.parametrize(("body", "name"), [
    ("“The hall stays open,” said Major Garrett, who covered the talks.", "Major Garrett"),
    ("“The hall stays open,” said Martin Luther King III, who spoke after the vote.",
     "Martin Luther King III"),
])
def test_a_name_that_only_looks_like_a_title_stays_whole(speaker_of, body, name):
    assert speaker_of(body, "hall stays open").name == name


@pytest.mark.parametrize("body", [
    "“The market is cooling,” said Ohio-based Dana Whitfield.",
    "“The market is cooling,” said lenders Dana Whitfield.",
    "“The market is cooling,” said residents Ana Ruiz and Tom Vale.",
])
def test_words_the_parser_hung_on_a_name_are_no_role(speaker_of, body):
    assert speaker_of(body, "market is cooling").role is None


def test_a_who_clause_is_the_role_when_the_words_before_the_name_are_none(speaker_of):
    body = "“The market is cooling,” said Ohio-based Dana Whitfield, who advises lenders."
    assert speaker_of(body, "market is cooling").role == "who advises lenders"


def test_a_title_ending_in_a_noun_for_one_person_stays(speaker_of):
    body = "“The market is cooling,” said Ohio native Dana Whitfield."
    assert speaker_of(body, "market is cooling").role == "Ohio native"


def test_an_untagged_name_keeps_the_whole_title_before_it(speaker_of):
    body = "The vote was close. Harlow County Sheriff Xo Brel said the road would reopen."
    speaker = speaker_of(body, "road would reopen")
    assert (speaker.name, speaker.role) == ("Xo Brel", "Harlow County Sheriff")


def test_a_platform_spoken_on_is_never_the_speaker(speaker_of):
    body = "The levy vote failed on Monday.\n\nHe wrote on Twitter: “The levy is dead.”"
    speaker = speaker_of(body, "levy is dead")
    assert (speaker.name, speaker.kind) == (None, "unknown")


def test_a_platform_that_speaks_stays_the_speaker_as_a_company(speaker_of):
    body = "Twitter said it would remove the posts. “We act on every report,” Twitter said."
    assert speaker_of(body, "act on every report") == Speaker("Twitter", "organisation")


@pytest.mark.parametrize(("body", "name", "role"), [
    ("“The shelter will stay open,” said AG Mukers, who ran the department.", "Mukers",
     "attorney general"),
    ("Hartford City Councilman Tomas Brandt, of the Green Party, said the shelter will stay open.",
     "Tomas Brandt", "Hartford City Councilman"),
    ("The director of the Harlow Museum, Ines Kardel, said the shelter will stay open.",
     "Ines Kardel", "the director of the Harlow Museum"),
])
def test_a_title_the_recogniser_tagged_otherwise_is_still_the_role(speaker_of, body, name, role):
    speaker = speaker_of(body, "shelter will stay open")
    assert (speaker.name, speaker.role) == (name, role)


@pytest.mark.parametrize(("body", "role"), [
    ("“The pool reopens in May,” said council leisure lead Dana Whitfield.", "council leisure lead"),
    ("“The pool reopens in May,” said campaign lead Dana Whitfield.", "campaign lead"),
])
def test_a_lower_case_title_the_parser_read_as_a_clause_is_no_speaker(speaker_of, body, role):
    """The parser made "leisure" the subject of "lead" and the name its object: the words
    before the name spoke, "council leisure"."""
    speaker = speaker_of(body, "pool reopens")
    assert (speaker.name, speaker.role) == ("Dana Whitfield", role)
