"""A fake Socket Mode endpoint: a minimal websocket server on 127.0.0.1 that sends envelopes.

The fake Slack Web API hands its ``url`` out from ``apps.connections.open``; the test then
``send`` s an envelope (a slash command, an event) and waits for the app's ``acks``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading

from tests.stopping import LAST_RESORT_S, joined, wait_for

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocketMode:
    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._conn: socket.socket | None = None
        self._connected = threading.Event()
        self.acks: list[dict] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link/?ticket=fake"

    def send(self, envelope: dict, *, timeout: float = LAST_RESORT_S) -> None:
        """Send one envelope as Slack does, once the app has connected."""
        self.send_text(json.dumps(envelope), timeout=timeout)

    def send_text(self, text: str, *, timeout: float = LAST_RESORT_S) -> None:
        """Send one text frame as it is (an envelope Slack would never send, too)."""
        assert self._connected.wait(timeout) and self._conn, "the app never connected"
        self._conn.sendall(_frame(text.encode(), opcode=0x1))

    def wait_for_ack(self, envelope_id: str) -> dict:
        """The app's ack of ``envelope_id``, however late a loaded machine makes it."""
        return wait_for(lambda: next((ack for ack in list(self.acks)
                                      if ack.get("envelope_id") == envelope_id), None))

    def close(self) -> None:
        """Both sockets closed and the serving thread waited for (it ends on either)."""
        self._listener.close()
        if self._conn:
            self._conn.close()
        joined(self._thread)

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        self._conn = conn
        request = b""
        while b"\r\n\r\n" not in request:
            try:
                chunk = conn.recv(4096)
            except OSError:  # closed by ``close``
                return
            if not chunk:  # the app hung up mid-handshake
                return
            request += chunk
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        try:
            conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                          ).encode())
            conn.sendall(_frame(json.dumps({"type": "hello", "num_connections": 1}).encode(),
                                0x1))
        except OSError:  # closed by ``close`` as the app connected
            return
        self._connected.set()
        self._read_frames(conn)

    def _read_frames(self, conn: socket.socket) -> None:
        try:
            while True:
                opcode, payload = _read_frame(conn)
                if opcode == 0x1:
                    self.acks.append(json.loads(payload))
                elif opcode == 0x9:
                    conn.sendall(_frame(payload, opcode=0xA))
                elif opcode == 0x8:
                    return
        except (OSError, ConnectionError):
            return


def _frame(payload: bytes, opcode: int) -> bytes:
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return head + payload


def _read_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(conn: socket.socket) -> tuple[int, bytes]:
    first, second = _read_exact(conn, 2)
    size = second & 0x7F
    if size == 126:
        size = struct.unpack("!H", _read_exact(conn, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", _read_exact(conn, 8))[0]
    mask = _read_exact(conn, 4) if second & 0x80 else b"\0\0\0\0"
    data = _read_exact(conn, size)
    return first & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(data))
