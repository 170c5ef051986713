"""Which story decisions the sentence embedding changes, right and wrong, and where.

Usage: WIREWATCH_STORY_EMBEDDING=package .venv/bin/python -m bench.story_meaning [STREAM.jsonl]
       [--cache PARSES.spacy] [--half tune|report|all] [--snippet N] [--rows OUT.jsonl]
One replay through the real stage with the embedding on, deciding each article twice: with
words alone (the candidates loaded as with the setting off) and with meaning (the decision
kept). For the half's articles whose two decisions differ it prints them right → wrong and
wrong → right, by the article's length (a snippet: under N tokens, default 80) and by how many
of its kept keys the nearest-meaning story's latest articles hold; then, for every article
that words alone start a story with, whether the story of the nearest-meaning article held its
gold story, by cosine band, length and shared keys (what a fallback joining such articles
could gain or lose, first order); last the near misses, the starts whose words found some
likeness with a shortlisted story (``near_misses``). A join is right when the story held an
earlier report of the article's gold story; a start when no story did. ``--rows`` keeps the
replay's lines for scoring the other half later without printing it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from bench import stories_eval, stories_loss
from bot.stories.decide import Candidates, Decision, Summarise
from bot.stories.stage import Prepared, StoryStage

SNIPPET_TOKENS = 80
COSINES = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


@dataclass(frozen=True)
class Twice:
    """One article's two decisions, right or not, and what the nearest meaning offered;
    ``shortlisted``: the nearest-meaning story was on the words' own shortlist; ``scored``:
    words alone found some likeness (over 0) with a story; ``compared``: then, the latest
    articles of the shortlisted stories it found alike (what a fallback would encode too)."""

    words: tuple[int | None, int | None]
    meant: tuple[int | None, int | None]
    words_right: bool
    meant_right: bool
    length: int
    similarity: float
    near_holds: bool
    shared: int
    shortlisted: bool = False
    scored: bool = False
    compared: tuple[int, ...] = ()


class Twofold(stories_loss.Overruling):
    """The real stage with meaning on, recording the words-alone decision beside it in
    ``twice`` (a subclass's own dict: the replay makes the stage)."""

    twice: dict[str, Twice] = {}
    _alone: Candidates
    _db: Database

    def load(self, db: Database, prepared: Prepared) -> Candidates:
        self._db = db
        self._alone = super().load(db, replace(prepared, meaning=None))
        return super().load(db, prepared)

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        origin = prepared.parsed.article.origin
        gold = self.state.gold.get(origin, f"?{origin}")
        words = StoryStage.decide(self, prepared, self._alone, summarise=summarise)
        meant = StoryStage.decide(self, prepared, candidates, summarise=summarise)
        near = candidates.nearest
        self.twice[origin] = Twice(
            (words.story_id, words.split), (meant.story_id, meant.split),
            self.right(words, gold), self.right(meant, gold), len(prepared.features.tokens),
            near.similarity if near else 0.0,
            near is not None and self.state.holds(near.story_id, gold),
            self.shared(candidates, near.story_id) if near else 0,
            near is not None and near.story_id in {c.story_id for c in self._alone.stories},
            words.score > 0, self.compared(prepared) if words.story_id is None else ())
        return meant

    def right(self, decision: Decision, gold: str) -> bool:
        """A start is right when no story holds the gold story yet; a join, as the loss says."""
        if decision.story_id is None and decision.split is None:
            return not any(self.state.holds(s, gold) for s in self.state.in_story)
        return not self.wrong(decision, gold)

    def compared(self, prepared: Prepared) -> tuple[int, ...]:
        """The latest articles of the shortlisted stories words found some likeness with."""
        alike = [c for c in self._alone.stories if self.likeness(prepared, self._alone, c) > 0]
        return tuple(m.article_id for c in alike for m in c.members)

    def shared(self, candidates: Candidates, story_id: int) -> int:
        """How many of the article's kept keys the story's latest articles hold."""
        latest, _ = self._latest(self._db, [story_id])
        held = {k for vector in self._vectors(self._db, latest).get(story_id, []) for k in vector}
        return len(held & set(candidates.kept))


def kind(twice: Twice, snippet: int) -> str:
    return "snippet" if twice.length < snippet else "full"


def keys(shared: int) -> str:
    return "0 keys" if shared == 0 else "1-2 keys" if shared <= 2 else "3+ keys"


def changed(twice: dict[str, Twice], half: set[str], snippet: int) -> Counter:
    """The half's decisions meaning changed: (length, shared keys, right → wrong or the
    reverse, or the same either way)."""
    found: Counter = Counter()
    for origin, t in twice.items():
        if origin in half and t.words != t.meant:
            turn = ("wrong → right" if t.meant_right and not t.words_right else
                    "right → wrong" if t.words_right and not t.meant_right else
                    f"{'right' if t.words_right else 'wrong'} both")
            found[(kind(t, snippet), keys(t.shared), turn)] += 1
    return found


def near_misses(twice: dict[str, Twice], half: set[str], snippet: int) -> Counter:
    """The half's starts by words alone that found some likeness (what a fallback asking
    meaning only of those would encode), by length, with the distinct latest articles of the
    shortlisted stories they found alike (``compared``: encoded too); and meaning's changes
    among them whose nearest-meaning story was shortlisted (what it could keep)."""
    found: Counter = Counter()
    for length in ("snippet", "full"):
        found[(length, "compared")] = len({a for origin, t in twice.items() for a in t.compared
                                           if origin in half and t.words == (None, None)
                                           and t.scored and kind(t, snippet) == length})
    for origin, t in twice.items():
        if origin in half and t.words == (None, None) and t.scored:
            found[(kind(t, snippet), "encoded")] += 1
            if t.meant != t.words and t.shortlisted:
                found[(kind(t, snippet), "kept right" if t.meant_right else "kept wrong")] += 1
    return found


def fallback(twice: dict[str, Twice], half: set[str], snippet: int) -> Counter:
    """The half's articles words alone start a story with: (cosine band reached, length,
    shared keys, whether that start was right, whether the nearest story held the gold)."""
    found: Counter = Counter()
    for origin, t in twice.items():
        if origin not in half or t.words != (None, None):
            continue
        reached = max((c for c in COSINES if t.similarity >= c), default=0.0)
        found[(reached, kind(t, snippet), keys(t.shared), t.words_right, t.near_holds)] += 1
    return found


def main(argv: list[str] | None = None) -> dict[str, Counter]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--snippet", type=int, default=SNIPPET_TOKENS)
    parser.add_argument("--rows", type=Path, help="write the replay's lines here")
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    stage_twice: dict[str, Twice] = {}

    class Recording(Twofold):
        twice = stage_twice

    rows, _, _ = stories_loss.replay(gold_rows, args.cache, "stage", stage_type=Recording)
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    half = {str(g["id"]) for g in half_rows}
    print(f"stream: {stream}, half {args.half}, meaning on: "
          f"{stories_eval._line(stories_eval.score(half_rows, rows))}")
    turned = changed(stage_twice, half, args.snippet)
    print("decisions meaning changed (length, keys shared with the nearest story, turn):")
    for key, n in sorted(turned.items()):
        print(f"  {' / '.join(key)}: {n}")
    starts = fallback(stage_twice, half, args.snippet)
    encoded = sum(n for (_, k, *_), n in starts.items() if k == "snippet")
    print(f"words-alone starts: {sum(starts.values())}, of them snippets {encoded}, of "
          f"{len(half)} articles")
    print("words-alone starts by cosine reached, length, keys: start right/wrong; "
          "nearest held the gold yes/no")
    for group in sorted({k[:3] for k in starts}):
        cells = {(r, h): starts[(*group, r, h)] for r in (True, False) for h in (True, False)}
        print(f"  ≥{group[0]:.2f} {group[1]:7} {group[2]:8}: " + ", ".join(
            f"start {'right' if r else 'wrong'} near {'gold' if h else 'other'} {n}"
            for (r, h), n in cells.items() if n))
    print(f"near misses: {dict(sorted(near_misses(stage_twice, half, args.snippet).items()))}")
    return {"changed": turned, "fallback": starts}


if __name__ == "__main__":
    main()
