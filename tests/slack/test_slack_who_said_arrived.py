"""`/who-said` gives a quote's article a time even when the article gives none of its own: when
it arrived, as an alert, a digest and a timeline say it ("arrived …"), not nothing (signed
requests over real HTTP, the real pipeline and spaCy, a real SQLite file, the fake Slack)."""

from __future__ import annotations

from bot.models import RawArticle
from tests.slack.conftest import run_command

FERRY = """Skerry ferry crews vote to walk out

Crews on the Skerry ferries voted to walk out next week over rosters. "We have asked for a fair rota for two years and been ignored," said crew delegate Ines Marrow."""


def test_a_quote_of_an_article_with_no_time_of_its_own_says_when_it_arrived(
        runtime, fake_slack, pipeline):
    """Before: "_Skerry ferry crews vote to walk out_ · file ferry.txt", no time at all."""
    [stored] = pipeline.ingest([RawArticle(text=FERRY, origin="inbox/ferry.txt")])
    assert stored.status == "stored"
    said = run_command(runtime, fake_slack, "/who-said", "a fair rota")["text"]
    line = said.split("\n")[2]
    assert line.startswith("    _Skerry ferry crews vote to walk out_"), said
    assert " · arrived <!date^" in line and "UTC>" in line, line
