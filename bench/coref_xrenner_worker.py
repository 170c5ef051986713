"""Runs xrenner over CoNLL-U articles read as JSON lines on stdin, one JSON line out each.

Run by bench.coref_side_by_side under the interpreter xrenner is installed in (its pinned
dependencies need an older Python than the project's), so it imports nothing of the project.
In: ``{"id": ..., "conll": ...}``. Out: ``{"id": ..., "ms": CPU ms, "mentions": [[first
token, last token, chain, proper, text], ...]}`` with tokens counted from 1 over the article,
``"retried"`` where xrenner failed once (see ``analyse``) and ``"error"`` where it failed twice
(its mentions then empty).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def main() -> None:
    """Loads the English model once (sequence taggers off: they fetch models), then analyses."""
    out, sys.stdout = sys.stdout, sys.stderr  # xrenner's own prints must not mix in
    from xrenner import Xrenner  # type: ignore[import-not-found]

    start = time.process_time()
    resolver = Xrenner(model="eng", no_seq=True)
    loaded = {"model_ms": (time.process_time() - start) * 1000}
    out.write(json.dumps(loaded) + "\n")
    out.flush()
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(analyse(resolver, json.loads(line))) + "\n")
            out.flush()


def analyse(resolver: Any, article: dict) -> dict:
    """One article's markables with their chains, and the CPU time xrenner took. When
    xrenner's last clean-up (one entity type a chain) fails on a chain it emptied itself, the
    article is analysed again without that step (``"retried"``); another failure is counted."""
    start = time.process_time()
    resolver.set_doc_name(str(article["id"]))
    answer: dict[str, Any] = {"id": article["id"]}
    try:
        resolver.analyze(article["conll"], "none")
    except ValueError:
        answer["retried"] = True
        error = _without_type_harmony(resolver, article["conll"])
        if error:
            answer["error"] = error
    answer["ms"] = (time.process_time() - start) * 1000
    answer["mentions"] = [] if "error" in answer else [
        [int(m.start), int(m.end), int(m.group), m.form == "proper", m.text]
        for m in resolver.markables if m.id != "0"]
    return answer


def _without_type_harmony(resolver: Any, conll: str) -> str:
    """Analyses again with xrenner's single-type-chain step off; an error's text, or ""."""
    filters = resolver.lex.filters
    filters["force_single_type_chains"] = False
    try:
        resolver.analyze(conll, "none")
    except Exception as exc:  # noqa: BLE001 - xrenner's own failures are counted, not fatal
        return repr(exc)
    finally:
        filters["force_single_type_chains"] = True
    return ""


if __name__ == "__main__":
    main()
