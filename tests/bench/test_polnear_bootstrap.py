"""Intervals by article for the PolNeAR figures, on counts and articles written here."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from bench import polnear_eval
from bench.polnear_bootstrap import FIGURES, concentration, draws, intervals
from bench.polnear_score import SCOPES, ArticleCounts, article_counts, figures


def counts(doc_id: str, named: tuple[int, int], resolved: tuple[int, int] = (0, 0),
           gold: int = 4, predicted: int = 4, matched: int = 3) -> ArticleCounts:
    """The same counts in every scope: speakers as (right, of)."""
    c = Counter(gold=gold, predicted=predicted, matched=matched, named_ok=named[0],
                named_n=named[1], resolved_ok=resolved[0], resolved_n=resolved[1])
    return ArticleCounts(doc_id, {scope: Counter(c) for scope in SCOPES})


def test_the_interval_of_identical_articles_is_the_figure_itself():
    articles = [counts(f"a{i}", named=(3, 4), resolved=(1, 2)) for i in range(6)]
    point = figures(articles)
    spans = intervals(articles, 50, seed=3)
    for scope in SCOPES:
        for figure in FIGURES:
            assert spans[scope][figure] == (point[scope][figure], point[scope][figure])
    assert spans["all"]["named_accuracy"] == (0.75, 0.75)


def test_resampling_is_reproducible_with_a_seed_and_varies_with_it():
    articles = [counts(f"a{i}", named=(i % 4, 3), matched=i % 5) for i in range(30)]
    assert list(draws(30, 20, seed=5)) == list(draws(30, 20, seed=5))
    assert list(draws(30, 20, seed=5)) != list(draws(30, 20, seed=6))
    assert all(sum(weights) == 30 for weights in draws(30, 20, seed=5))
    assert intervals(articles, 200, seed=5) == intervals(articles, 200, seed=5)
    low, high = intervals(articles, 200, seed=5)["all"]["named_accuracy"]
    assert low < figures(articles)["all"]["named_accuracy"] < high


def test_a_kind_no_resample_holds_has_no_interval():
    spans = intervals([counts("a", named=(1, 2)), counts("b", named=(2, 2))], 20, seed=0)
    assert all(math.isnan(v) for v in spans["all"]["resolved_accuracy"])


def test_summed_article_counts_are_the_score_of_the_whole_split():
    text = "Ines Arroyo said the ferry was late. The harbour board said fares would rise."
    ferry, fares = text.index("the ferry"), text.index("fares")
    gold = [
        {"id": "x", "text": text, "quotes": [
            {"quote": "the ferry was late", "speaker": "Ines Arroyo", "start": ferry,
             "end": ferry + 18, "type": "indirect"},
            {"quote": "fares would rise", "speaker": "harbour board", "start": fares,
             "end": fares + 16, "type": "indirect"}]},
        {"id": "y", "text": text, "quotes": [
            {"quote": "the ferry was late", "speaker": "Ines Arroyo", "start": ferry,
             "end": ferry + 18, "type": "indirect"}]},
    ]
    predicted: dict[str, list[dict]] = {
        "x": [{"quote": "the ferry was late", "speaker": "Arroyo", "kind": "indirect"},
              {"quote": "fares would rise", "speaker": "Ines Arroyo", "kind": "indirect"}],
        "y": [{"quote": "the ferry was late", "speaker": "Arroyo", "kind": "indirect"},
              {"quote": "the crossing", "speaker": None, "kind": "fragment"}],
    }
    articles = article_counts("train", gold, predicted, {})
    assert [a.doc_id for a in articles] == ["x", "y"]
    assert articles[0].scopes["all"]["named_ok"] == 1 and articles[1].scopes["all"]["named_ok"] == 1
    whole = figures(articles)["all"]
    assert whole["named_accuracy"] == 2 / 3  # pooled; the mean of the articles' would be 0.75
    assert (whole["matched"], whole["predicted"], whole["gold"]) == (3, 4, 3)
    assert whole["f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_concentration_counts_the_fewest_articles_holding_half_the_wrong_speakers():
    articles = [counts("a", named=(0, 5)), counts("b", named=(2, 3)), counts("c", named=(3, 4)),
                counts("d", named=(1, 2)), counts("e", named=(6, 6))]
    named = concentration(articles, "named")
    assert (named.wrong, named.articles, named.half_in) == (8, 4, 1)
    even = [counts(f"a{i}", named=(1, 2)) for i in range(6)] + [counts("ok", named=(4, 4))]
    assert concentration(even, "named").half_in == 3
    assert concentration(even, "resolved").wrong == 0


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_the_command_prints_intervals_beside_the_figures(tmp_path, capsys):
    text = "Ines Arroyo said the ferry was late."
    start = text.index("the ferry")
    quote = {"quote": "the ferry was late", "speaker": "Ines Arroyo", "start": start,
             "end": start + 18, "type": "indirect"}
    _write(tmp_path / "polnear_dev.jsonl",
           [{"id": f"d{i}", "text": text, "quotes": [quote]} for i in range(3)])
    _write(tmp_path / "pred.jsonl", [{"id": f"d{i}", "quotes": [
        {"quote": "the ferry was late", "speaker": "Arroyo" if i else "Tom Hale",
         "kind": "indirect"}]} for i in range(3)])
    args = ["--split", "dev", "--data", str(tmp_path), "--predictions",
            str(tmp_path / "pred.jsonl"), "--resolutions", str(tmp_path / "none.jsonl")]
    polnear_eval.main([*args, "--bootstrap", "40", "--seed", "2"])
    out = capsys.readouterr().out
    assert "bootstrap over 3 articles: 40 resamples, seed 2" in out
    assert "wrong named speakers (all kinds): 1 in 1 articles; half of them in 1" in out
    row = next(line for line in out.splitlines() if line.startswith("all ") and "[" in line)
    assert row.split()[1] == "1.000" and row.split()[4] == "0.667"
    polnear_eval.main(args)
    assert "bootstrap" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        polnear_eval.main([*args, "--bootstrap", "0"])
