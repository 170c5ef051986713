"""The database holds what only wirewatch should read: feed addresses with their passwords and
API keys (masked in every listing and log line, stored whole, since the fetcher needs them),
the newsroom's own unpublished copy from its watched folder, who follows what in private
channels. A new database, with its WAL files, is readable by its owner alone, whatever the
umask of whoever ran the first command (022 on most systems: readable by every local user)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from tests.hardening.conftest import cli_command, cli_env
from tests.stopping import LAST_RESORT_S

FEED = "https://desk:harbour-pass@feeds.gazette.example/rss?apikey=k3y"


def _umask_022() -> None:
    os.umask(0o022)


def _others_may_read(path: Path) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def test_a_new_database_holding_feed_passwords_is_readable_by_its_owner_alone(tmp_path):
    db = tmp_path / "desk.db"
    done = subprocess.run(cli_command("sources", "add", FEED, "--no-check"),
                          env=cli_env(db), capture_output=True, text=True, timeout=LAST_RESORT_S,
                          preexec_fn=_umask_022)
    assert done.returncode == 0, done.stderr
    assert b"harbour-pass" in db.read_bytes()
    assert not _others_may_read(db), oct(db.stat().st_mode)


def test_its_wal_files_are_too_while_wirewatch_has_it_open(tmp_path):
    """SQLite gives -wal and -shm the database's own mode; held open by a second process."""
    db = tmp_path / "desk.db"
    subprocess.run(cli_command("sources", "add", FEED, "--no-check"), env=cli_env(db),
                   check=True, capture_output=True, timeout=LAST_RESORT_S, preexec_fn=_umask_022)
    holder = subprocess.Popen(
        [*cli_command()[:1], "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('PRAGMA journal_mode=WAL'); c.execute('CREATE TABLE held (x)'); "
         "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=_umask_022)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
        assert [f.name for f in files if _others_may_read(f)] == []
    finally:
        holder.kill()
        holder.wait()


def test_a_database_an_operator_opened_up_is_left_as_it_is(tmp_path):
    """A mode set on purpose (a backup user's group) is the operator's choice: not changed."""
    db = tmp_path / "desk.db"
    subprocess.run(cli_command("topics", "list"), env=cli_env(db), check=True,
                   capture_output=True, timeout=LAST_RESORT_S)
    db.chmod(0o640)
    subprocess.run(cli_command("topics", "list"), env=cli_env(db), check=True,
                   capture_output=True, timeout=LAST_RESORT_S)
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
