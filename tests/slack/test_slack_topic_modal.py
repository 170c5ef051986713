"""/topics add with no arguments: a modal that previews what the query matches, then adds it."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from bot.models import RawArticle
from handlers.views.topic_view import PREVIEW, form_of
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.fakes.block_kit import view_problems
from tests.fakes.interactive import view_action_body, view_submission_body
from tests.fakes.signing import command_body, post_signed
from tests.slack.conftest import events_url, wait_for

PORT = ("Dockworkers strike at Northhaven port\n\nDockworkers at Northhaven port went on strike "
        "on Monday over crane safety. The port handles a third of the region's freight.")
CHOIR = "Choir wins regional prize\n\nThe town choir won the regional prize on Saturday."


def typed(name: str, query: str) -> dict:
    """The name and query typed; every other field left as the form opened (the fake Slack
    sends their initial values, as Slack does)."""
    return {"name": {"value": {"type": "plain_text_input", "value": name}},
            "query": {"value": {"type": "plain_text_input", "value": query}}}


def fill(name: str, query: str, channel: str | None = None) -> dict:
    """The name and query typed and the channel chosen (None: the field emptied)."""
    return {**typed(name, query), "channel": {"value": {"type": "conversations_select",
                                                        "selected_conversation": channel}}}


def open_modal(runtime, fake_slack) -> dict:
    body = command_body("/topics", "add", response_url=fake_slack.response_url(),
                        channel="C0DESK")
    assert post_signed(events_url(runtime), body).status == 200
    [call] = wait_for(lambda: fake_slack.calls_to("views.open"))
    assert call.params["trigger_id"] == parse_qs(body)["trigger_id"][0]
    return next(iter(fake_slack.modals.values()))


def test_modal_previews_matches_then_adds_and_subscribes(runtime, fake_slack, pipeline,
                                                         fresh_db):
    list(pipeline.ingest([RawArticle(text=PORT, origin="p1"), RawArticle(text=CHOIR, origin="c1")]))
    modal = open_modal(runtime, fake_slack)
    assert view_problems(modal) == []
    assert [b.get("block_id") for b in modal["blocks"][:3]] == ["name", "query", "channel"]
    assert modal["blocks"][2]["element"]["initial_conversation"] == "C0DESK"

    values = fill("Port strike", "strike AND (port OR dock*)", "C0DESK")
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW))
    [update] = wait_for(lambda: fake_slack.calls_to("views.update"))
    assert update.params["hash"] == modal["hash"]
    shown = fake_slack.modals[modal["id"]]
    assert view_problems(shown) == []
    text = json.dumps(shown["blocks"], ensure_ascii=False)
    assert "Would have matched 1 story of the last 7 days" in text and "· 1 article ·" in text
    assert "Dockworkers strike at Northhaven port" in text and "Choir" not in text
    assert "matched strike in title; port in title" in text
    assert shown["blocks"][0]["element"]["initial_value"] == "Port strike"
    assert get_topic(fresh_db, "Port strike") is None, "a preview adds nothing"

    reply = post_signed(events_url(runtime), view_submission_body(shown, values))
    answer = json.loads(reply.body)
    assert answer["response_action"] == "update" and view_problems(answer["view"]) == []
    done = json.dumps(answer["view"], ensure_ascii=False)
    assert "Tracking *Port strike*" in done and "Already matches 1 running story" in done
    assert "Dockworkers strike at Northhaven port" in done
    topic = get_topic(fresh_db, "Port strike")
    assert topic is not None and topic.query == "strike AND (port OR dock*)"
    [sub] = subscriptions_of(fresh_db, ["C0DESK"])
    assert (sub.topic, sub.mode) == ("Port strike", "realtime")


def test_bad_query_is_shown_at_the_field_and_in_the_preview(runtime, fake_slack, fresh_db):
    modal = open_modal(runtime, fake_slack)
    values = fill("Port strike", "strike AND (port")
    reply = post_signed(events_url(runtime), view_submission_body(modal, values))
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["query"]
    assert "(at character" in answer["errors"]["query"]
    assert get_topic(fresh_db, "Port strike") is None
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    assert "The query has a problem" in json.dumps(fake_slack.modals[modal["id"]]["blocks"])


def test_existing_name_is_refused_at_the_name_field(runtime, fake_slack, fresh_db):
    modal = open_modal(runtime, fake_slack)
    first = post_signed(events_url(runtime), view_submission_body(modal, fill("Rates", "")))
    assert json.loads(first.body)["response_action"] == "update"
    topic = get_topic(fresh_db, "Rates")
    assert topic is not None and topic.query == "Rates"
    again = json.loads(post_signed(events_url(runtime),
                                   view_submission_body(modal, fill("rates", "x"))).body)
    assert again["response_action"] == "errors"
    assert again["errors"]["name"] == ("“Rates” already exists; /topics edit changes its query, "
                                       "keeping its subscriptions.")  # was "topic 'rates' …"


def test_only_admins_open_or_submit_the_topic_modal(runtime, fake_slack, fresh_db):
    body = command_body("/topics", "add", response_url=fake_slack.response_url(),
                        user="U0MEMBER")
    assert post_signed(events_url(runtime), body).status == 200
    [refusal] = wait_for(lambda: fake_slack.responses())
    assert "wirewatch admins" in refusal["text"] and fake_slack.calls_to("views.open") == []
    modal = open_modal(runtime, fake_slack)
    forged = post_signed(events_url(runtime),
                         view_submission_body(modal, fill("Rates", ""), user="U0MEMBER"))
    assert json.loads(forged.body)["response_action"] == "errors"
    assert get_topic(fresh_db, "Rates") is None


def test_a_channel_the_bot_cannot_post_in_is_refused_at_the_channel_field(runtime, fake_slack,
                                                                         fresh_db):
    fake_slack.add_channel("C0PRIV", private=True, member=False)
    fake_slack.add_channel("C0OLD").archived = True
    modal = open_modal(runtime, fake_slack)
    for channel, says in (("C0PRIV", "/invite @wirewatch"), ("C0OLD", "archived")):
        reply = post_signed(events_url(runtime),
                            view_submission_body(modal, fill("Rates", "", channel)))
        answer = json.loads(reply.body)
        assert answer["response_action"] == "errors", answer
        assert list(answer["errors"]) == ["channel"] and says in answer["errors"]["channel"]
        assert len(answer["errors"]["channel"]) <= 150
        assert get_topic(fresh_db, "Rates") is None and subscriptions_of(fresh_db, [channel]) == []
    fake_slack.add_channel("C0OPEN", member=False)
    reply = post_signed(events_url(runtime), view_submission_body(modal, fill("Rates", "",
                                                                               "C0OPEN")))
    assert json.loads(reply.body)["response_action"] == "update"
    assert fake_slack.channel("C0OPEN").bot_in, "a public channel is joined, as /subscribe does"
    assert [s.topic for s in subscriptions_of(fresh_db, ["C0OPEN"])] == ["Rates"]


def test_the_preset_channel_is_subscribed_only_while_the_person_leaves_it(runtime, fake_slack,
                                                                         fresh_db):
    """The form opens with the channel it was typed in; left alone, Slack sends it back and it
    is subscribed; emptied, Slack sends null and no channel is (the answer says how to
    subscribe one later), also after a preview, which keeps the field empty."""
    modal = open_modal(runtime, fake_slack)
    answer = json.loads(post_signed(events_url(runtime), view_submission_body(
        modal, typed("Rates", "rates"))).body)
    assert answer["response_action"] == "update" and "<#C0DESK> gets its alerts" in \
        json.dumps(answer["view"]), answer
    assert [s.topic for s in subscriptions_of(fresh_db, ["C0DESK"])] == ["Rates"]

    cleared = fill("Port strike", "strike")
    post_signed(events_url(runtime), view_action_body(modal, cleared, PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    shown = fake_slack.modals[modal["id"]]
    channel_field = next(b for b in shown["blocks"] if b.get("block_id") == "channel")
    assert "initial_conversation" not in channel_field["element"], "the preview presets it again"
    for view, values in ((modal, cleared), (shown, typed("Port strike", "strike"))):
        name = "Port strike" if view is modal else "Port strike 2"
        values = {**values, "name": {"value": {"type": "plain_text_input", "value": name}}}
        answer = json.loads(post_signed(events_url(runtime),
                                        view_submission_body(view, values)).body)
        assert answer["response_action"] == "update", answer
        assert "Subscribe a channel with `/subscribe" in json.dumps(answer["view"]), answer
        assert get_topic(fresh_db, name) is not None
    assert [s.topic for s in subscriptions_of(fresh_db, ["C0DESK"])] == ["Rates"]


def test_the_preset_counts_only_when_the_channel_field_is_missing_from_the_state():
    preset = {"private_metadata": '{"channel": "C0DESK"}'}
    assert form_of({**preset, "state": {"values": {}}}).channel == "C0DESK"
    emptied = {"channel": {"value": {"type": "conversations_select",
                                     "selected_conversation": None}}}
    assert form_of({**preset, "state": {"values": emptied}}).channel is None


def test_a_full_width_name_in_the_form_is_read_in_its_plain_letters():
    typed = {"name": {"value": {"type": "plain_text_input", "value": " Ｐｏｒｔ strike "}}}
    assert form_of({"state": {"values": typed}}).name == "Port strike"

def test_a_preview_clicked_by_anyone_but_an_admin_shows_no_story(runtime, fake_slack, pipeline,
                                                                 fresh_db):
    """**Preview matches** searches every story of the last days, whatever channels follow it:
    a guest's signed click on it (a forged one, or one made a guest after the form opened)
    sees who may add topics, never a story's title."""
    fake_slack.add_user("U0GUEST", guest=True)
    list(pipeline.ingest([RawArticle(text=PORT, origin="p1")]))
    modal = open_modal(runtime, fake_slack)
    values = fill("Port strike", "strike", "C0DESK")
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW, user="U0GUEST"))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    refused = fake_slack.modals[modal["id"]]
    text = json.dumps(refused["blocks"], ensure_ascii=False)
    assert "Northhaven" not in text and "Only wirewatch admins" in text, text
    post_signed(events_url(runtime), view_action_body(refused, values, PREVIEW))
    wait_for(lambda: len(fake_slack.calls_to("views.update")) == 2)
    assert "Northhaven" in json.dumps(fake_slack.modals[modal["id"]]["blocks"])


