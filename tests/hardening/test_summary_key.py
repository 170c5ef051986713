"""The summary endpoint's API key goes to that endpoint only, never where it redirects.

Python's urllib follows a 301, 302 or 303 answer to a POST as a GET to the address it names,
keeping every header but the body's: ``Authorization: Bearer <WIREWATCH_SUMMARY_API_KEY>``
went to any host the endpoint (a gateway, a proxy's sign-in page, a moved provider, an
attacker who took over its address) redirected to, and over plain http when told so. Both
servers are real, on 127.0.0.1 (the endpoint) and 127.0.0.2 (where it redirects)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from bot.config import Settings
from bot.nlp.summary import summariser_from
from tests.fakes.quiet_http import serving
from tests.stopping import LAST_RESORT_S

KEY = "sk-marked-summary-key-0042"
SENTENCES = [
    "Tug crews at the port of Northhaven walked out on Tuesday over a new rota.",
    "The crews' union said about 300 members had stopped work after talks broke down.",
    "The harbour board said ships were waiting at anchor outside the breakwater.",
]


class Elsewhere(BaseHTTPRequestHandler):
    """Where the endpoint redirects: records what it is sent, answers like the endpoint."""

    seen: list[str | None] = []

    def _answer(self) -> None:
        Elsewhere.seen.append(self.headers.get("Authorization"))
        data = b'{"choices": [{"message": {"content": "Crews walked out."}}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirecting(request) -> Iterator[str]:
    """The summary endpoint, answering every POST with ``request.param`` to 127.0.0.2."""
    with serving(Elsewhere, "127.0.0.2") as elsewhere:
        target = f"http://127.0.0.2:{elsewhere.server_address[1]}/v1/chat/completions"

        class Endpoint(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(request.param)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        Elsewhere.seen = []
        with serving(Endpoint) as endpoint:
            yield f"http://127.0.0.1:{endpoint.server_address[1]}/v1"


@pytest.mark.parametrize("redirecting", [301, 302, 303, 307, 308], indirect=True)
def test_the_summary_key_never_follows_a_redirect(redirecting, caplog):
    settings = Settings(summary_url=redirecting, summary_model="tiny", summary_api_key=KEY,
                        summary_timeout=LAST_RESORT_S)
    with caplog.at_level(logging.WARNING, logger="bot.nlp.summary"):
        summary = summariser_from(settings).summarise(title="Tug crews walk out",
                                                      sentences=SENTENCES)
    assert Elsewhere.seen == []
    assert summary and summary[0] == SENTENCES[0], "the extractive summary stands in"
    assert "redirect" in caplog.text and KEY not in caplog.text
