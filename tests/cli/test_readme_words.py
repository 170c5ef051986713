"""The README's rows say what the commands say: the words a desk reads in `wirewatch status`
and in a story's timeline (`stories timeline`, `/story`) are the ones the README names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from bot.alerts.timeline_blocks import ORDER
from bot.cli.topics import topics
from bot.models import Source
from bot.run_lines import waiting_line
from storage.sources import health

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


def test_the_topics_edit_and_sources_list_rows_name_the_query_option_and_a_paused_feed():
    """The docs said `topics edit` takes --query (desk49c) and that a feed whose stored address
    read as a browser reads it would be refused is paused (security49); the README's rows of
    those commands said neither."""
    readme = (ROOT / "README.md").read_text()
    options = [param.opts for param in topics.commands["edit"].params
               if isinstance(param, click.Option)]
    assert ["--query", "-q"] in options
    assert "--query" in _row(readme, "| `wirewatch topics edit")
    said = health(Source(id=1, kind="feed", location="http://wire.example/feed", every=60,
                         added_at="2026-12-01T00:00:00+00:00", paused="refused"))
    row = _row(readme, "| `wirewatch sources list` |")
    assert said == "PAUSED" and said in row and "read as a browser reads it" in row, row
