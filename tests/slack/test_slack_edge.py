"""The HTTP edge: nothing is read, parsed or answered before the token or signature is checked,
bodies are capped before they are read, and /ingest never holds the threads Slack needs."""

from __future__ import annotations

import ast
import http.client
import json
import logging
import socket
import threading
from pathlib import Path

import pytest

from bot.ingest.http_api import IngestApp
from bot.slack.runtime import SlackRuntime
from bot.worker import IngestWorker
from handlers.views.topic_view import PREVIEW
from storage.db import ThreadLocalDb
from tests.fakes.interactive import view_action_body
from tests.fakes.signing import SECRET, command_body, post_signed, signed_headers
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_topic_modal import open_modal, typed
from tests.stopping import LAST_RESORT_S

TOKEN = "edge-ingest-token"


@pytest.fixture
def with_ingest(slack_settings, fresh_db):
    """The Slack app with /ingest mounted; the worker never runs, so nothing is processed."""
    settings = slack_settings.with_overrides(ingest_max_bytes=200_000)
    dbs = ThreadLocalDb(settings.db_path)
    ingest = IngestApp(dbs, token=TOKEN, max_bytes=settings.ingest_max_bytes,
                       worker=IngestWorker(dbs, settings))
    rt = SlackRuntime(settings, extra_routes={"/ingest": ingest})
    rt.start()
    yield rt
    rt.stop()


def test_forged_timestamp_never_makes_the_bot_post_anywhere(runtime, fake_slack):
    """A non-numeric timestamp raised inside Bolt's verification; its error handler then
    answered the forged response_url."""
    body = command_body("/topics", "list", response_url=fake_slack.response_url("forged"))
    reply = post_signed(events_url(runtime), body, headers={"X-Slack-Request-Timestamp": "soon"})
    assert reply.status == 401
    assert fake_slack.calls_to("response_url", ok_only=False) == []


@pytest.mark.parametrize("stamp", ["\u00b2", "17\u00b9", "1" * 5000],
                         ids=["superscript", "latin-1", "5000-digits"])
def test_a_timestamp_of_superscript_digits_is_refused_without_a_traceback(runtime, fake_slack,
                                                                          caplog, stamp):
    """"²" passes str.isdigit but not int(), nor do 5,000 ASCII digits (Python refuses over
    4,300): each such request, unsigned, was a 500 and a traceback of twenty lines in the log,
    past the one WARNING a minute for unsigned ones."""
    body = command_body("/topics", "list", response_url=fake_slack.response_url("forged"))
    for _ in range(3):
        reply = post_signed(events_url(runtime), body,
                            headers={"X-Slack-Request-Timestamp": stamp})
        assert reply.status == 401, reply
    assert fake_slack.calls_to("response_url", ok_only=False) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("forged", ["v0=é" + "0" * 62, "v0=\u00b2"])
def test_a_signature_of_latin_1_letters_is_refused_without_a_traceback(runtime, fake_slack,
                                                                        caplog, forged):
    """hmac.compare_digest refuses to compare text that is not ASCII (TypeError): each such
    request, unsigned (no secret needed), was a 500 and a traceback in the log."""
    body = command_body("/topics", "list", response_url=fake_slack.response_url("forged"))
    for _ in range(3):
        reply = post_signed(events_url(runtime), body, headers={"X-Slack-Signature": forged})
        assert reply.status == 401, reply
    assert fake_slack.calls_to("response_url", ok_only=False) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_oversized_slack_body_is_refused_before_it_is_read(runtime, fake_slack):
    """Answered from the head, before any of the body is sent (a client that writes it all
    before reading may find the connection closed under it)."""
    body = command_body("/topics", "list", response_url=fake_slack.response_url()) + \
        "&pad=" + "x" * (1024 * 1024)
    answer = _declare_only(runtime.port, "/slack/events", len(body),
                           signed_headers(SECRET, body))
    assert answer.startswith(b"HTTP/1.1 413") and fake_slack.responses() == []


def test_unsigned_chunked_body_is_refused(runtime):
    conn = http.client.HTTPConnection("127.0.0.1", runtime.port, timeout=LAST_RESORT_S)
    conn.request("POST", "/slack/events", body=iter([b"payload=", b"{}"]), encode_chunked=True,
                 headers={"Transfer-Encoding": "chunked"})
    assert conn.getresponse().status == 401


