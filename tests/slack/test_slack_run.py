"""The whole chain: `wirewatch run` as a process, a signed command, an ingest, a posted alert."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.models import RawArticle
from tests.fakes.signing import REPORTER, SECRET
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import run_command, wait_for

ARTICLE = ("Dockworkers strike at Northhaven port\n\nDockworkers at Northhaven walked off the "
           "job on Monday, halting container traffic. \"We have waited long enough,\" said "
           "union leader Ada Brandt.")


class Running:
    """Just enough of SlackRuntime for run_command (a Listening): where the HTTP server listens."""

    def __init__(self, port: int) -> None:
        self.port = port


def test_wirewatch_run_serves_commands_and_posts_alerts(db_path: Path, fake_slack, pipeline):
    env = {**os.environ, "WIREWATCH_DB": str(db_path), "SLACK_BOT_TOKEN": VALID_TOKEN,
           "SLACK_SIGNING_SECRET": SECRET, "WIREWATCH_SLACK_API_URL": fake_slack.base_url,
           "WIREWATCH_HOST": "127.0.0.1", "PORT": "0",
           "WIREWATCH_ADMINS": REPORTER}
    env.pop("SLACK_APP_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        bot = Running(_port_from(proc))
        run_command(bot, fake_slack, "/topics", "add \"Port strike\" dockworkers")
        answer = run_command(bot, fake_slack, "/subscribe", "Port strike", channel="C0DESK")
        assert "This channel will now get *Port strike*" in answer["text"]
        [done] = pipeline.ingest([RawArticle(text=ARTICLE, origin="drop.txt")])
        assert done.status == "stored"
        [post] = wait_for(lambda: fake_slack.posts("C0DESK"), timeout=30)
        assert post.blocks[1]["text"]["text"] == "Dockworkers strike at Northhaven port"
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert VALID_TOKEN not in out + err and SECRET not in out + err


def _port_from(proc: subprocess.Popen) -> int:
    assert proc.stdout and proc.stderr
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "port " in line:
            return int(line.split("port ")[1].split(")")[0])
        if proc.poll() is not None:
            pytest.fail(f"wirewatch run exited: {proc.stderr.read()}")
    pytest.fail("wirewatch run did not report its port")
