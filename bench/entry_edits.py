"""How the edit rule of feed entries (`bot.ingest.entry_edits`) reads real copy.

Usage: .venv/bin/python -m bench.entry_edits [STREAM.jsonl]
On the stream's ``tune`` half: the share of articles a stamped line keeps the same entry ("updated
3 minutes ago" becoming "updated about an hour ago"), the share of pairs of articles of one story
(other copy of the same event) taken for an edit, and the share of sentences short enough that
one added alone would be taken for an edit. Prints figures only, never text.
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


def main(path: Path) -> None:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    tune = [r for r in rows if r.get("half") == "tune" and r.get("text")]
    stamped = sum(words_changed(words_of(r["text"] + " Updated 3 minutes ago."),
                                r["text"] + " Updated about an hour ago.") is not None
                  for r in tune)
    by_story: dict[str, list[str]] = defaultdict(list)
    for r in tune:
        by_story[r["story"]].append(r["text"])
    pairs = [(a, b) for texts in by_story.values() for a, b in combinations(texts[:12], 2)]
    taken = sum(words_changed(words_of(a), b) is not None for a, b in pairs)
    sentences = [s for r in tune for s in SENTENCE_END.split(r["text"])]
    short = sum(len(words_of(s).split()) <= EDIT_WORDS for s in sentences)
    print(f"articles {len(tune)}: a stamped line kept the same entry for {stamped} "
          f"({stamped / len(tune):.1%})")
    print(f"pairs of one story's articles {len(pairs)}: taken for an edit {taken}")
    print(f"sentences {len(sentences)}: of {EDIT_WORDS} words or fewer {short} "
          f"({short / len(sentences):.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else STREAM)
