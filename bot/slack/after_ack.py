"""A listener that fails after acknowledging: the failure goes to the error handler here, so
Bolt never takes the request for one nobody acknowledged.

Bolt's thread runner, on an exception from a command's or a click's listener that had already
acknowledged, sets the acknowledgement back to none; when the failure comes within the 10 ms
it polls in, the request is answered 404 "unhandled request" after 3 s (Slack shows the
person an error on top of the answer, and a server thread is held meanwhile)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_bolt.listener.custom_listener import CustomListener

ErrorHandler = Callable[..., None]
NEEDED = ("ack", "body", "respond", "context", "logger")


def failures_after_ack_said(app: App, on_error: ErrorHandler) -> None:
    """Wrap every listener Bolt does not acknowledge itself (commands, actions, views)."""
    for listener in app._listeners:
        if isinstance(listener, CustomListener) and not listener.auto_acknowledgement:
            _wrap(listener, on_error)


def _wrap(listener: CustomListener, on_error: ErrorHandler) -> None:
    inner, wanted = listener.ack_function, list(listener.arg_names)

    @functools.wraps(inner)
    def run(**given: Any) -> Any:
        try:
            return inner(**{name: given[name] for name in wanted})
        except Exception as exc:
            if given["ack"].response is None:
                raise  # not acknowledged: Bolt answers it, as before
            on_error(exc, given["body"], given["respond"], given["context"], given["logger"])
            return None

    listener.ack_function = run
    listener.arg_names = list(dict.fromkeys([*wanted, *NEEDED]))
