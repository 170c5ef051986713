"""Item 1: articles per second through the whole pipeline against spaCy's ``nlp.pipe`` alone, with
one process and with two.

Every arm gets the same texts and the same loaded pipeline, in the same batches: spaCy alone
with one process and with two (``n_process=2``), the whole pipeline with WIREWATCH_NLP_PROCESSES=1
(the default: one analysis worker process), with 2, and with 0 (the analysis on a thread of the
storing process), each pipeline on its own fresh database. They run interleaved, chunk by chunk, the order of the arms
rotating from chunk to chunk, so background load on a shared machine hits every arm alike. The
headline ratios are medians of per-chunk ratios; total-time and CPU-time ratios are printed
beside them. The pipelines' outputs (story and verdict of every article) are compared.
A final, separate pass (on the analysis-thread pipeline, so every timed call runs in this process) with every call from bot/pipeline.py and bot/analysis.py timed says which
function costs how much CPU per article, on the thread that calls it (wall time would count the
time a thread waits for Python's lock or for a core; pyinstrument cannot: spaCy's Cython frames
lose their callers in its samples).

    python -m bench.ingest_throughput quick    # 400 articles, about 4 min on 2 quiet cores
    python -m bench --only ingest_throughput   # 2,000 articles (37 min at load 5); RESULTS.md
"""

from __future__ import annotations

import functools
import importlib
import inspect
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, is_dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
from spacy.language import Language

from bench.corpus import generate
from bench.rows import row, spread
from bench.scale import scale_from
from bench.table import print_rows
from bot.config import Settings, load_settings
from bot.ingest.clean import clean_article
from bot.models import Article, RawArticle
from bot.nlp import compiled
from bot.nlp.load import load_pipeline
from bot.nlp.parse import docs_per_batch
from bot.nlp.sentence_encoder import packaged_model
from bot.pipeline import Outcome, Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db

NAME = "ingest_throughput"
SEED = 11
SIZES = {"smoke": (8, 2, 3), "quick": (400, 4, 60), "full": (2000, 8, 150)}
# articles timed, chunks, articles profiled
TARGET = ">= 0.9"
TARGET_TWO = ">= 1.6"
TOPICS = (("Port strikes", "strike AND (port OR dock*)"),
          ("Central bank rates", '"central bank" OR "key rate" OR "policy rate"'),
          ("Wildfires", "wildfire OR blaze"),
          ("Court cases", "court AND ruling"))
PROJECT = ("bot.", "storage.")
SPACY_ALONE = "spaCy nlp.pipe alone on the same articles (not part of the pipeline)"
TIMED_MODULES = ("bot.pipeline", "bot.analysis")
PIPELINES = {"pipeline1": 1, "pipeline2": 2, "thread": 0}  # arm: WIREWATCH_NLP_PROCESSES
MEANING = "meaning1"
"""The default's arm with WIREWATCH_STORY_EMBEDDING=package (the vector made in the worker),
run when the model is installed."""
CALLED_LATE = (("bot.nlp.quotes", "extract_quotes"),)
"""Functions bot/analysis.py imports only where it calls them (so that a storing process with
worker processes never imports spaCy): timed in their own module."""
LIMITS = ("spaCy itself (tok2vec + tagger + parser + NER + lemmatizer) is the floor: with one "
          "process every stage after parsing is cost on top of it (see the per-stage rows); "
          "with two, the main process's storing and the two workers share two cores, and other "
          "work on a shared machine takes from both.")


