"""`wirewatch stories …`"""

from __future__ import annotations

import click


@click.group()
def stories() -> None:
    """Stories that articles are grouped into."""


def register(cli: click.Group) -> None:
    cli.add_command(stories)
