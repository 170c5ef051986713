"""The README's rows say what the commands say: the words a desk reads in `wirewatch status`
and in a story's timeline (`stories timeline`, `/story`) are the ones the README names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.alerts.timeline_blocks import ORDER
from bot.run_lines import waiting_line

ROOT = Path(__file__).resolve().parents[2]


def _row(readme: str, start: str) -> str:
    (row,) = [line for line in readme.splitlines() if line.startswith(start)]
    return row


def test_the_status_row_names_the_waiting_alerts_as_the_command_does():
    heading = waiting_line(0, None, datetime.now(UTC)).split(":")[0]
    row = _row((ROOT / "README.md").read_text(), "| `wirewatch status` |")
    assert heading in row and "the outbox" not in row


def test_the_timeline_rows_name_the_order_as_the_timeline_does():
    readme = (ROOT / "README.md").read_text()
    for start in ("| `wirewatch stories timeline", "| `/story "):
        row = _row(readme, start)
        assert ORDER in row and "each article in order" not in row, start
