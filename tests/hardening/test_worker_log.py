"""A record logged in an analysis worker process goes through the log's filter, as the main
process's records do.

The workers (``WIREWATCH_NLP_PROCESSES`` >= 1) are forked from a forkserver that never
configured logging: their records went to stderr through Python's last-resort handler, with
no filter, so a feed's key in an article's link ("could not analyse <link>") or a terminal
sequence in it reached the log as it was. Real processes: wirewatch's own pool, its
initializer and forkserver, the log configured as the command line configures it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.hardening.conftest import REPO
from tests.stopping import LAST_RESORT_S

KEY = "5ecretWorkerKey77"
LINK = f"https://feeds.example/wire/item?apikey={KEY}&page=2\x1b]0;owned\x07"
CHILD = textwrap.dedent(f"""
    import logging
    from bot.analysis import Analyser
    from bot.config import load_settings
    from bot.redact import redact_logs
    from bot.stories.stage import StoryStage

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    redact_logs()
    settings = load_settings().with_overrides(nlp_processes=1)
    analyser = Analyser(None, stories=StoryStage.from_settings(settings), settings=settings)
    try:
        analyser.pool().submit(logging.getLogger("bot.analysis").error,
                               "could not analyse %s", {LINK!r}).result()
        analyser.pool().submit(logging.getLogger("bot.analysis").info,
                               "worker at INFO too").result()
    finally:
        analyser.close()
""")


def test_a_worker_processes_log_lines_are_redacted_and_escaped():
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, capture_output=True,
                          text=True, timeout=LAST_RESORT_S)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if "could not analyse" in line]
    assert len(lines) == 1, done.stderr[-2000:]
    assert KEY not in done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert lines[0] == ("ERROR bot.analysis: could not analyse https://feeds.example/wire/item"
                        "?apikey=***&page=2\\x1b]0;owned\\x07")
    assert "INFO bot.analysis: worker at INFO too" in done.stderr