@dataclass
class Arm:
    """One side of the comparison: seconds (wall and CPU) per chunk; ``calling`` is the CPU of
    the thread that runs the arm (with one process, the pipeline's storing thread)."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    calling: list[float] = field(default_factory=list)
    workers: list[float] = field(default_factory=list)

    def time(self, work: Callable[[], object], pids: Callable[[], list[int]] = list) -> None:
        cpu, own, start = _cpu_seconds(pids()), time.thread_time(), time.perf_counter()
        workers = _workers_seconds(pids())
        work()
        self.wall.append(time.perf_counter() - start)
        self.calling.append(time.thread_time() - own)
        self.cpu.append(_cpu_seconds(pids()) - cpu)
        self.workers.append(_workers_seconds(pids()) - workers)


def run(*, scale: str = "full") -> list[dict]:
    """The arms interleaved chunk by chunk, then the stage pass."""
    count, chunks, profiled = SIZES[scale]
    began = time.perf_counter()
    base = load_settings()
    nlp = load_pipeline(base.spacy_model)
    raws = _timed_arrivals(list(generate(count + profiled, seed=SEED)))
    timed, extra = raws[:count], raws[count:]
    cleaned = [clean_article(raw) for raw in timed]
    bodies = [article.body for article in cleaned]
    list(nlp.pipe(bodies[:4]))
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        pipelines = {key: _pipeline(replace(base, db_path=Path(tmp) / f"{key}.db",
                                            nlp_processes=processes), nlp)
                     for key, processes in PIPELINES.items()}
        if packaged_model() is not None:
            pipelines[MEANING] = _pipeline(replace(base, db_path=Path(tmp) / f"{MEANING}.db",
                                                   nlp_processes=1, story_embedding="package"),
                                           nlp)
        for pipeline in pipelines.values():
            _warm(pipeline, timed[:8])
        keys = ["spacy1", "pipeline1", "spacy2", "pipeline2", "thread"]
        keys += [MEANING] if MEANING in pipelines else []
        arms = {key: Arm(key) for key in keys}
        outputs: dict[str, list[tuple]] = {key: [] for key in pipelines}
        statuses: Counter[str] = Counter()
        work: dict[str, Callable[[list[Article], list[RawArticle]], object]] = {
            "spacy1": lambda parsed, _: _spacy_alone(nlp, parsed, base, 1),
            "spacy2": lambda parsed, _: _spacy_alone(nlp, parsed, base, 2),
        }
        for key, pipeline in pipelines.items():
            work[key] = functools.partial(_arm, pipeline, outputs[key],
                                          statuses if key == "pipeline1" else None)
        for number, part in enumerate(_chunks(count, chunks)):
            texts, articles = [cleaned[i] for i in part], [timed[i] for i in part]
            order = keys[number % len(keys):] + keys[:number % len(keys)]
            for key in order:
                pids = pipelines[key].analyser.worker_pids if key in pipelines else list
                arms[key].time(functools.partial(work[key], texts, articles), pids)
            _progress(number + 1, chunks, began)
        for key in ("pipeline1", "pipeline2", MEANING):
            if key in pipelines:
                pipelines[key].close()
        stages, stage_cpu = _stage_costs(pipelines["thread"], extra)
        stages[SPACY_ALONE] = _thread_seconds(functools.partial(
            _spacy_alone, nlp, [clean_article(raw) for raw in extra], base, 1))
        for pipeline in pipelines.values():
            pipeline.db.close()
    same = {key: sum(a == b for a, b in zip(outputs["pipeline1"], outputs[key], strict=True))
            for key in ("pipeline2", "thread")}
    rows = (_rows(base, bodies, arms, statuses, nlp, same["pipeline2"])
            + _thread_rows(arms, same["thread"], count) + _cpu_rows(arms, count)
            + _meaning_rows(arms, count))
    return rows + _stage_rows(stages, stage_cpu, len(extra), count) + [
        row(NAME, "benchmark duration", time.perf_counter() - began, "s",
            note=f"scale {scale}: {count} articles in {chunks} chunks, {len(keys)} arms")]


def _arm(pipeline: Pipeline, into: list[tuple], statuses: Counter[str] | None,
         _parsed: list[Article], articles: list[RawArticle]) -> None:
    into.extend(_ingest(pipeline, articles, statuses))


def _thread_rows(arms: dict[str, Arm], same: int, count: int) -> list[dict]:
    """The in-process mode (WIREWATCH_NLP_PROCESSES=0: analysis on a thread beside the storing
    one, for callers that hand in a loaded model), beside the default."""
    return [
        row(NAME, "whole pipeline, WIREWATCH_NLP_PROCESSES=0 (analysis thread)",
            count / sum(arms["thread"].wall), "articles/s",
            note=f"analysis on a thread of the storing process; {same} of {count} outcomes as "
                 "with one worker process"),
        _ratio("pipeline with the analysis thread / spaCy alone, 1 process", arms["spacy1"],
               arms["thread"], None),
    ]


def _meaning_rows(arms: dict[str, Arm], count: int) -> list[dict]:
    """The default with the sentence embedding on: its vector made in the worker beside spaCy."""
    if MEANING not in arms:
        return []
    worker = sum(arms[MEANING].workers) * 1000 / count
    plain = sum(arms["pipeline1"].workers) * 1000 / count
    storing = sum(arms[MEANING].calling) * 1000 / count
    return [
        row(NAME, "whole pipeline, 1 process, WIREWATCH_STORY_EMBEDDING=package",
            count / sum(arms[MEANING].wall), "articles/s",
            note="the vector made in the analysis worker, beside spaCy"),
        _ratio("pipeline with the sentence embedding / spaCy alone, 1 process", arms["spacy1"],
               arms[MEANING], TARGET),
        row(NAME, "CPU per article: the analysis worker, with the sentence embedding", worker,
            "ms/article", note=f"{worker - plain:.1f} more than without it ({plain:.1f}); the "
                               f"storing thread {storing:.1f}"),
    ]


def _timed_arrivals(raws: list[RawArticle]) -> list[RawArticle]:
    """A publication time each, a minute apart and ending now (recent enough to alert), so both
    pipelines see the same times, as a replay does, whenever each arm runs."""
    end = datetime.now(UTC).replace(microsecond=0)
    return [replace(raw, published=(end - timedelta(minutes=len(raws) - i)).isoformat())
            for i, raw in enumerate(raws)]


def _pipeline(settings: Settings, nlp: Language) -> Pipeline:
    db = open_db(settings.db_path)
    _track_topics(db)
    return Pipeline(db, settings, nlp=nlp)


def _warm(pipeline: Pipeline, raws: list[RawArticle]) -> None:
    """Start the worker processes (each loads spaCy) before anything is timed."""
    articles = [clean_article(raw) for raw in raws]
    half = len(articles) // 2
    futures = [pipeline.analyser.submit(part) for part in (articles[:half], articles[half:])]
    for future in futures:
        future.result()


def _progress(done: int, chunks: int, began: float) -> None:
    took = time.perf_counter() - began
    left = took / done * (chunks - done)
    print(f"   ingest_throughput: chunk {done}/{chunks} after {took:.0f} s; about {left:.0f} s "
          "of chunks left, then the per-stage pass", file=sys.stderr, flush=True)


def _rows(settings: Settings, bodies: Sequence[str], arms: dict[str, Arm],
          statuses: Counter, nlp: Language, same: int) -> list[dict]:
    count = len(bodies)
    words = statistics.median(len(b.split()) for b in bodies)
    setup = (f"{count} articles (median {words:.0f} words), in the pipeline's batches "
             f"({settings.nlp_batch_size} articles, at most {settings.nlp_batch_chars} "
             f"characters per nlp.pipe batch), components {','.join(nlp.pipe_names)}")
    outcome = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    rate = {key: count / sum(arm.wall) for key, arm in arms.items()}
    return [
        row(NAME, "spaCy nlp.pipe alone, 1 process", rate["spacy1"], "articles/s", note=setup),
        row(NAME, "whole pipeline, 1 process (clean, parse, quotes, stories, outbox)",
            rate["pipeline1"], "articles/s",
            note="WIREWATCH_NLP_PROCESSES=1, the default: the analysis in one worker process, "
                 f"storing in the main one; fresh DB; {outcome}"),
        _ratio("pipeline / spaCy alone, 1 process", arms["spacy1"], arms["pipeline1"], TARGET),
        row(NAME, "spaCy nlp.pipe alone, 2 processes", rate["spacy2"], "articles/s",
            note="nlp.pipe(n_process=2)"),
        row(NAME, "whole pipeline, WIREWATCH_NLP_PROCESSES=2", rate["pipeline2"], "articles/s",
            note="two analysis worker processes, storing in the main one"),
        _ratio("pipeline / spaCy alone, 2 processes", arms["spacy2"], arms["pipeline2"], None),
        _ratio("pipeline 2 processes / 1 process", arms["pipeline1"], arms["pipeline2"],
               TARGET_TWO, cpu=False),
        row(NAME, "2 processes: same story and verdict as 1 process", same / count, "fraction",
            target=">= 1", note=f"{same} of {count} articles identical"),
    ]


def _ratio(metric: str, fast: Arm, slow: Arm, target: str | None, *, cpu: bool = True) -> dict:
    """``fast``'s seconds over ``slow``'s: the median of per-chunk ratios, totals in the note."""
    walls = [f / s for f, s in zip(fast.wall, slow.wall, strict=True)]
    note = (f"median of {len(walls)} per-chunk ratios; per chunk {spread(walls)}; "
            f"total time {sum(fast.wall) / sum(slow.wall):.2f}")
    if cpu:
        cpus = [f / s for f, s in zip(fast.cpu, slow.cpu, strict=True)]
        note += f"; CPU time {statistics.median(cpus):.2f} (per chunk {spread(cpus)})"
    return row(NAME, metric, statistics.median(walls), "ratio", target=target, note=note)


def _cpu_rows(arms: dict[str, Arm], count: int) -> list[dict]:
    """CPU per article of spaCy alone and of the one-process pipeline in both modes, split
    between storing and analysis: what the pipeline spends beyond spaCy, and where."""
    alone, worker, thread = (sum(arms[key].cpu) * 1000 / count
                             for key in ("spacy1", "pipeline1", "thread"))
    storing, beside = (sum(arms[key].calling) * 1000 / count for key in ("pipeline1", "thread"))
    analysing = sum(arms["pipeline1"].workers) * 1000 / count
    return [
        row(NAME, "CPU per article: spaCy alone, 1 process", alone, "ms/article",
            note="all chunks, same articles as the pipeline"),
        row(NAME, "CPU per article: whole pipeline, 1 process", worker, "ms/article",
            note=f"{worker - alone:.1f} more than spaCy alone: the storing thread "
                 f"{storing:.1f}, the worker process and the main process's other threads "
                 f"{worker - storing:.1f}, spaCy included, so {worker - storing - alone:.1f} "
                 "beyond it"),
        row(NAME, "CPU per article: the analysis worker process, 1 process", analysing,
            "ms/article",
            note=f"{analysing - alone:.1f} beyond spaCy alone; with one worker it is the longer "
                 f"of the two paths, so spaCy alone / this ({alone / analysing:.3f}) is about "
                 "what the ratio can reach on two free cores"),
        row(NAME, "CPU per article: whole pipeline, analysis thread", thread, "ms/article",
            note=f"{thread - alone:.1f} more than spaCy alone: the storing thread "
                 f"{beside:.1f}, the analysis thread (and any other) {thread - beside:.1f}, "
                 f"spaCy included, so {thread - beside - alone:.1f} beyond it"),
    ]


def _stage_rows(stages: dict[str, float], cpu: float, profiled: int, count: int) -> list[dict]:
    """One row per timed function, spaCy alone on the same articles beside them (what
    ``parse_articles`` compares with), and what the pass spent outside the timed functions."""
    timed = sum(seconds for label, seconds in stages.items() if label != SPACY_ALONE)
    return [row(NAME, f"stage: {label}", seconds * 1000 / profiled, "ms/article",
                note=f"CPU time of every call on its thread, {profiled} articles after {count} "
                     "stored, analysis thread" if label != SPACY_ALONE else
                     f"the same {profiled} articles, on this thread, after the pass")
            for label, seconds in sorted(stages.items(), key=lambda kv: -kv[1])] + [
        row(NAME, "stage pass: CPU outside the timed stages", (cpu - timed) * 1000 / profiled,
            "ms/article", note=f"the process's CPU in the same pass, {cpu * 1000 / profiled:.1f} "
                               f"ms/article, less the stage rows' sum, {timed * 1000 / profiled:.1f}"
                               " (the pipeline's own code, thread hand-overs, the timers)")]


def _thread_seconds(work: Callable[[], object]) -> float:
    start = time.thread_time()
    work()
    return time.thread_time() - start


def _cpu_seconds(pids: list[int]) -> float:
    """CPU used so far by this process, its finished children and the live ones in ``pids``."""
    times = psutil.Process().cpu_times()
    return times.user + times.system + times.children_user + times.children_system + \
        _workers_seconds(pids)


def _workers_seconds(pids: list[int]) -> float:
    """CPU used so far by the live processes in ``pids``."""
    total = 0.0
    for pid in pids:
        try:
            child = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += child.user + child.system
    return total


def _track_topics(db) -> None:
    """The demo topics plus a few more, each followed by a channel, so alerts are queued."""
    for index, (name, query) in enumerate(TOPICS):
        topic_id = add_topic(db, name=name, query=query)
        db["subscriptions"].insert({"topic_id": topic_id, "target_type": "channel",
                                    "target_id": f"C{index:08d}", "mode": "realtime"})


def _chunks(count: int, parts: int) -> list[range]:
    size = -(-count // parts)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _ingest(pipeline: Pipeline, articles: list[RawArticle],
            statuses: Counter[str] | None) -> list[tuple]:
    """The pipeline's outcomes, as what must not depend on the number of processes."""
    outcomes = list(pipeline.ingest(articles))
    if statuses is not None:
        statuses.update(o.status for o in outcomes)
    return [_essence(o) for o in outcomes]


