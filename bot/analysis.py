"""Steps 4-6 of an article's path: parse, quotes, story features. Pure (no database), so with
WIREWATCH_NLP_PROCESSES=N >= 1 worker processes analyse the next batches while the pipeline stores
one (with 0, a thread of this process does). A batch is analysed in the pieces ``nlp.pipe``
batches it in, each piece whole by one process (with several processes, several pieces of one
batch at once), exactly as on the thread, so the output does not depend on the number of
processes."""

from __future__ import annotations

import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.models import Article, ErrorKind, ParsedArticle, WirewatchError
from bot.nlp.load import load_pipeline
from bot.nlp.parse import READ_CHARS, docs_per_batch, parse_articles
from bot.redact import LogSetup
from bot.stories.features import DocView
from bot.stories.meaning import Meaning
from bot.stories.stage import Prepared, StoryStage

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

PRELOAD = "bot.nlp.preload"  # imported by the workers' forkserver only: it loads spaCy
QUIET = "bot.worker_signals"  # imported by it before that: Ctrl-C is the owner's to handle


@dataclass(frozen=True)
class Read:
    """What the process with the Doc makes of one article, and all a worker process sends back:
    the parse with its quotes (the Doc let go) and what the story features need of the Doc."""

    parsed: ParsedArticle
    view: DocView | None


@dataclass(frozen=True)
class Analysed:
    """One article analysed: its parse and quotes, and its story features made from them in the
    process that stores it (``complete``)."""

    parsed: ParsedArticle
    prepared: Prepared


@dataclass(frozen=True)
class Failed:
    """An article the pure steps could not analyse, and whose fault that was."""

    article: Article
    reason: str
    kind: ErrorKind


Analysis = Analysed | Failed
Reading = Read | Failed


@dataclass(frozen=True)
class Shape:
    """How ``nlp.pipe`` batches a pipeline batch: the same in every process."""

    batch_size: int
    max_chars: int
    read_chars: int = READ_CHARS


def pieces(articles: Sequence[Article], shape: Shape) -> list[tuple[list[Article], Shape]]:
    """The batch cut where ``nlp.pipe`` cuts it (documents per batch sized by the batch's longest
    article), each piece with the shape that parses it as one ``nlp.pipe`` batch."""
    size = docs_per_batch(articles, batch_size=shape.batch_size, max_chars=shape.max_chars,
                          read_chars=shape.read_chars)
    piece = Shape(size, shape.max_chars, shape.read_chars)
    return [(list(articles[i:i + size]), piece) for i in range(0, len(articles), size)]


def analyse(nlp: Language, articles: Sequence[Article], *, stories: StoryStage,
            shape: Shape) -> list[Analysis]:
    """Read the batch (``read``) and make the story features, all in this process."""
    return [complete(done, stories)
            for done in read(nlp, articles, shape=shape, meaning=stories.meaning)]


def read(nlp: Language, articles: Sequence[Article], *, shape: Shape,
         meaning: Meaning | None = None) -> list[Reading]:
    """Parse the batch and find quotes piece by piece (see ``pieces``): what a worker process
    does with each piece, so one process gives the same output as several."""
    return [done for part, piece in pieces(articles, shape)
            for done in _read_piece(nlp, part, shape=piece, meaning=meaning)]


def _read_piece(nlp: Language, articles: Sequence[Article], *, shape: Shape,
                meaning: Meaning | None) -> list[Reading]:
    """Parse the articles as one ``nlp.pipe`` run, then find quotes; if spaCy fails on them,
    parse one by one so only the article that breaks it fails. With the sentence embedding on,
    the piece's vectors are made here too, in one call."""
    try:
        parsed = list(parse_articles(nlp, articles, batch_size=shape.batch_size,
                                     max_batch_chars=shape.max_chars,
                                     read_chars=shape.read_chars))
    except Exception:
        log.exception("batch parse failed; retrying article by article")
        return _meant([_one(nlp, article, shape.read_chars) for article in articles], meaning)
    return _meant([finish(item) for item in parsed], meaning)


def _meant(reads: list[Reading], meaning: Meaning | None) -> list[Reading]:
    """The readings with their sentence-embedding vectors on them (``ParsedArticle.meaning``);
    if encoding fails, the story stage makes each article's vector itself, or fails it alone."""
    if meaning is not None:
        try:
            meaning.carry([done.parsed for done in reads if isinstance(done, Read)])
        except Exception:
            log.exception("sentence embedding failed in analysis; left to the story stage")
    return reads


