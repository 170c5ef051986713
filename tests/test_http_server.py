import inspect
import sys
import threading
from types import FrameType

from waitress import wasyncore

from bot.http_server import HttpServer
from tests.stopping import wait_for


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _poll_line() -> int:
    """The line of waitress's loop step that blocks in ``poll`` until a socket is ready."""
    lines, first = inspect.getsourcelines(wasyncore.poll2)
    return first + next(i for i, line in enumerate(lines) if "pollster.poll(" in line)


def _in_poll(thread: threading.Thread, line: int) -> FrameType | None:
    """``thread``'s frame while it waits in the poll call, else None."""
    frame = sys._current_frames().get(thread.ident or 0)
    if frame is not None and frame.f_code is wasyncore.poll2.__code__ and frame.f_lineno == line:
        return frame
    return None


def test_an_idle_server_sleeps_instead_of_spinning():
    """The loop blocks in poll with a timeout of a second, and it wakes up when that runs out
    with nothing ready: a zero timeout (waitress rounds 0.2 s down to 0) or a socket always
    ready would each make it a busy loop."""
    server = HttpServer(hello, host="127.0.0.1", port=0)
    server.start()
    try:
        loop = next(t for t in threading.enumerate() if t.name == "wirewatch-http")
        line = _poll_line()
        waiting = wait_for(lambda: _in_poll(loop, line))
        assert waiting.f_locals["timeout"] >= 1000, "the server loop polls without waiting"
        wait_for(lambda: (_in_poll(loop, line) or waiting) is not waiting)
        assert waiting.f_locals["r"] == [], "the idle server loop's poll found a socket ready"
    finally:
        server.stop()
