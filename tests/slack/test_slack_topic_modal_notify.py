"""The Add a topic form's notify fields: the people and user groups the channel's alerts ping,
picked from Slack's lists (never @channel or @here), stored as `/subscribe TOPIC notify …`
stores them. Signed requests over real HTTP, the fake Slack."""

from __future__ import annotations

import json

from handlers.views.topic_view import PREVIEW
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.fakes.block_kit import view_problems
from tests.fakes.interactive import view_action_body, view_submission_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_sender import new_story
from tests.slack.test_slack_topic_modal import fill, open_modal

EUROPE = "S0EUROPE"


def with_notify(values: dict, people: list[str], groups: list[str] | None = None) -> dict:
    out = {**values, "notify": {"value": {"type": "multi_users_select",
                                          "selected_users": people}}}
    if groups is not None:
        out["notify_groups"] = {"value": {"type": "multi_static_select", "selected_options": [
            {"text": {"type": "plain_text", "text": f"@{g.lower()}"}, "value": g}
            for g in groups]}}
    return out


def submit(runtime, modal: dict, values: dict) -> dict:
    return json.loads(post_signed(events_url(runtime), view_submission_body(modal, values)).body)


def test_the_form_notifies_picked_people_and_groups_as_subscribe_notify_does(
        runtime, fake_slack, fresh_db, at):
    fake_slack.add_usergroup(EUROPE, ["U0ANNA"])
    modal = open_modal(runtime, fake_slack)
    assert view_problems(modal) == []
    blocks = {b.get("block_id"): b for b in modal["blocks"]}
    assert blocks["notify"]["element"]["type"] == "multi_users_select"
    group_field = blocks["notify_groups"]["element"]
    assert group_field["type"] == "multi_static_select"
    assert [o["value"] for o in group_field["options"]] == [EUROPE]

    values = with_notify(fill("Port strike", "strike AND port", "C0DESK"), ["U0ANNA", "U0BEN"],
                         [EUROPE])
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    shown = fake_slack.modals[modal["id"]]
    assert view_problems(shown) == []
    kept = {b.get("block_id"): b for b in shown["blocks"]}
    assert kept["notify"]["element"]["initial_users"] == ["U0ANNA", "U0BEN"]
    assert [o["value"] for o in kept["notify_groups"]["element"]["initial_options"]] == [EUROPE]

    answer = submit(runtime, shown, values)
    assert answer["response_action"] == "update", answer
    done = json.dumps(answer["view"], ensure_ascii=False)
    assert "notifies <@U0ANNA>, <@U0BEN>, <!subteam^S0EUROPE>" in done, done
    [sub] = subscriptions_of(fresh_db, ["C0DESK"])
    assert sub.notify == ("U0ANNA", "U0BEN", EUROPE)

    topic = get_topic(fresh_db, "Port strike")
    assert topic is not None
    new_story(fresh_db, topic.id, title="Dockworkers walk out at the port")
    runtime.deliver_pending(now=at(0))
    [alert] = fake_slack.posts("C0DESK")
    assert alert.text.startswith("<@U0ANNA> <@U0BEN> <!subteam^S0EUROPE> "), alert.text


def test_the_form_refuses_what_is_not_a_picked_person_or_group(runtime, fake_slack, fresh_db):
    fake_slack.add_usergroup(EUROPE, ["U0ANNA"])
    modal = open_modal(runtime, fake_slack)
    base = fill("Port strike", "strike", "C0DESK")
    outside = {**modal, "private_metadata": "{}"}  # opened outside a channel, none chosen
    for values, field, view in (
            (with_notify(base, [], ["!channel"]), "notify_groups", modal),
            (with_notify(base, ["here"]), "notify", modal),
            (with_notify(base, [f"U0P{n:02d}" for n in range(11)]), "notify", modal),
            (with_notify(fill("Port strike", "strike"), ["U0ANNA"]), "notify", outside)):
        answer = submit(runtime, view, values)
        assert answer["response_action"] == "errors" and list(answer["errors"]) == [field], \
            (values, answer)
        assert len(answer["errors"][field]) <= 150
    assert get_topic(fresh_db, "Port strike") is None
    assert subscriptions_of(fresh_db, ["C0DESK"]) == []


def test_without_user_groups_the_form_offers_people_only(runtime, fake_slack, fresh_db):
    fake_slack.refuse_method("usergroups.list", "missing_scope")
    modal = open_modal(runtime, fake_slack)
    ids = [b.get("block_id") for b in modal["blocks"]]
    assert "notify" in ids and "notify_groups" not in ids
    answer = submit(runtime, modal, with_notify(fill("Rates", "", "C0DESK"), ["U0ANNA"]))
    assert answer["response_action"] == "update"
    assert [s.notify for s in subscriptions_of(fresh_db, ["C0DESK"])] == [("U0ANNA",)]
