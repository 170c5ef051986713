"""A person's name set beside a body's noun with no role between ("the union, Helen Brooks,
said") names no one the body is: the body speaks, and "the union" is not her role. On text
written here."""

from __future__ import annotations

STRIKE = ("The dockers walked out at dawn on Tuesday.\n\n"
          "\u201cWe will stay out until May,\u201d the union, Helen Brooks, said.")


def test_the_body_speaks_not_the_name_set_beside_it(quotes_of, only):
    speaker = only(quotes_of(STRIKE), "direct", "stay out").speaker
    assert (speaker.name.lower(), speaker.kind) == ("the union", "organisation")
