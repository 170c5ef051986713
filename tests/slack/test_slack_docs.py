"""Every slash command is in the manifest and documented; every /wirewatch subcommand too."""

from __future__ import annotations

import re
from pathlib import Path

from handlers.commands.wirewatch import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[2]


def registered_commands() -> set[str]:
    found = set()
    for path in (ROOT / "handlers").rglob("*.py"):
        found |= set(re.findall(r'app\.command\("(/[a-z-]+)"[,)]', path.read_text()))
    return found


def test_commands_are_in_manifest_and_docs():
    commands = registered_commands()
    assert {"/who-said", "/topics", "/subscribe", "/unsubscribe", "/wirewatch"} <= commands
    manifest = (ROOT / "slack" / "manifest.yml").read_text()
    for doc in ("docs/slack.md", "README.md"):
        text = (ROOT / doc).read_text()
        for command in commands:
            assert f"`{command}" in text, (doc, command)
        for name in SUBCOMMANDS:
            assert f"`/wirewatch {name}" in text, (doc, name)
    for command in commands:
        assert f"- command: {command}\n" in manifest, command


def test_every_scope_of_the_manifest_is_said_why_and_every_subcommand_hinted():
    manifest = (ROOT / "slack" / "manifest.yml").read_text()
    scopes = re.findall(r"^      - ([a-z.]+:[a-z.]+|commands)$", manifest, re.MULTILINE)
    assert len(scopes) >= 12
    why = (ROOT / "docs" / "slack.md").read_text().split("Scopes the manifest asks for", 1)[1]
    why = why.split("\n\n", 1)[0]
    for scope in scopes:
        assert f"`{scope}`" in why, scope  # users:read and usergroups:read were not
    hint = manifest.split("- command: /wirewatch\n", 1)[1].split("usage_hint:", 1)[1]
    for name in SUBCOMMANDS:
        assert name in hint.splitlines()[0], name  # sources was not
