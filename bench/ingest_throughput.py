"""Item 1: articles per second through the whole pipeline against spaCy's ``nlp.pipe`` alone.

Both sides get the same texts and the same loaded pipeline. They run interleaved, chunk by chunk
(spaCy alone on a chunk, then the pipeline on the same chunk), so background load on a shared
machine hits both alike; the ratio is total spaCy time over total pipeline time. A final,
separate pass with every call from bot/pipeline.py timed says which function costs how much
per article (pyinstrument cannot: spaCy's Cython frames lose their callers in its samples).
"""

from __future__ import annotations

import functools
import inspect
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import is_dataclass, replace
from pathlib import Path

from spacy.language import Language

from bench.corpus import generate
from bench.rows import row, spread
from bench.table import print_rows
from bot.config import Settings, load_settings
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.load import load_pipeline
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db

NAME = "ingest_throughput"
SEED = 11
SIZES = {"smoke": (6, 2, 3), "full": (2000, 8, 150)}  # articles timed, chunks, articles profiled
TARGET = ">= 0.8"
TOPICS = (("Port strikes", "strike AND (port OR dock*)"),
          ("Central bank rates", '"central bank" OR "key rate" OR "policy rate"'),
          ("Wildfires", "wildfire OR blaze"),
          ("Court cases", "court AND ruling"))
PROJECT = ("bot.", "storage.")
LIMITS = ("spaCy itself (tok2vec + tagger + parser + NER + lemmatizer) is the floor; every "
          "stage after parsing is pure cost on top of it. See the per-stage rows for which "
          "function costs what per article.")


def run(*, scale: str = "full") -> list[dict]:
    count, chunks, profiled = SIZES[scale]
    base = load_settings()
    nlp = load_pipeline(base.spacy_model)
    raws = list(generate(count + profiled, seed=SEED))
    timed, extra = raws[:count], raws[count:]
    bodies = [clean_article(raw).body for raw in timed]
    list(nlp.pipe(bodies[:4]))
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        settings = replace(base, db_path=Path(tmp) / "bench.db")
        db = open_db(settings.db_path)
        _track_topics(db)
        pipeline = Pipeline(db, settings, nlp=nlp)
        spacy_s: list[float] = []
        pipeline_s: list[float] = []
        statuses: Counter[str] = Counter()
        for part in _chunks(count, chunks):
            texts, articles = [bodies[i] for i in part], [timed[i] for i in part]
            spacy_s.append(_seconds(functools.partial(_spacy_alone, nlp, texts, settings)))
            pipeline_s.append(_seconds(functools.partial(_ingest, pipeline, articles, statuses)))
        stages = _stage_costs(pipeline, extra)
        db.close()
    return _rows(settings, bodies, spacy_s, pipeline_s, statuses, stages, len(extra), nlp)


def _rows(settings: Settings, bodies: Sequence[str], spacy_s: list[float],
          pipeline_s: list[float], statuses: Counter, stages: dict[str, float], profiled: int,
          nlp: Language) -> list[dict]:
    count = len(bodies)
    words = statistics.median(len(b.split()) for b in bodies)
    setup = (f"{count} articles (median {words:.0f} words), batch {settings.nlp_batch_size}, "
             f"{settings.nlp_processes} process(es), components {','.join(nlp.pipe_names)}")
    ratios = [s / p for s, p in zip(spacy_s, pipeline_s, strict=True)]
    outcome = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    rows = [
        row(NAME, "spaCy nlp.pipe alone", count / sum(spacy_s), "articles/s", note=setup),
        row(NAME, "whole pipeline (clean, parse, quotes, stories, outbox)",
            count / sum(pipeline_s), "articles/s", note=f"fresh DB; {outcome}"),
        row(NAME, "pipeline / spaCy alone", sum(spacy_s) / sum(pipeline_s), "ratio",
            target=TARGET, note=f"per chunk of {count // len(ratios)}: {spread(ratios)}"),
    ]
    for label, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        rows.append(row(NAME, f"stage: {label}", seconds * 1000 / profiled, "ms/article",
                        note=f"every call timed, {profiled} articles after {count} stored"))
    return rows