def test_a_name_of_marks_alone_is_refused_at_the_name_field(runtime, fake_slack, fresh_db):
    """Before: the form added '...' with the query strike, and '...' without a query (its
    default query has no word) failed the submission with no answer to the form."""
    modal = open_modal(runtime, fake_slack)
    for query in ("strike", ""):
        reply = post_signed(events_url(runtime), view_submission_body(modal, fill("...", query)))
        assert reply.status == 200, reply.body
        answer = json.loads(reply.body)
        assert answer["response_action"] == "errors" and list(answer["errors"]) == ["name"]
        assert "a topic's name needs a letter or a digit" in answer["errors"]["name"], answer
    assert get_topic(fresh_db, "...") is None


def test_a_name_without_a_word_to_search_asks_for_a_query_at_its_field(runtime, fake_slack,
                                                                      fresh_db):
    """Before: 'The' with no query (its default query has no word: 'the' is skipped) failed
    the submission with no answer to the form, and its preview showed nothing."""
    modal = open_modal(runtime, fake_slack)
    reply = post_signed(events_url(runtime), view_submission_body(modal, fill("The", "")))
    assert reply.status == 200, reply.body
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["query"]
    assert "the topic name has no words to search for" in answer["errors"]["query"], answer
    assert get_topic(fresh_db, "The") is None
    post_signed(events_url(runtime), view_action_body(modal, fill("The", ""), PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    shown = json.dumps(fake_slack.modals[modal["id"]]["blocks"])
    assert "the topic name has no words to search for" in shown, shown
