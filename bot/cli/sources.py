"""`wirewatch sources …`"""

from __future__ import annotations

import click


@click.group()
def sources() -> None:
    """Where articles come from: feeds, a watched folder, the HTTP endpoint."""


def register(cli: click.Group) -> None:
    cli.add_command(sources)