def _track_topics(db) -> None:
    """The demo topics plus a few more, each followed by a channel, so alerts are queued."""
    for index, (name, query) in enumerate(TOPICS):
        topic_id = add_topic(db, name=name, query=query)
        db["subscriptions"].insert({"topic_id": topic_id, "target_type": "channel",
                                    "target_id": f"C{index:08d}", "mode": "realtime"})


def _chunks(count: int, parts: int) -> list[range]:
    size = -(-count // parts)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _ingest(pipeline: Pipeline, articles: list[RawArticle], statuses: Counter[str]) -> None:
    statuses.update(o.status for o in pipeline.ingest(articles))


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _spacy_alone(nlp: Language, texts: list[str], settings: Settings) -> None:
    for _doc in nlp.pipe(texts, batch_size=settings.nlp_batch_size,
                         n_process=settings.nlp_processes):
        pass


def _stage_costs(pipeline: Pipeline, raws: list[RawArticle]) -> dict[str, float]:
    """Seconds spent in each function the pipeline calls, with every such call timed."""
    costs: dict[str, float] = defaultdict(float)
    with stage_timers(pipeline, costs):
        for _outcome in pipeline.ingest(raws):
            pass
    return dict(costs)


@contextmanager
def stage_timers(pipeline: Pipeline, costs: dict[str, float]) -> Iterator[None]:
    """Time, for one pass, each project function bot/pipeline.py calls and each public method
    of the stage objects a Pipeline holds; put everything back afterwards."""
    module = sys.modules[Pipeline.__module__]
    undo: list[tuple[object, str, object]] = []
    for name, value in list(vars(module).items()):
        if inspect.isfunction(value) and value.__module__.startswith(PROJECT):
            setattr(module, name, _timed(f"{value.__module__}.{name}", value, costs))
            undo.append((module, name, value))
    for stage in vars(pipeline).values():
        if is_dataclass(stage) or not type(stage).__module__.startswith(PROJECT):
            continue
        for name, value in inspect.getmembers(stage, inspect.ismethod):
            if not name.startswith("_"):
                label = f"{type(stage).__module__}.{type(stage).__name__}.{name}"
                setattr(stage, name, _timed(label, value, costs))
                undo.append((stage, name, None))
    try:
        yield
    finally:
        for owner, name, value in undo:
            if value is None:
                delattr(owner, name)
            else:
                setattr(owner, name, value)


def _timed(label: str, func: Callable, costs: dict[str, float]) -> Callable:
    """``func`` with its time added to ``costs[label]``, including time inside what it returns
    when that is a generator or a context manager (BEGIN ... COMMIT)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        costs[label] += time.perf_counter() - start
        if inspect.isgenerator(result):
            return _timed_iter(label, result, costs)
        if hasattr(result, "__enter__") and hasattr(result, "__exit__"):
            return _TimedContext(label, result, costs)
        return result
    return wrapper


def _timed_iter(label: str, items: Iterator, costs: dict[str, float]) -> Iterator:
    while True:
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            costs[label] += time.perf_counter() - start
            return
        costs[label] += time.perf_counter() - start
        yield item


class _TimedContext:
    def __init__(self, label: str, inner, costs: dict[str, float]) -> None:
        self.label, self.inner, self.costs = label, inner, costs

    def __enter__(self):
        start = time.perf_counter()
        try:
            return self.inner.__enter__()
        finally:
            self.costs[self.label] += time.perf_counter() - start

    def __exit__(self, *exc):
        start = time.perf_counter()
        try:
            return self.inner.__exit__(*exc)
        finally:
            self.costs[self.label] += time.perf_counter() - start


if __name__ == "__main__":
    print_rows(run(scale=sys.argv[1] if len(sys.argv) > 1 else "full"))
