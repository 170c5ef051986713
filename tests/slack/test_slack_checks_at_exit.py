"""The Add a topic form's bounded calls to Slack (the channel check, the user groups) never hold
up an exit: a real interpreter makes the call against a fake Slack that holds its answer until
the interpreter has ended (its client would wait ten minutes), gives up on it as a request
does, and ends: an exit that waited for the call would never come."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.stopping import LAST_RESORT_S

CALLS = {
    "conversations.info": "from bot.slack.membership import can_post_within\n"
                          "print(can_post_within(client, 'C0DESK', 0.2))",
    "usergroups.list": "from bot.slack.usergroups import user_groups\n"
                       "print(user_groups(client, wait=0.2))",
}


@pytest.mark.parametrize("method", sorted(CALLS))
def test_an_exit_does_not_wait_for_a_check_slack_never_answers(method):
    with FakeSlack() as fake:
        fake.hang(methods={method})
        script = ("from slack_sdk import WebClient\n"
                  f"client = WebClient(token={VALID_TOKEN!r}, base_url={fake.base_url!r}, "
                  "timeout=600)\n" + CALLS[method])
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            said = child.stdout.readline() if child.stdout else ""
            child.wait(timeout=LAST_RESORT_S)
        finally:
            child.kill()
            fake.unhang()
        assert fake.calls_to(method, ok_only=False), "the call was made"
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    assert "in time" in said or said.strip() == "[]", said
