"""Delivers the outbox until it is empty: the process the delivery crash tests SIGKILL.

Run as `python -m tests.hardening.delivery_driver` with WIREWATCH_DB, SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET and WIREWATCH_SLACK_API_URL set. Time is virtual (one pass per 1.05 s of it)
so Slack's pace of about one message a second per channel does not slow the test down.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from bot.config import load_settings
from bot.slack.runtime import SlackRuntime
from storage.alerts import pending_alerts

MAX_PASSES = 200_000


def main() -> int:
    runtime = SlackRuntime(load_settings(), verify_token=False)
    now = datetime.now(UTC)
    for _ in range(MAX_PASSES):
        if not pending_alerts(runtime.store.get()):
            print("outbox empty", flush=True)
            return 0
        print(runtime.deliver_pending(now=now), flush=True)
        now += timedelta(seconds=1.05)
    return 3


if __name__ == "__main__":
    sys.exit(main())
