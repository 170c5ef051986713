"""Descriptions resolved to whom or what the article named before, not left as a long phrase
(issue 14, descriptions34); on text written here and the real spaCy model."""

from __future__ import annotations


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
