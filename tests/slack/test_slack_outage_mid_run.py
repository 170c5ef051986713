"""Slack's Web API going down after it first answered is the run's outage, not each alert's: the
first call that finds it down (refused connections, 503, a dropped connection after Slack read
the request) says so once (a WARNING, `GET /health` 503 with since when), delivery waits while
the next alert due alone asks with backoff (after a Retry-After when Slack gave one), one
WARNING says it is back, and the queue drains in order, each alert posted once (the real `wirewatch run` in a
process, the fake Slack Web API, POST /ingest over real HTTP, the real spaCy model, a real
SQLite file)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing

import pytest

from storage.alerts import pending_alerts
from storage.articles import now_iso
from storage.db import open_db, transaction
from storage.outbox_waiting import why_waiting
from storage.subscriptions import subscribe
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import health_of, wait_for
from tests.slack.test_slack_first_run import (
    ingest_over_http,
    live_run,
    next_line,
    slack_env,
    wirewatch,
)

TOKEN = "desk-ingest-token-of-the-mid-run-outage-test"
TITLES = ("Bin crews in Ashcombe walk out over overtime cuts",
          "Lightning strike sets fire to a barn near Holloway",
          "Museum opens a glass walkway over the Roman baths at Carrow",
          "Chess final in Varna turns on a late knight strike")
TEXTS = ("Bin collections stopped across Ashcombe on Monday after crews walked out over cuts "
         "to overtime, their union said.",
         "A thatched barn outside Holloway burned down on Tuesday night after lightning hit "
         "it during a storm; firefighters saved the farmhouse beside it.",
         "Visitors to Carrow can now look down on the Roman baths from a glass walkway the "
         "museum opened on Wednesday, after three years of building work.",
         "Grandmaster Ilse Maran won the Varna chess final on Thursday with a knight sacrifice "
         "in the last minutes of the deciding game.")
ARTICLES = [{"title": title, "text": text, "source": "Valley Courier", "published": now_iso()}
            for title, text in zip(TITLES, TEXTS, strict=True)]
Fault = Callable[[FakeSlack], None]
FAULTS: dict[str, tuple[Fault, Fault, bool]] = {
    # (start it, end it, whether /health is seen 503 while it lasts)
    "connections refused": (lambda s: s.refuse_connections(),
                            lambda s: s.accept_connections(), True),
    "503": (lambda s: s.go_down(), lambda s: s.come_up(), True),
    "dropped after Slack read the post": (
        lambda s: s.drop_next(1, methods={"chat.postMessage"}), lambda s: None, False),
}
QUICK_TIMEOUT = "3"
"""The run's Slack client timeout (s): a post whose answer was dropped is looked for three of
them on (30 s at the default), and nothing here waits on a slow answer."""
DOWN_SAID = "Slack's Web API stopped answering"
BACK_SAID = "Slack's Web API answers"


def desk_env(db_path, fake_slack: FakeSlack) -> dict[str, str]:
    """A topic every article here matches, followed by one channel; the run's environment."""
    env = {**slack_env(db_path, fake_slack.base_url), "WIREWATCH_INGEST_TOKEN": TOKEN}
    assert wirewatch("topics", "add", "Strikes", "strike* OR walk*", env=env).returncode == 0
    with closing(open_db(db_path)) as db, transaction(db):
        subscribe(db, topic_id=1, target_type="channel", target_id="C0DESK", mode="realtime",
                  created_by=None, at=now_iso())
    return env


def drained(db_path, fake_slack: FakeSlack, posts: int) -> None:
    """Wait until the outbox holds no alert to send (each one posted and marked sent, or
    given up), so the sender's later passes have nothing left to post and the count is final;
    or until #desk has more than ``posts`` posts already (one said twice)."""
    def empty() -> bool:
        with closing(open_db(db_path, migrate=False)) as db:
            return not pending_alerts(db)
    wait_for(lambda: len(fake_slack.posts("C0DESK")) > posts or empty())


def next_tries(db_path) -> dict[int, str | None]:
    """When the outbox will next try each channel's first waiting alert."""
    with closing(open_db(db_path, migrate=False)) as db:
        return {row.id: row.next_attempt_at for row in pending_alerts(db)}