def _declare_only(port: int, path: str, length: int, headers: dict[str, str]) -> bytes:
    """Send headers declaring a huge body, send none of it, and read what comes back."""
    with socket.create_connection(("127.0.0.1", port), timeout=LAST_RESORT_S) as sock:
        lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {length}",
                 *(f"{k}: {v}" for k, v in headers.items())]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return sock.recv(4096)


@pytest.mark.parametrize("path", ["/ingest", "/slack/events"])
def test_a_300_mb_declared_body_is_refused_without_being_read(with_ingest, path):
    """waitress used to buffer up to 1 GiB to disk before any route could look at a token."""
    answer = _declare_only(with_ingest.port, path, 300 * 1024 * 1024,
                           signed_headers("not-the-secret", "x"))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


@pytest.mark.parametrize("body", [b"[" * 100_000, b"1" * 5_000, b'{"text": ' + b"9" * 5000 + b"}"])
def test_hostile_json_is_a_400_not_a_retry(with_ingest, body):
    conn = http.client.HTTPConnection("127.0.0.1", with_ingest.port, timeout=LAST_RESORT_S)
    conn.request("POST", "/ingest", body=body, headers={"Authorization": f"Bearer {TOKEN}"})
    response = conn.getresponse()
    payload = json.loads(response.read())
    assert response.status == 400, payload
    assert "Retry-After" not in response.headers


def test_ingest_batches_never_starve_slash_commands(with_ingest, fake_slack, fresh_db):
    """Ten clients each wait for their batch's outcome while the worker is busy elsewhere; a
    slash command must still be answered while they wait."""
    finished: list[int] = []
    batch = json.dumps([{"title": f"T{n}", "text": "A harbour story."} for n in range(20)])

    def post_batch() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", with_ingest.port, timeout=LAST_RESORT_S)
        conn.request("POST", "/ingest?wait=10", body=batch,
                     headers={"Authorization": f"Bearer {TOKEN}"})
        finished.append(conn.getresponse().status)

    clients = [threading.Thread(target=post_batch) for _ in range(10)]
    for client in clients:
        client.start()
    wait_for(lambda: fresh_db["inbox"].count // 20 + len(finished) >= 8)
    body = command_body("/topics", "list", response_url=fake_slack.response_url())
    reply = post_signed(events_url(with_ingest), body)
    waiting = 10 - len(finished)
    for client in clients:
        client.join(LAST_RESORT_S)
    assert reply.status == 200
    assert waiting >= 1, "the command was answered only after every batch gave up waiting"
    assert finished.count(503) >= 10 - IngestApp.slots


def test_a_click_whose_listener_fails_after_acknowledging_is_answered_at_once(runtime,
                                                                              fake_slack,
                                                                              caplog):
    """Bolt took a listener that failed within 10 ms of its ack() for one that never
    acknowledged: the click was answered 404 "unhandled request" after 3 s (Slack shows the
    person an error) and a server thread was held meanwhile. Found by fuzzing the Add a topic
    form: Slack refusing the preview's views.update (a second click's `hash_conflict`)."""
    view = open_modal(runtime, fake_slack)
    fake_slack.refuse_method("views.update", "hash_conflict")
    for _ in range(20):
        reply = post_signed(events_url(runtime), view_action_body(
            view, typed("Port strike", "port"), PREVIEW, value="preview"))
        assert reply.status == 200, reply
    wait_for(lambda: caplog.text.count("listener failed on a block_actions request") == 20)


ACKNOWLEDGED_BY_LISTENER = {"command", "action", "view", "shortcut", "options"}


def test_every_listener_that_acknowledges_itself_is_registered_answered():
    """What keeps the click above answered holds for each command, click, form and shortcut:
    a listener registered without ``answered`` would be answered 404 after failing."""
    handlers = Path(__file__).resolve().parents[2] / "handlers"
    registered, bare = 0, []
    for path in sorted(handlers.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and \
                    isinstance(node.func.func, ast.Attribute) and \
                    node.func.func.attr in ACKNOWLEDGED_BY_LISTENER:
                registered += 1
                [listener] = node.args
                if not (isinstance(listener, ast.Call) and
                        getattr(listener.func, "id", None) == "answered"):
                    bare.append(f"{path.name}:{node.lineno}")
    assert registered >= 19, "the registrations were not found"
    assert bare == []
