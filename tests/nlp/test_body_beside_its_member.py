"""A body set beside one of its people ("the dockworkers' union, its chairwoman Ines Calder,") is
not that person when it speaks later: a person described beside a body is a member, not the
body; a person beside a person is the same one. On text written here and the real spaCy
model."""

from __future__ import annotations

QUOTE = "\n\n“The ferry timetable needs a rethink,” "


def test_a_body_named_with_its_chairwoman_speaks_for_itself_later(quotes_of, only):
    text = ("The dockworkers' union, its chairwoman Ines Calder, met the port authority on "
            f"Monday.{QUOTE}the union said.")
    speaker = only(quotes_of(text), "direct", "timetable needs").speaker
    assert speaker.name != "Ines Calder"
