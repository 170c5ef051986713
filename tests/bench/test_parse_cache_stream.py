"""A parse cache (``--cache``) knows the stream it was made for: a bench run on another stream
stops with a clear word and leaves it as it was, where it read it and wrote that stream's parses
into it (a shared cache so came to hold another stream's texts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import polnear_eval, stories_eval, updates_eval
from tests.bench.test_stories_eval_cache import ARTICLES, write_stream

OTHER = [
    ("ferry", "Island ferry service suspended as gales close harbour",
     "The ferry between Marn and the island of Osk stopped running on Thursday after gales "
     "closed the harbour, the operator said, and would resume once the wind eased."),
]


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_stream_cache_is_refused_to_another_streams_run_and_left_as_it_was(
        tmp_path: Path) -> None:
    cache = tmp_path / "parses.spacy"
    stories_eval.main([str(write_stream(tmp_path / "dev.jsonl", ARTICLES)), "--cache", str(cache)])
    made = cache.read_bytes()
    other = rows(write_stream(tmp_path / "other.jsonl", OTHER))
    with pytest.raises(SystemExit, match="was made for another stream"):
        updates_eval.replay_with_sentences(other, cache)
    with pytest.raises(SystemExit, match="was made for another stream"):
        stories_eval.replay_stream(other, cache)
    assert cache.read_bytes() == made


def test_a_part_of_the_stream_reads_its_cache_and_a_larger_stream_grows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "parses.spacy"
    whole = rows(write_stream(tmp_path / "whole.jsonl", ARTICLES))
    stories_eval.replay_stream(whole[:2], cache)
    stories_eval.replay_stream(whole, cache)
    assert "1 texts parsed and kept" in capsys.readouterr().err
    updates_eval.replay_with_sentences(whole[:1], cache)
    assert "parsed and kept" not in capsys.readouterr().err


def articles(found: list[tuple[str, str, str]]) -> list[dict]:
    return [{"id": f"a{n}", "text": text} for n, (_, _, text) in enumerate(found)]


def test_polnear_predictions_refuse_a_cache_of_other_texts(tmp_path: Path) -> None:
    cache = tmp_path / "ptrain.spacy"
    polnear_eval.predict(articles(ARTICLES), cache)
    made = cache.read_bytes()
    with pytest.raises(SystemExit, match="was made for another stream"):
        polnear_eval.predict(articles(OTHER), cache)
    assert cache.read_bytes() == made


def test_a_cache_made_before_stamps_is_read_and_nothing_written_into_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "parses.spacy"
    polnear_eval.predict(articles(ARTICLES[:1]), cache)
    (tmp_path / "parses.spacy.stream").unlink(missing_ok=True)
    made = cache.read_bytes()
    predicted, _ = polnear_eval.predict(articles(ARTICLES), cache)
    assert sorted(predicted) == ["a0", "a1", "a2"]
    assert cache.read_bytes() == made
    assert "does not say which stream it was made for" in capsys.readouterr().err
