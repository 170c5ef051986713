"""Whether the page an entry links to is the entry's article, or a page standing in front of it
(a cookie-consent wall, a sign-in page, a "page not found" served as 200): such a page shares
almost none of the words the feed gives for the entry, and every entry behind it gets the same
one, so taking it for the article stores the wall once and drops the other entries as copies."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{4,}")
FEWEST_WORDS = 4
"""An entry giving fewer distinct words than this (a title such as "Live updates") says too
little to judge its page by."""
SHARED = 1 / 3
"""The part of the entry's words a page must have to be its article: the article's own page
has nearly all of them (its headline, and a teaser cut from its text or written from it), a
wall in front of it almost none."""


def _words(text: str) -> set[str]:
    """Distinct words of four letters or more, case-folded: digits, and short words every page
    has, say nothing of what a page is about."""
    return {w.casefold() for w in _WORD.findall(text)}


def not_its_article(*, entry_title: str | None, entry_text: str, page_title: str | None,
                    page_text: str) -> str | None:
    """Why the page is not the entry's article, or None when it is (or the entry is too
    short to tell)."""
    if not entry_text.strip() and not page_title:
        return None  # a headline alone, against a page whose own headline was not found
    wanted = _words(f"{entry_title or ''}\n{entry_text}")
    if len(wanted) < FEWEST_WORDS:
        return None
    found = wanted & _words(f"{page_title or ''}\n{page_text}")
    if len(found) >= SHARED * len(wanted):
        return None
    return (f"the page does not read as the entry's article (it has {len(found)} of the "
            f"{len(wanted)} words of the entry's title and teaser: a consent, sign-in or error "
            "page?)")
