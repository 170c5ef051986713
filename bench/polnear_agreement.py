"""How far two hand readings of the PolNeAR resolutions agree (issue 14).

    python -m bench.polnear_agreement [FIRST] [SECOND]

FIRST defaults to bench/data/polnear_resolutions.jsonl (the stored reading), SECOND to
bench/data/polnear_resolutions_second.jsonl (the blind second reading). Rows join on (split,
id, start, end); for each split the rows both files hold are counted as both null, the same
name (``bench.polnear_score.speaker_ok``, so agreeing means what the score counts as right),
another name, or a name in one reading only. Prints a Markdown table: the share of the first
reading's names the second gives too, and Cohen's kappa on the decision to name a source or not.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.polnear_eval import RESOLUTIONS, load_resolutions
from bench.polnear_score import ResolutionKey, speaker_ok

SECOND = RESOLUTIONS.with_name("polnear_resolutions_second.jsonl")
Readings = Mapping[ResolutionKey, str | None]
HEADER = ("split", "compared", "both null", "same name", "another name",
          "first names, second null", "first null, second names",
          "first's names the second gives", "kappa (named or null)")


@dataclass(frozen=True)
class Agreement:
    """One split's rows: how the two readings compare where both hold the row."""

    split: str
    both_null: int
    same: int
    other: int
    first_only: int
    second_only: int
    only_in_first: int
    only_in_second: int

    @property
    def compared(self) -> int:
        return self.both_null + self.same + self.other + self.first_only + self.second_only

    def share(self) -> float:
        """The share of the first reading's names that the second gives too."""
        named = self.same + self.other + self.first_only
        return self.same / named if named else math.nan

    def kappa(self) -> float:
        """Cohen's kappa on named-or-null; undefined (nan) when chance alone would agree."""
        n = self.compared
        if not n:
            return math.nan
        both_named = self.same + self.other
        first = (both_named + self.first_only) / n
        second = (both_named + self.second_only) / n
        observed = (both_named + self.both_null) / n
        chance = first * second + (1 - first) * (1 - second)
        return (observed - chance) / (1 - chance) if chance < 1 else math.nan


def outcome(first: str | None, second: str | None) -> str:
    """Which count a row adds to, by its two names."""
    if first and second:
        return "same" if speaker_ok(first, second) else "other"
    if first:
        return "first_only"
    return "second_only" if second else "both_null"


def compare(first: Readings, second: Readings) -> list[Agreement]:
    """An Agreement for each split either reading holds, sorted by split."""
    counts: dict[str, Counter[str]] = {}
    for key in first.keys() | second.keys():
        c = counts.setdefault(key[0], Counter())
        if key not in second:
            c["only_in_first"] += 1
        elif key not in first:
            c["only_in_second"] += 1
        else:
            c[outcome(first[key], second[key])] += 1
    return [Agreement(split, c["both_null"], c["same"], c["other"], c["first_only"],
                      c["second_only"], c["only_in_first"], c["only_in_second"])
            for split, c in sorted(counts.items())]


def row(a: Agreement) -> str:
    named = a.same + a.other + a.first_only
    share = "n/a" if math.isnan(a.share()) else f"{a.share():.3f} ({a.same} of {named})"
    kappa = "n/a" if math.isnan(a.kappa()) else f"{a.kappa():.3f}"
    cells = [a.split, *map(str, (a.compared, a.both_null, a.same, a.other, a.first_only,
                                 a.second_only)), share, kappa]
    return "| " + " | ".join(cells) + " |"


def report(agreements: list[Agreement]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += [row(a) for a in agreements]
    lines += [f"{a.split}: {a.only_in_first} row{'' if a.only_in_first == 1 else 's'} only in "
              f"the first reading, {a.only_in_second} only in the second (not compared)"
              for a in agreements if a.only_in_first or a.only_in_second]
    return "\n".join(lines)


def readings(path: Path) -> dict[ResolutionKey, str | None]:
    """One reading's names by row; ValueError naming the file when it is absent or malformed."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        names = load_resolutions(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a resolutions file ({type(exc).__name__}: {exc})") from exc
    wrong = next((key for key, name in names.items() if not isinstance(name, str | None)), None)
    if wrong:
        raise ValueError(f"{path}: the name of row {wrong} is not text")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("first", nargs="?", type=Path, default=RESOLUTIONS)
    parser.add_argument("second", nargs="?", type=Path, default=SECOND)
    args = parser.parse_args(argv)
    try:
        first, second = readings(args.first), readings(args.second)
    except ValueError as exc:
        parser.error(str(exc))
    print(report(compare(first, second)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
