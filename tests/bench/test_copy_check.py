"""bench.copy_check finds a publisher's sentence copied into a tracked file, and only that."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.copy_check import main

ARTICLE = ("The ferry operator said on Monday that the night crossing to Kellmoor would stop in "
           "March, after the harbour board voted to sell the older of its two boats. The "
           "Kellmoor and Western Isles Harbour Board of Trustees met behind closed doors.")


def _shared(tmp_path: Path) -> Path:
    dev = tmp_path / "shared" / "dev"
    dev.mkdir(parents=True)
    (tmp_path / "shared" / "seeds").mkdir()
    row = {"id": "pub-the-night-crossing-to-kellmoor-would-stop-in", "title": "Ferry", "text": ARTICLE}
    (dev / "news.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return dev


def _checkout(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    return root


def _check(tmp_path: Path, files: dict[str, str]) -> int:
    return main(["--root", str(_checkout(tmp_path, files)), "--dev", str(_shared(tmp_path))])


def test_a_copied_run_wrapped_over_two_lines_is_reported(tmp_path, capsys):
    copied = 'TEXT = ("the night crossing to Kellmoor "\n        "would stop in March")\n'
    assert _check(tmp_path, {"copied.py": copied}) == 1
    assert capsys.readouterr().out == "copied.py:1: the night crossing to Kellmoor would stop in March\n"


def test_seven_shared_words_names_and_ids_pass(tmp_path, capsys):
    own = {
        "own.md": "The ferry operator said on Monday that a bridge would open.\n",
        "name.md": "A letter from the Kellmoor and Western Isles Harbour Board of Trustees.\n",
        "ids.jsonl": '{"id": "pub-the-night-crossing-to-kellmoor-would-stop-in", "start": 3}\n',
    }
    assert _check(tmp_path, own) == 0
    assert capsys.readouterr().out == ""


def test_a_name_is_shown_when_asked(tmp_path, capsys):
    root = _checkout(tmp_path, {"name.md": "the Kellmoor and Western Isles Harbour Board of Trustees\n"})
    assert main(["--root", str(root), "--dev", str(_shared(tmp_path)), "--names"]) == 0
    assert "(a name, allowed)" in capsys.readouterr().out