def _essence(outcome: Outcome) -> tuple:
    verdict = outcome.verdict
    return (outcome.origin, outcome.status, outcome.article_id, outcome.topic_ids,
            verdict and (verdict.story_id, verdict.kind, verdict.whats_new, verdict.summary))


def _spacy_alone(nlp: Language, articles: list[Article], settings: Settings,
                 processes: int) -> None:
    """``nlp.pipe`` over the articles in the batches the pipeline parses them in: pipeline
    batches of ``nlp_batch_size`` articles, each piped ``docs_per_batch`` documents at a time
    (with two processes, one ``nlp.pipe`` over the chunk, so the processes start once)."""
    if processes > 1:
        for _doc in nlp.pipe((a.body for a in articles), n_process=processes,
                             batch_size=_docs_per_batch(articles, settings)):
            pass
        return
    size = settings.nlp_batch_size
    for start in range(0, len(articles), size):
        part = articles[start:start + size]
        for _doc in nlp.pipe((a.body for a in part), batch_size=_docs_per_batch(part, settings)):
            pass


def _docs_per_batch(articles: list[Article], settings: Settings) -> int:
    return docs_per_batch(articles, batch_size=settings.nlp_batch_size,
                          max_chars=settings.nlp_batch_chars)


def _stage_costs(pipeline: Pipeline, raws: list[RawArticle]) -> tuple[dict[str, float], float]:
    """CPU seconds spent in each function the pipeline calls, with every such call timed, and
    the process's CPU seconds over the same pass."""
    costs: dict[str, float] = defaultdict(float)
    cpu = time.process_time()
    with stage_timers(pipeline, costs):
        for _outcome in pipeline.ingest(raws):
            pass
    return dict(costs), time.process_time() - cpu


