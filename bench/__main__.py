"""`python -m bench`: run every benchmark in BENCHMARKS, print one table, write RESULTS.md."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from bench import BENCHMARKS
from bench.machine import LOAD, describe
from bench.rows import meets, row
from bench.table import markdown_table, print_rows

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
RECORD = Path(__file__).resolve().parent / "results.json"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    names = args.only or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    machine = describe()
    rows, limits, failed, by_name = [], {}, [], {}
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
        took = time.perf_counter() - start
        print(f"   {name} took {took:.0f} s", file=sys.stderr)
        rows.extend(result)
        by_name[name] = {"rows": result, "limits": limits.get(name), "seconds": round(took),
                         "date": machine["Date"], "load": machine[LOAD]}
    print_rows(rows)
    if args.results:
        args.results.write_text(render(rows, machine=machine, limits=limits, scale=args.scale),
                                encoding="utf-8")
        print(f"\nwrote {args.results}")
    elif args.scale == "full":
        _write_record(by_name, machine)
        print(f"\nwrote {RESULTS} (and {RECORD.name})")
    return 1 if failed else 0


def _write_record(by_name: dict[str, dict], machine: dict[str, str]) -> None:
    """Keep the latest full-scale figures of every benchmark; RESULTS.md shows them all."""
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    runs = {**record.get("runs", {}), **by_name}
    runs = {name: runs[name] for name in BENCHMARKS if name in runs}
    RECORD.write_text(json.dumps({"machine": machine, "runs": runs}, indent=1) + "\n",
                      encoding="utf-8")
    rows = [r for run in runs.values() for r in run["rows"]]
    when = {name: f"{run['date']}, {run['seconds']} s, load average at start {run['load']}"
            for name, run in runs.items()}
    limits = {name: run["limits"] for name, run in runs.items()}
    RESULTS.write_text(render(rows, machine=machine, limits=limits, scale="full", when=when),
                       encoding="utf-8")


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
           scale: str, when: dict[str, str] | None = None) -> str:
    """RESULTS.md: the machine, the figures, and one section per missed target."""
    lines = ["# Benchmark results", "",
             f"Written by `python -m bench --scale {scale}` (`make bench`; `--only NAME` "
             "refreshes one benchmark's rows). Ratios compare figures measured in the same run. "
             "See docs/benchmarks.md for what each figure means.", "", "## Machine", ""]
    lines += [f"- {label}: {value}" for label, value in machine.items() if label != LOAD or not when]
    if when:
        lines += ["", "## When each benchmark ran", ""]
        lines += [f"- {name}: {text}" for name, text in when.items()]
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
