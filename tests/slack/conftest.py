"""Fixtures for the Slack tests: a fake Slack Web API and the real runtime on port 0."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import pytest

from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.fakes.signing import REPORTER, SECRET, command_body, event_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.stopping import LAST_RESORT_S, wait_for


class Listening(Protocol):
    """Where the app's HTTP server listens: a started SlackRuntime, or `wirewatch run`."""

    @property
    def port(self) -> int: ...


@pytest.fixture
def t0() -> datetime:
    """An hour after the test starts, so after every alert it queues: taken as it starts, not
    at import (a test run an hour after collection found its alerts not due yet)."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)


@pytest.fixture
def at(t0: datetime) -> Callable[[float], datetime]:
    """The moment ``seconds`` after ``t0``, for a test's passes of the sender."""
    return lambda seconds: t0 + timedelta(seconds=seconds)


@pytest.fixture
def fake_slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def slack_settings(settings: Settings, fake_slack: FakeSlack) -> Settings:
    """The reporter who sends the tests' commands is a wirewatch admin (WIREWATCH_ADMINS)."""
    return replace(settings, slack_bot_token=VALID_TOKEN, slack_signing_secret=SECRET,
                   slack_api_url=fake_slack.base_url, port=0, host="127.0.0.1",
                   admins=(REPORTER,))


@pytest.fixture
def topic(fresh_db) -> int:
    """The desk's topic, "Port strike" (dockworkers): a file wanting another defines its own."""
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Port strike", query="dockworkers")


@contextmanager
def started(settings: Settings, **kw: Any) -> Iterator[SlackRuntime]:
    """A run of the bot on ``settings`` (``kw``: SlackRuntime's own), stopped after the block
    whatever the test does: the start, try and stop a restart test wrote for each run."""
    rt = SlackRuntime(settings, **kw)
    rt.start()
    try:
        yield rt
    finally:
        rt.stop()


@pytest.fixture
def runtime(slack_settings: Settings, fresh_db):
    with started(slack_settings) as rt:
        yield rt


def events_url(rt: Listening) -> str:
    return f"http://127.0.0.1:{rt.port}/slack/events"


def run_command(rt: Listening, fake: FakeSlack, command: str, text: str, **kw) -> dict:
    """Send a signed slash command; return what the app answered through response_url."""
    before = len(fake.responses())
    body = command_body(command, text, response_url=fake.response_url(), **kw)
    reply = post_signed(events_url(rt), body)
    assert reply.status == 200, reply
    return wait_for(lambda: fake.responses()[before:])[0]


def open_home(rt: Listening, user: str = REPORTER, event_ts: str = "1700000000.000100") -> None:
    """``user`` opens their App Home (a signed app_home_opened), which the app accepts."""
    event = {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home",
             "event_ts": event_ts}
    reply = post_signed(events_url(rt), event_body(event), content_type="application/json")
    assert reply.status == 200, reply


def app_home(rt: Listening, fake: FakeSlack, user: str = REPORTER,
             event_ts: str = "1700000000.000100") -> str:
    """Open ``user``'s App Home; the first view published for them after, as JSON text. Only
    where no earlier action of theirs may still be refreshing it: else ``home_after``."""
    before = len(fake.calls_to("views.publish"))
    open_home(rt, user, event_ts)
    return wait_for(lambda: _homes_of(fake, user, before))[0]


def home_after(rt: Listening, fake: FakeSlack, user: str, event_ts: str,
               settled: Callable[[str], bool]) -> str:
    """Open ``user``'s App Home; the latest view published for them once ``settled`` holds of
    it. A refresh an earlier action began may land after the event (each listener has its own
    thread), so the first publish is not always the event's; the event's is the last."""
    before = len(fake.calls_to("views.publish"))
    open_home(rt, user, event_ts)
    try:
        return wait_for(lambda: (homes := _homes_of(fake, user, before)) and
                        settled(homes[-1]) and homes[-1])
    except AssertionError as waited:
        latest = _homes_of(fake, user, before)[-1:]
        raise AssertionError(f"{waited}; the latest view: {latest}") from waited


def _homes_of(fake: FakeSlack, user: str, before: int) -> list[str]:
    """The views published for ``user`` since the ``before``-th publish, as JSON text."""
    return [json.dumps(call.params["view"], ensure_ascii=False)
            for call in fake.calls_to("views.publish")[before:]
            if call.params.get("user_id") == user]


def health_of(port: int) -> tuple[int, dict]:
    """GET /health of the run listening on ``port``: its status and what it said."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health",
                                    timeout=LAST_RESORT_S) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as unwell:
        return unwell.code, json.loads(unwell.read())


def into_the_next_second() -> None:
    """Wait until the wall clock is past its current second: what happens next is stamped in a
    later second than what happened before (stamps are whole seconds)."""
    second = int(time.time())
    wait_for(lambda: int(time.time()) > second)
