"""The one error type wirewatch reports at its edges, and the kinds a failure can be."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class ErrorKind(StrEnum):
    """Whose fault a failure is, which decides what the edge does with it."""

    BAD_INPUT = "bad input"
    """The input or the configuration is wrong: say so plainly; trying again will not help."""
    TRANSIENT = "transient"
    """Something outside is busy or away (a locked database, a network drop): try again later."""
    INTERNAL = "internal"
    """A bug or a state we did not expect: log it in full; a later try may still succeed."""

    @property
    def retryable(self) -> bool:
        return self is not ErrorKind.BAD_INPUT


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose; ``kind`` travels with it."""

    kind: ClassVar[ErrorKind] = ErrorKind.INTERNAL


class BadInput(WirewatchError):
    """The input or the configuration is wrong; the message says what and how to fix it."""

    kind = ErrorKind.BAD_INPUT


class Transient(WirewatchError):
    """Something the work depends on is busy or unreachable for now."""

    kind = ErrorKind.TRANSIENT


class NotFound(BadInput, LookupError):
    """What the command names does not exist (no such article, topic or source)."""
