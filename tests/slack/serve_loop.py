"""A process that only serves Slack's requests (the real runtime over HTTP), for tests that
kill it with SIGKILL while something it says waits to be tried again.

Run as ``python -m tests.slack.serve_loop DB_PATH API_URL``; prints "ready PORT" once
serving."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from tests.fakes.signing import REPORTER, SECRET
from tests.fakes.slack_api import VALID_TOKEN


def main() -> None:
    settings = Settings(db_path=Path(sys.argv[1]), slack_bot_token=VALID_TOKEN,
                        slack_signing_secret=SECRET, slack_api_url=sys.argv[2], port=0,
                        host="127.0.0.1", admins=(REPORTER,), nlp_processes=0)
    runtime = SlackRuntime(settings)
    runtime.start()
    print(f"ready {runtime.port}", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
