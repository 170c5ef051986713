"""bench.story_cost with the sentence embedding on: the archive's recent articles hold vectors
for the stage to read, and the measured articles arrive carrying theirs, as from the worker."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from bench import story_cost
from bot.nlp.sentence_encoder import packaged_model
from bot.stories.meaning import Meaning
from storage.db import open_db

ROWS = [{"id": "a", "title": "Ferry crews walk out over rosters",
         "text": "Crews on the Lidevo island ferries stopped work on Monday over new rosters."},
        {"id": "b", "title": "Choir wins regional prize",
         "text": "The town choir won the regional prize on Saturday in Lidevo."}]


def test_the_stage_is_timed_reading_the_archive_vectors_and_the_carried_ones(tmp_path: Path):
    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    parsed = story_cost.measured_articles(2, stream)
    folder = packaged_model()
    assert folder is not None
    meaning = Meaning(folder)
    meaning.carry(parsed)
    db = open_db(tmp_path / "cost.db")
    parts = story_cost.vocabulary(parsed)
    story_cost.build_archive(db, 300, parts, random.Random(300))
    archived = story_cost.add_meanings(db, random.Random(1))
    stored = db.execute("SELECT vector FROM story_meaning").fetchall()
    assert archived == len(stored) == 300
    assert np.isclose(np.linalg.norm(np.frombuffer(stored[0][0], dtype=np.float32)), 1.0)
    wall, cpu = story_cost.time_stage(db, parsed, meaning)
    assert len(wall) == len(cpu) == 2
    assert db.execute("SELECT count(*) FROM story_meaning").fetchone()[0] == 302
