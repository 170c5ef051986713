"""A text too long for where it goes, cut at a word with a mark: one rule for every layer (an
article's fields as they arrive, a summary, an alert's fields), so a cut always shows."""

from __future__ import annotations

CUT_MARK = "…"


def cut(text: str, most: int) -> str:
    """``text`` in at most ``most`` characters, ending at a word with ``CUT_MARK`` when a word
    ends in its last fifth; else in the middle of one. Only white space before the cut (600
    spaces as a title) is no word to end at: IndexError, a 503 for ever at `/ingest`."""
    head = text[:most - len(CUT_MARK)]
    words = head.rsplit(None, 1) if " " in head[most * 4 // 5:] else [head]
    return (words[0] if words else "").rstrip() + CUT_MARK
