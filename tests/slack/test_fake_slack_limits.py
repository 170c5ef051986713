"""The fake Slack refuses oversized blocks as Slack does (invalid_blocks), through every method
wirewatch posts blocks with: a test of a builder's limits is only as good as this. Before,
chat.postEphemeral took any blocks."""

from __future__ import annotations

import json
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.stopping import LAST_RESORT_S

SECTION = [{"type": "section", "text": {"type": "mrkdwn", "text": "w" * 3001}}]
HEADER = [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]
MANY = [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {n}"}} for n in range(51)]
OVERSIZED = {"section": SECTION, "header": HEADER, "blocks": MANY}


@pytest.mark.parametrize("method", ["chat_postMessage", "chat_postEphemeral"])
@pytest.mark.parametrize("blocks", list(OVERSIZED), ids=list(OVERSIZED))
def test_the_fake_slack_refuses_blocks_past_slacks_limits(fake_slack: FakeSlack, method: str,
                                                          blocks: str) -> None:
    fake_slack.add_channel("C0LIMITS")
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    post = getattr(client, method)
    with pytest.raises(SlackApiError) as refused:
        post(channel="C0LIMITS", user="U0READER", text="fallback", blocks=OVERSIZED[blocks])
    assert refused.value.response["error"] == "invalid_blocks"
    fits = [{"type": "section", "text": {"type": "mrkdwn", "text": "fits"}}]
    assert post(channel="C0LIMITS", user="U0READER", text="fallback", blocks=fits)["ok"]


@pytest.mark.parametrize("blocks", list(OVERSIZED), ids=list(OVERSIZED))
def test_the_fake_slacks_response_url_refuses_blocks_past_slacks_limits(
        fake_slack: FakeSlack, blocks: str) -> None:
    body = json.dumps({"text": "fallback", "blocks": OVERSIZED[blocks]}).encode()
    request = urllib.request.Request(fake_slack.response_url(), data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=LAST_RESORT_S) as answer:
        assert json.loads(answer.read())["error"] == "invalid_blocks"
    assert fake_slack.refused_responses == ["invalid_blocks"]
