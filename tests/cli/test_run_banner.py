"""The start-up banner of the real `wirewatch run --console` gives addresses a person can use."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.listen_address import url_to_open

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "5d0c8b1e7a2f49e6b3c1d9a0"


def endpoint_line(db: Path, *host: str) -> tuple[str, subprocess.Popen[str]]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WIREWATCH_"))},
           "WIREWATCH_INGEST_TOKEN": TOKEN, "WIREWATCH_NLP_PROCESSES": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db), "run", "--console",
                             "--port", "0", *host], env=env, cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout
    while "ingest endpoint:" not in (line := proc.stdout.readline()):
        assert line, proc.communicate(timeout=30)
    return line.strip(), proc


def test_the_endpoint_line_gives_an_address_to_send_to_not_0000(tmp_path):
    """Before: `ingest endpoint: POST http://0.0.0.0:3000/ingest`, the listen address, which
    is no address to send to; the line now gives one and says the rest of the network hears."""
    line, proc = endpoint_line(tmp_path / "w.db")
    try:
        assert "0.0.0.0" not in line
        url = re.search(r"POST (http://127\.0\.0\.1:\d+/ingest) ", line)
        assert url, line
        assert "it listens on all interfaces, so other machines use this host's name" in line
        request = urllib.request.Request(url.group(1), method="POST", data=json.dumps(
            {"title": "Tug crews strike", "text": "Tug crews stopped work at dawn on Monday."}
        ).encode(), headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status in (200, 202)
    finally:
        proc.terminate()
        proc.communicate(timeout=60)


def test_an_endpoint_on_one_address_names_that_address_alone(tmp_path):
    line, proc = endpoint_line(tmp_path / "w.db", "--host", "127.0.0.1")
    proc.terminate()
    proc.communicate(timeout=60)
    assert re.search(r"POST http://127\.0\.0\.1:\d+/ingest \(bearer token", line), line
    assert "all interfaces" not in line


@pytest.mark.parametrize("host, url", [
    ("0.0.0.0", "http://127.0.0.1:3000/ingest"), ("::", "http://[::1]:3000/ingest"),
    ("10.1.2.3", "http://10.1.2.3:3000/ingest"), ("fd00::5", "http://[fd00::5]:3000/ingest"),
    ("desk-box.local", "http://desk-box.local:3000/ingest"),
])
def test_the_url_to_open_is_one_a_browser_reaches(host, url):
    assert url_to_open(host, 3000, "/ingest") == url
