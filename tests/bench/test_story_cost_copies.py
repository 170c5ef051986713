"""bench.story_cost times the story stage on the own stream's articles; an exact copy once
cleaned (a syndicated copy differing only in furniture) stopped the full run with a UNIQUE
constraint on articles.content_hash, so no figure was printed at all."""

from __future__ import annotations

import json
from pathlib import Path

from bench import story_cost
from storage.articles import insert_article
from storage.db import open_db, transaction

STORY = ("Harbour cranes idle as dock strike enters second day\n\nCrane operators at the "
         "Vessport container terminal stayed off work on Tuesday, the second day of a strike "
         "over night-shift pay, the union said.")


def test_an_exact_copy_in_the_stream_is_measured_once(tmp_path: Path) -> None:
    title, text = STORY.split("\n\n")
    other = {"id": "b", "title": "Choir wins regional prize",
             "text": "The town choir won the regional prize on Saturday in Lidevo."}
    rows = [{"id": "a", "title": title, "text": text}, other,
            {"id": "a-copy", "title": title, "text": text + "\n\nRead more: Harbour news"}]
    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parsed = story_cost.measured_articles(3, stream)
    assert [p.article.origin for p in parsed] == ["a", "b"]
    db = open_db(tmp_path / "cost.db")
    with transaction(db):
        for item in parsed:
            insert_article(db, item)
