"""`wirewatch quotes …`"""

from __future__ import annotations

import click


@click.group()
def quotes() -> None:
    """Quotes found in stored articles."""


def register(cli: click.Group) -> None:
    cli.add_command(quotes)
