"""A topic query typed on the command line whose word starts with a dash (`-strike`, `-hike`):
click read it as short options run together ("No such option '-s'", `-hike` as -h -i -k -e,
`-quake` as -q uake); it is a query word, which the query's own check then explains."""

from __future__ import annotations

import click


class QueryCommand(click.Command):
    """A command taking a QUERY: a word of one dash that is not one of its options as typed
    alone (``-q``, ``-h``) is the query's, never short options run together; ``--`` is put
    before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        at = _dash_word(args, _options(self, ctx))
        if at is not None:
            args = [*args[:at], "--", *args[at:]]
        return super().parse_args(ctx, list(args))


def _options(command: click.Command, ctx: click.Context) -> dict[str, bool]:
    """Each option name of ``command`` (help's too) and whether a value follows it."""
    return {name: not param.is_flag for param in command.get_params(ctx)
            if isinstance(param, click.Option) for name in (*param.opts, *param.secondary_opts)}


def _dash_word(args: list[str], options: dict[str, bool]) -> int | None:
    """Where the first query word starting with one dash is, before any ``--`` and not the
    value of the option before it (``--query -hike``)."""
    for i, arg in enumerate(args):
        if arg == "--":
            return None
        if i and options.get(args[i - 1], False):
            continue
        if arg.startswith("-") and not arg.startswith("--") and len(arg) > 1 \
                and arg not in options:
            return i
    return None
