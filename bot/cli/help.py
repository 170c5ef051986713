"""`wirewatch help [COMMAND…]`: what a newcomer types first, the same page as `-h`."""

from __future__ import annotations

import click

GUESSES = {
    "start": "wirewatch run starts the bot (wirewatch run --console without Slack)",
    "serve": "wirewatch run starts the bot (wirewatch run --console without Slack)",
    "version": "wirewatch --version",
}
"""Commands a newcomer guesses from other tools."""


def guessed(name: str) -> str | None:
    """What to type instead of a command wirewatch does not have, when a newcomer would guess
    it; click's own answer names close spellings ('topic': 'topics')."""
    hint = GUESSES.get(name.casefold())
    return f"No such command {name!r}: {hint}; wirewatch help lists every command" if hint else None


def register(cli: click.Group) -> None:
    cli.add_command(help_)


@click.command("help")
@click.argument("names", nargs=-1, metavar="[COMMAND]...")
@click.pass_context
def help_(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Show the help of wirewatch or of one of its commands, as -h does.

    \b
    Example:
        wirewatch help
        wirewatch help topics add
    """
    assert ctx.parent is not None
    shown = ctx.parent
    for name in names:
        group = shown.command
        found = group.get_command(shown, name) if isinstance(group, click.Group) else None
        if found is None:
            raise click.UsageError(_no_such(shown, name), ctx)
        shown = click.Context(found, info_name=name, parent=shown)
    click.echo(shown.get_help())


def _no_such(shown: click.Context, name: str) -> str:
    """Name the commands there are: the newcomer guessed one."""
    group = shown.command
    if not isinstance(group, click.Group):
        return f"{shown.command_path} has no commands under it; `{_help_of(shown)}` shows its help"
    there = ", ".join(group.list_commands(shown))
    return f"{shown.command_path} has no command {name!r}; its commands: {there}"


def _help_of(shown: click.Context) -> str:
    return "wirewatch help " + shown.command_path.split(" ", 1)[-1]
