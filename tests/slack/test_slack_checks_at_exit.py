"""The Add a topic form's bounded calls to Slack (the channel check, the user groups) never hold
up an exit: a real interpreter makes the call against a fake Slack that never answers, gives up
on it as a request does, and ends."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.fakes.slack_api import VALID_TOKEN, FakeSlack

PROMPT = 5.0  # seconds: the Slack client's own timeout (10 s) must not hold up the exit
CALLS = {
    "conversations.info": "from bot.slack.membership import can_post_within\n"
                          "print(can_post_within(client, 'C0DESK', 0.2))",
    "usergroups.list": "from bot.slack.usergroups import user_groups\n"
                       "print(user_groups(client, wait=0.2))",
}


@pytest.mark.parametrize("method", sorted(CALLS))
def test_an_exit_does_not_wait_for_a_check_slack_never_answers(method):
    with FakeSlack() as fake:
        fake.slow_down(60.0, methods={method})
        script = ("from slack_sdk import WebClient\n"
                  f"client = WebClient(token={VALID_TOKEN!r}, base_url={fake.base_url!r}, "
                  "timeout=10)\n" + CALLS[method])
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            said = child.stdout.readline() if child.stdout else ""
            gave_up = time.monotonic()  # the call was given up on: the script only ends now
            child.wait(timeout=30)
        finally:
            child.kill()
        took = time.monotonic() - gave_up
        assert fake.calls_to(method, ok_only=False), "the call was made"
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    assert "in time" in said or said.strip() == "[]", said
    assert took < PROMPT, f"the interpreter ended {took:.1f} s after giving up on the call"
