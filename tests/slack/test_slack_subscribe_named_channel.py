"""`/subscribe` naming a channel (`/subscribe #pub Port strike`, as a new admin types it from
another channel) says where to type it, not that no topic is named so (signed slash commands
over HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.quote_subscriptions import quote_subscriptions_of
from storage.subscriptions import subscriptions_of
from tests.slack.conftest import run_command


@pytest.mark.parametrize("verb,text,again", [
    ("/subscribe", "<#C0PUB|pub> Port strike", '/subscribe "Port strike"'),
    ("/subscribe", "Port strike <#C0PUB|pub>", '/subscribe "Port strike"'),
    ("/subscribe", "<#C0PUB|> Port strike hourly", '/subscribe "Port strike" hourly'),
    ("/subscribe", "me Prot strike <#C0PUB|pub>", '/subscribe "Port strike"'),
    ("/unsubscribe", "Port strike in <#C0PUB|pub>", '/unsubscribe "Port strike"'),
])
def test_a_channel_named_in_the_command_is_told_where_to_type_it(runtime, fake_slack, fresh_db,
                                                                 verb, text, again):
    """Before: "No topic named “<#C0PUB|pub> Port strike”" (the channel shown as its raw
    mention), or, the channel named last, "“<#C0PUB|pub>” is not how often": a new admin
    looked for a typo in the topic. Now the command to type and the channel to type it in;
    nothing subscribed anywhere."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Port strike", query="strike AND port")
    said = run_command(runtime, fake_slack, verb, text, channel="C0DESK")["text"]
    assert f"type `{again}` in <#C0PUB> itself" in said, said
    assert "Nothing was changed" in said and "No topic named" not in said
    assert subscriptions_of(fresh_db, ["C0DESK", "C0PUB", "U0REPORTER"]) == []


@pytest.mark.parametrize("verb,text,again", [
    ("/subscribe", 'quotes person:"Ada Brandt" <#C0PUB|pub>',
     '/subscribe quotes person:"Ada Brandt"'),
    ("/subscribe", "quotes person:Brandt hourly in <#C0PUB|pub> notify <@U0ANNA|anna>",
     "/subscribe quotes person:Brandt hourly notify @anna"),
    ("/subscribe", "me quotes <#C0PUB|> person:Brandt", "/subscribe quotes person:Brandt"),
    ("/unsubscribe", "quotes person:Brandt <#C0PUB|pub>", "/unsubscribe quotes person:Brandt"),
])
def test_a_channel_named_in_a_quotes_command_is_told_where_to_type_it(
        runtime, fake_slack, fresh_db, verb, text, again):
    """Before: the mention read as words of the query, the quotes followed in the channel
    typed in ("This channel will get each new quote for `person:Brandt <#C0PUB|pub>`"), or
    "This channel did not follow quotes for …". Now as the topics path says it; nothing
    followed anywhere."""
    said = run_command(runtime, fake_slack, verb, text, channel="C0DESK")["text"]
    assert f"type `{again}` in <#C0PUB> itself" in said, said
    assert "Nothing was changed" in said
    assert quote_subscriptions_of(fresh_db, ["C0DESK", "C0PUB", "U0REPORTER"]) == []
