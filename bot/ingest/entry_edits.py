"""Whether a feed entry's text is a seen entry's text stamped or edited, not new copy."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from bot.ingest.date_words import ENGLISH, WEEKDAYS

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
_SMALL = "one two three four five six seven eight nine ten eleven twelve"
_NUMBERS = """
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion
"""
NUMBER_WORDS = frozenset((_SMALL + _NUMBERS).split())
"""Figures in words (those past twelve are words a typo may be made in, not a stamp's)."""
_NAMES = [name.casefold() for name in (*ENGLISH[1:], *WEEKDAYS)]
MONTHS_DAYS = frozenset({*_NAMES, *(name[:3] for name in _NAMES), "sept"})
"""Month and weekday names, whole or cut to three letters ("Dec", "Sat"; "Sept")."""
_BEFORE = "updated update posted published modified edited read"
_AFTER = """
    ago views view times reads likes shares replies comments comment am pm gmt utc bst cet cest
    est edt pst pdt
"""
BEFORE_STAMP = frozenset(_BEFORE.split()) | MONTHS_DAYS
AFTER_STAMP = frozenset(_AFTER.split()) | MONTHS_DAYS
"""Words after which, or before which, a number is a stamp's ("updated 10:14", "1,234 views",
"4 December"), not a figure of the news ("Two died": changed, it is news)."""
DATE_BEFORE = BEFORE_STAMP | AFTER_STAMP | frozenset({"on"})
"""Words before a day after which a month that is also a word of a sentence is a date's ("on 4
May", "12 minutes ago, 4 May"), not a modal verb ("fear 10 may drown")."""
_DURATIONS = """
    second seconds min mins minute minutes hour hours hr hrs h m day days week weeks month
    months year years
"""
DURATIONS = frozenset(_DURATIONS.split())
"""...or next to one of these followed by "ago" or "read" ("3 minutes ago", "4 min read")."""
ANCHOR = 3
"""Words that place where a cut text stops in a seen one (the last of them, which the cut may
split, left out)."""
SENTENCE_ENDS = (".", "!", "?", "\"", "'", "”", "’", ")")
WORD = re.compile(r"\d{1,2}:\d\d(?::\d\d)?|\w+")
"""A word, or a clock time whole ("10:14"): a stamp's, unless told in a sentence of news."""
PIECE = re.compile(WORD.pattern + r"|(?P<end>[.!?|•·\n])")
"""A word, or what ends a sentence or a stamp's line."""
TIME_TIED = frozenset({"at", "until", "till", "from", "before", "after", "around", "by"})
"""Words before a clock time that tie it to what a sentence of news tells ("The polls close at
10:14"), when a word of the sentence before them is no stamp's ("updated at 10:14" is)."""
AMBIGUOUS = frozenset({"may", "march", "mar", "sat", "sun", "wed"})
"""Month and weekday names that are also words of a sentence ("Two may die", "sat down"): a
date's only beside a day or a year in digits ("4 May", "May 2026"). Not told by a capital:
the seen words are kept in lower case, and the text of both must be read alike."""
_STAMPED = """
    a about ago an and at by day days edited first hour hours hr hrs h just last less likes
    m min mins minute minutes modified month months more now of on over posted published read
    reads replies second seconds shares since than times today updated update views view week
    weeks year years yesterday comment comments am pm gmt utc bst cet cest est edt pst pdt
"""
STAMP_WORDS = frozenset((_STAMPED + _SMALL).split()) | MONTHS_DAYS
"""Words of the lines a feed stamps on its entries (when it was posted or updated, how often it
was read): with numbers, all an edit may add that takes no word away. Any other word added must
stand for one taken away (a typo corrected), else it is a sentence of news ("Three people
died."), however short; the parse is not available at ingest."""


def words_of(text: str) -> str:
    """The text's words, lower case, the first ``WORDS_KEPT`` of them, one space apart."""
    return " ".join(WORD.findall(text.lower())[:WORDS_KEPT])


def _openings(text: str) -> list[int]:
    """For each of the text's words (as ``words_of`` keeps them), where its sentence starts."""
    openings: list[int] = []
    start = 0
    for piece in PIECE.finditer(text.lower()):
        if piece.group("end") is not None:
            start = len(openings)
        else:
            openings.append(start)
    return openings[:WORDS_KEPT]


def words_changed(seen: str, text: str) -> int | None:
    """How many words ``text`` adds and takes away from the ``seen`` words (as ``words_of``
    keeps them), when few enough for an edit of the same copy; None when it is other copy (a
    figure of the news changed is news however short)."""
    cut = _cut(text)
    seen_words, words = _covered(seen.split(), words_of(text).split(), cut=cut)
    for gone, rest, kept in _dropped(seen_words, words) if cut else ():
        changed = _changes(rest, kept, text, typos=False, of=len(seen_words))
        if changed is not None:
            return gone + changed
    return _changes(seen_words, words, text, typos=True, of=len(seen_words))


def _changes(seen_words: list[str], words: list[str], text: str, *, typos: bool,
             of: int) -> int | None:
    """How many words ``words`` (those of ``text`` from its start) add and take away, when an
    edit's: few (a quarter at most of the ``of`` words seen), no figure of the news changed, and
    no other word added unless, with ``typos``, for one taken away."""
    before, after = Counter(_named(seen_words)), Counter(_named(words))
    added, removed = sum((after - before).values()), sum((before - after).values())
    if added > EDIT_WORDS or removed > EDIT_WORDS:
        return None
    if (added + removed) * EDIT_SHARE > of:
        return None
    if _worded(after - before) > (_worded(before - after) if typos else 0):
        return None
    if _figures(words, _openings(text)) - _figures(seen_words, None):
        return None
    return added + removed


def _named(words: list[str]) -> list[str]:
    """The words, each of ``AMBIGUOUS`` that is no date's marked as a word of a sentence
    ("Officials may close the road": the "may" added is no stamp's)."""
    return [f"{word}~" if word in AMBIGUOUS and not _dated(words, at) else word
            for at, word in enumerate(words)]


def _worded(words: Counter[str]) -> int:
    """How many of the words are neither a number nor a stamp's word."""
    return sum(n for word, n in words.items() if word not in STAMP_WORDS and not _digits(word))


def _number(word: str) -> bool:
    return word in NUMBER_WORDS or _digits(word)


def _digits(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _figures(words: list[str], openings: list[int] | None) -> Counter[str]:
    """The numbers of the words that are figures of the news, not a stamp's (where each word's
    sentence starts, ``_openings``, tells a clock time of the news; a seen entry's stored words
    have none, so their clock times are all figures: only the new text's must be right)."""
    figures: Counter[str] = Counter()
    start = 0
    while start < len(words):
        end = start
        while end < len(words) and _number(words[end]) \
                and (end == start or _goes_on(words[end - 1], words[end])):
            end += 1
        if end > start and not _stamps(words, start, end, openings):
            figures.update(words[start:end])
        start = max(end, start + 1)
    return figures


def _goes_on(word: str, after: str) -> bool:
    """Whether ``after`` goes on the number ending in ``word``: a number in words ("5 million",
    "twenty five"), or a group of three digits after at most three ("1,234" read as "1 234");
    not after a year or a clock time ("2026 10:14 3 people": the 3 is the news)."""
    if after in NUMBER_WORDS:
        return True
    return len(after) == 3 and after.isdigit() and len(word) <= 3 and word.isdigit()


def _stamps(words: list[str], start: int, end: int, openings: list[int] | None) -> bool:
    """Whether the number ``words[start:end]`` ("1 234", "10:14", "5 million") is a stamp's."""
    if any(":" in word for word in words[start:end]):
        return openings is not None and not _told(words[openings[start]:start])
    beside = words[end:end + 2] + ["", ""]
    return (start > 0 and words[start - 1] in BEFORE_STAMP and _dated(words, start - 1)) \
        or (beside[0] in AFTER_STAMP and _dated(words, end)) \
        or (beside[0] in DURATIONS and beside[1] in ("ago", "read"))


def _told(before: list[str]) -> bool:
    """Whether a clock time after these words of its sentence is one the news tells."""
    return len(before) > 1 and before[-1] in TIME_TIED \
        and any(word not in STAMP_WORDS and not _number(word) for word in before[:-1])


def _dated(words: list[str], at: int) -> bool:
    """Whether ``words[at]``, if one of ``AMBIGUOUS``, is a date's: a day or a year after it
    ("May 4", "May 2026"), or a day before it that follows a stamp's word or starts the text, or
    is followed by a year or a clock time ("posted 4 May", "4 May 2026"; "Rescuers fear 10 may
    drown" is news)."""
    if words[at] not in AMBIGUOUS:
        return True
    after = words[at + 1] if at + 1 < len(words) else ""
    if _day_or_year(after):
        return True
    if at == 0 or not _day_or_year(words[at - 1]):
        return False
    return at == 1 or words[at - 2] in DATE_BEFORE or ":" in after


def _day_or_year(word: str) -> bool:
    return word.isascii() and word.isdigit() \
        and (len(word) == 4 or (len(word) <= 2 and 1 <= int(word) <= 31))


def _cut(text: str) -> bool:
    """Whether the text stops short of a sentence's end (a feed's teaser, cut at its length)."""
    end = text.rstrip()
    return end.endswith(("…", "...")) or not end.endswith(SENTENCE_ENDS)


def _covered(before: list[str], after: list[str], *, cut: bool) -> tuple[list[str], list[str]]:
    """The words of both a seen text and a cut one of about its length that both cover: the
    seen words beyond where the cut one stops (pushed off its end by words added above) are not
    taken away, and the cut one's last word, which the cut may split, is left out."""
    if not cut or len(after) <= ANCHOR or abs(len(before) - len(after)) > EDIT_WORDS:
        return before, after
    anchor = after[-ANCHOR - 1:-1]
    for end in range(len(before) - 1, max(ANCHOR, len(before) - EDIT_WORDS - 2) - 1, -1):
        if before[end - ANCHOR:end] == anchor:
            return before[:end], after[:-1]
    return before, after


def _dropped(before: list[str], after: list[str]) -> Iterator[tuple[int, list[str], list[str]]]:
    """Where a cut text may have taken a stretch at its top away from a seen one, the rest as it
    was up to where the seen one stops (its last word, which its cut may split, left out), bar
    a stamp changed above the stretch: a teaser sent again without its first sentence, as many
    words more at its end. Each time: how many words the stretch has, the seen words without
    it, and the cut text's words up to where the seen ones stop; the likeliest first."""
    seen = before[:-1]
    if len(seen) < 2 * ANCHOR:
        return
    end = next((end for end in range(len(after), ANCHOR - 1, -1)
                if after[end - ANCHOR:end] == seen[-ANCHOR:]), None)
    if end is None:
        return
    kept = after[:end]
    tail = _alike(kept[::-1], seen[::-1])
    head = len(kept) - tail
    starts = range(max(head - EDIT_WORDS, 0), min(head + EDIT_WORDS, len(seen) - tail - 1) + 1)
    for start in sorted(starts, key=lambda start: abs(start - head)):
        yield len(seen) - tail - start, seen[:start] + seen[len(seen) - tail:], kept


def _alike(one: list[str], other: list[str]) -> int:
    """How many words the two start with alike."""
    pairs = zip(one, other, strict=False)
    return next((n for n, (a, b) in enumerate(pairs) if a != b), min(len(one), len(other)))
