"""A topic query typed on the command line whose word starts with a dash (`-strike`, `-hike`):
click read it as short options run together ("No such option '-s'", `-hike` as -h -i -k -e,
`-quake` as -q uake); it is a query word, which the query's own check then explains. One that
begins with an option taking a value (`-qstrike`) reads two ways, -q strike or a word left out:
it is refused with both, as the command line's other glued options are refused."""

from __future__ import annotations

import click

from bot.stories.query import EXAMPLE_WORD


class QueryCommand(click.Command):
    """A command taking a QUERY: a word of one dash that is not one of its options as typed
    alone (``-q``, ``-h``) is the query's, never short options run together; ``--`` is put
    before it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = _options(self, ctx)
        at = _dash_word(args, options)
        if at is not None:
            if options.get(args[at][:2], False):
                raise click.UsageError(_two_readings(args[at], _long(self, ctx, args[at][:2])),
                                       ctx)
            args = [*args[:at], "--", *args[at:]]
        return super().parse_args(ctx, list(args))


def _options(command: click.Command, ctx: click.Context) -> dict[str, bool]:
    """Each option name of ``command`` (help's too) and whether a value follows it."""
    return {name: not param.is_flag for param in command.get_params(ctx)
            if isinstance(param, click.Option) for name in (*param.opts, *param.secondary_opts)}


def _long(command: click.Command, ctx: click.Context, short: str) -> str:
    """The option's long name (``--query`` for ``-q``), or the short one when it has none."""
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and short in param.opts:
            return max(param.opts, key=len)
    return short


def _two_readings(word: str, long: str) -> str:
    """``-qstrike``: the query strike given to -q, or the word qstrike left out."""
    value, left = word[2:], word[1:]
    return (f"'{word}' reads two ways: {word[:2]} {value} ({long} {value}), or {left} left "
            f"out, which a query writes NOT {left} after what to look for ({EXAMPLE_WORD} AND "
            f"NOT {left}); type the one you mean")


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
