"""Whether a feed entry's text is a seen entry's text stamped or edited, not new copy."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

WORDS_KEPT = 3000
"""Words of an entry's text kept to compare later entries with (the seen-entry row stays
bounded; a feed's text is a teaser or an article, rarely longer)."""
EDIT_WORDS = 4
"""Words an edit may add, and words it may take away: "updated 3 minutes ago" becoming "updated
about an hour ago" adds three and takes two, a corrected typo or a changed date one each; a
sentence of news is longer (see docs/sources.md for the measure)."""
EDIT_SHARE = 4
"""...and together at most a quarter of the seen entry's words (two short texts differ less)."""
EDIT_WINDOW = timedelta(hours=12)
"""An entry is compared with those seen, or last found stamped, this long ago at most: a daily
report at one page under one title, whose figures alone change, is the next day's report."""
WORD = re.compile(r"\w+")


def words_of(text: str) -> str:
    """The text's words, lower case, the first ``WORDS_KEPT`` of them, one space apart."""
    return " ".join(WORD.findall(text.lower())[:WORDS_KEPT])


def words_changed(seen: str, text: str) -> int | None:
    """How many words ``text`` adds and takes away from the ``seen`` words (as ``words_of``
    keeps them), when few enough for an edit of the same copy; None when it is other copy."""
    before, after = Counter(seen.split()), Counter(words_of(text).split())
    added, removed = sum((after - before).values()), sum((before - after).values())
    if added > EDIT_WORDS or removed > EDIT_WORDS:
        return None
    if (added + removed) * EDIT_SHARE > sum(before.values()):
        return None
    return added + removed
