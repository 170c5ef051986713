"""Whether a part of the likeness, or the article's length, tells a wrong join from a right one.

Usage: .venv/bin/python -m bench.story_parts [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune|report|all] [--snippet N]
One replay through ``bench.stories_loss``'s recording stage keeps, for each shortlisted story,
the parts its likeness is made of and two more signals: the cosine with the story's centroid,
its closest and its latest article, the coverage, the cosine of words alone and of names and
numbers alone (each against the centroid's), the article's length in tokens and the shortest
of the story's kept vectors. For the half's joins of a shortlisted story (a join is right when
the story held an earlier report of the article's gold story), it prints, per likeness band,
how many are right and wrong and each signal's AUC (the chance that a right join has the
higher value than a wrong one: 0.5 tells nothing); then the joins and the starts that missed a
shortlisted gold story, by article length (a snippet: under N tokens, default 80).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bench import stories_eval, stories_loss
from bot.stories import cluster
from bot.stories.decide import Candidate, Candidates, Decision, Summarise
from bot.stories.stage import Prepared

BANDS = (0.05, 0.12, 0.20, 0.30)
SNIPPET_TOKENS = 80


def parts(candidates: Candidates, story: Candidate, length: int) -> dict[str, float]:
    """The signals one shortlisted story gives for the article (see the module's docstring);
    ``words_share`` and ``latest_share`` are the words' and the latest article's cosines over
    the centroid's."""
    weights = candidates.weights
    shape = story.shape or cluster.Shape.of(story.vectors)
    each = [cluster.cosine(weights, vector) for vector in story.vectors] or [0.0]
    centroid = cluster.cosine(weights, shape.centroid)
    words = cluster._words_only(weights, shape)
    return {"centroid": centroid, "closest": max(each), "latest": each[-1],
            "coverage": cluster.coverage(weights, story.vectors),
            "words": words, "names": cluster.cosine(cluster.facts_only(weights),
                                                    cluster.facts_only(shape.centroid)),
            "words_share": words / centroid if centroid else 0.0,
            "latest_share": each[-1] / centroid if centroid else 0.0,
            "length": float(length),
            "story_shortest": float(min((len(v) for v in story.vectors), default=0))}


class Recording(stories_loss.Overruling):
    """The recording stage, keeping each shortlisted story's signals beside its likeness."""

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        made = super().decide(prepared, candidates, summarise=summarise)
        length = len(prepared.features.tokens)
        self.recorded[prepared.parsed.article.origin].signals = [
            parts(candidates, story, length) for story in candidates.stories]
        return made


@dataclass(frozen=True)
class Join:
    """A join of a shortlisted story as recorded: right or wrong, its likeness, its signals."""

    right: bool
    likeness: float
    signals: dict[str, float]


def joins(recorded: dict[str, stories_loss.Recorded], half: set[str]) -> list[Join]:
    """The half's decisions that joined a story on their shortlist (a correction's pair left
    out: its likeness is the pair's)."""
    found = []
    for origin, record in recorded.items():
        if origin not in half or record.story_id is None or record.split is not None:
            continue
        for (story_id, likeness, holds), found_signals in zip(
                record.shortlist, record.signals, strict=False):
            if story_id == record.story_id:
                found.append(Join(holds, likeness, found_signals))
    return found


def auc(right: list[float], wrong: list[float]) -> float:
    """The chance that a right join's value is above a wrong one's (ties count half)."""
    if not right or not wrong:
        return 0.5
    above = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    return above / (len(right) * len(wrong))


def band(likeness: float, bands: tuple[float, ...] = BANDS) -> str:
    """The likeness band a join falls in, named by its edges."""
    for low, high in zip(bands, bands[1:], strict=False):
        if likeness < high:
            return f"{low:.2f}–{high:.2f}" if likeness >= low else f"under {low:.2f}"
    return f"{bands[-1]:.2f} or more"


def by_band(found: list[Join]) -> dict[str, dict[str, float]]:
    """Per likeness band: right and wrong joins and each signal's AUC."""
    table: dict[str, dict[str, float]] = {}
    for name in sorted({band(j.likeness) for j in found}):
        inside = [j for j in found if band(j.likeness) == name]
        right = [j for j in inside if j.right]
        wrong = [j for j in inside if not j.right]
        row: dict[str, float] = {"right": len(right), "wrong": len(wrong)}
        for signal in inside[0].signals:
            row[signal] = auc([j.signals[signal] for j in right],
                              [j.signals[signal] for j in wrong])
        table[name] = row
    return table


def by_length(found: list[Join], snippet: int) -> Counter:
    """Joins by (snippet or full text, likeness band, right)."""
    return Counter(("snippet" if j.signals["length"] < snippet else "full",
                    band(j.likeness), j.right) for j in found)


def missed_starts(recorded: dict[str, stories_loss.Recorded], half: set[str],
                  snippet: int) -> Counter:
    """Starts of a story while a shortlisted story held the gold, by the article's length and
    whether that story had any likeness at all."""
    count: Counter = Counter()
    for origin, record in recorded.items():
        if origin not in half or record.story_id is not None or record.split is not None:
            continue
        gold = [likeness for _, likeness, holds in record.shortlist if holds]
        if gold and record.signals:
            count[("snippet" if record.signals[0]["length"] < snippet else "full",
                   "alike" if max(gold) > 0 else "no likeness")] += 1
    return count


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--snippet", type=int, default=SNIPPET_TOKENS,
                        help="under this many tokens an article is a snippet.")
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    rows, recorded, _ = stories_loss.replay(gold_rows, args.cache, "stage", stage_type=Recording)
    half = {str(g["id"]) for g in half_rows}
    found = joins(recorded, half)
    print(f"stream: {stream}, half {args.half}: "
          f"{stories_eval._line(stories_eval.score(half_rows, rows))}")
    table = by_band(found)
    for name, row in table.items():
        print(f"likeness {name}: right {row['right']:.0f} wrong {row['wrong']:.0f}; AUC " + ", ".join(
            f"{k} {v:.2f}" for k, v in row.items() if k not in ("right", "wrong")))
    lengths = by_length(found, args.snippet)
    for kind in ("snippet", "full"):
        print(f"{kind} joins, right / wrong: " + "; ".join(
            f"{name} {lengths[(kind, name, True)]} / {lengths[(kind, name, False)]}"
            for name in sorted({b for _, b, _ in lengths})))
    print(f"starts that missed a shortlisted gold story: "
          f"{dict(missed_starts(recorded, half, args.snippet))}")
    return table


if __name__ == "__main__":
    main()
