"""Every listed benchmark runs at scale "smoke" and returns rows of figures (never timings checked)."""

from __future__ import annotations

import importlib
import math

import pytest

from bench import BENCHMARKS
from bench.__main__ import main, render
from bench.machine import describe
from bench.rows import meets, percentile, row

KEYS = {"benchmark", "metric", "value", "unit", "target", "note"}


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_returns_numeric_rows_at_smoke_scale(name):
    rows = importlib.import_module(f"bench.{name}").run(scale="smoke")
    assert rows
    for item in rows:
        assert set(item) == KEYS
        assert isinstance(item["value"], float) and math.isfinite(item["value"]), item
        assert item["benchmark"] and item["metric"] and item["unit"]


def test_targets_are_read_as_comparisons():
    assert meets(0.85, ">= 0.8") is True
    assert meets(0.75, ">= 0.8") is False
    assert meets(450.0, "< 400 MB") is False
    assert meets(1.0, None) is None


def test_percentile_is_a_measured_value():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 95) == 3.0


def test_results_name_the_machine_and_explain_missed_targets():
    rows = [row("demo", "speed", 0.5, "ratio", target=">= 0.8", note="two chunks"),
            row("demo", "memory", 300.0, "MB", target="< 400 MB")]
    text = render(rows, machine=describe(), limits={"demo": "spaCy dominates"}, scale="smoke")
    assert "SQLite" in text and "spaCy" in text and "CPU" in text
    assert "### demo: speed" in text and "What limits it: spaCy dominates" in text
    assert "### demo: memory" not in text


def test_unknown_benchmark_is_refused():
    with pytest.raises(SystemExit, match="unknown benchmark"):
        main(["--only", "no_such_bench", "--scale", "smoke"])


@pytest.mark.parametrize("name", ["story_cost", "ingest_throughput", "alert_latency", "memory"])
def test_a_benchmark_run_alone_explains_itself_and_refuses_an_unknown_scale(name, capsys):
    module = importlib.import_module(f"bench.{name}")
    with pytest.raises(SystemExit) as helped:
        module.main(["--help"])
    assert helped.value.code == 0
    assert f"python -m bench.{name}" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        module.main(["huge"])
    assert refused.value.code == 2
    assert "invalid choice: 'huge'" in capsys.readouterr().err
