"""A role given only in a "who" clause of a position held ("Ana Ruiz, who chairs the union,")
is hers for later descriptions: "the union's chair said" is Ana Ruiz, not an unnamed source.
On text written here."""

from __future__ import annotations

CHAIR = ("Helen Brooks, who chairs the dockers' union, met the mayor on Friday.\n\n"
         "Tomas Berg, a ferry pilot, waited outside the hall with a placard.\n\n"
         "\u201cWe will not sign this deal,\u201d the union's chair said.")
EDITOR = ("Mara Lind, who edits the weekly farm bulletin, wrote to the council in May.\n\n"
          "Tomas Berg, who is the council leader, replied to her a month later.\n\n"
          "\u201cNobody read our letter,\u201d the editor said on Monday.")


def test_the_holder_of_a_position_held_in_a_who_clause_speaks(quotes_of, only):
    speaker = only(quotes_of(CHAIR), "direct", "not sign").speaker
    assert (speaker.name, speaker.kind) == ("Helen Brooks", "person")


def test_a_position_verb_gives_the_title_of_its_holder(quotes_of, only):
    speaker = only(quotes_of(EDITOR), "direct", "Nobody read").speaker
    assert (speaker.name, speaker.kind) == ("Mara Lind", "person")
