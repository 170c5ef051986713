"""`python -m bench`: run every benchmark in BENCHMARKS, print one table, write RESULTS.md."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from bench import BENCHMARKS
from bench.machine import describe
from bench.rows import meets, row
from bench.table import markdown_table, print_rows

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    names = args.only or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    machine = describe()
    rows, limits, failed = [], {}, []
    for name in names:
        print(f"== {name} (scale {args.scale})", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            result = module.run(scale=args.scale)
        except Exception as exc:
            traceback.print_exc()
            failed.append(name)
            result = [row(name, "benchmark failed", float("nan"), "",
                          note=f"{type(exc).__name__}: {exc}")]
        else:
            limits[name] = getattr(module, "LIMITS", None)
        print(f"   {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr)
        rows.extend(result)
    print_rows(rows)
    output = args.results or (RESULTS if args.scale == "full" and not args.only else None)
    if output:
        output.write_text(render(rows, machine=machine, limits=limits, scale=args.scale),
                          encoding="utf-8")
        print(f"\nwrote {output}")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=("smoke", "full"), default="full",
                        help="full: the sizes the issue names; smoke: tiny, a few seconds each")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--results", type=Path, metavar="PATH",
                        help="write the Markdown results here (default: bench/RESULTS.md, "
                             "written only by a full run of every benchmark)")
    return parser


def render(rows: list[dict], *, machine: dict[str, str], limits: dict[str, str | None],
           scale: str) -> str:
    """RESULTS.md: the machine, the figures, and one section per missed target."""
    lines = ["# Benchmark results", "",
             f"Written by `python -m bench --scale {scale}` (`make bench`). Ratios compare "
             "figures measured in the same run. See docs/benchmarks.md for what each figure "
             "means.", "", "## Machine", ""]
    lines += [f"- {label}: {value}" for label, value in machine.items()]
    lines += ["", "## Figures", "", markdown_table(rows), ""]
    missed = [r for r in rows if meets(r["value"], r.get("target")) is False
              or r["metric"] == "benchmark failed"]
    lines += ["## Missed targets", ""]
    if not missed:
        lines += ["None: every figure with a target met it.", ""]
    for item in missed:
        lines += [f"### {item['benchmark']}: {item['metric']}", "",
                  f"Measured {item['value']:.3g} {item['unit']} against target "
                  f"{item.get('target') or '(benchmark did not finish)'}.", ""]
        if item.get("note"):
            lines += [f"Measurement: {item['note']}", ""]
        if limits.get(item["benchmark"]):
            lines += [f"What limits it: {limits[item['benchmark']]}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
