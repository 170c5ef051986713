"""Every CLI command has help with an example, and the README names it."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli import cli

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
