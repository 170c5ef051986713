""""X told a crowd that he expects … and he is doing better …": a clause joined after the
reported one, with the same subject and in the reported clause's present tense where the
narrative is past, is more of what was said, however the parser hung it. On text written here."""

from __future__ import annotations

TOLD = ("Tomas Berg told a crowd in the harbour on Friday that he expects the quotas to rise "
        "next spring and he is doing better than his rivals.")


def test_a_present_conjunct_with_the_same_subject_is_reported(quotes_of, only):
    quote = only(quotes_of(TOLD), "indirect", "quotas to rise")
    assert quote.text.endswith("and he is doing better than his rivals")
    assert quote.speaker.name == "Tomas Berg"


NARRATED = ("Tomas Berg told a crowd in the harbour on Friday that he expects the quotas to "
            "rise next spring and he left before noon.")


def test_a_past_conjunct_is_the_narrative_going_on(quotes_of, only):
    quote = only(quotes_of(NARRATED), "indirect", "quotas to rise")
    assert "before noon" not in quote.text
