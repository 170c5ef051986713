"""A process that only delivers the outbox, for tests that kill it with SIGKILL mid-delivery.

Run as ``python -m tests.slack.deliver_loop DB_PATH API_URL [TIMEOUT]``; prints "ready" once
started. TIMEOUT: seconds the client waits for an answer (the runtime's 10 by default), which
sets how long a try whose answer never came waits to be looked for (slack_clock.late_waits).
"""

from __future__ import annotations

import sys
import time

from slack_sdk import WebClient

from bot.alerts.sender import AlertSender
from bot.alerts.slack_clock import late_waits
from storage.db import open_db
from tests.fakes.slack_api import VALID_TOKEN


def main() -> None:
    db = open_db(sys.argv[1])
    timeout = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    late_wait, late_window = late_waits(timeout)
    sender = AlertSender(WebClient(token=VALID_TOKEN, base_url=sys.argv[2], timeout=timeout,
                                   retry_handlers=[]),
                         per_channel_interval=0.0, late_wait=late_wait, late_window=late_window)
    print("ready", flush=True)
    while True:
        if sender.deliver(db) == 0:
            time.sleep(0.01)


if __name__ == "__main__":
    main()
