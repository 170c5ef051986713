"""Finds publishers' text copied into the project: runs of N words shared with ../shared.

    python -m bench.copy_check              # runs of 8 words
    python -m bench.copy_check --words 6    # shorter runs: many are common phrases, read them

The real news in ``$WIREWATCH_DEV_DIR`` (default ../shared/dev: the title and text of every
line of each .jsonl there) and the articles in the ``seeds`` folder beside it are the
publishers' copyright and must never be copied into the project. This scans every file
``git ls-files`` lists, each as one run of words (so a sentence wrapped over lines is found),
prints ``file:line: run`` for each run of at least N words it shares with those texts, and
exits 1 when any is found. Two things are allowed, because they are facts, not text:

- a run that is a name: capitalised words and ordinals linked by a lowercase "of", "for",
  "the", "and" or "on" ("Northhaven Court of Appeals for the 4th District", an invented
  one; not a ticker line of numbers, nor a list of names without a link); a headline written
  in that style would pass too, so a fixture's title still needs a reader's eye;
- a shared article's id (``bench/data/polnear_resolutions.jsonl`` joins on PolNeAR's ids,
  whose slugs are the start of a headline).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.polnear_eval import DATA, ROOT

WORD = re.compile(r"[A-Za-z0-9'’]+")
ID_TOKEN = re.compile(r"[\w.\-]+")
CONNECTORS = frozenset({"of", "for", "the", "and", "on"})
SKIPPED_SUFFIXES = frozenset({".spacy", ".png", ".gz", ".db"})


@dataclass(frozen=True)
class Word:
    """One word of a scanned file: its folded form for matching, as written for names."""

    folded: str
    written: str
    line: int


@dataclass(frozen=True)
class Hit:
    """A run of words a tracked file shares with the publishers' texts."""

    path: str
    line: int
    run: str
    name: bool


@dataclass(frozen=True)
class Shared:
    """What the tracked files are checked against: hashed word runs and the articles' ids."""

    runs: frozenset[int]
    ids: frozenset[str]
    size: int


def words(text: str) -> list[Word]:
    """The words of a text with their line numbers, folded as the shared texts are."""
    found: list[Word] = []
    line, start = 1, 0
    for match in WORD.finditer(text):
        line += text.count("\n", start, match.start())
        start = match.start()
        written = match.group().replace("’", "'")
        found.append(Word(written.lower(), written, line))
    return found


def shared_texts(dev: Path, seeds: Path) -> tuple[list[str], set[str]]:
    """Every shared article's title and text, and the ids of those with one."""
    texts: list[str] = []
    ids: set[str] = set()
    for path in sorted(dev.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    texts.append(f"{row.get('title') or ''}\n{row.get('text') or ''}")
                    ids.add(str(row.get("id", "")))
    texts.extend(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    ids.discard("")
    return texts, ids


def runs_of(folded: Sequence[str], n: int) -> Iterable[int]:
    """A hash of each run of n consecutive words (one per starting position)."""
    return (hash(tuple(folded[i:i + n])) for i in range(len(folded) - n + 1))


def load_shared(dev: Path, seeds: Path, n: int) -> Shared:
    """The runs of n words of every shared text, hashed to keep the set small."""
    texts, ids = shared_texts(dev, seeds)
    table: set[int] = set()
    for text in texts:
        table.update(runs_of([w.folded for w in words(text)], n))
    return Shared(frozenset(table), frozenset(ids), len(texts))


def is_name(run: Sequence[Word]) -> bool:
    """A name's words only: capitalised words and ordinals, linked by a lowercase connector."""
    inner = list(run)
    while inner and inner[0].folded in CONNECTORS:
        inner.pop(0)
    while inner and inner[-1].folded in CONNECTORS:
        inner.pop()
    linked = any(w.written in CONNECTORS for w in inner)
    return linked and all(w.written in CONNECTORS or _named(w.written) for w in inner)


def _named(word: str) -> bool:
    """A word a name can hold: capitalised ("Court", "U") or an ordinal ("6th"), not a number."""
    return word[0].isupper() or (word[0].isdigit() and not word.isdigit())


def without_ids(text: str, ids: frozenset[str]) -> str:
    """The text with the shared articles' ids blanked (keys to join on, not their text)."""
    return ID_TOKEN.sub(lambda m: " " if m.group() in ids else m.group(), text)


def hits_in(path: str, text: str, shared: Shared, n: int) -> list[Hit]:
    """Each maximal run of a file's words whose every n-word window is in the shared texts."""
    found = words(without_ids(text, shared.ids))
    inside = [h in shared.runs for h in runs_of([w.folded for w in found], n)]
    hits: list[Hit] = []
    i = 0
    while i < len(inside):
        if not inside[i]:
            i += 1
            continue
        end = i
        while end + 1 < len(inside) and inside[end + 1]:
            end += 1
        run = found[i:end + n]
        hits.append(Hit(path, run[0].line, " ".join(w.written for w in run), is_name(run)))
        i = end + 1
    return hits


def tracked(root: Path) -> list[str]:
    """The files git tracks in the checkout (what would be published)."""
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True,
                         capture_output=True, text=True).stdout
    return [name for name in out.split("\0") if name]


def scan(root: Path, shared: Shared, n: int) -> list[Hit]:
    """The shared runs of every tracked text file (binary and unreadable files skipped)."""
    hits: list[Hit] = []
    for name in tracked(root):
        path = root / name
        if path.suffix in SKIPPED_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        hits.extend(hits_in(name, text, shared, n))
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--words", type=int, default=8, help="shortest shared run (default 8)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to scan")
    parser.add_argument("--dev", type=Path, default=DATA, help="the shared .jsonl folder")
    parser.add_argument("--seeds", type=Path, help="the seed articles (default: beside --dev)")
    parser.add_argument("--names", action="store_true", help="also print runs that are names")
    args = parser.parse_args(argv)
    seeds = args.seeds or args.dev.parent / "seeds"
    shared = load_shared(args.dev, seeds, args.words)
    if not shared.size:
        parser.error(f"no shared text in {args.dev} or {seeds}: set WIREWATCH_DEV_DIR")
    hits = scan(args.root, shared, args.words)
    copied = [h for h in hits if not h.name]
    for hit in hits:
        if args.names or not hit.name:
            mark = " (a name, allowed)" if hit.name else ""
            print(f"{hit.path}:{hit.line}: {hit.run[:200]}{mark}")
    print(f"{len(copied)} runs of {args.words}+ words shared with {shared.size} publishers' "
          f"texts ({len(hits) - len(copied)} more are names)", file=sys.stderr)
    return 1 if copied else 0


if __name__ == "__main__":
    sys.exit(main())
