"""SIGTERM while `wirewatch run`'s analysis worker is still starting (its forkserver loading
spaCy): the run stops at once, and the worker the forkserver forks after the run has gone
leaves quietly. The real command in a process, its real forkserver."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import psutil
import pytest

from bot.exit_bound import EXIT_MARGIN_S
from bot.models import RawArticle
from bot.worker_signals import pool_gone
from storage.db import open_db, transaction
from storage.inbox import enqueue
from tests.cli.test_stop_bound import LAST_RESORT_LINE
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S, ended, exit_code, stopped

ROOT = Path(__file__).resolve().parents[2]
BOUND = "3"
"""WIREWATCH_STOP_SECONDS: the last resort would end the run 5 s after it, saying so."""


def forkserver_still_loading(run: psutil.Process) -> bool:
    """The run's forkserver is up and has forked no worker yet (it forks once spaCy loaded)."""
    try:
        servers = [child for child in run.children()
                   if "multiprocessing.forkserver" in " ".join(child.cmdline())]
        return len(servers) == 1 and not servers[0].children()
    except psutil.NoSuchProcess:
        return False


def test_a_stop_while_the_worker_starts_exits_0_without_a_traceback(tmp_path):
    """Before: the forkserver forked the worker after the run had exited and unlinked its pool's
    semaphores, and the worker printed a FileNotFoundError traceback from SemLock._rebuild."""
    proc = run_until_the_forkserver_loads(tmp_path / "w.db")
    out, err = stopped(proc)
    assert "stopping while the analysis worker processes start" in err, err
    assert proc.returncode == 0 and out.endswith("stopped\n"), (out, err)
    assert "Traceback" not in err, err


def test_a_stop_while_the_worker_loads_ends_within_its_bound_and_keeps_the_queued_article(
        tmp_path):
    """An article queued before the start, SIGTERM while the forkserver still loads spaCy,
    the stop's bound 3 s: the run exits 0 before its last resort (no ERROR line), and the
    article is still queued for the next start (or done, if the load won the race)."""
    db_path = tmp_path / "w.db"
    with closing(open_db(db_path)) as db, transaction(db):
        queued = enqueue(db, RawArticle(text="The lighthouse keepers of Varnby voted to strike.",
                                        origin="lighthouse.txt", title="Keepers vote"))
    proc = run_until_the_forkserver_loads(db_path, WIREWATCH_STOP_SECONDS=BOUND)
    began = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    exit_code(proc)
    took = time.monotonic() - began  # the forkserver may hold the output open a while more
    out, err = ended(proc)
    assert proc.returncode == 0 and out.endswith("stopped\n"), (out, err)
    assert LAST_RESORT_LINE not in err, err
    assert took < float(BOUND) + EXIT_MARGIN_S, f"{took:.1f} s\n{out}\n{err}"
    with closing(open_db(db_path)) as db:
        [status] = db.execute("SELECT status FROM inbox WHERE id = ?", [queued]).fetchone()
    assert status in ("pending", "done"), status


def test_any_other_failure_of_a_forked_worker_is_still_printed(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        (tmp_path / "missing").read_text()
    assert not pool_gone(caught.value, caught.tb)


def run_until_the_forkserver_loads(db_path: Path, **env: str) -> subprocess.Popen[str]:
    """A `wirewatch run` with one analysis worker, returned while its forkserver loads."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db_path), "-v", "run",
                             "--console"], env=clean_env(WIREWATCH_NLP_PROCESSES="1", **env),
                            cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run = psutil.Process(proc.pid)
    deadline = time.monotonic() + LAST_RESORT_S
    while not forkserver_still_loading(run):
        assert proc.poll() is None and time.monotonic() < deadline, "no forkserver started"
        time.sleep(0.01)
    return proc
