"""The what's-new indexes of recent stories are bounded in sentences, and a story whose index
was forgotten is read again: the same verdicts and what's new as with room for every story."""

from __future__ import annotations

import json

from bot.pipeline import Pipeline
from bot.replay import records, result_line
from bot.stories.stage import StoryStage
from storage.db import open_db

UPDATES = [
    ("Ferry service resumes after storm", "The island ferry sailed again on Tuesday after three "
     "days in port, the operator said. Passengers queued from six in the morning."),
    ("Library reopens after flood repairs", "The central library in Marrowfield reopened on "
     "Monday after six months of repairs to its flooded basement, the council said."),
    ("Ferry operator adds freight crossings", "The island ferry sailed again on Tuesday after "
     "three days in port, the operator said. The operator added two freight crossings on "
     "Wednesday for shops on the island."),
    ("Library extends opening hours", "The central library in Marrowfield reopened on Monday "
     "after six months of repairs, the council said. It will open until nine on weekdays from "
     "next month."),
    ("Ferry fares frozen until spring", "The island ferry sailed again on Tuesday after three "
     "days in port, the operator said. Fares will stay at 14 euros until April, it said."),
]


def stream(articles: list[tuple[str, str]]) -> list[str]:
    return [json.dumps({"id": f"u{i}", "time": f"2026-03-02T{8 + i}:00:00+00:00",
                        "title": title, "text": body})
            for i, (title, body) in enumerate(articles)]


def replayed(tmp_path, settings, nlp, stage: StoryStage, name: str,
             articles: list[tuple[str, str]] = UPDATES) -> list[dict]:
    path = tmp_path / f"{name}.db"
    db = open_db(path)
    run = settings.with_overrides(db_path=path, story_stream_clock=True)
    pipeline = Pipeline(db, run, nlp=nlp, stories=stage)
    try:
        return [result_line(db, outcome) for outcome in pipeline.ingest(records(stream(articles)))]
    finally:
        pipeline.close()
        db.close()


def test_a_forgotten_index_gives_the_same_whats_new(tmp_path, settings, nlp):
    roomy = StoryStage(stream_clock=True)
    tight = StoryStage(stream_clock=True, earlier_sentences=1)
    expected = replayed(tmp_path, settings, nlp, roomy, "roomy")
    got = replayed(tmp_path, settings, nlp, tight, "tight")
    assert got == expected
    assert [line["verdict"] for line in got].count("update") >= 2
    assert any(line["whats_new"] for line in got)
    assert len(tight._earlier) == 1 < len(roomy._earlier)
    assert sum(e.size() for e in roomy._earlier.values()) > 1


def test_the_kept_total_is_the_sentences_the_indexes_hold(tmp_path, settings, nlp):
    for bound in (1, 10_000):
        stage = StoryStage(stream_clock=True, earlier_sentences=bound)
        replayed(tmp_path, settings, nlp, stage, f"total{bound}")
        assert stage._earlier_held == sum(e.size() for e in stage._earlier.values()) > 0


def test_a_story_compared_with_but_not_joined_is_not_read_for_whats_new(tmp_path, settings,
                                                                         nlp):
    stage = StoryStage(stream_clock=True)
    ferry_update = (UPDATES[2][0], UPDATES[2][1] + " Shops near the central library had run "
                    "short of bread.")
    lines = replayed(tmp_path, settings, nlp, stage, "neighbours", [*UPDATES[:2], ferry_update])
    assert [line["verdict"] for line in lines] == ["new", "new", "update"]
    db = open_db(tmp_path / "neighbours.db")
    library = db.execute("SELECT id FROM articles WHERE title = ?", [UPDATES[1][0]]).fetchone()[0]
    db.close()
    assert library in stage._compared  # the ferry update was compared with its story
    assert list(stage._earlier) == [lines[0]["story"]]
