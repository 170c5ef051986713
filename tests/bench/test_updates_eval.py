"""bench.updates_eval: what's-new indices, the sample, and the figures against hand labels, on a
synthetic labels file and a tiny real replay."""

from __future__ import annotations

import gc
import json
import warnings
from pathlib import Path

import pytest

from bench import updates_eval
from bench.updates_eval import Label, Record

STREAM = [
    ("dam", "tune", "Floodgates opened at Orsk dam as river rises",
     "Engineers opened three floodgates at the Orsk dam on Monday as the Vessa river rose by two "
     "metres overnight, the regional water authority said. Farmers downstream in Lidevo were "
     "told to move livestock to higher ground."),
    ("dam", "tune", "Floodgates opened at Orsk dam as river rises",
     "Engineers opened three floodgates at the Orsk dam on Monday as the Vessa river rose by two "
     "metres overnight, the regional water authority said. Farmers downstream in Lidevo were "
     "told to move their livestock to higher ground."),
    ("dam", "tune", "Orsk dam: 400 evacuated from Lidevo as Vessa keeps rising",
     "Engineers opened three floodgates at the Orsk dam on Monday as the Vessa river rose by two "
     "metres overnight, the regional water authority said. About 400 residents of Lidevo were "
     "evacuated on Tuesday, mayor Dana Petrik said. \"The water is at the doors of the school,\" "
     "Petrik told reporters."),
    ("chess", "other", "Teenager Ilse Marwood wins Baltic chess open",
     "Sixteen-year-old Ilse Marwood won the Baltic chess open in Tallinn on Sunday, beating "
     "grandmaster Piotr Aleks in the final round with the black pieces."),
]


def record(ident: str, verdict: str, whats_new: list[int], story: str = "s") -> Record:
    return Record(ident, 1, story, verdict, whats_new, [f"sentence {i}" for i in range(8)])


def test_whats_new_sentences_become_their_indices() -> None:
    sentences = ["A fell.", "B rose.", "A fell.", "C spoke."]
    assert updates_eval.indices(["C spoke.", "A fell.", "unknown"], sentences) == [0, 3]


