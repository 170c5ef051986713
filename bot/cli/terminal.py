"""What wirewatch prints to a terminal: text an outsider wrote (a file's name in the watched
folder, a feed's link or title, a server's error) is shown, never acted on by the terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from bot.redact import CONTROL, printable


class Shown:
    """A text stream writing control characters as escapes (``\\x1b``), as the log does;
    line ends and tabs are kept. Everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        shown = printable(text, keep="\n")
        try:
            self._stream.write(shown)
        except UnicodeEncodeError:  # a stream set to ASCII (PYTHONIOENCODING=ascii)
            encoding = self._stream.encoding or "ascii"
            self._stream.write(shown.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # click writes to a stream's bytes when its encoding is ASCII,
            raise AttributeError(name)  # which would pass by the escapes
        return getattr(self._stream, name)


@contextmanager
def shown_output() -> Iterator[None]:
    """The process's standard output and error through `Shown` (click writes to them)."""
    given = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Shown(sys.stdout), Shown(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = given


def json_safe(text: str) -> str:
    """JSON text with the controls JSON leaves raw (C1, line separators, bidi) as ``\\uXXXX``:
    the same value to a reader, nothing a terminal acts on."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
