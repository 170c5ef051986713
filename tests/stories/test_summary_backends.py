"""The summariser: extractive default, and a chat backend against a fake endpoint on 127.0.0.1."""

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler

import pytest

from bot.config import Settings
from bot.nlp.summary import ChatSummariser, ExtractiveSummariser, summariser_from
from tests.fakes.quiet_http import serving
from tests.stopping import LAST_RESORT_S

SENTENCES = [
    "Share this article",
    "Rotterdam braces for diverted cargo as ports compete",
    "Dockworkers at the port of Antwerp-Bruges began a 48-hour strike on Monday over automation plans.",
    "The BTB union said about 4,000 members had stopped work after talks broke down.",
    "Reporting by Marie Claes",
    "The employers' association said automation was needed to stay competitive.",
    "Port authority spokesperson Ilse De Wit said ships were waiting at anchor.",
]


class FakeChat(BaseHTTPRequestHandler):
    mode = "ok"
    seen: list = []
    released = threading.Event()
    """Set at the test's end: a "slow" answer is held until then, past any client timeout."""

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.seen.append((self.path, self.headers.get("Authorization"), body))
        if FakeChat.mode == "slow":
            FakeChat.released.wait(LAST_RESORT_S)
        if FakeChat.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        content = ("- Antwerp dockworkers began a 48-hour strike.\n- About 4,000 union members "
                   "stopped work.") if FakeChat.mode == "ok" else None
        payload: dict[str, object] = {
            "choices": [{"message": {"role": "assistant", "content": content}}]}
        if FakeChat.mode == "garbage":
            payload = {"nothing": True}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    FakeChat.seen = []
    FakeChat.mode = "ok"
    FakeChat.released = threading.Event()
    with serving(FakeChat) as server:
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/v1"
        finally:
            FakeChat.released.set()


def test_extractive_skips_furniture_and_headlines():
    summary = ExtractiveSummariser().summarise(title="Antwerp strike", sentences=SENTENCES)
    assert summary == SENTENCES[2:4] + [SENTENCES[5]]


def test_chat_backend_used_when_configured(endpoint):
    settings = Settings(summary_url=endpoint, summary_model="tiny", summary_api_key="k-123",
                        summary_timeout=LAST_RESORT_S)
    summary = summariser_from(settings).summarise(title="Antwerp strike", sentences=SENTENCES)
    assert summary == ["Antwerp dockworkers began a 48-hour strike.",
                       "About 4,000 union members stopped work."]
    path, auth, body = FakeChat.seen[0]
    assert path == "/v1/chat/completions"
    assert auth == "Bearer k-123"
    assert body["model"] == "tiny"
    assert "48-hour strike" in body["messages"][1]["content"]


@pytest.mark.parametrize("mode", ["error", "garbage", "empty", "slow"])
def test_falls_back_to_extractive(endpoint, mode):
    FakeChat.mode = mode
    chat = ChatSummariser(url=endpoint, model="tiny", api_key=None, timeout=0.5)
    summary = chat.summarise(title="Antwerp strike", sentences=SENTENCES)
    assert summary == ExtractiveSummariser().summarise(title="Antwerp strike",
                                                       sentences=SENTENCES)


def test_falls_back_when_nothing_listens():
    chat = ChatSummariser(url="http://127.0.0.1:9", model="tiny", api_key=None, timeout=0.5)
    assert chat.summarise(title="t", sentences=SENTENCES)[0] == SENTENCES[2]


def test_off_by_default():
    assert isinstance(summariser_from(Settings()), ExtractiveSummariser)


def test_headline_run_into_a_sentence_is_dropped():
    fused = "Rotterdam braces for diverted cargo\nShips were diverted to Rotterdam on Monday as the strike went on."
    summary = ExtractiveSummariser().summarise(title="t", sentences=[fused])
    assert summary == ["Ships were diverted to Rotterdam on Monday as the strike went on."]
