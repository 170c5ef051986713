"""Figures (counts, amounts, rates) as values, so a restated figure and a changed one differ."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
PARTS = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+")
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90, "zero": 0}
SCALES = {"hundred": 2, "thousand": 3, "k": 3, "million": 6, "mln": 6, "mn": 6, "m": 6,
          "billion": 9, "bln": 9, "bn": 9, "trillion": 12, "tn": 12}
BASIS_POINTS = {"bp", "bps", "basis"}
YEARS = range(1900, 2100)
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


def figure_values(text: str) -> set[Decimal]:
    """The figures a phrase states, with the precision they are written to.

    "4,000", "4000" and "four thousand" give 4000; "3.5 million" gives 3.5E+6 (known to the
    nearest 100,000); "50 basis points" gives 0.50 (percentage points).
    """
    values: list[Decimal] = []
    spelled: Decimal | None = None
    after_digits = False
    for part in PARTS.findall(text.casefold()):
        if part in UNITS:
            spelled = (spelled or Decimal(0)) + UNITS[part]
            continue
        if part == "dozen":
            spelled = (spelled or Decimal(1)) * 12
            continue
        if part in SCALES and spelled is not None:
            spelled = spelled * 100 if part == "hundred" else spelled.scaleb(SCALES[part])
            continue
        if part in ("and", "a") and spelled is not None:
            continue
        if spelled is not None:
            values.append(spelled)
            spelled = None
        if part[0].isdigit():
            values.append(Decimal(part.replace(",", "")))
        elif part in SCALES and after_digits:
            values[-1] = values[-1].scaleb(SCALES[part])
        elif part in BASIS_POINTS and after_digits:
            values[-1] = values[-1].scaleb(-2)
        after_digits = part[0].isdigit()
    if spelled is not None:
        values.append(spelled)
    return set(values)


def bare_figure(token: str) -> set[Decimal]:
    """A number outside any entity, unless it reads as a clock time (0830), a year (2025) or
    an ordinal (3rd)."""
    digits = token.replace(",", "")
    if ":" in token or (len(digits) == 4 and digits.startswith("0")) or ORDINAL.match(token):
        return set()
    if "," not in token and _year(digits):
        return set()
    return figure_values(token)


def _year(digits: str) -> bool:
    """Four digits of a year in ``YEARS``: ``int`` refuses a number of over 4,300 digits (a
    checksum or a table pasted into the copy failed its whole article) and superscripts."""
    return len(digits) == 4 and digits.isdecimal() and int(digits) in YEARS


def encode(values: Iterable[Decimal]) -> frozenset[str]:
    """Figures as stored text ("3.5E+6" keeps its precision when read back)."""
    return frozenset(str(v) for v in values)


def decode(texts) -> list[Decimal]:
    """Stored figures back as values; anything unreadable or not finite is left out."""
    found = []
    for text in texts:
        try:
            value = Decimal(text)
        except (InvalidOperation, TypeError, ValueError):
            continue
        if value.is_finite():
            found.append(value)
    return found


Written = tuple[Decimal, int]
"""A figure and the power of ten of its last digit (worked out once, compared many times)."""


def _same(a: Written, b: Written) -> bool:
    """One figure rounded as the other is written ("84.10" and "about 84", "1.2 million" and
    "1,213,000"), so a restatement at another precision is not a change."""
    return abs(a[0] - b[0]) < _half_unit(max(a[1], b[1]))


@lru_cache(maxsize=256)
def _half_unit(exponent: int) -> Decimal:
    return Decimal(5).scaleb(exponent - 1)


def written(values: Iterable[Decimal]) -> list[Written]:
    return [(value, _exponent(value)) for value in values]


def _exponent(value: Decimal) -> int:
    """The power of ten of the last digit written; figures are finite (0 for any other)."""
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def known(value: Decimal, story: frozenset[Decimal],
          story_written: list[Written] | None = None) -> bool:
    """Whether the story already stated this figure, at any precision (``story_written``: the
    story's figures as ``written`` gives them, when already worked out)."""
    if value in story:
        return True
    figure = (value, _exponent(value))
    return any(_same(figure, other) for other in story_written or written(story))


def changed(new: list[Decimal], covers: list[list[Decimal]]) -> bool:
    """Whether a sentence states other figures than every earlier sentence covering it: no
    cover has all its figures, and some cover had a figure it replaced (not just added one)."""
    if not new:
        return False
    replaced = False
    ours = written(new)
    for cover in map(written, covers):
        missing = [v for v in ours if not any(_same(v, c) for c in cover)]
        if not missing:
            return False
        replaced = replaced or any(not any(_same(c, v) for v in ours) for c in cover)
    return replaced
