"""What an outsider wrote never reaches the operator's terminal as control sequences.

A file dropped in the watched folder names itself; a feed's entry carries its link (feedparser
reads ESC and BEL from character references) and becomes the origin of its inbox row. `wirewatch
sources list` and `inbox list` printed them as they are: ``ESC[2J`` cleared the screen, ``ESC]0;…
BEL`` retitled the window, a carriage return let a forged line overwrite the real one. The log
filter escaped them in the log only; the commands' own output is the terminal too (click strips
``ESC[…m``-like sequences when the output is no terminal, as here, but no other). Run as the
`wirewatch` process, on a real SQLite file and a real folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bot.ingest.folder import FolderWatcher
from bot.models import RawArticle
from storage.db import open_db, transaction
from storage.inbox import enqueue, finish
from storage.sources import add_source, source_row
from tests.hardening.conftest import cli_command, cli_env
from tests.sources.feedserver import at
from tests.stopping import LAST_RESORT_S

SEQUENCES = "\x1b]0;pwned\x07\x1b[2J\rERROR all good\x9b31m"
RAW = "\x1b\x07\r\x9b"


def hostile_desk(tmp_path: Path) -> Path:
    """A database holding a folder's unreadable file and a feed entry's failed article, both
    named with terminal control sequences."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / f"tug{SEQUENCES}.txt").write_bytes(b"")
    path = tmp_path / "desk.db"
    db = open_db(path)
    with transaction(db):
        source = source_row(db, add_source(db, kind="folder", location=str(drop)))
    FolderWatcher(max_bytes=1_000_000, settle_seconds=0).scan(db, source, now=at(1))
    with transaction(db):
        row = enqueue(db, RawArticle(text="", origin=f"https://gazette.example/a{SEQUENCES}"))
        finish(db, row, status="failed", reason=f"refused: {SEQUENCES}")
    db.close()
    return path


def wirewatch(path: Path, *args: str, **env: str) -> str:
    """Its output as written (bytes decoded, a carriage return kept as one)."""
    done = subprocess.run(cli_command(*args), env=cli_env(path, **env), capture_output=True,
                          timeout=LAST_RESORT_S)
    assert done.returncode == 0, done.stderr
    return (done.stdout + done.stderr).decode()


def test_listings_show_control_characters_escaped_never_raw(tmp_path):
    path = hostile_desk(tmp_path)
    sources = wirewatch(path, "sources", "list")
    assert "tug\\x1b]0;pwned\\x07" in sources, sources
    assert "\\rERROR all good\\u009b31m.txt: empty file" in sources, sources
    failed = wirewatch(path, "inbox", "list")
    assert "https://gazette.example/a\\x1b]0;pwned" in failed, failed
    assert "refused: \\x1b]0;pwned" in failed, failed
    for shown in (sources, failed):
        assert not any(ch in shown for ch in RAW), repr(shown)


def test_json_listings_keep_the_characters_as_json_escapes(tmp_path):
    """A script reading `--json` gets the text as it was; the terminal is never told to act."""
    path = hostile_desk(tmp_path)
    for command in (("inbox", "list", "--json"), ("sources", "list", "--json")):
        written = wirewatch(path, *command)
        assert not any(ch in written for ch in RAW), repr(written)
        json.loads(written)
    [row] = json.loads(wirewatch(path, "inbox", "list", "--json"))["failed"]
    assert row["origin"] == f"https://gazette.example/a{SEQUENCES}"


def test_a_terminal_set_to_ascii_gets_the_escapes_too(tmp_path):
    """With its output's encoding ASCII, click writes to the stream's bytes (before: past the
    escaping, every sequence raw); the listing is shown, what ASCII lacks escaped too."""
    path = hostile_desk(tmp_path)
    failed = wirewatch(path, "inbox", "list", PYTHONIOENCODING="ascii")
    assert "https://gazette.example/a\\x1b]0;pwned" in failed, failed
    assert not any(ch in failed for ch in RAW), repr(failed)


def test_json_lines_written_to_the_terminal_stay_json(tmp_path):
    """`quotes extract` writes its JSON lines itself. A text decoded as Latin-1 holds C1
    characters (Windows' ellipsis byte is U+0085): written raw to the terminal, escaped as the
    log escapes them (``\\x85``) they would break the JSON; ``\\u0085`` is read back as it was."""
    quote = "The cranes are safe\x85 and the berth opens on Monday."
    given = tmp_path / "desk.jsonl"
    given.write_text(json.dumps({"id": 1, "text": f'The harbour master said: "{quote}"'}) + "\n",
                     encoding="utf-8")
    written = wirewatch(tmp_path / "desk.db", "quotes", "extract", str(given))
    assert "\x85" not in written, repr(written)
    [record] = [json.loads(line) for line in written.splitlines() if line.startswith("{")]
    assert [q["quote"] for q in record["quotes"]] == [quote]