def _one(nlp: Language, article: Article, read_chars: int) -> Reading:
    try:
        [parsed] = parse_articles(nlp, [article], read_chars=read_chars)
    except Exception as exc:  # spaCy failed on this article alone: retrying will not help
        return Failed(article, f"language analysis failed: {exc}", ErrorKind.BAD_INPUT)
    return finish(parsed)


def finish(parsed: ParsedArticle) -> Reading:
    """Quotes, and what the story features need, from the Doc, which is then dropped (it is
    never stored, and it would be the bulk of what a worker process sends back). This code
    needs spaCy, so it is imported here, where there is a Doc: a process that only stores
    what worker processes analysed never imports spaCy."""
    from bot.nlp.quotes import extract_quotes
    from bot.stories.reading import view_of

    try:
        parsed.quotes = extract_quotes(parsed)
        view = view_of(parsed)
    except Exception as exc:  # a bug in quotes fails this article alone
        return _failed(parsed, exc)
    finally:
        parsed.doc = None
    return Read(parsed, view)


def complete(done: Reading, stories: StoryStage) -> Analysis:
    """The story features of an article read here or in a worker process, made in the process
    that stores it: pure Python, which the storing process has a core for while the worker
    parses the next articles on the other."""
    if isinstance(done, Failed):
        return done
    try:
        prepared = stories.prepare(done.parsed, done.view)
    except Exception as exc:  # a bug in the features fails this article alone
        return _failed(done.parsed, exc)
    return Analysed(done.parsed, prepared)


def _failed(parsed: ParsedArticle, exc: Exception) -> Failed:
    log.exception("could not analyse %s", parsed.article.origin, exc_info=exc)
    kind = exc.kind if isinstance(exc, WirewatchError) else ErrorKind.INTERNAL
    return Failed(parsed.article, f"internal error: {exc}", kind)


