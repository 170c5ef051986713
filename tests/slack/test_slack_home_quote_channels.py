"""App Home lists the channel quote subscriptions a person set up, with the channel and whom
they notify, as it lists topic subscriptions; its Remove works on them, for that person only.
Signed /subscribe commands and App Home clicks against the fake Slack."""

from __future__ import annotations

import json

from handlers.home_view import HOME_QUOTES_REMOVE
from storage.quote_subscriptions import quote_subscriptions_of
from tests.fakes.block_kit import block_problems
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_home_controls import home_action, home_showing

EDITOR, OTHER = "U0ED", "U0OTHER"


def test_channel_quote_subscriptions_one_set_up_are_listed_and_removable(runtime, fake_slack,
                                                                         fresh_db):
    fake_slack.add_channel("C0DESK")
    for text, user in (('quotes person:"Ada Brandt" notify <@U0ANNA|anna>', EDITOR),
                       ('quotes person:"Ben Okafor"', OTHER),
                       ('me quotes person:"Cy Dore" daily', EDITOR)):
        answer = run_command(runtime, fake_slack, "/subscribe", text, user=user,
                             channel="C0DESK")
        assert "Nothing" not in answer["text"], answer
    home = home_showing(fake_slack, "Cy Dore")
    assert block_problems(home["blocks"], allow_links=True, max_blocks=100) == []
    shown = json.dumps(home["blocks"], ensure_ascii=False)
    assert "(as they appear) · <#C0DESK> · notifies <@U0ANNA>" in shown, shown
    assert "Cy Dore" in shown and "(as a daily digest) · by direct message" in shown
    assert "Ben Okafor" not in shown, "set up by someone else"

    [ada] = [q for q in quote_subscriptions_of(fresh_db, ["C0DESK"]) if "Ada" in q.query]
    [ben] = [q for q in quote_subscriptions_of(fresh_db, ["C0DESK"]) if "Ben" in q.query]
    published = len(fake_slack.calls_to("views.publish"))
    for n, (row, user) in enumerate(((ada, OTHER), (ben, EDITOR), (ada, EDITOR))):
        post_signed(events_url(runtime), home_action(
            {"action_id": HOME_QUOTES_REMOVE, "value": str(row.id), "type": "button",
             "action_ts": str(n)}, user=user))
    wait_for(lambda: {c.params["user_id"] for c in fake_slack.calls_to("views.publish")[published:]}
             == {OTHER, EDITOR} and "Ada Brandt" not in json.dumps(fake_slack.views[EDITOR]))
    remaining = [q.query for q in quote_subscriptions_of(fresh_db, ["C0DESK"])]
    assert remaining == ['person:"Ben Okafor"'], "only the one who set it up removes it"
    home = home_showing(fake_slack, "Cy Dore")
    assert "Ada Brandt" not in json.dumps(home["blocks"], ensure_ascii=False)
