"""A party's or a people's plural is a group, never a person, and a name stays whole: a surname
alone takes the whole name written before it (also before "Jr." or "III"), and a first name
the recogniser left off comes back, and words it ran on to past a dash are cut (issue 14,
registry35); on text written here and the real spaCy model."""

from __future__ import annotations

import pytest

CLAIM = "the levy would drive families away"


@pytest.mark.parametrize("body", [
    "The ferry levy passed on Tuesday by one vote. Republicans, who hold four seats on the "
    f"harbour board, said {CLAIM}.",
    "Council members argued for hours over the ferry levy. Democrats, who control the board, "
    f"said {CLAIM}.",
])
def test_a_plural_with_a_who_clause_is_no_person(quotes_of, only, body):
    assert only(quotes_of(body), "indirect", CLAIM).speaker.kind != "person"


@pytest.mark.parametrize("body", [
    "Vermont Democrats backed the ferry levy at a meeting on Monday.\n\nThe vote was close. "
    f"Democrats said {CLAIM}.",
    "Harbour Republicans opposed the ferry levy at a meeting on Monday.\n\nThe vote was close. "
    f"Republicans said {CLAIM}.",
])
def test_a_plural_alone_is_no_surname_of_the_group_named_before(quotes_of, only, body):
    speaker = only(quotes_of(body), "indirect", CLAIM).speaker
    assert speaker.kind != "person" and " " not in (speaker.name or "")


def test_a_surname_alone_takes_the_whole_name_written_before(quotes_of, only):
    body = ("Ferry operator Kaur Deep Sandhu Holdings was fined, and Kaur Deep Sandhu resigned."
            f"\n\nSandhu said {CLAIM}.")
    speaker = only(quotes_of(body), "indirect", CLAIM).speaker
    assert (speaker.name, speaker.kind) == ("Kaur Deep Sandhu", "person")


def test_a_first_name_the_recogniser_left_off_a_longer_name_is_kept(quotes_of, only):
    body = ("Party chair Debbie Wasserman Lutz opened the meeting on Monday.\n\n"
            f"Wasserman Lutz said {CLAIM}.")
    speaker = only(quotes_of(body), "indirect", CLAIM).speaker
    assert (speaker.name, speaker.kind) == ("Debbie Wasserman Lutz", "person")


def test_a_surname_before_a_generation_mark_finds_the_whole_name(quotes_of, only):
    body = ("Harbour trust chairman Brent Holloway III wrote to the council on Monday.\n\n"
            "Holloway says the pier cannot wait another winter.")
    speaker = only(quotes_of(body), "indirect", "another winter").speaker
    assert (speaker.name, speaker.kind) == ("Brent Holloway III", "person")


def test_a_person_tagged_over_a_dash_is_the_name_before_it(quotes_of, only):
    body = ("The board heard from Mirela Dunford - and from nobody else. Dunford said the pier "
            "could not wait another winter.")
    speaker = only(quotes_of(body), "indirect", "another winter").speaker
    assert (speaker.name, speaker.kind) == ("Mirela Dunford", "person")
