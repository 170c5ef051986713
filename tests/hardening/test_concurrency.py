"""Lookups and topic changes from other threads and processes while ingest writes: never locked."""

from __future__ import annotations

import itertools
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from bot.who_said import who_said
from storage.db import ThreadLocalDb, open_db, transaction
from storage.topics import list_topics, remove_topic
from tests.hardening.conftest import REPO, cli_command, cli_env, long_only, scale
from tests.hardening.corpus import write_corpus
from tests.hardening.integrity import assert_nothing_half_written
from tests.stopping import LAST_RESORT_S, ended

QUERIES = ["stay out until the pay offer", "the next twelve hours are critical", "Marta Ruiz",
           "passengers should check", "'; DROP TABLE quotes; --", 'NEAR("a" "b")', "*", '"']


class Readers:
    """Threads that look up quotes, list topics and add/remove topics until told to stop."""

    def __init__(self, store: ThreadLocalDb, *, threads: int = 3) -> None:
        self.store = store
        self.errors: list[BaseException] = []
        self.calls = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        jobs: list[Callable[[int], None]] = [self._look_up, self._list, self._change_topics]
        self._threads = [threading.Thread(target=self._loop, args=(jobs[i % len(jobs)], i))
                         for i in range(threads)]

    def __enter__(self) -> Readers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=LAST_RESORT_S)

    def _loop(self, job: Callable[[int], None], worker: int) -> None:
        for n in itertools.count():
            if self._stop.is_set():
                return
            try:
                job(worker * 100_000 + n)
            except BaseException as exc:  # recorded, then asserted on by the test
                with self._lock:
                    self.errors.append(exc)
                return
            with self._lock:
                self.calls += 1
            time.sleep(0.005)

    def _look_up(self, n: int) -> None:
        answer = who_said(self.store.get(), QUERIES[n % len(QUERIES)])
        assert answer.hits or answer.message

    def _list(self, n: int) -> None:
        assert isinstance(list_topics(self.store.get()), list)

    def _change_topics(self, n: int) -> None:
        db = self.store.get()
        with transaction(db):
            add_topic(db, name=f"desk topic {n}", query="harbour OR council")
        with transaction(db):
            remove_topic(db, f"desk topic {n}")


def _assert_never_locked(readers: Readers) -> None:
    assert not readers.errors, [repr(e) for e in readers.errors]
    assert readers.calls > 0


def test_threads_read_and_write_while_pipeline_ingests(tmp_path, settings, nlp):
    folder = tmp_path / "copy"
    write_corpus(folder, scale(40, 400))
    store = ThreadLocalDb(settings.db_path)
    with Readers(store, threads=3) as readers:
        pipeline = Pipeline(store.get(), settings, nlp=nlp)
        outcomes = list(pipeline.ingest_paths([str(folder)]))
    _assert_never_locked(readers)
    assert {o.status for o in outcomes} == {"stored"}
    assert_nothing_half_written(store.get())


def _ingest_process(db_path: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(cli_command("ingest", str(folder)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env=cli_env(db_path, PYTHONUNBUFFERED="1"))


def _cli(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), capture_output=True, text=True, cwd=REPO,
                          env=cli_env(db_path), timeout=LAST_RESORT_S)


def check_processes(tmp_path: Path, *, articles: int, cli_rounds: int) -> Readers:
    """An ingest process writes; this process's threads and CLI processes read and write."""
    folder = tmp_path / "copy"
    write_corpus(folder, articles)
    db_path = tmp_path / "w.db"
    open_db(db_path).close()
    store = ThreadLocalDb(db_path)
    writer = _ingest_process(db_path, folder)
    with Readers(store, threads=3) as readers:
        for n in range(cli_rounds):
            for args in (("who-said", QUERIES[n % len(QUERIES)]), ("topics", "list"),
                         ("topics", "add", f"cli topic {n}", "strike OR fire")):
                done = _cli(db_path, *args)
                assert done.returncode == 0 and "locked" not in done.stderr, done.stderr
        _, stderr = ended(writer)
    assert writer.returncode == 0 and "locked" not in stderr, stderr
    _assert_never_locked(readers)
    assert_nothing_half_written(open_db(db_path))
    return readers


def test_threads_and_cli_processes_while_another_process_ingests(tmp_path):
    readers = check_processes(tmp_path, articles=60, cli_rounds=1)
    print(f"\nbounded: {readers.calls} lookups and topic changes during ingest, none locked")


@long_only
@pytest.mark.slow
def test_concurrency_long_form(tmp_path):
    readers = check_processes(tmp_path, articles=1000, cli_rounds=10)
    print(f"\nlong form: {readers.calls} lookups and topic changes during ingest, none locked")
