"""A topic query typed on the command line whose word starts with a dash (`-strike`): click
took it for an unknown option ("No such option '-s'"); it is a query word, which the query's
own check then explains."""

from __future__ import annotations

import click


class QueryCommand(click.Command):
    """A command taking a QUERY: an unknown short option is read as the query's first word."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, list(args))
        except click.NoSuchOption as exc:
            at = _dash_word(args, exc.option_name)
            if at is None:
                raise
            return super().parse_args(ctx, [*args[:at], "--", *args[at:]])


def _dash_word(args: list[str], option: str) -> int | None:
    """Where the word click read as ``option`` (``-s`` of ``-strike``) is; None for a long
    option (``--dyas``), which stays a mistyped option."""
    if option.startswith("--") or "--" in args:
        return None
    return next((i for i, arg in enumerate(args) if arg.startswith(option)), None)
