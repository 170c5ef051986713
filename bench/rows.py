"""The row every benchmark returns, and checking a figure against its target."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence

TARGET = re.compile(r"^\s*(<=|>=|<|>)\s*([-+]?\d+(?:\.\d+)?)")


def row(benchmark: str, metric: str, value: float, unit: str, *,
        target: str | None = None, note: str | None = None) -> dict:
    """One figure in the shape the benchmark convention asks for."""
    return {"benchmark": benchmark, "metric": metric, "value": float(value), "unit": unit,
            "target": target, "note": note}


def meets(value: float, target: str | None) -> bool | None:
    """True/False when ``target`` reads like '>= 0.8' or '< 400 MB'; None when there is no test."""
    match = TARGET.match(target or "")
    if not match:
        return None
    op, bound = match.group(1), float(match.group(2))
    return {"<": value < bound, "<=": value <= bound, ">": value > bound,
            ">=": value >= bound}[op]


def spread(values: Sequence[float], *, digits: int = 2) -> str:
    """'median x (range a–b over n)' for a note, so noise is visible next to the figure."""
    if len(values) == 1:
        return f"one run: {values[0]:.{digits}f}"
    return (f"median {statistics.median(values):.{digits}f}, range {min(values):.{digits}f}–"
            f"{max(values):.{digits}f} over {len(values)} runs")


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation), so p99 of 100 values is a value measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]
