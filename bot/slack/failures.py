"""What a listener's failure tells the person and the log (Bolt's error handler, and a
listener that failed after acknowledging: ``bot.slack.after_ack``)."""

from __future__ import annotations

import logging

from slack_bolt import BoltContext

from bot.slack.services import CONTEXT_KEY

SORRY = "Sorry, that did not work. Nothing was changed; try again, or ask your Slack admin."


def on_error(error: Exception, body: dict, respond, context: BoltContext,
             logger: logging.Logger) -> None:
    """Last resort: log what failed and tell the person, never with a stack trace in Slack.

    A request that failed before it was verified (say, a timestamp that is not a number) is
    never answered: its response_url is whatever the sender wrote.
    """
    verified = CONTEXT_KEY in context
    logger.error("%s failed on a %s request: %s: %s", "listener" if verified else
                 "unverified request", body.get("type") or "command",
                 error.__class__.__name__, error)
    if verified and body.get("response_url"):
        try:
            respond(text=SORRY, response_type="ephemeral", replace_original=False)
        except Exception as exc:  # answering is best effort once something failed
            logger.warning("could not tell the user about the failure: %s", exc)
