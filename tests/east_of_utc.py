"""Run a short script in a child Python five hours east of UTC (a POSIX zone, no zone database
needed): a stored time read as the machine's local time is then off by five hours, visibly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.stopping import LAST_RESORT_S

ROOT = Path(__file__).resolve().parents[1]


def east_of_utc(script: str, *args: object) -> list[str]:
    """The lines the script prints, given ``args`` as its argv, run with TZ=EAST-5."""
    env = {**os.environ, "TZ": "EAST-5"}
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=LAST_RESORT_S)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()
