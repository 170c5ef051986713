"""A chat-completions endpoint (``WIREWATCH_SUMMARY_URL``) answering every POST with one fixed
reply: the handler two summary tests each wrote for themselves, said once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from tests.fakes.quiet_http import serving


def chat_reply(content: str) -> bytes:
    """The body an OpenAI-style endpoint answers with ``content`` as its one choice's message."""
    return json.dumps({"choices": [{"message": {"content": content}}]}).encode()


def answering(reply: bytes) -> type[BaseHTTPRequestHandler]:
    """A handler that reads the request and answers 200 with ``reply`` as JSON."""

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    return Endpoint


@contextmanager
def chat_endpoint(reply: bytes) -> Iterator[str]:
    """The endpoint answering ``reply`` on 127.0.0.1 for the block: its ``/v1`` base URL."""
    with serving(answering(reply)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
