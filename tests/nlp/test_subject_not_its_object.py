"""A description or title that is a verb's subject is never the person the same verb names as
its object: "The minister told Berg …" with no minister named before is not Berg, however
recently Berg was named. On text written here."""

from __future__ import annotations

TOLD = ("Tomas Berg runs the harbour co-operative, and on Monday he met the ministry's "
        "officials.\n\n"
        "The minister told Berg that the quotas would be cut next year.")


def test_the_minister_is_not_the_one_told(quotes_of, only):
    speaker = only(quotes_of(TOLD), "indirect", "quotas would be cut").speaker
    assert (speaker.name, speaker.kind) == ("The minister", "unnamed")


ASKED = ("Tomas Berg has run the harbour co-operative for a decade.\n\n"
         "The mayor asked Berg whether the boats could be moved before winter.")


def test_the_mayor_is_not_the_one_asked(quotes_of, only):
    speaker = only(quotes_of(ASKED), "indirect", "boats could be moved").speaker
    assert (speaker.name, speaker.kind) == ("The mayor", "unnamed")


NAMED = ("Tomas Berg runs the harbour co-operative. Mayor Ana Kerr visited the quay on "
         "Monday.\n\n"
         "The mayor told Berg that the quotas would be cut next year.")


def test_a_title_named_before_still_gives_its_holder(quotes_of, only):
    assert only(quotes_of(NAMED), "indirect", "quotas would be cut").speaker.name == "Ana Kerr"
