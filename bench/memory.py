"""Item 4: peak resident memory of `wirewatch run --console`, idle and while ingesting articles.

The bot runs as its own process on a fresh database with a watched folder, once with the
default WIREWATCH_NLP_PROCESSES=1 and once with 2 (each worker process loads its own model). After it has started
and sat idle, the articles are dropped into the folder (written under a hidden name, then renamed,
so each file lands whole). If this build's `run` does not read the watched folder, the articles
go through `wirewatch ingest FOLDER` in a second process instead, and the figures say so.
Peak memory is the larger of the kernel's high-water mark (VmHWM) and the sum of resident memory
over the process and its children, sampled every 20 ms.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import psutil

from bench.corpus import generate
from bench.rows import row
from bench.table import print_rows

NAME = "memory"
SEED = 23
SIZES = {"smoke": (5, 1.0, 5.0), "full": (1000, 10.0, 30.0)}  # articles, idle s, watch grace s
TARGET = "< 400"
STARTUP_TIMEOUT = 60.0
SECONDS_PER_ARTICLE = 2.0
PROCESSES = (1, 2)  # WIREWATCH_NLP_PROCESSES: the default, and two analysis worker processes
LIMITS = ("Most of the resident memory is the spaCy pipeline (model weights, vocab and string "
          "store) loaded once per process; each extra NLP process (WIREWATCH_NLP_PROCESSES) "
          "loads its own copy. Parsed docs are kept only for the current batch "
          "(WIREWATCH_NLP_BATCH).")


class PeakSampler:
    """Samples the resident memory of a process and its children until stopped."""

    def __init__(self, pid: int, *, every: float = 0.02) -> None:
        self.process = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def reset(self) -> None:
        self.peak = 0

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.every)

    def sample(self) -> int:
        try:
            tree = [self.process, *self.process.children(recursive=True)]
            return sum(p.memory_info().rss for p in tree if p.is_running())
        except psutil.Error:
            return 0

    def high_water_mark(self) -> int:
        """The kernel's peak RSS for the main process (Linux), or 0 where not available."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0


def run(*, scale: str = "full") -> list[dict]:
    rows = []
    for processes in PROCESSES:
        rows += _run_once(scale, processes)
    return rows


def _run_once(scale: str, processes: int) -> list[dict]:
    count, idle_seconds, grace = SIZES[scale]
    with tempfile.TemporaryDirectory(prefix="wirewatch-mem-") as tmp:
        tmp_path = Path(tmp)
        db_path, watch, staging = tmp_path / "bench.db", tmp_path / "inbox", tmp_path / "staging"
        watch.mkdir()
        env = {**os.environ, "WIREWATCH_DB": str(db_path), "WIREWATCH_WATCH_FOLDER": str(watch),
               "PORT": "0", "WIREWATCH_NLP_PROCESSES": str(processes)}
        bot = subprocess.Popen(_wirewatch("run", "--console"), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        try:
            with PeakSampler(bot.pid) as sampler:
                _wait_ready(bot, db_path)
                time.sleep(idle_seconds)
                idle = max(sampler.peak, sampler.high_water_mark())
                files = _stage_files(staging, count)
                started = time.perf_counter()
                watched, stored, ingest_peak = _ingest(files, watch, db_path, env, count, grace)
                elapsed = time.perf_counter() - started
                busy = max(sampler.peak, sampler.high_water_mark())
        finally:
            bot.terminate()
            bot.wait(timeout=30)
    target = f"{TARGET} MB"
    label = "" if processes == 1 else f", WIREWATCH_NLP_PROCESSES={processes}"
    rows = [row(NAME, f"wirewatch run --console{label}, idle", idle / 2**20, "MB",
                target=target, note=f"peak RSS from start-up to the end of {idle_seconds:.0f} s "
                "idle (with 2 or more, the analysis worker processes start with the ingest thread)")]
    done = f"{stored} of {count} articles stored in {elapsed:.0f} s"
    if watched:
        rows.append(row(NAME, f"wirewatch run --console{label}, ingesting {count} articles",
                        busy / 2**20, "MB", target=target,
                        note=f"{done}, dropped into its watched folder; RSS summed over the "
                        "process and its children"))
    else:
        rows.append(row(NAME, f"wirewatch ingest{label}, {count} articles", ingest_peak / 2**20,
                        "MB", target=target, note=f"{done}; run has no watched folder in this "
                        "build, so `wirewatch ingest FOLDER` ran beside it"))
    return rows


def _wirewatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def output(bot: subprocess.Popen) -> IO[str]:
    """What the process prints (it was started with stdout=PIPE, text=True)."""
    if bot.stdout is None:
        raise RuntimeError("wirewatch was started without a pipe for its output")
    return bot.stdout


def _wait_ready(bot: subprocess.Popen, db_path: Path) -> None:
    """Started means the database exists and the process has printed its first line."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    line = output(bot).readline()
    while not db_path.exists():
        if bot.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"wirewatch run did not start: {line}{output(bot).read()}")
        time.sleep(0.1)
    threading.Thread(target=_drain, args=(bot,), daemon=True).start()


def _drain(bot: subprocess.Popen) -> None:
    for _line in output(bot):
        pass


def _stage_files(staging: Path, count: int) -> list[Path]:
    staging.mkdir()
    paths = []
    for article in generate(count, seed=SEED):
        path = staging / Path(article.origin).name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(files: list[Path], watch: Path, db_path: Path, env: dict[str, str], count: int,
            grace: float) -> tuple[bool, int, int]:
    """Drop the files into the watched folder; fall back to `wirewatch ingest` if nothing reads
    them within ``grace`` seconds. Returns (watched, articles stored, peak of ingest process)."""
    for path in files:
        os.replace(path, watch / path.name)
    start = time.monotonic()
    while (stored := _stored(db_path)) < count:
        waited = time.monotonic() - start
        if (stored == 0 and waited > grace) or waited > grace + count * SECONDS_PER_ARTICLE:
            break
        time.sleep(0.2)
    if stored:
        return True, stored, 0
    ingest = subprocess.Popen(_wirewatch("ingest", str(watch)), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with PeakSampler(ingest.pid) as sampler:
        ingest.wait()
        peak = max(sampler.peak, sampler.high_water_mark())
    return False, _stored(db_path), peak


def _stored(db_path: Path) -> int:
    count = read_one(db_path, "SELECT count(*) FROM articles")
    return count if isinstance(count, int) else 0


def read_one(db_path: Path, sql: str) -> object | None:
    """The first value ``sql`` returns, read-only, from the running bot's database (None on
    any database error, e.g. before its tables exist)."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute(sql).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


if __name__ == "__main__":
    print_rows(run(scale=sys.argv[1] if len(sys.argv) > 1 else "full"))
