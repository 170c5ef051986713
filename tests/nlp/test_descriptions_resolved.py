"""Descriptions resolved to whom or what the article named before, not left as a long phrase
(issue 14, descriptions34); on text written here and the real spaCy model."""

from __future__ import annotations

import pytest


def test_the_poll_is_the_issuer_who_found_something_in_it(quotes_of, only):
    body = ("The harbour levy divides the town.\n\nIn an online poll of 800 likely voters, "
            "conducted from May 1 to May 6, the Harbour Institute found that most residents "
            "oppose the levy. Still, the poll shows that younger voters may be won over.")
    speaker = only(quotes_of(body), "indirect", "younger voters").speaker
    assert (speaker.name, speaker.kind) == ("the Harbour Institute", "organisation")


def test_the_release_speaking_again_is_whoever_it_was_the_first_time(quotes_of, only):
    body = ("The Harbour Party of Vell said on Thursday that the mayor would not attend.\n\n"
            "“The council has told the party that the mayor is unwell,” the release said. "
            "“She will be back by May.”\n\n“No one else has been named to speak in her "
            "place,” the release added.")
    speaker = only(quotes_of(body), "direct", "No one else").speaker
    assert (speaker.name, speaker.kind) == ("The Harbour Party of Vell", "organisation")


@pytest.mark.parametrize("body", [
    "Tomas Vell, a shipping magnate, is running for mayor of Halden. The businessman's "
    "remarks suggest that he would close the north pier.",
    "Tomas Vell is running for mayor of Halden. His rhetoric suggests that he would close the "
    "north pier.",
])
def test_words_owned_by_a_description_or_rhetoric_are_their_owners(quotes_of, only, body):
    speaker = only(quotes_of(body), "indirect", "north pier").speaker
    assert (speaker.name, speaker.kind) == ("Tomas Vell", "person")


@pytest.mark.parametrize(("body", "name"), [
    ("Tomas Vell was aboard, his brother Piet Vell told the Courier. He had just bought a "
     "boat, his brother added.", "Piet Vell"),
    ("Tomas Vell was aboard, said his sister, Lena Vell. He had just bought a boat, his "
     "sister added.", "Lena Vell"),
])
def test_a_relative_someone_owns_is_the_one_named_before_as_that_relative(quotes_of, only,
                                                                         body, name):
    speaker = only(quotes_of(body), "indirect", "bought a boat").speaker
    assert (speaker.name, speaker.kind) == (name, "person")


@pytest.mark.parametrize(("pronoun", "name"), [("He", "Tomas Vell"), ("She", "Ana Ruiz")])
def test_a_description_is_of_the_sex_of_the_he_or_she_going_on_about_it(quotes_of, only,
                                                                         pronoun, name):
    body = ("Mayor Ana Ruiz has led the race since spring. Her rival, Mr. Tomas Vell, drew a "
            "crowd at the pier on Sunday. The ferry crews cheered. The veteran campaigner says "
            f"that the ferry will run all winter. {pronoun} also vowed to reopen the north pier.")
    quotes = quotes_of(body)
    assert only(quotes, "indirect", "all winter").speaker.name == name
    assert only(quotes, "indirect", "north pier").speaker.name == name
