"""The fitting benches record around the rules by replacing one of their functions or classes;
compiled callers hold the original and never call the replacement, so these benches run the
interpreted code (``WIREWATCH_COMPILED=0``): ``rerun_interpreted`` starts the bench again so,
``require_interpreted`` refuses a recording that would see nothing."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from bot.nlp.compiled import current


def rerun_interpreted(module: str, argv: Sequence[str] | None) -> None:
    """Replace this process with ``python -m module argv`` on the interpreted code, when the
    compiled build runs; return when the interpreted code runs already."""
    if not current().compiled:
        return
    args = list(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", module, *args],
              {**os.environ, "WIREWATCH_COMPILED": "0"})


def require_interpreted(what: str) -> None:
    if current().compiled:
        raise RuntimeError(f"{what} records around the interpreted rules; the compiled build "
                           "runs in this process: run it with WIREWATCH_COMPILED=0")
