"""A test file whose tests need the interpreted code (they rebind or record around its
functions), run again in a child on it when this process runs the compiled build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_interpreted(test_file: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``test_file`` in a child process with ``WIREWATCH_COMPILED=0``."""
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           test_file], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "WIREWATCH_COMPILED": "0"})
