"""Whether two open stories that prove to be one event are told by an article like them both.

Usage: .venv/bin/python -m bench.story_ties [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune|report|all] [--balance B]
One replay through ``bench.stories_loss``'s recording stage keeps, for each article, every
shortlisted story's likeness and age. A tie: two shortlisted stories each at least LEVEL alike
to the article (the less alike at least B times the other's likeness, default 0) and both
begun at most AGE hours before it. For each level and age it prints the story pairs the half's
articles tie: right (the two hold a gold story in common when tied: pieces of one event, the
recall side) and wrong (none in common: the cost side); the split gold stories of the half that
have two of their final pieces tied; and the half's BCubed if every pair tied (by any article
of the stream) were joined at the end. Later decisions are not replayed, so this is a static
estimate: a joined story also draws the event's later reports (docs/stories-history.md,
session 49, where a replayed join gains more).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench import stories_eval, stories_loss

LEVELS = (0.03, 0.05, 0.08, 0.12)
AGES = (12.0, 24.0, 36.0)


@dataclass(frozen=True)
class Seen:
    """A shortlisted story as one article saw it: its likeness, age and gold stories then."""

    story_id: int
    likeness: float
    age_hours: float
    golds: frozenset[str]


@dataclass
class Tie:
    """Two stories an article was alike to, and what the gold said of them then."""

    origin: str
    first: Seen
    second: Seen

    @property
    def pair(self) -> tuple[int, int]:
        return _pair(self.first.story_id, self.second.story_id)

    @property
    def right(self) -> bool:
        return bool(self.first.golds & self.second.golds)

    def holds(self, level: float, age: float, balance: float = 0.0) -> bool:
        low, high = sorted((self.first.likeness, self.second.likeness))
        return low >= level and low >= balance * high and max(
            self.first.age_hours, self.second.age_hours) <= age


@dataclass
class Count:
    """One level and age's tally."""

    right: set[tuple[int, int]] = field(default_factory=set)
    wrong: set[tuple[int, int]] = field(default_factory=set)
    every: set[tuple[int, int]] = field(default_factory=set)


def ties(recorded: dict[str, stories_loss.Recorded]) -> list[Tie]:
    """Every pair of stories on one article's shortlist, with what the article saw."""
    found = []
    for origin, record in recorded.items():
        seen = [Seen(story_id, likeness, age, golds) for (story_id, likeness, _), age, golds
                in zip(record.shortlist, record.ages, record.golds, strict=True)]
        found += [Tie(origin, a, b) for i, a in enumerate(seen) for b in seen[i + 1:]]
    return found


def _pair(a: object, b: object) -> tuple[int, int]:
    first, second = int(str(a)), int(str(b))
    return (first, second) if first < second else (second, first)


def tally(found: list[Tie], half: set[str], level: float, age: float,
          balance: float = 0.0) -> Count:
    """The pairs tied at this level: all of them, and the half's articles' by the gold."""
    count = Count()
    for tie in found:
        if not tie.holds(level, age, balance):
            continue
        count.every.add(tie.pair)
        if tie.origin in half:
            (count.right if tie.right else count.wrong).add(tie.pair)
    return count


def joined(rows: list[dict], pairs: set[tuple[int, int]]) -> list[dict]:
    """The replay's rows with each tied pair's later story (the higher id) read as the earlier."""
    parent: dict[int, int] = {}

    def root(story: int) -> int:
        while parent.get(story, story) != story:
            story = parent[story]
        return story

    for first, second in sorted(pairs):
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [{**r, "story": root(r["story"])} if isinstance(r.get("story"), int) else r
            for r in rows]


def split_tied(half_rows: list[dict], rows: list[dict], pairs: set[tuple[int, int]]) -> int:
    """Split gold stories of the half with two of their final pieces tied."""
    _, split = stories_loss.pieces(half_rows, stories_loss.final_stories(rows))
    return sum(any(_pair(a, b) in pairs for i, a in enumerate(held) for b in held[i + 1:]
                   if isinstance(a, int) and isinstance(b, int))
               for held in split.values() if len(held) > 1)


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--balance", type=float, default=0.0,
                        help="the less alike story's likeness at least this times the other's.")
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    rows, recorded, _ = stories_loss.replay(gold_rows, args.cache, "stage")
    found = ties(recorded)
    half = {str(g["id"]) for g in half_rows}
    base = stories_eval.score(half_rows, rows)
    _, split = stories_loss.pieces(half_rows, stories_loss.final_stories(rows))
    print(f"stream: {stream}, half {args.half}, balance {args.balance}: "
          f"{stories_eval._line(base)}; "
          f"{sum(len(s) > 1 for s in split.values())} split gold stories")
    report = []
    for level in LEVELS:
        for age in AGES:
            count = tally(found, half, level, age, args.balance)
            merged = stories_eval.score(half_rows, joined(rows, count.every))
            line = {"level": level, "age": age, "right": len(count.right),
                    "wrong": len(count.wrong), "split_tied": split_tied(half_rows, rows,
                                                                        count.right),
                    "f1_joined": merged["bcubed_f1"], "p_joined": merged["bcubed_precision"],
                    "r_joined": merged["bcubed_recall"]}
            report.append(line)
            print("level {level:.2f} age ≤ {age:>4.0f} h: pairs right {right:4} wrong {wrong:4}; "
                  "split gold stories tied {split_tied:3}; all joined P {p_joined:.4f} "
                  "R {r_joined:.4f} F1 {f1_joined:.4f}".format(**line))
    return report


if __name__ == "__main__":
    main()