def test_figures_against_a_synthetic_labels_file(tmp_path: Path) -> None:
    rows = [
        # an update adding a fact: two of its three sentences new, one missed
        {"id": "u1", "part": "a", "stratum": "update", "adds": True,
         "chosen": {"1": True, "2": False, "3": True}, "missed": [5]},
        # an update that adds nothing
        {"id": "u2", "part": "a", "stratum": "update", "adds": False, "chosen": {"0": False}},
        # a duplicate that adds a fact: one missed sentence
        {"id": "d1", "part": "a", "stratum": "duplicate", "adds": True, "missed": [4]},
        # a right duplicate
        {"id": "d2", "part": "b", "stratum": "duplicate", "adds": False},
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    labels = updates_eval.read_labels(path)
    records = [record("u1", "update", [1, 2, 3]), record("u2", "update", [0]),
               record("d1", "duplicate", []), record("d2", "duplicate", [])]
    part_a = updates_eval.score([x for x in labels if x.part == "a"], records)
    assert part_a["articles"] == 3
    assert part_a["verdict_accuracy"] == pytest.approx(1 / 3)
    assert part_a["update_precision"] == pytest.approx(1 / 2)
    assert part_a["update_recall"] == pytest.approx(1 / 2)
    assert part_a["whats_new_precision"] == pytest.approx(2 / 4)
    assert part_a["whats_new_recall"] == pytest.approx(2 / 4)
    assert part_a["whats_new_recall_labelled"] == pytest.approx(2 / 4)
    part_b = updates_eval.score([x for x in labels if x.part == "b"], records)
    assert part_b["verdict_accuracy"] == 1.0


def test_only_some_sentences_of_a_long_update_labelled_stand_for_all() -> None:
    label = Label("u", "a", "update", True, {0: True, 1: False}, [])
    figures = updates_eval.score([label], [record("u", "update", [0, 1, 2, 3])])
    assert figures["whats_new_precision"] == pytest.approx(0.5)
    assert figures["whats_new_recall"] == 1.0
    assert updates_eval.score([Label("u", "a", "update", True, {0: True}, [5])],
                              [record("u", "update", [0, 1, 2, 3])])["whats_new_recall_labelled"] == 0.5
    unlabelled = updates_eval.score([Label("u", "a", "update", True, {}, [])],
                                    [record("u", "update", [2, 3])])
    assert unlabelled["unlabelled_said"] == 2


def test_strata_weigh_each_article_by_its_verdicts_share() -> None:
    labels = [Label("u", "a", "update", True, {0: True}, []),
              Label("d", "a", "duplicate", True, {}, [1])]
    records = [record("u", "update", [0]), record("d", "duplicate", [])]
    plain = updates_eval.score(labels, records)
    weighted = updates_eval.score(labels, records, {"update": 1, "duplicate": 3})
    assert plain["verdict_accuracy"] == pytest.approx(1 / 2)
    assert weighted["verdict_accuracy"] == pytest.approx(1 / 4)
    assert weighted["update_recall"] == pytest.approx(1 / 4)
    assert weighted["whats_new_recall"] == pytest.approx(1 / 4)


def test_the_sample_is_fixed_stratified_and_readable() -> None:
    records = [record(f"u{i}", "update", [0], story=f"s{i}") for i in range(10)]
    records += [record(f"d{i}", "duplicate", [], story=f"s{i}") for i in range(10)]
    records.append(Record("x", 1, "t", "update", [0], [], earlier=["elsewhere"]))
    first = updates_eval.sample(records, {"update": 3, "duplicate": 2}, seed=5)
    again = updates_eval.sample(records, {"update": 3, "duplicate": 2}, seed=5)
    assert [r.id for r in first] == [r.id for r in again]
    assert sorted(r.verdict for r in first) == ["duplicate"] * 2 + ["update"] * 3
    assert "x" not in {r.id for r in updates_eval.sample(records, {"update": 11}, seed=5)}
    assert updates_eval.part_of("t0001") == updates_eval.part_of("t0001")
    assert {updates_eval.part_of(f"t{i:04d}") for i in range(20)} == {"a", "b"}
    long = record("u", "update", list(range(12)))
    assert updates_eval.chosen_to_label(long) == updates_eval.chosen_to_label(long)
    assert len(updates_eval.chosen_to_label(long)) == updates_eval.LABELLED_CHOSEN


def test_a_replay_records_verdicts_and_indices_of_one_half(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    with stream.open("w", encoding="utf-8") as out:
        for n, (story, half, title, text) in enumerate(STREAM):
            out.write(json.dumps({"id": f"x{n}", "time": f"2024-05-06T{8 + n:02d}:00:00+00:00",
                                  "title": title, "text": text, "story": story,
                                  "half": half}) + "\n")
    gold = [json.loads(line) for line in stream.read_text(encoding="utf-8").splitlines()]
    results, sentences = updates_eval.replay_with_sentences(gold)
    records = updates_eval.build(gold, results, sentences)
    assert [r.id for r in records] == ["x0", "x1", "x2"]
    assert [r.verdict for r in records] == ["new", "duplicate", "update"]
    update = records[2]
    assert update.earlier == ["x0", "x1"]
    assert "400 residents" in " ".join(update.sentences[i] for i in update.whats_new)
    assert 0 not in update.whats_new
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "x2", "part": "a", "stratum": "update", "adds": True,
                                  "chosen": {str(i): True for i in update.whats_new}}) + "\n"
                      + json.dumps({"id": "x1", "part": "b", "stratum": "duplicate",
                                    "adds": False}) + "\n", encoding="utf-8")
    figures = updates_eval.main([str(stream), "--labels", str(labels)])
    assert figures["counts"]["update"] == 1
    assert figures["a"]["verdict_accuracy"] == figures["b"]["verdict_accuracy"] == 1.0
    assert figures["a"]["whats_new_precision"] == 1.0


