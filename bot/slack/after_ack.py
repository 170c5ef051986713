"""A listener that fails after acknowledging: the failure is said here (``failures.on_error``),
so Bolt never takes the request for one nobody acknowledged.

Bolt's thread runner, on an exception from a command's or a click's listener that had already
acknowledged, sets the acknowledgement back to none; when the failure comes within the 10 ms
it polls in, the request is answered 404 "unhandled request" after 3 s (Slack shows the
person an error on top of the answer, and a server thread is held meanwhile). Every listener
Bolt does not acknowledge itself (commands, actions, views, shortcuts) is registered in
handlers/ as ``answered(handle)``: Bolt gives it its public ``Args``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from slack_bolt import Args

from bot.slack.failures import on_error


def answered(listener: Callable[..., Any]) -> Callable[[Args], Any]:
    """The listener, given the arguments it names, its failure after ack() said at once."""
    names = tuple(inspect.signature(listener).parameters)

    def run(args: Args) -> Any:
        try:
            return listener(**{name: getattr(args, name) for name in names})
        except Exception as exc:
            if args.ack.response is None:
                raise  # not acknowledged: Bolt answers it, as before
            on_error(exc, args.body, args.respond, args.context, args.logger)
            return None

    run.__name__ = run.__qualname__ = getattr(listener, "__name__", "listener")
    return run