def asked_again(db_path) -> None:
    """Wait until the run asked Slack again in its outage: the alert that asks for all was
    tried once more and given a later try (``Reach.due``'s backoff)."""
    before = next_tries(db_path)
    wait_for(lambda: next_tries(db_path) != before)


def queued(run, article: dict) -> None:
    """POST /ingest of an article that starts a story, its alert queued."""
    assert ingest_over_http(run.port, article, token=TOKEN, wait=30)["verdict"] == "new"
    assert next_line(run.lines, "· ").endswith("”: 1 alert queued for Slack\n")


def _posted_titles(fake_slack: FakeSlack) -> list[str]:
    """The article titles of the desk's posts, in the order Slack took them."""
    texts = [m.text for m in fake_slack.posts("C0DESK")]
    return [title for text in texts for title in TITLES if title in text]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_outage_after_slack_answered_is_said_once_and_the_queue_drains_once_in_order(
        db_path, fake_slack: FakeSlack, fault: str):
    """Before: the run said nothing of the outage (`/health` 200 all along, no WARNING) and
    each alert failed and was tried again on its own backoff."""
    start, end, seen_down = FAULTS[fault]
    env = {**desk_env(db_path, fake_slack), "WIREWATCH_SLACK_TIMEOUT": QUICK_TIMEOUT}
    with live_run(env) as run:
        queued(run, ARTICLES[0])
        wait_for(lambda: _posted_titles(fake_slack) == [TITLES[0]])
        start(fake_slack)
        for article in ARTICLES[1:]:
            queued(run, article)
        if seen_down:
            wait_for(lambda: health_of(run.port)[0] == 503)
            said = health_of(run.port)[1]
            assert "no longer reachable" in said["reason"] and said["since"], said
            asked_again(db_path)
            assert _posted_titles(fake_slack) == [TITLES[0]]
            with closing(open_db(db_path, migrate=False)) as db:
                assert why_waiting(db, now=now_iso()).pending == len(TITLES) - 1
            end(fake_slack)
        wait_for(lambda: len(_posted_titles(fake_slack)) >= len(TITLES))
        assert health_of(run.port)[0] == 200
        drained(db_path, fake_slack, len(TITLES))
        assert _posted_titles(fake_slack) == list(TITLES)
    said_once_calmly(run)


def said_once_calmly(run) -> None:
    """The run exited well and its log said the outage once as it began and once as it ended,
    each a WARNING, with no ERROR line nor traceback (the SDK's "Failed to send a request"
    before our WARNING was one)."""
    assert run.returncode in (0, -15), run.err
    down = [line for line in run.err.splitlines() if DOWN_SAID in line]
    back = [line for line in run.err.splitlines() if BACK_SAID in line]
    assert len(down) == 1 and "WARNING" in down[0], run.err
    assert len(back) == 1 and "WARNING" in back[0], run.err
    alarms = [line for line in run.err.splitlines() if " ERROR " in line or "Traceback" in line]
    assert not alarms, run.err


def test_slack_down_with_a_retry_after_is_asked_again_only_after_it(db_path,
                                                                    fake_slack: FakeSlack):
    """A 503 naming a Retry-After: nothing is asked of Slack again before it has passed."""
    env = desk_env(db_path, fake_slack)
    with live_run(env) as run:
        queued(run, ARTICLES[0])
        wait_for(lambda: _posted_titles(fake_slack) == [TITLES[0]])
        fake_slack.go_down(retry_after=6)
        queued(run, ARTICLES[1])
        wait_for(lambda: health_of(run.port)[0] == 503)
        [refused, *_] = [c for c in fake_slack.calls if c.status == 503]
        wait_for(lambda: fake_slack.calls[-1].at > refused.at)
        [asked, *_] = [c for c in fake_slack.calls if c.at > refused.at]
        assert asked.at - refused.at >= 5.5, (asked.method, asked.at - refused.at)
        fake_slack.come_up()
        wait_for(lambda: len(_posted_titles(fake_slack)) >= 2)
        drained(db_path, fake_slack, 2)
        assert _posted_titles(fake_slack) == list(TITLES[:2])
