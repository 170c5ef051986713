"""How the edit rule of feed entries (`bot.ingest.entry_edits`) reads real copy.

Usage: .venv/bin/python -m bench.entry_edits [STREAM.jsonl]
On the stream's ``tune`` half: the share of articles a stamped line keeps the same entry (each of
``STAMPS``, lines of our own: "updated 3 minutes ago" becoming "updated about an hour ago", a
view count rising, a stamp line first written), the share of pairs of articles of one story
(other copy of the same event) taken for an edit, and the share of the article's own short
sentences (four words or fewer) that, added alone to the rest of it, would be taken for an
edit. Prints figures only, never text.
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


def short_added(texts: list[str]) -> tuple[int, int]:
    """How many short sentences there are, and how many added alone read as an edit."""
    short = taken = 0
    for text in texts:
        sentences = SENTENCE_END.split(text)
        for n, sentence in enumerate(sentences):
            if len(words_of(sentence).split()) > EDIT_WORDS:
                continue
            short += 1
            rest = " ".join(sentences[:n] + sentences[n + 1:])
            taken += words_changed(words_of(rest), text) is not None
    return short, taken


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
    print(f"articles {len(tune)}: a stamped line kept the same entry for "
          f"{sum(kept)} of {len(tune) * len(STAMPS)} ({sum(kept) / len(tune) / len(STAMPS):.1%}; "
          f"per stamp {', '.join(f'{k / len(tune):.1%}' for k in kept)})")
    print(f"pairs of one story's articles {len(pairs)}: taken for an edit {taken}")
    print(f"sentences {sentences}: of {EDIT_WORDS} words or fewer {short} "
          f"({short / sentences:.1%}); one added alone taken for an edit {edits} "
          f"({edits / max(short, 1):.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else STREAM)
