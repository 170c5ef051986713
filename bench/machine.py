"""A description of the machine a benchmark ran on, for RESULTS.md."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import psutil
import spacy

from bot.config import load_settings

LOAD = "Load average at start (1, 5, 15 min)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _model() -> str:
    name = load_settings().spacy_model
    try:
        return f"{name} {metadata.version(name.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return name


def describe() -> dict[str, str]:
    """CPU, cores, memory, Python, spaCy, SQLite, load and date, as label -> value."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "CPU": cpu_model(),
        "Cores": f"{os.cpu_count()} logical ({psutil.cpu_count(logical=False)} physical)",
        "Memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "Python": sys.version.split()[0],
        "spaCy": spacy.__version__,
        "spaCy model": _model(),
        "SQLite": sqlite3.sqlite_version,
        LOAD: load,
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
