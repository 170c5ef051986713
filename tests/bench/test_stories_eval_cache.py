"""bench.stories_eval --cache: a replay from cached spaCy parses gives what spaCy gives, and a
cache made for other texts parses and keeps only the texts it lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import stories_eval

ARTICLES = [
    ("dam", "Floodgates opened at Orsk dam as river rises",
     "Engineers opened three floodgates at the Orsk dam on Monday as the Vessa river rose by two "
     "metres overnight, the regional water authority said. Farmers downstream in Lidevo were "
     "told to move livestock to higher ground."),
    ("dam", "Orsk dam releases water after overnight rise in Vessa river",
     "The water authority released water through three gates of the Orsk dam after the Vessa "
     "climbed two metres in one night. Lidevo's farmers were asked to move their animals."),
    ("chess", "Teenager Ilse Marwood wins Baltic chess open",
     "Sixteen-year-old Ilse Marwood won the Baltic chess open in Tallinn on Sunday, beating "
     "grandmaster Piotr Aleks in the final round with the black pieces."),
]


def write_stream(path: Path, articles: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, (story, title, text) in enumerate(articles):
            out.write(json.dumps({"id": f"x{n}", "time": f"2024-05-06T{8 + n:02d}:00:00+00:00",
                                  "title": title, "text": text, "story": story}) + "\n")
    return path


def test_a_replay_from_the_cache_gives_the_figures_of_a_fresh_parse(tmp_path: Path) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", ARTICLES)
    cache = tmp_path / "parses.spacy"
    fresh = stories_eval.main([str(stream)])
    built = stories_eval.main([str(stream), "--cache", str(cache)])
    assert cache.exists()
    cached = stories_eval.main([str(stream), "--cache", str(cache)])
    assert fresh == built == cached
    assert fresh["wirewatch"]["all"]["bcubed_f1"] == 1.0


def test_a_cache_of_fewer_texts_parses_only_the_ones_it_lacks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "parses.spacy"
    stories_eval.main([str(write_stream(tmp_path / "a.jsonl", ARTICLES[:1])), "--cache",
                       str(cache)])
    assert "1 texts parsed and kept" in capsys.readouterr().err
    whole = write_stream(tmp_path / "b.jsonl", ARTICLES)
    grown = stories_eval.main([str(whole), "--cache", str(cache)])
    assert "2 texts parsed and kept" in capsys.readouterr().err
    again = stories_eval.main([str(whole), "--cache", str(cache)])
    assert "parsed and kept" not in capsys.readouterr().err
    assert grown == again == stories_eval.main([str(whole)])


def test_a_dev_folder_named_but_missing_stops_the_run_and_an_unnamed_one_is_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A worktree's ../shared is not the checkout's: the own stream used to be scored instead,
    without a word, and its parses added to the dev stream's cache."""
    monkeypatch.setenv("WIREWATCH_DEV_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SystemExit, match="has no stories_dev.jsonl"):
        stories_eval.default_stream()
    (tmp_path / "dev").mkdir()
    write_stream(tmp_path / "dev" / "stories_dev.jsonl", ARTICLES)
    monkeypatch.setenv("WIREWATCH_DEV_DIR", str(tmp_path / "dev"))
    assert stories_eval.default_stream() == tmp_path / "dev" / "stories_dev.jsonl"
    monkeypatch.delenv("WIREWATCH_DEV_DIR")
    monkeypatch.setattr(stories_eval, "ROOT", tmp_path / "checkout")
    assert stories_eval.default_stream() == stories_eval.OWN_STREAM
    assert "no development stream at" in capsys.readouterr().err
