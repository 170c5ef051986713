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


def test_a_body_named_with_its_spokeswoman_speaks_for_itself_later(quotes_of, only):
    """The parser hangs the name itself beside the union, "spokeswoman" on the name (and tags
    the name as no person): the role the name is given still makes her a member."""
    text = ("The dockworkers' union, its spokeswoman Ines Calder, met the port authority on "
            f"Monday.{QUOTE}the union said.")
    speaker = only(quotes_of(text), "direct", "timetable needs").speaker
    assert (speaker.name, speaker.kind) == ("The dockworkers' union", "organisation")


def test_a_body_with_a_bare_name_beside_it_is_that_name(quotes_of, only):
    """A name beside a body with no role word of its own is still whom the body means."""
    text = ("The island's ferry company, Tolver Lines, cut two crossings on Monday."
            f"{QUOTE}the company said.")
    speaker = only(quotes_of(text), "direct", "timetable needs").speaker
    assert speaker.name == "Tolver Lines"
