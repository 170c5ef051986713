"""A query with AND inside an OR, unbracketed, is read with AND binding tighter: Slack says so
where the query is typed (/topics add and edit, the form's preview and its answer), as the CLI
does, so a desk's NOT that covers only one side of the OR is no surprise."""

from __future__ import annotations

import json

from handlers.views.topic_view import PREVIEW
from storage.topics import get_topic
from tests.fakes.interactive import view_action_body, view_submission_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_topic_modal import fill, open_modal

LOOSE = '"cycle lanes" OR bike* AND NOT source:"Harbour Gazette"'
READ_AS = 'read as: "cycle lanes" OR (bike* AND NOT source:"Harbour Gazette")'


def test_topics_add_and_edit_say_how_an_unbracketed_query_is_read(runtime, fake_slack,
                                                                 fresh_db):
    added = run_command(runtime, fake_slack, "/topics", f'add "Cycling" {LOOSE}')["text"]
    assert added.startswith("Tracking *Cycling*"), added
    assert READ_AS in added and "AND binds tighter than OR" in added, added
    edited = run_command(runtime, fake_slack, "/topics", f"edit Cycling tram* OR {LOOSE}")["text"]
    assert "*Cycling* now matches" in edited, edited
    assert 'read as: tram* OR "cycle lanes" OR (bike* AND NOT' in edited, edited
    plain = run_command(runtime, fake_slack, "/topics",
                        'edit Cycling ("cycle lanes" OR bike*) AND NOT source:X')["text"]
    assert "now matches" in plain and "read as" not in plain, plain


def test_the_forms_preview_and_answer_say_how_an_unbracketed_query_is_read(runtime, fake_slack,
                                                                         fresh_db):
    modal = open_modal(runtime, fake_slack)
    values = fill("Cycling", LOOSE)
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    shown = json.dumps(fake_slack.modals[modal["id"]]["blocks"], ensure_ascii=False)
    assert READ_AS.replace('"', '\\"') in shown, shown
    reply = post_signed(events_url(runtime), view_submission_body(
        fake_slack.modals[modal["id"]], values))
    done = json.dumps(json.loads(reply.body)["view"], ensure_ascii=False)
    assert "Tracking *Cycling*" in done and READ_AS.replace('"', '\\"') in done, done
    assert get_topic(fresh_db, "Cycling") is not None
