"""A slow summary endpoint never holds the write lock: other writers go on while it answers."""

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler

import pytest

from bot.models import RawArticle
from bot.nlp.summary import ChatSummariser
from bot.pipeline import Outcome, Pipeline, Status
from bot.stories.stage import StoryStage
from tests.fakes.quiet_http import QuietHTTPServer
from tests.stopping import LAST_RESORT_S

STORY = ("Ferry service resumes after storm\n\n"
         "The island ferry sailed again on Tuesday after three days in port, the operator "
         "said, and extra crossings were added for freight.\n\n"
         "Passengers who missed crossings can rebook without charge until Friday, the "
         "operator added.")
REPLY = "The island ferry is sailing again after a storm. Extra freight crossings were added."


class SlowSummaries(QuietHTTPServer):
    """An OpenAI-compatible chat endpoint that answers only when the test releases it."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SlowHandler)
        self.arrived = threading.Event()
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class SlowHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        server = self.server
        assert isinstance(server, SlowSummaries)
        server.arrived.set()
        server.release.wait(LAST_RESORT_S)
        body = json.dumps({"choices": [{"message": {"content": REPLY}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def endpoint():
    server = SlowSummaries().start()
    yield server
    server.release.set()
    server.stop()


def test_other_writers_commit_while_the_summary_endpoint_is_answering(fresh_db, db_path,
                                                                      settings, nlp, endpoint):
    summariser = ChatSummariser(url=endpoint.url, model="test", api_key=None,
                                timeout=LAST_RESORT_S)
    pipeline = Pipeline(fresh_db, settings, nlp=nlp, stories=StoryStage(summariser=summariser))
    outcomes: list[Outcome] = []
    ingest = threading.Thread(target=lambda: outcomes.extend(
        pipeline.ingest([RawArticle(text=STORY, origin="ferry")])))
    ingest.start()
    assert endpoint.arrived.wait(LAST_RESORT_S), "the summary endpoint was never asked"
    other = sqlite3.connect(db_path, timeout=0.5)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO topics (name, query, created_at) VALUES ('Ferries', 'ferry', "
                  "'2026-01-01T00:00:00+00:00')")
    other.execute("COMMIT")
    other.close()
    endpoint.release.set()
    ingest.join(LAST_RESORT_S)
    [outcome] = outcomes
    assert outcome.status is Status.STORED and outcome.verdict is not None
    summary = json.loads(fresh_db["stories"].get(outcome.verdict.story_id)["summary"])
    assert " ".join(summary) == REPLY
    assert outcome.topic_ids, "the topic committed meanwhile is matched: candidates were re-read"