def test_labels_find_their_sentences_after_cleaning_moves_them() -> None:
    labelled = ["CLOSE A video caption.", "The toll rose to 12.", "Background.", "A new quote."]
    keys = {i: updates_eval.fingerprint(labelled[i]) for i in (0, 1, 3)}
    label = Label("u", "a", "update", True, {0: False, 1: True}, [3], keys)
    cleaned = ["The  toll rose to 12.", "Background.", "A new quote."]
    moved, lost = label.resolved(cleaned)
    assert moved.chosen == {0: True} and moved.missed == [2] and lost == 1
    figures = updates_eval.score([label], [Record("u", 1, "s", "update", [0], cleaned)])
    assert figures["whats_new_precision"] == 1.0 and figures["labels_lost"] == 1
    assert Label("v", "a", "update", True, {1: True}, []).resolved(cleaned)[0].chosen == {1: True}


def test_shown_precision_counts_the_first_three_in_the_order_given() -> None:
    """The shown sentences are the first SHOWN in the replay's order, judged by any label the
    article has (chosen, missed, or shown); the article-order figure takes the first SHOWN by
    index; neither changes the what's-new precision, which counts ``chosen`` only."""
    sentences = [f"sentence {i}" for i in range(8)]
    result = {"id": "u", "story": 1, "verdict": "update",
              "whats_new": ["sentence 6", "sentence 1", "sentence 4", "sentence 2"]}
    [rec] = updates_eval.build([{"id": "u", "story": "s", "half": "tune"}], [result],
                               {"u": sentences})
    assert rec.whats_new == [1, 2, 4, 6]
    assert rec.shown == [6, 1, 4]
    label = Label("u", "a", "update", True, {1: False, 6: True}, [4],
                  shown={2: False})
    figures = updates_eval.score([label], [rec])
    assert figures["shown_precision"] == pytest.approx(2 / 3)
    assert figures["first_precision"] == pytest.approx(1 / 3)
    assert figures["shown"] == 3 and figures["shown_unlabelled"] == 0
    assert figures["whats_new_precision"] == pytest.approx(2 / 3)  # 2 of 1, 4, 6; not 2 of 4


def test_shown_labels_find_their_sentences_by_their_own_keys() -> None:
    """``shown`` indices count sentences as cleaned when they were labelled; ``shown_keys``
    find them where cleaning put them since, apart from the older labels' keys."""
    moved = ["dateline", "sentence 0", "sentence 1", "sentence 2"]
    label = Label("u", "a", "update", True, {0: True}, [], keys={0: updates_eval.fingerprint(
        "sentence 0")}, shown={1: False}, shown_keys={1: updates_eval.fingerprint("sentence 1")})
    found, lost = label.resolved(moved)
    assert found.chosen == {1: True} and found.shown == {2: False} and lost == 0


def test_labels_and_stream_files_are_closed(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the labels and the stream leaves no file open (no ResourceWarning)."""
    stream = tmp_path / "stream.jsonl"
    stream.write_text(json.dumps({"id": "x0", "story": "s", "half": "tune"}) + "\n",
                      encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "x0", "part": "a", "stratum": "update", "adds": False})
                      + "\n\n", encoding="utf-8")
    monkeypatch.setattr(updates_eval, "replay_with_sentences", lambda rows, cache=None: ([], {}))
    gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert [x.id for x in updates_eval.read_labels(labels)] == ["x0"]
        updates_eval.main([str(stream), "--labels", str(labels)])
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)
            and str(tmp_path) in str(w.message)] == []


def test_a_stream_the_labels_are_not_of_says_so_instead_of_scoring_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Labels of another stream (the own stream replayed against the development stream's
    labels) give no part's figures and say why, not a row of zeros with n=0."""
    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(
        json.dumps({"id": f"x{n}", "time": f"2024-05-06T{8 + n:02d}:00:00+00:00", "title": title,
                    "text": text, "story": story, "half": "tune"}) + "\n"
        for n, (story, _, title, text) in enumerate(STREAM[:2])), encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "elsewhere", "part": "a", "stratum": "update",
                                  "adds": True}) + "\n", encoding="utf-8")
    figures = updates_eval.main([str(stream), "--labels", str(labels)])
    printed = capsys.readouterr().out
    assert "a" not in figures and "b" not in figures
    assert f"part a: none of its 1 labelled articles is in {stream}" in printed
    assert "part b: none of its 0 labelled articles" in printed
    assert "n=0" not in printed
