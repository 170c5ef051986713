"""Correction notes: the lines a page adds when it corrects an article ("An earlier version of
this article misstated …", "(Corrects number of dead to 12 from 21)"). Not furniture: a desk
that ran the earlier version must hear of them."""

from __future__ import annotations

import re

NOTE = re.compile(
    r"\b(?:an?|the) (?:earlier|previous|prior|original) version of this "
    r"(?:article|story|report|post|item|piece)\b"
    r"|^\W*(?:corrects|correcting|refiles? to correct|clarifies)\b"
    r"|^\W*(?:corrections?(?: and clarifications)?|clarification|correction appended)\b"
    r"[^:.]{0,30}:"
    r"|\b(?:this|the) (?:article|story|report) (?:has been|was|is) "
    r"(?:updated|corrected|changed|amended) to (?:correct|fix|clarify)\b",
    re.IGNORECASE)
"""Words only a correction note uses: a version of this article said otherwise, a note opening
'Corrects' or 'Correction:', the article changed 'to correct' something."""
NOTE_CHARS = 1000
MARKS = ("version", "correct", "clarif", "fix")
"""A word every note holds one of: most sentences are told apart by these alone (an eighth of
the time NOTE takes to search them)."""


def is_correction_note(text: str) -> bool:
    """Whether a sentence or paragraph is (or opens) a note correcting the article."""
    if len(text) > NOTE_CHARS:
        return False
    lowered = text.lower()
    return any(mark in lowered for mark in MARKS) and bool(NOTE.search(text))
