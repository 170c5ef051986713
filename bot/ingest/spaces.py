"""A line's spaces that are not the plain one (a tab, a no-break space), read as the plain one.

Ingest reads them so in every paragraph it stores; text a caller gives the extraction
(`wirewatch quotes extract`, the benchmarks) is read the same way, or a no-break space inside
a name ("Ann\u00a0Ruiz") splits it for the parser and the recogniser.
"""

from __future__ import annotations

from bot.ingest.mojibake import Repair, repair

LINE_SPACES = "\t\u00a0"
_PLAIN = str.maketrans(dict.fromkeys(LINE_SPACES, " "))


def plain_spaces(text: str) -> str:
    """``text`` with a line's other spaces plain, each one for one: offsets still hold."""
    return text.translate(_PLAIN)


def read_given(text: str) -> Repair:
    """``text`` as the extraction parses it: garbled runs put back, then a line's spaces plain
    (after, so that a garbled no-break space is still put back first)."""
    fixed = repair(text)
    return Repair(plain_spaces(fixed.text), fixed.runs)
