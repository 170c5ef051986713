"""SIGTERM while `wirewatch run`'s analysis worker is still starting (its forkserver loading
spaCy): the run stops at once, and the worker the forkserver forks after the run has gone
leaves quietly. The real command in a process, its real forkserver."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from bot.worker_signals import pool_gone
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S, stopped

ROOT = Path(__file__).resolve().parents[2]


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
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"), "-v",
                             "run", "--console"], env=clean_env(WIREWATCH_NLP_PROCESSES="1"),
                            cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run = psutil.Process(proc.pid)
    deadline = time.monotonic() + LAST_RESORT_S
    while not forkserver_still_loading(run):
        assert proc.poll() is None and time.monotonic() < deadline, "no forkserver started"
        time.sleep(0.01)
    out, err = stopped(proc)
    assert "stopping while the analysis worker processes start" in err, err
    assert proc.returncode == 0 and out.endswith("stopped\n"), (out, err)
    assert "Traceback" not in err, err


def test_any_other_failure_of_a_forked_worker_is_still_printed(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        (tmp_path / "missing").read_text()
    assert not pool_gone(caught.value, caught.tb)
