"""A process that only delivers the outbox, for tests that kill it with SIGKILL mid-delivery.

Run as ``python -m tests.slack.deliver_loop DB_PATH API_URL``; prints "ready" once started.
"""

from __future__ import annotations

import sys
import time

from slack_sdk import WebClient

from bot.alerts.sender import AlertSender
from storage.db import open_db
from tests.fakes.slack_api import VALID_TOKEN


def main() -> None:
    db = open_db(sys.argv[1])
    sender = AlertSender(WebClient(token=VALID_TOKEN, base_url=sys.argv[2], retry_handlers=[]),
                         per_channel_interval=0.0)
    print("ready", flush=True)
    while True:
        if sender.deliver(db) == 0:
            time.sleep(0.01)


if __name__ == "__main__":
    main()
