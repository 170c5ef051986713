"""The PolNeAR evaluation scores a gold file, a predictions file and hand resolutions written here."""

import json
import math

from bench import polnear_eval
from bench.polnear_score import match, speaker_ok

TEXT = ("The mayor, Ruth Okafor, said the bridge would reopen. \"We are nearly there,\" she said. "
        "The council called it a \"milestone\".")


def _gold():
    direct = TEXT.index("We are")
    clause = TEXT.index("the bridge")
    return [{"id": "a1", "text": TEXT, "quotes": [
        {"quote": "the bridge would reopen", "speaker": "Ruth Okafor", "start": clause,
         "end": clause + 23, "type": "indirect", "speaker_mention": "Ruth Okafor"},
        {"quote": "\"We are nearly there,\"", "speaker": "unknown", "start": direct - 1,
         "end": direct + 21, "type": "direct", "speaker_mention": "she"},
    ]}]


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_scores_each_kind_and_both_kinds_of_source(tmp_path, capsys):
    gold = _gold()
    _write(tmp_path / "polnear_dev.jsonl", gold)
    _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": [
        {"quote": "the bridge would reopen", "speaker": "Ruth Okafor", "kind": "indirect"},
        {"quote": "We are nearly there", "speaker": "Okafor", "kind": "direct"},
        {"quote": "milestone", "speaker": None, "kind": "fragment"},
    ]}])
    direct = gold[0]["quotes"][1]
    _write(tmp_path / "res.jsonl", [{"split": "dev", "id": "a1", "start": direct["start"],
                                      "end": direct["end"], "name": "Ruth Okafor"}])
    results = polnear_eval.main(["--split", "dev", "--data", str(tmp_path), "--predictions",
                                 str(tmp_path / "pred.jsonl"), "--resolutions",
                                 str(tmp_path / "res.jsonl")])
    assert "1 sources resolved by hand" in capsys.readouterr().out
    assert results["all"]["matched"] == 2 and results["all"]["predicted"] == 3
    assert results["direct"]["predicted"] == 2  # the indirect match is dropped, the extra stays
    assert results["direct"]["resolved_accuracy"] == 1.0
    assert math.isnan(results["direct"]["named_accuracy"])
    assert results["indirect"]["named_accuracy"] == 1.0


def test_a_wrong_resolved_speaker_counts_and_null_resolutions_are_left_out(tmp_path):
    gold = _gold()
    _write(tmp_path / "polnear_train.jsonl", gold)
    _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": [
        {"quote": "We are nearly there", "speaker": "the council", "kind": "direct"}]}])
    direct = gold[0]["quotes"][1]
    key = {"split": "train", "id": "a1", "start": direct["start"], "end": direct["end"]}
    args = ["--split", "train", "--data", str(tmp_path), "--predictions",
            str(tmp_path / "pred.jsonl"), "--resolutions", str(tmp_path / "res.jsonl")]
    _write(tmp_path / "res.jsonl", [{**key, "name": "Ruth Okafor"}])
    assert polnear_eval.main(args)["direct"]["resolved_accuracy"] == 0.0
    _write(tmp_path / "res.jsonl", [{**key, "name": None}])
    assert polnear_eval.main(args)["direct"]["resolved_speakers"] == 0


def test_matching_and_speaker_rules_follow_the_shared_scorer():
    gold = [{"quote": "one two three four", "start": 0, "end": 18}]
    assert match(gold, [{"quote": "two three five"}]) == [(0, 0)]
    assert match(gold, [{"quote": "one five"}]) == []
    assert match(gold, [{"quote": "zzz", "start": 5, "end": 30}]) == [(0, 0)]
    assert speaker_ok("Ruth Okafor", "Okafor") and speaker_ok("Okafor", "Mayor Ruth Okafor")
    assert speaker_ok("Ruth Okafor", "Ruth")  # the scorer is lenient both ways
    assert not speaker_ok("Ruth Okafor", "Ama Okoro") and not speaker_ok("Okafor", None)


def test_the_two_parts_split_the_articles_the_same_way_every_run(tmp_path):
    ids = [f"article-{n}" for n in range(200)]
    part_a = [i for i in ids if polnear_eval.in_part(i, "a")]
    part_b = [i for i in ids if polnear_eval.in_part(i, "b")]
    assert sorted(part_a + part_b) == sorted(ids) and not set(part_a) & set(part_b)
    assert 70 < len(part_a) < 130
    assert part_a == [i for i in ids if polnear_eval.in_part(i, "a")]
    gold = _gold()
    _write(tmp_path / "polnear_dev.jsonl", gold)
    _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": []}])
    args = ["--split", "dev", "--data", str(tmp_path), "--predictions", str(tmp_path / "pred.jsonl")]
    other = "b" if polnear_eval.in_part("a1", "a") else "a"
    assert polnear_eval.main(args)["all"]["gold"] == 2
    assert polnear_eval.main([*args, "--part", other])["all"]["gold"] == 0
