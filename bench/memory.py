"""Item 4: peak memory of `wirewatch run --console`, idle and while ingesting articles.

The bot runs as its own process on a fresh database with a watched folder, once with the
default WIREWATCH_NLP_PROCESSES=1 (one analysis worker process) and once with 2. After it has
started and sat idle, the articles are dropped into the folder (each written elsewhere, then
renamed in, so it lands whole).

Two peaks over the process and all its descendants: the sum of PSS (proportional set size: a page
shared by k processes counts 1/k in each, so the sum counts it once), which is what the target is
checked against, and the sum of RSS (a shared page counts in every process that maps it; the
larger of it and the main process's kernel high-water mark, VmHWM), printed beside it. RSS is
sampled every 20 ms, PSS every 200 ms and whenever the RSS sum reaches a new peak.
`python -m bench.memory quick` runs 250 articles instead of 1,000 and only prints."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import psutil

from bench.corpus import write_files
from bench.rows import row
from bench.scale import scale_from
from bench.table import print_rows

NAME = "memory"
SEED = 23
SIZES = {"smoke": (5, 1.0, 60.0), "quick": (250, 10.0, 30.0),  # articles, idle s, watch grace s
         "full": (1000, 10.0, 30.0)}
TARGET = "< 400"
STARTUP_TIMEOUT = 60.0
SECONDS_PER_ARTICLE = 2.0
PROCESSES = (1, 2)  # WIREWATCH_NLP_PROCESSES: the default, and two analysis worker processes
LIMITS = ("With two worker processes, ingesting: the workers are forked from a forkserver "
          "that loaded spaCy and imported the code they run, so the model, the libraries and "
          "that code are one copy shared by the three (the forkserver's PSS and part of each "
          "worker's); on top of it each worker has spaCy's working memory for the nlp.pipe "
          "batch it is parsing (about 23 MB at WIREWATCH_NLP_BATCH_CHARS=10000, 45 MB at 20000; "
          "both parse at once) and the shared pages it has written to. The main process imports "
          "no spaCy: besides the interpreter and its libraries (about 50 MB at start) it holds "
          "the story stage's what's-new indexes of the 64 stories last seen, with the sentences "
          "of each one's 30 latest articles (about 14 MiB of Python objects after these 1,000), "
          "and up to 1,000 articles' decoded vectors (about 6.5 KB each). Lowering "
          "WIREWATCH_NLP_BATCH_CHARS lowers the working memory.")


@dataclass(frozen=True)
class Peak:
    """The largest memory figures of a process tree seen so far, in bytes."""

    rss: int = 0  # resident memory summed over the processes (shared pages counted in each)
    pss: int = 0  # proportional set size summed (each shared page split between its sharers)
    pss_anon: int = 0  # the anonymous part of ``pss`` when it was reached (not the files')
    pss_parts: tuple[int, ...] = ()  # each process's PSS when ``pss`` was reached, main first


class PeakSampler:
    """Samples the memory of a process and its descendants until stopped: the RSS sum every
    ``every`` seconds, the PSS sum (which costs the kernel a walk of each process's page tables)
    every tenth sample and whenever the RSS sum reaches a new peak."""

    def __init__(self, pid: int, *, every: float = 0.02, pss_every: int = 10) -> None:
        self.process = psutil.Process(pid)
        self.every = every
        self.pss_every = pss_every
        self.peak = Peak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        tick = 0
        while not self._stop.is_set():
            tree = self.tree()
            rss = sum(_rss(p) for p in tree)
            peak = self.peak
            if rss > peak.rss or tick % self.pss_every == 0:
                parts = [_pss(p) for p in tree]
                if sum(whole for whole, _ in parts) > peak.pss:
                    peak = replace(peak, pss=sum(whole for whole, _ in parts),
                                   pss_anon=sum(anon for _, anon in parts),
                                   pss_parts=tuple(whole for whole, _ in parts))
            self.peak = replace(peak, rss=max(peak.rss, rss))
            tick += 1
            self._stop.wait(self.every)

    def tree(self) -> list[psutil.Process]:
        try:
            return [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return []

    def rss_peak(self) -> int:
        """The larger of the sampled RSS sum and the kernel's high-water mark of the main process."""
        return max(self.peak.rss, self.high_water_mark())

    def high_water_mark(self) -> int:
        """The kernel's peak RSS for the main process (Linux), or 0 where not available."""
        for line in _proc_lines(self.process.pid, "status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return 0


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.Error:
        return 0


def _pss(process: psutil.Process) -> tuple[int, int]:
    """Proportional set size (Linux, /proc/PID/smaps_rollup): private pages plus each shared
    page divided by the number of processes that map it; and its anonymous part (memory not
    backed by a file). (0, 0) where not available."""
    fields = dict(line.split()[:2] for line in _proc_lines(process.pid, "smaps_rollup")
                  if line.startswith(("Pss:", "Pss_Anon:")))
    return int(fields.get("Pss:", 0)) * 1024, int(fields.get("Pss_Anon:", 0)) * 1024


def _proc_lines(pid: int, name: str) -> list[str]:
    try:
        return Path(f"/proc/{pid}/{name}").read_text().splitlines()
    except OSError:
        return []


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
                _settle(sampler)
                time.sleep(idle_seconds)
                idle = replace(sampler.peak, rss=sampler.rss_peak())
                files = write_files(staging, count, seed=SEED)
                started = time.perf_counter()
                stored = _ingest(files, watch, db_path, count, grace)
                elapsed = time.perf_counter() - started
                busy = replace(sampler.peak, rss=sampler.rss_peak())
        finally:
            bot.terminate()
            bot.wait(timeout=30)
    label = "" if processes == 1 else f", WIREWATCH_NLP_PROCESSES={processes}"
    rows = _rows(f"wirewatch run --console{label}, idle", idle,
                 f"from start-up (the analysis worker processes, if any, included) to the end of "
                 f"{idle_seconds:.0f} s idle")
    return rows + _rows(f"wirewatch run --console{label}, ingesting {count} articles", busy,
                        f"{stored} of {count} articles dropped into its watched folder stored "
                        f"in {elapsed:.0f} s")


def _rows(metric: str, peak: Peak, when: str) -> list[dict]:
    """The PSS sum, compared with the target, and the RSS sum beside it, not compared."""
    main, *others = peak.pss_parts or (0,)
    parts = f"main process {main / 2**20:.0f} MB"
    if others:
        parts += f", the {len(others)} others {', '.join(f'{o / 2**20:.0f}' for o in others)} MB"
    return [
        row(NAME, f"{metric}, PSS sum", peak.pss / 2**20, "MB", target=f"{TARGET} MB",
            note=f"peak proportional set size summed over the process and its descendants, "
            f"{when}; each page shared between them counts once in all, so this is what the "
            f"tree costs (at the peak: {parts}; {peak.pss_anon / 2**20:.0f} MB of it anonymous "
            f"memory, the rest library files, whose pages are also split with any other "
            "process that maps them)"),
        row(NAME, f"{metric}, RSS sum", peak.rss / 2**20, "MB",
            note=f"peak resident memory summed over the same processes, {when}; a page shared "
            "between processes (libraries, copy-on-write) counts once per process, so with "
            "several processes this overstates the cost; not compared with the target"),
    ]


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


def _settle(sampler: PeakSampler, *, quiet: float = 3.0) -> None:
    """Wait until start-up is over: the RSS peak has not grown for ``quiet`` seconds (worker
    processes load spaCy after the database exists)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last, since = sampler.peak.rss, time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.25)
        if sampler.peak.rss > last + 2**20:
            last, since = sampler.peak.rss, time.monotonic()


def _ingest(files: list[Path], watch: Path, db_path: Path, count: int, grace: float) -> int:
    """Drop the files into the watched folder and wait until they are stored; fails if the bot
    stores nothing within ``grace`` seconds. Returns how many were stored."""
    for path in files:
        os.replace(path, watch / path.name)
    start = time.monotonic()
    while (stored := _stored(db_path)) < count:
        waited = time.monotonic() - start
        if stored == 0 and waited > grace:
            raise RuntimeError(f"wirewatch run stored none of the {count} articles dropped into "
                               f"its watched folder within {grace:.0f} s")
        if waited > grace + count * SECONDS_PER_ARTICLE:
            break
        time.sleep(0.2)
    return stored


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


def main(argv: Sequence[str] | None = None) -> None:
    print_rows(run(scale=scale_from(argv, name=NAME, doc=__doc__, scales=SIZES)))


if __name__ == "__main__":
    main()
