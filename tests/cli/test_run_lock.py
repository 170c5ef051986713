"""Two `wirewatch run` on one database by mistake, one reaching it through another name: the
second stops at once (each would post every alert of the outbox: both post it)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.cli.test_first_hour import ROOT, one_error_line, wirewatch
from tests.sources.process import clean_env
from tests.stopping import stopped


def test_a_second_run_reaching_the_database_by_a_link_stops_at_once(tmp_path):
    """By a symbolic link (a deploy's `current.db`) and by a hard link (another name in another
    folder, whose lock file beside it is another): one first run, each name tried on it."""
    real = tmp_path / "data" / "w.db"
    real.parent.mkdir()
    (tmp_path / "other").mkdir()
    symbolic, hard = tmp_path / "current.db", tmp_path / "other" / "w.db"
    symbolic.symlink_to(real)
    first = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(real), "run",
                              "--console"], env=clean_env(WIREWATCH_NLP_PROCESSES="0"),
                             cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert first.stdout and first.stdout.readline().startswith("wirewatch running")
        os.link(real, hard)
        for link in (symbolic, hard):
            line = one_error_line(wirewatch("--db", str(link), "run", "--console"))
            assert line.startswith(f"Error: another wirewatch run (pid {first.pid}) is already "
                                   f"using {link}"), link
            vacuum = one_error_line(wirewatch("--db", str(link), "db", "vacuum"))
            assert vacuum.startswith(f"Error: a wirewatch run (pid {first.pid}) is using {link}")
    finally:
        stopped(first)
    assert first.returncode == 0
