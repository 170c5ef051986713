"""Words for whom someone is to another person ("ally", "predecessor", "successor") describe a
person the article named, as "the billionaire" does: "the ally said" is the one named so, not
an unnamed source. On text written here."""

from __future__ import annotations

import pytest

ALLY = ("Mayor Ana Ruiz spoke first at the harbour meeting.\n\n"
        "Her closest ally, Tomas Berg, spoke next and drew louder applause.\n\n"
        "\u201cWe stand together on the levy,\u201d the ally said.")
PREDECESSOR = ("Mayor Ana Ruiz opened the new ferry pier on Saturday.\n\n"
               "Her predecessor, Tomas Berg, watched from the front row.\n\n"
               "\u201cShe finished what I began,\u201d the predecessor said.")
SUCCESSOR = ("Tomas Berg stepped down as harbour master in March.\n\n"
             "His successor, Ana Ruiz, took over the ferry timetable in April.\n\n"
             "\u201cThe winter sailings stay,\u201d the successor said.")


@pytest.mark.parametrize("body, words, expected", [(ALLY, "stand together", "Tomas Berg"),
                                                   (PREDECESSOR, "finished what", "Tomas Berg"),
                                                   (SUCCESSOR, "winter sailings", "Ana Ruiz")])
def test_a_word_for_a_relation_to_someone_is_the_person_named_so(quotes_of, only, body, words,
                                                                 expected):
    speaker = only(quotes_of(body), "direct", words).speaker
    assert (speaker.name, speaker.kind) == (expected, "person")
