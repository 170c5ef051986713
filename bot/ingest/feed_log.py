"""The logger every step of a feed's poll writes to, and how a feed's text is shown on it."""

from __future__ import annotations

import logging

from bot.ingest.bounds import shown_origin
from bot.redact import redact

log = logging.getLogger("bot.ingest.feeds")
"""One name for the whole poll, whichever module says it: what a log filters on stays put."""


def shown(text: str) -> str:
    """A link, guid or error from a feed as a log line shows it: credentials masked and bounded
    as an origin is (a hostile feed's link of a megabyte is not a log line of a megabyte)."""
    return shown_origin(redact(text))
