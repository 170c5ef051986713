"""Imported first by the analysis workers' forkserver, before it loads spaCy.

Ctrl-C in a terminal sends SIGINT to every process of the group: the command's own process
stops its analysis workers itself (the article in progress finishes), so the forkserver and the
workers it forks ignore SIGINT instead of each printing a KeyboardInterrupt traceback. The
forkserver would ignore it anyway once its preload is done, but hands each worker its previous
handler back; this one makes that previous handler 'ignore' too. Only in the forkserver.
"""

from __future__ import annotations

import signal
import sys


def in_forkserver() -> bool:
    """The forkserver runs as `python -c 'from multiprocessing.forkserver import main; …'`."""
    return bool(sys.argv) and sys.argv[0] == "-c" and "multiprocessing.forkserver" in sys.modules


if in_forkserver():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
