"""bench.stories_loss on a small stream of our own: the loss it splits is the evaluation's, and
overruling the real stage with the gold does what each ceiling says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import stories_eval, stories_loss

ARTICLES = [
    ("fire", "Fire destroys bakery on Harrow Street in Brisk",
     "A fire destroyed the Kessel family bakery on Harrow Street in Brisk early on Tuesday, "
     "the Brisk fire brigade said. Mayor Tilde Ormand visited the site and thanked the "
     "firefighters. No one was hurt."),
    ("vote", "Brisk council votes to close Harrow Street to cars",
     "The Brisk town council voted on Tuesday to close Harrow Street to cars from next spring, "
     "Mayor Tilde Ormand said. Shop owners on Harrow Street in Brisk were split on the plan."),
    ("fire", "Harrow Street bakery in Brisk gutted by early fire",
     "Firefighters in Brisk fought for three hours to put out a fire that gutted the Kessel "
     "bakery on Harrow Street on Tuesday. Mayor Tilde Ormand praised the brigade."),
    ("vote", "Cars to be banned from Brisk's Harrow Street after council vote",
     "Councillors in Brisk backed a plan on Tuesday to ban cars from Harrow Street next spring. "
     "Mayor Tilde Ormand welcomed the vote; some shop owners fear fewer customers."),
    ("chess", "Teenager Ilse Marwood wins Baltic chess open",
     "Sixteen-year-old Ilse Marwood won the Baltic chess open in Tallinn on Sunday, beating "
     "grandmaster Piotr Aleks in the final round with the black pieces."),
]


def write_stream(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, (story, title, text) in enumerate(ARTICLES):
            out.write(json.dumps({"id": f"s{n}", "time": f"2024-05-07T{8 + n:02d}:00:00+00:00",
                                  "title": title, "text": text, "story": story,
                                  "half": "tune"}) + "\n")
    return path


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("loss")
    return write_stream(folder / "stream.jsonl"), folder / "parses.spacy"


@pytest.fixture(scope="module")
def report(stream: tuple[Path, Path]) -> tuple[dict, dict]:
    path, cache = stream
    evaluated = stories_eval.main([str(path), "--cache", str(cache)])
    return evaluated, stories_loss.main([str(path), "--cache", str(cache), "--half", "tune"])


def test_the_loss_split_is_the_evaluations_own_figures(report: tuple[dict, dict]) -> None:
    evaluated, found = report
    figures = evaluated["wirewatch"]["tune"]
    stage = found["stage"]
    assert stage["figures"]["bcubed_f1"] == figures["bcubed_f1"]
    assert stage["loss"]["precision_lost"] == pytest.approx(1 - figures["bcubed_precision"])
    assert stage["loss"]["recall_lost"] == pytest.approx(1 - figures["bcubed_recall"])
    recall = figures["bcubed_recall"]
    assert stage["loss"]["f1_without_precision_lost"] == pytest.approx(
        2 * recall / (1 + recall))
    assert stage["overruled"] == 0


def test_every_intruding_gold_story_is_counted_by_the_join_that_brought_it(
        report: tuple[dict, dict]) -> None:
    stage = report[1]["stage"]
    assert stage["mixed_stories"] >= 1, "the fixture's two same-street events should meet"
    assert sum(stage["intruders"].values()) >= stage["mixed_stories"]
    assert stage["figures"]["bcubed_precision"] < 1.0


def test_never_a_wrong_join_leaves_every_story_pure_and_overrules_the_stage(
        report: tuple[dict, dict]) -> None:
    found = report[1]
    for mode in ("never_wrong", "both"):
        assert found[mode]["figures"]["bcubed_precision"] == 1.0
        assert found[mode]["overruled"] >= 1
        assert found[mode]["mixed_stories"] == 0
    assert found["both"]["figures"]["bcubed_recall"] >= \
        found["never_wrong"]["figures"]["bcubed_recall"]
    assert found["gold_shortlisted"]["figures"]["bcubed_recall"] >= \
        found["stage"]["figures"]["bcubed_recall"]


def test_a_refused_wrong_join_starts_a_story_of_its_own(stream: tuple[Path, Path]) -> None:
    path, cache = stream
    found: dict = stories_loss.main([str(path), "--cache", str(cache), "--modes", "refuse_wrong",
                                     "refuse_both"])
    for mode in ("refuse_wrong", "refuse_both"):
        assert found[mode]["figures"]["bcubed_precision"] == 1.0
        assert found[mode]["overruled"] >= 1


def test_a_likeness_is_bucketed_as_the_report_prints_it() -> None:
    assert stories_loss.bucket(0.05) == "under 0.08"
    assert stories_loss.bucket(0.1) == "0.08 to 0.12"
    assert stories_loss.bucket(0.12) == "0.12 to 0.20"
    assert stories_loss.bucket(0.5) == "0.20 or more"
