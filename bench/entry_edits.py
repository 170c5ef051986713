"""How the edit rule of feed entries (`bot.ingest.entry_edits`) reads real copy.

Usage: .venv/bin/python -m bench.entry_edits [STREAM.jsonl]
On the stream's ``tune`` half: the share of articles a stamped line keeps the same entry (each of
``STAMPS``, lines of our own: "updated 3 minutes ago" becoming "updated about an hour ago", a
view count rising, a stamp line first written), the share of pairs of articles of one story
(other copy of the same event) taken for an edit, and the share of the article's own short
sentences (four words or fewer) that, added alone to the rest of it, would be taken for an
edit. The same two in a teaser feed (each text cut at ``TEASER`` characters, a stamp line or the
sentence near the top, so that as many words go off the end), the share of teasers sent again
without their first sentence kept the same entry (as they were, and with a stamp line at their
top changed too), and the share of sentences whose figure changed ("Two died" -> "Three died":
news) taken for an edit. Prints figures only, never text.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from bot.ingest.entry_edits import EDIT_WORDS, words_changed, words_of

ROOT = Path(__file__).resolve().parent.parent
STREAM = Path(os.environ.get("WIREWATCH_DEV_DIR", ROOT.parent / "shared" / "dev")) / \
    "stories_dev.jsonl"
TEASER = 240
FIGURE = re.compile(r"(?<![\w,.:])(\d{1,4})(?![\w,.:])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
STAMPS = [
    ("Updated 3 minutes ago.", "Updated about an hour ago."),
    ("1,234 views", "1,301 views"),
    ("Read 1237 times · 14 comments", "Read 1274 times · 15 comments"),
    ("Last updated 10:14 GMT", "Last updated 11:02 GMT"),
    ("Published 4 December 2026", "Published 4 December 2026, updated 5 December"),
    ("", "Updated 2 hours ago"),
]


def stamped(texts: list[str]) -> list[int]:
    """For each stamp, how many texts it keeps the same entry."""
    return [sum(words_changed(words_of(f"{t} {before}"), f"{t} {after}") is not None
                for t in texts) for before, after in STAMPS]


def teaser(text: str) -> str:
    """The text as a feed cutting each entry at a fixed length gives it."""
    return text if len(text) <= TEASER else text[:TEASER] + "…"


def stamped_teasers(texts: list[str]) -> list[int]:
    """For each stamp written at the top of a teaser, how many texts it keeps the same entry."""
    return [sum(words_changed(words_of(teaser(f"{before} {t}")), teaser(f"{after} {t}"))
                is not None for t in texts) for before, after in STAMPS]


def short_added(texts: list[str], *, cut: bool = False) -> tuple[int, int]:
    """How many short sentences there are, and how many added alone read as an edit (with
    ``cut``, those within a teaser, the rest of it cut at the same length)."""
    short = taken = 0
    for text in texts:
        sentences = SENTENCE_END.split(text)
        for n, sentence in enumerate(sentences):
            if len(words_of(sentence).split()) > EDIT_WORDS:
                continue
            rest = " ".join(sentences[:n] + sentences[n + 1:])
            if cut and (len(text) <= TEASER or len(" ".join(sentences[:n + 1])) >= TEASER):
                continue
            short += 1
            seen, now = (teaser(rest), teaser(text)) if cut else (rest, text)
            taken += words_changed(words_of(seen), now) is not None
    return short, taken


def top_dropped(texts: list[str]) -> tuple[int, int, int]:
    """How many teasers reach past their first sentence and are still cut without it, and how
    many, sent again without it (as many words more at the end), keep the same entry: as they
    were, and with a stamp line at their top changed in the same poll."""
    cut = kept = stamped_kept = 0
    before, after = STAMPS[0]
    for text in texts:
        sentences = SENTENCE_END.split(text)
        rest = " ".join(sentences[1:])
        if len(sentences[0]) >= TEASER or len(rest) <= TEASER:
            continue
        cut += 1
        kept += words_changed(words_of(teaser(text)), teaser(rest)) is not None
        stamped_kept += words_changed(words_of(teaser(f"{before} {text}")),
                                      teaser(f"{after} {rest}")) is not None
    return cut, kept, stamped_kept


def figures_changed(texts: list[str]) -> tuple[int, int]:
    """How many sentences have a figure, and how many, that figure changed, read as an edit."""
    changed = taken = 0
    for text in texts:
        for sentence in SENTENCE_END.split(text):
            figure = FIGURE.search(sentence)
            if figure is None:
                continue
            changed += 1
            other = sentence[:figure.start()] + str(int(figure[1]) + 1) + \
                sentence[figure.end():]
            taken += words_changed(words_of(text), text.replace(sentence, other, 1)) is not None
    return changed, taken


def main(path: Path) -> None:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    tune = [r["text"] for r in rows if r.get("half") == "tune" and r.get("text")]
    kept = stamped(tune)
    by_story: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.get("half") == "tune" and r.get("text"):
            by_story[r["story"]].append(r["text"])
    pairs = [(a, b) for texts in by_story.values() for a, b in combinations(texts[:12], 2)]
    taken = sum(words_changed(words_of(a), b) is not None for a, b in pairs)
    sentences = sum(len(SENTENCE_END.split(t)) for t in tune)
    short, edits = short_added(tune)
    teased, teased_edits = short_added(tune, cut=True)
    kept_teasers = stamped_teasers(tune)
    figures, figure_edits = figures_changed(tune)
    topped, topped_kept, topped_stamped = top_dropped(tune)
    print(f"articles {len(tune)}: a stamped line kept the same entry for "
          f"{sum(kept)} of {len(tune) * len(STAMPS)} ({sum(kept) / len(tune) / len(STAMPS):.1%}; "
          f"per stamp {', '.join(f'{k / len(tune):.1%}' for k in kept)})")
    print(f"pairs of one story's articles {len(pairs)}: taken for an edit {taken}")
    print(f"sentences {sentences}: of {EDIT_WORDS} words or fewer {short} "
          f"({short / sentences:.1%}); one added alone taken for an edit {edits} "
          f"({edits / max(short, 1):.1%})")
    print(f"teasers cut at {TEASER} characters: a stamped line kept the same entry for "
          f"{sum(kept_teasers)} of {len(tune) * len(STAMPS)} "
          f"({sum(kept_teasers) / len(tune) / len(STAMPS):.1%}); a short sentence within the "
          f"teaser added alone taken for an edit {teased_edits} of {teased} "
          f"({teased_edits / max(teased, 1):.1%}); sent again without its first sentence "
          f"kept the same entry {topped_kept} of {topped} ({topped_kept / max(topped, 1):.1%}), "
          f"and stamped anew as well {topped_stamped} ({topped_stamped / max(topped, 1):.1%})")
    print(f"sentences with a figure {figures}: the figure changed taken for an edit "
          f"{figure_edits} ({figure_edits / max(figures, 1):.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else STREAM)
