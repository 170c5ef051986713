"""`wirewatch run` stops promptly on SIGTERM even while a role lookup still waits for Slack:
a real process in Slack mode, a fake Slack whose users.info hangs, a signed slash command."""

from __future__ import annotations

import re
import time

from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from tests.fakes.signing import SECRET, command_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.slack.conftest import wait_for
from tests.sources.process import Running, clean_env

PROMPT = 5.0  # seconds: the Slack client's own timeout (10 s) must not hold up a stop


def test_a_stop_does_not_wait_for_a_role_lookup_slack_never_answers(db_path, processes):
    db = open_db(db_path)
    with transaction(db):
        add_topic(db, name="Harbour", query="harbour")
    with FakeSlack() as fake:
        fake.slow_down(60.0, methods={"users.info"})
        env = clean_env(SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                        WIREWATCH_SLACK_API_URL=fake.base_url, PORT="0",
                        WIREWATCH_HOST="127.0.0.1", PYTHONUNBUFFERED="1")
        running = Running(db_path, mode=(), env=env)
        processes.append(running)
        running.wait_for("ingest endpoint:")
        found = re.search(r"Slack \(port (\d+)\)", running.output)
        assert found, running.output
        body = command_body("/subscribe", "Harbour", response_url=fake.response_url(),
                            user="U0MEMBER")
        assert post_signed(f"http://127.0.0.1:{found.group(1)}/slack/events", body).status == 200
        [answer] = wait_for(fake.responses)
        assert "did not say in time" in answer["text"], answer
        assert fake.calls_to("users.info", ok_only=False), "the lookup is under way"
        started = time.monotonic()
        assert running.terminate() == 0
        took = time.monotonic() - started
    assert took < PROMPT, f"stopped {took:.1f} s after SIGTERM"
