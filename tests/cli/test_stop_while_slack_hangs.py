"""`wirewatch run` stops promptly on SIGTERM even while a role lookup still waits for Slack:
a real process in Slack mode, a fake Slack whose users.info hangs, a signed slash command or a
click on an App Home control (which waits for the role after answering Slack). Slack holds the
lookup's answer until the run has ended and the client would wait ten minutes for it, so a stop
that waited for the lookup would never end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bot.stories.tracking import add_topic
from handlers.home_view import HOME_REMOVE, NOTICE
from storage.db import open_db, transaction
from storage.subscriptions import subscribe, subscriptions_of
from tests.fakes.signing import command_body, post_signed
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.test_slack_home_controls import home_action
from tests.sources.process import slack_run

WARM_UP = ("Ferry timetable changes\n\nThe island ferry will leave the harbour at seven "
           "instead of six from Monday, the operator said.\n")


def stop_while_users_info_hangs(db_path: Path, processes: list, fake: FakeSlack,
                                body: Callable[[], str], ready: Callable[[], object]) -> int:
    """The exit code of a `wirewatch run` that got ``body`` (signed) while Slack's users.info
    hangs, stopped once ``ready()`` holds and the role lookup is under way; Slack answers the
    lookup only after the run has ended. An article is stored first: a stop during start-up
    waits for the model to load."""
    fake.hang(methods={"users.info"})
    inbox = db_path.parent / "inbox"
    inbox.mkdir()
    running = slack_run(db_path, fake, processes, WIREWATCH_WATCH_FOLDER=str(inbox),
                        WIREWATCH_SLACK_TIMEOUT="600")
    running.wait_for("ingest endpoint:")
    (inbox / "note.tmp").write_text(WARM_UP, encoding="utf-8")
    (inbox / "note.tmp").rename(inbox / "note.txt")
    running.wait_for("Ferry timetable")
    assert post_signed(f"http://127.0.0.1:{running.slack_port}/slack/events",
                       body()).status == 200
    wait_for(ready)
    assert fake.calls_to("users.info", ok_only=False), "the lookup is under way"
    try:
        return running.terminate()
    finally:
        fake.unhang()


def test_a_stop_does_not_wait_for_a_role_lookup_slack_never_answers(db_path, processes):
    db = open_db(db_path)
    with transaction(db):
        add_topic(db, name="Harbour", query="harbour")
    with FakeSlack() as fake:
        code = stop_while_users_info_hangs(db_path, processes, fake, lambda: command_body(
            "/subscribe", "Harbour", response_url=fake.response_url(), user="U0MEMBER"),
            ready=fake.responses)
        [answer] = fake.responses()
        assert "did not say in time" in answer["text"], answer
    assert code == 0


def test_a_stop_does_not_wait_for_an_app_home_control_waiting_for_a_role(db_path, processes):
    """App Home's Remove waits for the role up to the client's timeout (it has answered Slack
    already): the stop ends that wait, nothing is changed, and App Home says to try again."""
    db = open_db(db_path)
    with transaction(db):
        topic = add_topic(db, name="Harbour", query="harbour")
        subscribe(db, topic_id=topic, target_type="user", target_id="U0ED", mode="realtime",
                  created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    with FakeSlack() as fake:
        code = stop_while_users_info_hangs(db_path, processes, fake, lambda: home_action(
            {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "1"}),
            ready=lambda: fake.calls_to("users.info", ok_only=False))
        notice = json.dumps(fake.views.get("U0ED"), ensure_ascii=False)
    assert code == 0
    assert NOTICE in notice and "stopping" in notice and "try again" in notice, notice
    assert len(subscriptions_of(db, ["U0ED"])) == 1
