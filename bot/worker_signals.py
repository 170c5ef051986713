"""Imported first by the analysis workers' forkserver, before it loads spaCy.

Ctrl-C in a terminal sends SIGINT to every process of the group: the command's own process
stops its analysis workers itself (the article in progress finishes), so the forkserver and the
workers it forks ignore SIGINT instead of each printing a KeyboardInterrupt traceback. The
forkserver would ignore it anyway once its preload is done, but hands each worker its previous
handler back; this one makes that previous handler 'ignore' too. Only in the forkserver.

A run stopped while the forkserver still loads spaCy does not wait for its workers: it exits,
unlinking its pool's semaphores, while the request for a worker is still queued at the
forkserver (the request holds the pipe that would tell the forkserver its owner is gone). The
forkserver then forks that worker, which cannot open the semaphores it was sent: it has no pool
left to serve, so it exits without the traceback the forkserver would print for it.
"""

from __future__ import annotations

import signal
import sys
import traceback
from types import TracebackType

SEMAPHORES = "multiprocessing/synchronize.py"
"""Where a worker rebuilds its pool's semaphores from their names."""


def in_forkserver() -> bool:
    """The forkserver runs as `python -c 'from multiprocessing.forkserver import main; …'`."""
    return bool(sys.argv) and sys.argv[0] == "-c" and "multiprocessing.forkserver" in sys.modules


def pool_gone(error: BaseException, trace: TracebackType | None) -> bool:
    """A worker forked after its owner let its pool go: the pool's semaphores, which the worker
    opens by name as it unpickles its orders, were unlinked."""
    frames = list(traceback.walk_tb(trace))
    if not isinstance(error, FileNotFoundError) or not frames:
        return False
    last = frames[-1][0].f_code
    return last.co_name == "__setstate__" and last.co_filename.endswith(SEMAPHORES)


def quiet_when_pool_gone(kind: type[BaseException], error: BaseException,
                         trace: TracebackType | None) -> None:
    """The forkserver's hook for a worker that failed before running any of our code."""
    if not pool_gone(error, trace):
        sys.__excepthook__(kind, error, trace)


if in_forkserver():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.excepthook = quiet_when_pool_gone
