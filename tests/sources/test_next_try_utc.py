"""A feed's next try, stored as a naive ISO time, is UTC as storage writes it, whatever the
machine's time zone: read as local time, it was off by the zone's offset. Run in a child
Python with its own TZ (a POSIX zone five hours east of UTC, no zone database needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.stopping import LAST_RESORT_S

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
from datetime import UTC, datetime
from bot.ingest.next_try import next_try
now = datetime(2026, 12, 6, 4, 50, tzinfo=UTC)
print(next_try("2026-12-06T05:00:00", now))
print(next_try("2026-12-06T05:00:00+00:00", now))
print(next_try("2026-12-06T10:00:00+05:00", now))
"""


def test_a_naive_next_try_is_utc_not_the_machines_local_time():
    """Before: 'in 0 seconds (at 00:00:00 UTC)' on a machine five hours east of UTC."""
    env = {**os.environ, "TZ": "EAST-5"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=LAST_RESORT_S, check=True)
    assert done.stdout.splitlines() == ["in 10 minutes (at 05:00:00 UTC)"] * 3, done.stdout