@contextmanager
def stage_timers(pipeline: Pipeline, costs: dict[str, float]) -> Iterator[None]:
    """Time, for one pass, each project function bot/pipeline.py and bot/analysis.py call (from
    other modules) and each public method
    of the stage objects a Pipeline holds; put everything back afterwards."""
    undo: list[tuple[object, str, object]] = []
    for module in map(sys.modules.__getitem__, TIMED_MODULES):
        for name, value in list(vars(module).items()):
            if (inspect.isfunction(value) and value.__module__.startswith(PROJECT)
                    and value.__module__ not in TIMED_MODULES):
                setattr(module, name, _timed(f"{value.__module__}.{name}", value, costs))
                undo.append((module, name, value))
    for module_name, name in CALLED_LATE:
        module = importlib.import_module(module_name)
        value = getattr(module, name)
        setattr(module, name, _timed(f"{module_name}.{name}, {compiled.current().label}", value,
                                     costs))
        undo.append((module, name, value))
    for stage in vars(pipeline).values():
        kind = type(stage).__module__
        if is_dataclass(stage) or not kind.startswith(PROJECT) or kind in TIMED_MODULES:
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
    """``func`` with its thread's CPU time added to ``costs[label]``, including time inside what
    it returns when that is a generator or a context manager (BEGIN ... COMMIT)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.thread_time()
        result = func(*args, **kwargs)
        costs[label] += time.thread_time() - start
        if inspect.isgenerator(result):
            return _timed_iter(label, result, costs)
        if hasattr(result, "__enter__") and hasattr(result, "__exit__"):
            return _TimedContext(label, result, costs)
        return result
    return wrapper


def _timed_iter(label: str, items: Iterator, costs: dict[str, float]) -> Iterator:
    while True:
        start = time.thread_time()
        try:
            item = next(items)
        except StopIteration:
            costs[label] += time.thread_time() - start
            return
        costs[label] += time.thread_time() - start
        yield item


class _TimedContext:
    def __init__(self, label: str, inner, costs: dict[str, float]) -> None:
        self.label, self.inner, self.costs = label, inner, costs

    def __enter__(self):
        start = time.thread_time()
        try:
            return self.inner.__enter__()
        finally:
            self.costs[self.label] += time.thread_time() - start

    def __exit__(self, *exc):
        start = time.thread_time()
        try:
            return self.inner.__exit__(*exc)
        finally:
            self.costs[self.label] += time.thread_time() - start


def main(argv: Sequence[str] | None = None) -> None:
    print_rows(run(scale=scale_from(argv, name=NAME, doc=__doc__, scales=SIZES)))


if __name__ == "__main__":
    main()
