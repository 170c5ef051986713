"""Every CLI command has help with an example, and the README names it; the docs' examples run as shown."""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import click

from bot.cli import cli
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S, ended, stopped

ROOT = Path(__file__).resolve().parents[2]


def leaf_commands(group: click.Group, prefix: str = "wirewatch"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            assert "Example:" in (command.help or ""), path
            yield from leaf_commands(command, path)
        else:
            yield path, command


def test_every_command_has_an_example_and_a_readme_entry():
    readme = (ROOT / "README.md").read_text()
    commands = dict(leaf_commands(cli))
    assert len(commands) >= 15
    for path, command in commands.items():
        assert "Example:" in (command.help or ""), f"{path} has no example in its help"
        assert f"`{path}" in readme, f"README does not document `{path}`"


def test_the_ingest_example_of_docs_sources_answers_as_shown(tmp_path):
    """The curl line of docs/sources.md, sent as written to a real `wirewatch run --console`."""
    doc = (ROOT / "docs" / "sources.md").read_text().split("## `POST /ingest`", 1)[1]
    example = doc.split("```sh\n", 1)[1].split("```", 1)[0]
    url = re.search(r"curl -s '(http://[^']+)'", example)
    body = re.search(r"-d '(\{[^']+\})'", example)
    shown = re.search(r"answers `(\{.+?\})`", doc, re.DOTALL)
    assert url and body and shown and '"Authorization: Bearer $WIREWATCH_INGEST_TOKEN"' in example
    token = secrets.token_hex(24)
    # the analysis on a thread loads spaCy before the banner: with a worker process, loading it
    # after the banner took more than the example's ?wait=10 on a loaded machine ("queued")
    env = clean_env(WIREWATCH_INGEST_TOKEN=token, WIREWATCH_NLP_PROCESSES="0")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"), "run",
                             "--console", "--port", "0", "--host", "127.0.0.1"], env=env,
                            cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout
        while "ingest endpoint:" not in (line := proc.stdout.readline()):
            assert line, ended(proc)
        port = re.search(r":(\d+)/ingest", line)
        assert port
        request = urllib.request.Request(
            url.group(1).replace(":3000/", f":{port.group(1)}/"), data=body.group(1).encode(),
            headers={"Authorization": f"Bearer {token}"}, method="POST")
        with urllib.request.urlopen(request, timeout=LAST_RESORT_S) as answer:
            assert json.loads(answer.read()) == json.loads(" ".join(shown.group(1).split()))
    finally:
        stopped(proc)
