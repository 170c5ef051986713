import threading
import time

import psutil

from bot.http_server import HttpServer


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def test_an_idle_server_sleeps_instead_of_spinning():
    server = HttpServer(hello, host="127.0.0.1", port=0)
    server.start()
    try:
        loop = next(t for t in threading.enumerate() if t.name == "wirewatch-http")
        process = psutil.Process()

        def cpu() -> float:
            times = {t.id: t.user_time + t.system_time for t in process.threads()}
            return times[loop.native_id]

        before = cpu()
        time.sleep(1.5)
        assert cpu() - before < 0.3, "the server loop used CPU while idle (a busy loop)"
    finally:
        server.stop()
