"""`wirewatch status` says which quote and speaker code a run started now runs: compiled, or
interpreted and why (bot/nlp/compiled.py decides; a child Python on a copy of ``bot`` whose
build a test made, never the real sources or build)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from bot.nlp.compiled_build import build
from tests.conftest import ROOT
from tests.nlp.test_compiled_build import fake_build, needs_the_build
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S


def copy_of_bot(tmp_path: Path) -> Path:
    """A copy of the ``bot`` package (without a build) under ``tmp_path``."""
    shutil.copytree(ROOT / "bot", tmp_path / "bot",
                    ignore=shutil.ignore_patterns("__pycache__", "_compiled*"))
    return tmp_path


def status(root: Path, db: Path, *args: str, **env: str) -> str:
    """What `wirewatch status` prints, run with ``root``'s ``bot`` package."""
    done = subprocess.run([sys.executable, "-m", "bot", "--db", str(db), "status", *args],
                          cwd=root, env=clean_env(PYTHONPATH=str(root), **env), text=True,
                          capture_output=True, timeout=LAST_RESORT_S)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def said(root: Path, db: Path | None = None, **env: str) -> tuple[str, dict]:
    """The status text's last line, and the JSON's ``quote_and_speaker_code``."""
    db = db or root / "w.db"
    text = status(root, db, **env).splitlines()[-1]
    return text, json.loads(status(root, db, "--json", **env))["quote_and_speaker_code"]


def test_a_stale_build_is_said_with_the_source_that_changed(tmp_path):
    """Before: status said nothing of it; only `-v` logged which code ran."""
    root = copy_of_bot(tmp_path)
    fake_build(root / "bot" / "_compiled")
    words = root / "bot/nlp/speakers/words.py"
    words.write_text(words.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    why = "bot/nlp/speakers/words.py changed since the build (make rebuilds it)"
    assert said(root) == (f"Quote and speaker code runs interpreted: {why}",
                          {"compiled": False, "why": why})


def test_interpreted_by_choice_or_for_want_of_a_build_is_said_with_why(tmp_path, monkeypatch):
    root = copy_of_bot(tmp_path)
    assert said(root, WIREWATCH_COMPILED="0") == (
        "Quote and speaker code runs interpreted: WIREWATCH_COMPILED=0",
        {"compiled": False, "why": "WIREWATCH_COMPILED=0"})
    out = root / "bot" / "_compiled"
    assert said(root)[1]["why"] == f"no compiled build in {out}: make builds it"

    monkeypatch.setenv("CC", str(tmp_path / "no-such-cc"))
    monkeypatch.delenv("WIREWATCH_COMPILED", raising=False)  # set, the build says that instead
    assert build(out) == 0
    why = (f"no compiled build in {out}: set-up could not make it (no C compiler: "
           f"{tmp_path / 'no-such-cc'} is not installed)")
    assert said(root) == (f"Quote and speaker code runs interpreted: {why}",
                          {"compiled": False, "why": why})


def test_the_build_when_it_runs_is_said_so(tmp_path):
    needs_the_build()
    text, code = said(ROOT, tmp_path / "w.db")
    assert code["compiled"] and " modules built by mypy " in code["why"], code
    assert text == f"Quote and speaker code runs compiled (mypyc): {code['why']}"
