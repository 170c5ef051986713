"""A file in the watched folder that wirewatch may not read (dropped by another user through a
share, mode 600, while the container runs as its own user): said once, read once it may be.

The scans run in a child process that cannot read a file its mode forbids: as root, started
with the capabilities that let root read anything dropped (`setpriv`); as anyone else, as is.
Real files, real SQLite."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.sources.process import ROOT
from tests.stopping import LAST_RESORT_S

SCANS = """
import json, logging, sys
from pathlib import Path
from bot.ingest.folder import FolderWatcher
from storage.db import open_db, transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import at

folder, db_path = Path(sys.argv[1]), sys.argv[2]
lines = []
handler = logging.Handler()
handler.emit = lambda record: lines.append(record.getMessage())
logging.getLogger("bot").addHandler(handler)
db = open_db(db_path)
with transaction(db):
    source = add_source(db, kind="folder", location=str(folder))
watcher = FolderWatcher(max_bytes=1_000_000)
locked = folder / "locked\\nline.txt"
for minute in range(30):
    if minute == 20:
        locked.chmod(0o644)
    watcher.scan(db, source_row(db, source), now=at(minute))
    if minute == 19:
        blocked = list(lines)
print(json.dumps({"blocked": blocked,
                  "queued": [row.article.text.split(chr(10))[0] for row in pending(db, limit=9)]}))
"""


def without_root_privilege() -> list[str]:
    """The command prefix that makes a file's mode bind this test's child process too."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: no way to make a file unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_an_unreadable_file_is_said_once_and_read_once_it_may_be(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "ferry.txt").write_text("Ferry crews walk out\n\nThe crews stopped work today.",
                                      encoding="utf-8")
    locked = folder / "locked\nline.txt"
    locked.write_text("Library reopens\n\nThe library opens again on Monday.", encoding="utf-8")
    locked.chmod(0)
    result = subprocess.run([*without_root_privilege(), sys.executable, "-c", SCANS,
                             str(folder), str(tmp_path / "w.db")], capture_output=True,
                            text=True, cwd=ROOT, timeout=LAST_RESORT_S)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    about = [text for text in said["blocked"] if "locked" in text]
    assert len(about) == 1, f"{len(about)} lines in 20 scans: {about[:3]}"
    [line] = about
    assert "cannot read" in line and "locked\\nline.txt" in line and "\n" not in line, line
    assert "Permission denied" in line and "readable" in line, line
    assert said["queued"] == ["Ferry crews walk out", "Library reopens"], said
