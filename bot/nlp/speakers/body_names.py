"""Names the recogniser tags as a person's that are a body's or a building's: "Harlow Tower",
"the Dunmore White House", "Marlow Police", "Kessler Center" end in a word for a body or a
place and open on no first name, no title and no form of address."""

from __future__ import annotations

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.words import HONORIFICS, INSTITUTIONS, ORG_NOUNS, PLACE_WORDS, TITLE_WORDS

NO_SURNAMES = frozenset({
    "police", "department", "ministry", "committee", "caucus", "agency", "administration",
    "university", "college", "school", "county", "district", "council", "commission",
    "hospital", "foundation", "association", "institute", "embassy", "government"})
"""Last words of a body's or a place's name that no one bears as a surname: a body's name
even after a first name ("Gordon Police", "Gordon High School")."""
COMMON_SURNAMES = frozenset({"hall", "park", "field"})
"""Words for a place that many people bear as a surname ("Tamsin Hall", "Ji-won Park"): no
sign of a body's name."""
BODY_ENDINGS = NO_SURNAMES | (ORG_NOUNS | PLACE_WORDS | INSTITUTIONS | {
    "room", "fund", "project", "chamber", "museum", "library"}) - COMMON_SURNAMES
"""Last words of a body's, a building's or a place's name ("Briefing Room", "Harbour Fund");
some are surnames too, rarer ones ("Tom House")."""


def body_name(name: str) -> bool:
    """Whether a name of two words or more is a body's: it ends in a capitalised word of
    ``BODY_ENDINGS`` and its first word is no title or form of address ("Sen. Ana Hall",
    "Mr. Park" stay people), nor a first name of known sex unless the last word is one no
    one bears as a surname ("Tom House" stays a person)."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    last, first = words[-1].lower(), words[0].lower()
    if last not in BODY_ENDINGS or first in HONORIFICS or first.strip(".") in TITLE_WORDS:
        return False
    return last in NO_SURNAMES or first_name_gender(first) is None

