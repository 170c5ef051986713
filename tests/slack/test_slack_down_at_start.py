"""`wirewatch run` started while Slack's Web API is down (answering 503) starts all the same:
it ingests and queues alerts, says Slack is not reachable yet (log, `/health`), asks again with
backoff, and posts every alert once when Slack answers (the real command in a process, the fake
Slack Web API, POST /ingest over real HTTP, the real spaCy model, a real SQLite file)."""

from __future__ import annotations

from contextlib import closing

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
from tests.slack.test_slack_outage_mid_run import drained

TOKEN = "desk-ingest-token-of-the-outage-test"
TRAMS = {"title": "Tram drivers in Kelmsford walk out over new rosters",
         "text": "Tram drivers in Kelmsford walked out on Saturday after talks over new rosters "
                 "broke down, their union said. Only two of the city's five tram lines ran.",
         "source": "Harbour Gazette", "published": now_iso()}
FERRY = {"title": "Ferry crews on the Venn estuary strike for a second day",
         "text": "Ferry crews on the Venn estuary stayed on strike on Sunday, leaving commuters "
                 "to drive the long way round the bay, the crews' union said.",
         "source": "Harbour Gazette", "published": now_iso()}


def ingested(port: int, article: dict) -> dict:
    return ingest_over_http(port, article, token=TOKEN, wait=30)


def test_a_run_started_while_slack_is_down_posts_each_alert_once_when_it_answers(
        db_path, fake_slack: FakeSlack):
    """Before: `wirewatch run` stopped at start-up ("Slack's Web API … is not answering (HTTP
    503)", exit 1), and with it ingest, until someone started it again by hand."""
    env = {**slack_env(db_path, fake_slack.base_url), "WIREWATCH_INGEST_TOKEN": TOKEN}
    assert wirewatch("topics", "add", "Strikes", "strike* OR walk*", env=env).returncode == 0
    with closing(open_db(db_path)) as db, transaction(db):
        subscribe(db, topic_id=1, target_type="channel", target_id="C0DESK", mode="realtime",
                  created_by=None, at=now_iso())
    fake_slack.go_down()
    with live_run(env) as run:
        status, said = health_of(run.port)
        assert status == 503 and "not reachable yet" in said["reason"], said
        for article in (TRAMS, FERRY):
            assert ingested(run.port, article)["verdict"] == "new"
            assert next_line(run.lines, "· ").endswith("”: 1 alert queued for Slack\n")
        status, said = health_of(run.port)  # never answered: no delivery pass asks Slack
        assert status == 503 and "not reachable yet" in said["reason"], said
        assert fake_slack.calls_to("chat.postMessage", ok_only=False) == []
        with closing(open_db(db_path, migrate=False)) as db:
            assert why_waiting(db, now=now_iso()).pending == 2
        fake_slack.come_up()
        wait_for(lambda: len(fake_slack.posts("C0DESK")) == 2)
        assert health_of(run.port)[0] == 200
        drained(db_path, fake_slack, 2)
        texts = sorted(m.text for m in fake_slack.posts("C0DESK"))
        assert len(texts) == 2 and "Ferry crews" in texts[0] and "Tram drivers" in texts[1], texts
    err = run.err
    assert run.returncode in (0, -15), err
    down = [line for line in err.splitlines() if "not reachable yet" in line]
    back = [line for line in err.splitlines() if "Slack's Web API answers" in line]
    assert len(down) == 1 and "WARNING" in down[0], err
    assert len(back) == 1, err
