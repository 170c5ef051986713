"""Which stream a parse cache (``--cache``: a DocBin of spaCy parses) was made for: a key of
each of its records is kept beside it (``PATH.stream``), so a run on another stream neither
reads its parses nor fills it with that stream's texts (a shared cache was filled so)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path


def stamp_of(cache: Path) -> Path:
    return cache.with_name(cache.name + ".stream")


def record_keys(records: Sequence[str]) -> set[str]:
    """A key of each record as read (a stream's line, an article's text as given: not as
    cleaned, so a change in cleaning keeps the cache its stream's)."""
    return {hashlib.sha256(text.encode("utf-8")).hexdigest()[:20] for text in records}


def may_keep(cache: Path, records: Sequence[str]) -> bool:
    """Whether this run, on the stream of ``records``, may write its parses into ``cache``.
    True for a new cache, one made for this stream, for a larger one holding it, or for a
    part of this one (then stamped for this one); False for one made before caches were
    stamped (read as it is, nothing written into it). Any other stream's cache stops the run."""
    stamp, keys = stamp_of(cache), record_keys(records)
    if not cache.exists() or not stamp.exists():
        if cache.exists():
            print(f"parse cache {cache} does not say which stream it was made for (made "
                  f"before caches kept a {stamp.name} beside them): read, nothing written "
                  "into it", file=sys.stderr)
            return False
        _write(stamp, keys)
        return True
    made_for = set(stamp.read_text(encoding="utf-8").split())
    if keys <= made_for:
        return True
    if made_for <= keys:
        _write(stamp, keys)
        return True
    raise SystemExit(f"parse cache {cache} was made for another stream ({len(keys - made_for)} "
                     f"of this stream's {len(keys)} records are not in its {len(made_for)}, "
                     "and it holds records this one lacks): give --cache a file of this "
                     "stream's own")


def _write(stamp: Path, keys: set[str]) -> None:
    stamp.write_text("".join(f"{key}\n" for key in sorted(keys)), encoding="utf-8")
