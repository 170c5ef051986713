"""`wirewatch run` in Slack mode as a real process: feeds and POST /ingest end in Slack posts."""

import http.client
import json
import subprocess
import sys

import pytest

from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.sources import add_source
from storage.subscriptions import subscribe
from tests.fakes.signing import SECRET
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.sources.feedserver import LOOPBACK_NETWORK, Item, Route, at, rss
from tests.sources.process import ROOT, clean_env, slack_run
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.stopping import LAST_RESORT_S

INGEST_TOKEN = "ingest-token-for-tests"


@pytest.mark.parametrize("values, variable", [
    ({}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-very-secret-value"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "xoxp-very-secret-value", "SLACK_SIGNING_SECRET": "x"},
     "SLACK_BOT_TOKEN"),
])
def test_missing_slack_configuration_stops_with_one_line(db_path, values, variable):
    result = subprocess.run([sys.executable, "-m", "bot", "--db", str(db_path), "run"],
                            capture_output=True, text=True, env=clean_env(**values), cwd=ROOT,
                            timeout=LAST_RESORT_S)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and variable in line
    assert "very-secret-value" not in result.stdout + result.stderr


def test_slack_mode_posts_alerts_for_feed_entries_and_ingested_articles(server, db_path,
                                                                       processes):
    db = open_db(db_path)
    with transaction(db):
        topic = add_topic(db, name="Desk", query="ferry OR library OR bridge")
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-03-02T09:00:00+00:00")
        add_source(db, kind="feed", location=server.url("/feed"), every=5)
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    with FakeSlack() as fake:
        running = slack_run(db_path, fake, processes, WIREWATCH_INGEST_TOKEN=INGEST_TOKEN,
                            WIREWATCH_ALLOW_NETWORKS=LOOPBACK_NETWORK)
        running.wait_for("ingest endpoint:")
        port = running.slack_port
        assert f"ingest endpoint: POST http://127.0.0.1:{port}/ingest (bearer token" \
            in running.output
        running.wait_until(lambda: any("first poll, 1 existing entry" in line
                                       for line in running.errors), what="the first poll")

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S)
        conn.request("POST", "/ingest", body=json.dumps({"title": LIBRARY[0], "text": LIBRARY[1]}),
                     headers={"Authorization": f"Bearer {INGEST_TOKEN}",
                              "Content-Type": "application/json"})
        reply = conn.getresponse()
        assert reply.status == 202
        assert json.loads(reply.read())["results"][0]["status"] == "queued"
        running.wait_until(lambda: len(fake.posts("C0DESK")) == 1)
        assert LIBRARY[0] in json.dumps(fake.posts("C0DESK")[0].blocks)
        server.routes["/feed"] = Route(rss([Item("2", *BRIDGE, published=at(2)),
                                            Item("1", *FERRY, published=at(1))]))
        running.wait_until(lambda: len(fake.posts("C0DESK")) == 2)
        assert BRIDGE[0] in json.dumps(fake.posts("C0DESK")[1].blocks)
        assert FERRY[0] not in json.dumps([p.blocks for p in fake.posts("C0DESK")])
        assert running.terminate() == 0
    output = running.output + "\n".join(running.errors)
    assert VALID_TOKEN not in output and SECRET not in output and INGEST_TOKEN not in output
