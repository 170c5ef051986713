"""A sentence whose full stop the page or a scraper lost, told from a headline set between
paragraphs (a link to another article, a section's subhead): a headline is short, in the
present tense and one sentence; a news sentence runs longer and tells of the past."""

from __future__ import annotations

import re

LONG = 15
"""Words a sentence without its stop has at least: linked headlines run shorter."""
PAST = re.compile(r"\b(?:was|were|had|did|didn['’]t|said|told)\b"
                  r"|\b(?:has|have)\s+(?:\w+\s+)?\w+ed\b")
"""A verb of the past a headline leaves out: headlines say 'strikes', 'has struck' is 'strikes'."""
SUBJECT_PAST = re.compile(r"(?:\b[A-Z][\w'’.-]*|\b(?:he|she|they|it|we|who))\s+[a-z]{2,}ed\b")
"""A verb in -ed after a name or a pronoun (`Holt announced`), not an adjective after a
word (`not unprecedented`, `use coded`)."""
STOP_INSIDE = re.compile(r"(?P<word>[\w'’]+)\.[\"”’']?\s+[\"“‘']?[A-Z]\S*\s+\S")
"""A sentence ending in a full stop inside the line, another of two words or more after it: a
headline is one sentence or a question and its answer (`Who is she? Five things to know`), and a
caption's credit follows its stop alone (`... in Northhaven. AP`)."""
QUOTED_END = re.compile(r"[.!?…][“‘]$")
"""A stop inside a quotation whose closing mark was typed as an opening one."""
ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}|[a-z]")
"""A word before a dot that is no stop: a title or a month (`Mr.`, `Sen.`, `Jan.`), an initial."""
FURNITURE_MARK = re.compile(
    r"\||\bread more$|\bvideo\b|\bfile photo\b|\byour inbox\b|\bsign(?:ing)? up\b|\bsubscribe\b"
    r"|[a-z][:?!][A-Z]|^(?:\S+ ){0,4}\S+: |\.\s+\S+(?:\s\S+)?$|\?\s+[A-Z]",
    re.IGNORECASE)
"""What a link or a prompt holds and a sentence does not: a separator, `Read more` closing it,
a video or a file photo, a call to sign up, a label glued to a link (`Poll:Who`) or before a
colon (`Harbour strike: ...`), a question and its answer (`Who is she? The ...`), a credit of
a word or two after the last stop (a caption's `... on Monday. AP`)."""


def lost_its_stop(line: str) -> bool:
    """A sentence of prose without its full stop: long, mostly in lower case, with a verb of
    the past or a sentence before it, and nothing a link or a prompt holds; or a line closing
    on a stop inside a quotation."""
    if QUOTED_END.search(line):
        return True
    words = line.split()
    lower = sum(1 for word in words if word[:1].islower())
    if len(words) < LONG or lower * 2 <= len(words) or FURNITURE_MARK.search(line):
        return False
    return bool(PAST.search(line) or SUBJECT_PAST.search(line) or _stop_inside(line))


def _stop_inside(line: str) -> bool:
    return any(not ABBREVIATION.fullmatch(found.group("word"))
               for found in STOP_INSIDE.finditer(line))
