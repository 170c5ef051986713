"""The evaluation script runs on the development set and prints its figures (not asserted)."""

import json
import math

from bench import quotes_eval


def test_eval_prints_precision_recall_and_speaker_accuracy(capsys):
    results = quotes_eval.main([])
    printed = capsys.readouterr().out
    assert "precision" in printed and "speaker acc" in printed
    for kind in ("direct", "indirect", "fragment", "all"):
        assert kind in printed
        assert 0.0 <= results[kind]["recall"] <= 1.0
    assert not math.isnan(results["direct"]["speaker_accuracy"])


def test_dev_set_is_large_enough_and_covers_every_kind():
    records = quotes_eval.load(quotes_eval.DEV)
    assert len(records) >= 60
    kinds = {q["kind"] for r in records for q in r["quotes"]}
    speakers = {q["speaker_kind"] for r in records for q in r["quotes"]}
    assert kinds == {"direct", "indirect", "fragment"}
    assert {"person", "organisation", "unnamed", "unknown"} <= speakers
    for record in records:
        for quote in record["quotes"]:
            assert quote["quote"] in record["text"], json.dumps(quote)


def test_scoring_a_predictions_file_matches_by_kind_and_overlap():
    records = [{"id": "x", "quotes": [
        {"quote": "We will win", "speaker": "Ana Lima", "kind": "direct", "role": None}]}]
    good = {"x": [{"quote": "We will win", "speaker": "ana lima", "kind": "direct"}]}
    wrong_kind = {"x": [{"quote": "We will win", "speaker": "Ana Lima", "kind": "fragment"}]}
    assert quotes_eval.score(records, good)["all"]["speaker_accuracy"] == 1.0
    assert quotes_eval.score(records, wrong_kind)["all"]["recall"] == 0.0
