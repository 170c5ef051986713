"""Benchmarks: each module listed here has ``run(*, scale) -> list[dict]``; `python -m bench` runs them."""

BENCHMARKS: list[str] = [
    "ingest_throughput",
    "memory",
    "quotes_lookup",
    "story_cost",
    "alert_latency",
    "folder_scan",
]