class Analyser:
    """Analyses batches off the storing thread: with N >= 1 processes in a pool of N worker
    processes (forked from one that loaded spaCy), with 0 on one analysis thread of this process
    (for callers that hand in a loaded model and would not pay for starting processes).
    ``submit`` returns a future; results keep the input order."""

    def __init__(self, nlp: Language | None, *, stories: StoryStage,
                 settings: Settings) -> None:
        self._nlp = nlp
        self.stories = stories
        self.settings = settings
        self.processes = max(0, settings.nlp_processes)
        self.shape = Shape(settings.nlp_batch_size, settings.nlp_batch_chars,
                           settings.nlp_read_chars)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def nlp(self) -> Language:
        """This process's spaCy pipeline, loaded on first use: with worker processes it is only
        needed if one of them dies, so the main process does not hold a model of its own."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.settings.spacy_model)
        return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    @property
    def ahead(self) -> int:
        """Batches to have in flight while one is stored: one per worker process (one for the
        analysis thread)."""
        return max(1, self.processes)

    def start(self) -> None:
        """Start the worker processes now, and wait until each has loaded spaCy, so the first
        article does not wait for them."""
        if self.processes:
            for future in [self.pool().submit(_ready) for _ in range(self.processes)]:
                future.result()

    def submit(self, articles: Sequence[Article]) -> Future[list[Reading]]:
        if not articles:
            nothing: Future[list[Reading]] = Future()
            nothing.set_result([])
            return nothing
        if not self.processes:
            return self.thread().submit(self._read, list(articles))
        try:
            return self._to_workers(articles)
        except BrokenProcessPool:  # a worker process died since the last batch
            log.warning("an analysis worker process died; starting the worker processes again")
            self.close()
            return self._to_workers(articles)

    def _to_workers(self, articles: Sequence[Article]) -> Future[list[Reading]]:
        return _joined([self.pool().submit(_read_in_worker, part, piece)
                        for part, piece in pieces(articles, self.shape)])

    def here(self, articles: Sequence[Article]) -> list[Reading]:
        """In this process, when a worker process died on the batch; on the analysis thread,
        which alone uses this process's spaCy pipeline."""
        return self.thread().submit(self._read, list(articles)).result()

    def complete(self, reads: list[Reading]) -> list[Analysis]:
        """The batch's story features, made on the calling (storing) thread."""
        return [complete(done, self.stories) for done in reads]

    def _read(self, articles: list[Article]) -> list[Reading]:
        return read(self.nlp, articles, shape=self.shape, meaning=self.stories.meaning)

    def thread(self) -> ThreadPoolExecutor:
        return _thread_for(self.nlp)

    def pool(self) -> ProcessPoolExecutor:
        """Started on first use. Forking this process, which may run other threads, is unsafe:
        the workers are forked from a forkserver, a clean single-threaded process that loaded
        spaCy once (``PRELOAD``), so they share its pages copy-on-write."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=_context(),
                                             initializer=_load_worker,
                                             initargs=(self.settings.spacy_model, os.getpid(),
                                                       LogSetup.here(), self._meaning_folder()))
        return self._pool

    def _meaning_folder(self) -> Path | None:
        """The sentence-embedding model the workers carry vectors from: the story stage's."""
        meaning = self.stories.meaning
        return None if meaning is None else meaning.folder

    def worker_pids(self) -> list[int]:
        return [] if self._pool is None else list(getattr(self._pool, "_processes", {}) or {})

    def close(self) -> None:
        """Stop the worker processes, if any (a later ``submit`` starts them again)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _joined(parts: list[Future[list[Reading]]]) -> Future[list[Reading]]:
    """One future for the pieces of a batch: their readings in order, or the first failure."""
    whole: Future[list[Reading]] = Future()
    lock = threading.Lock()

    def settle(_: Future[list[Reading]]) -> None:
        with lock:
            if whole.done() or not all(part.done() for part in parts):
                return
            try:
                whole.set_result([done for part in parts for done in part.result()])
            except BaseException as exc:  # a dead worker, a cancelled piece: the batch's failure
                whole.set_exception(exc)

    for part in parts:
        part.add_done_callback(settle)
    return whole


_threads: dict[int, tuple[Language, ThreadPoolExecutor]] = {}
_threads_lock = threading.Lock()


def _thread_for(nlp: Language) -> ThreadPoolExecutor:
    """One analysis thread per loaded spaCy pipeline, shared by every Analyser that uses it, so
    spaCy never runs on two threads at once; it idles when there is nothing to analyse."""
    with _threads_lock:
        if id(nlp) not in _threads:
            _threads[id(nlp)] = (nlp, ThreadPoolExecutor(1, thread_name_prefix="analysis"))
        return _threads[id(nlp)][1]


def _context() -> BaseContext:
    """The forkserver, which preloads spaCy; spawn where there is no forkserver (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([QUIET, PRELOAD])
    return context


_worker: Language | None = None
_meaning: Meaning | None = None


def _load_worker(model: str, owner: int, logs: LogSetup, meaning: Path | None = None) -> None:
    """In each worker process: the owner's logging (through the redacting filter), spaCy for
    every batch it will get (the forkserver's, if it preloaded the same pipeline), the sentence
    encoder when the story stage asks for vectors (the forkserver's too, if it preloaded it),
    and a watch on the process that started the pool."""
    global _worker, _meaning
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # spawn too: the owner stops the pool
    logs.install()
    _worker = load_pipeline(model)
    _meaning = None if meaning is None else Meaning(meaning).load()
    threading.Thread(target=_exit_with, args=(owner,), name="owner-watch", daemon=True).start()


def _exit_with(owner: int) -> None:
    """Exit once the process that started the pool is gone. A worker holds both ends of its
    task queue, so it would never see the queue close: killed without stopping its pool (a
    crash, SIGKILL), that process would leave the worker, and the forkserver the worker keeps
    open, running for ever."""
    try:
        handle = os.pidfd_open(owner)
    except (AttributeError, OSError):  # no pidfd (not Linux): look once a second
        while _running(owner):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])  # readable once the process has exited
    os._exit(0)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _ready() -> bool:
    return _worker is not None


def _read_in_worker(articles: list[Article], shape: Shape) -> list[Reading]:
    """One piece of a batch (see ``pieces``), parsed as one ``nlp.pipe`` batch."""
    assert _worker is not None, "worker process started without its initializer"
    return _read_piece(_worker, articles, shape=shape, meaning=_meaning)
