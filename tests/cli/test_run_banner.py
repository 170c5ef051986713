"""The start-up banner of the real `wirewatch run` (`--console`, or with Slack: the fake Web API)
gives addresses a person can use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.listen_address import url_to_open
from tests.fakes.signing import SECRET
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S, ended, stopped

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "5d0c8b1e7a2f49e6b3c1d9a0"


def banner(db: Path, *host: str, slack: str = "",
           **settings: str) -> tuple[list[str], subprocess.Popen[str]]:
    """A run's banner up to its endpoint line, with the fake Slack at ``slack`` (else
    --console)."""
    env = clean_env(WIREWATCH_INGEST_TOKEN=TOKEN, WIREWATCH_NLP_PROCESSES="0", **settings)
    if slack:
        env.update(SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                   WIREWATCH_SLACK_API_URL=slack)
    mode = () if slack else ("--console",)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db), "run", *mode,
                             "--port", "0", *host], env=env, cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout
    lines = [proc.stdout.readline().strip()]
    while "ingest endpoint:" not in lines[-1]:
        assert (line := proc.stdout.readline()), ended(proc)
        lines.append(line.strip())
    return lines, proc


def endpoint_line(db: Path, *host: str, slack: str = "") -> tuple[str, subprocess.Popen[str]]:
    """The banner's endpoint line of a run, with the fake Slack at ``slack`` (else --console)."""
    lines, proc = banner(db, *host, slack=slack)
    return lines[-1], proc


def took_an_article(url: str) -> bool:
    """Whether an article sent to ``url`` with the token was taken (200 or 202)."""
    request = urllib.request.Request(url, method="POST", data=json.dumps(
        {"title": "Tug crews strike", "text": "Tug crews stopped work at dawn on Monday."}
    ).encode(), headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=LAST_RESORT_S) as answer:
        return answer.status in (200, 202)


def test_the_endpoint_line_gives_an_address_to_send_to_not_0000(tmp_path):
    """Before: `ingest endpoint: POST http://0.0.0.0:3000/ingest`, the listen address, which
    is no address to send to; the line now gives one and says the rest of the network hears."""
    line, proc = endpoint_line(tmp_path / "w.db")
    try:
        assert "0.0.0.0" not in line
        url = re.search(r"POST (http://127\.0\.0\.1:\d+/ingest) ", line)
        assert url, line
        assert "it listens on all interfaces, so other machines use this host's name" in line
        assert took_an_article(url.group(1))
    finally:
        stopped(proc)


def test_a_slack_runs_endpoint_line_gives_the_address_and_the_token_too(tmp_path):
    """With Slack the endpoint shares Slack's server. Before: `ingest endpoint: POST /ingest on
    port 3000`, no address to send to nor word of the token, where --console gave both."""
    with FakeSlack() as fake:
        line, proc = endpoint_line(tmp_path / "w.db", slack=fake.base_url)
        try:
            url = re.search(r"POST (http://127\.0\.0\.1:\d+/ingest) \(bearer token from "
                            r"WIREWATCH_INGEST_TOKEN\); it listens on all interfaces", line)
            assert url, line
            assert took_an_article(url.group(1))
        finally:
            stopped(proc)


def test_an_endpoint_on_one_address_names_that_address_alone(tmp_path):
    line, proc = endpoint_line(tmp_path / "w.db", "--host", "127.0.0.1")
    stopped(proc)
    assert re.search(r"POST http://127\.0\.0\.1:\d+/ingest \(bearer token", line), line
    assert "all interfaces" not in line


def test_the_banner_says_which_quote_and_speaker_code_runs_and_why(tmp_path):
    """Before: only `-v` logged it (tests/cli/test_status_code.py: each reason, said alike)."""
    lines, proc = banner(tmp_path / "w.db", WIREWATCH_COMPILED="0")
    stopped(proc)
    assert "quote and speaker code runs interpreted: WIREWATCH_COMPILED=0" in lines, lines


@pytest.mark.parametrize("host, url", [
    ("0.0.0.0", "http://127.0.0.1:3000/ingest"), ("::", "http://[::1]:3000/ingest"),
    ("10.1.2.3", "http://10.1.2.3:3000/ingest"), ("fd00::5", "http://[fd00::5]:3000/ingest"),
    ("desk-box.local", "http://desk-box.local:3000/ingest"),
])
def test_the_url_to_open_is_one_a_browser_reaches(host, url):
    assert url_to_open(host, 3000, "/ingest") == url
