"""A call outside the outbox (App Home) that Slack held back (429: not taken) made once more
after its Retry-After, on a timer of its own: no listener's or sender's thread waits, and
nothing Slack took is sent twice. A call that may be made twice (``idempotent``: App Home
published again) is made again after a dropped connection or a 5xx too. Kept in memory only:
App Home is published again whenever it is opened, so a restart loses nothing a person sees
for long. Messages said (an unmute, a pause's word) are kept until said:
``bot.alerts.said_once``, on the same timers (``Waiting.later``). Each running bot has its
own timers (``own``), found from its database (``waiting_for``). Any call refused at the
socket (``calls.not_sent``: Slack never saw it) is made again, idempotent or not."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import (
    Retry,
    error_code,
    from_slack,
    held_for,
    not_sent,
    passing,
    socket_said,
)
from bot.alerts.kept_holds import kept_pacer
from bot.alerts.pacing import Pacer
from storage.db import db_file

log = logging.getLogger(__name__)
_OWNERS: dict[str, Waiting] = {}
_OWNERS_LOCK = threading.Lock()
HELD_BACK_WAIT = 60.0
"""Seconds at most a call Slack held back (429) waits to be made again: someone is waiting
for it (and a response_url lasts 30 minutes)."""
TRIES = 3
"""Calls in all, the first one included: Slack that holds a call back thrice is busy, and the
next change (or the person's next look) makes it again."""
KEPT_NOTES = 3
"""A key's notes kept until a call shows them (Slack may refuse every refresh for a while)."""
AGAIN_WAIT = 2.0
"""Seconds before an idempotent call whose connection dropped (or that Slack answered 5xx) is
made again: the SDK's own retry of a dropped connection came at once, and failed too."""


def wait_before_again(exc: Exception, *, idempotent: bool) -> float | None:
    """Seconds to wait before making the call that failed with ``exc`` again; None: never
    (Slack refused it, or may have taken it). Any call is made again after a connection
    refused (nothing was sent); an idempotent one after a 5xx, a dropped connection, or an
    ok-false answer that says nothing final (``calls.passing``) too; a call not made while its
    method is held (``pacing.listened``), when the hold ends."""
    if isinstance(exc, Retry):
        return exc.delay
    if isinstance(exc, SlackApiError):
        held = held_for(exc)
        if held is not None:
            return held
        status = exc.response.status_code
        return AGAIN_WAIT if idempotent and (status >= 500 or passing(exc)) else None
    if isinstance(exc, OSError) and (idempotent or not_sent(exc)):
        return AGAIN_WAIT
    return None


def why_again(exc: Exception, tried: str = "the earlier try") -> str:
    """What the failed try ``exc`` (``tried``) tells of it, as the log says why the call is
    made again: held back (a 429, or its method held with no call made: Slack took nothing),
    or failed on the way (a dropped connection, a 5xx, a passing fault: Slack may have acted
    on it), or never sent (a refused connection: ``calls.not_sent``)."""
    if isinstance(exc, Retry) or (isinstance(exc, SlackApiError) and
                                  held_for(exc) is not None):
        return "Slack held it back"
    if isinstance(exc, OSError) and not_sent(exc):
        return f"cannot reach Slack ({socket_said(exc)}): nothing was sent"
    if isinstance(exc, SlackApiError) and not from_slack(exc.response.headers):
        answer = f"the answer was not Slack's (HTTP {exc.response.status_code}, not JSON)"
    elif isinstance(exc, SlackApiError):
        answer = f"Slack answered {exc.response.status_code} {error_code(exc)}"
    else:
        answer = f"the connection dropped ({exc.__class__.__name__})"
    return f"{answer}: Slack may have acted on {tried}"


def again_later(attempt: Callable[[], object], wait: float, *, what: str, waiting: Waiting,
                why: str, idempotent: bool = False, tries: int = TRIES - 1) -> bool:
    """Make ``attempt`` again in ``wait`` seconds (again after each such failure, ``tries`` in
    all) on ``waiting``'s timer; False, said in the log, when the wait is too long for anyone
    still to be looking, the tries are spent, or the bot stops. ``why``: the failed try's
    ``why_again``, said with the outcome. ``attempt`` answers False when it dropped the call
    (``Turns.call_if_latest``: a newer one overtook it), so the log says it was not made."""
    if wait > HELD_BACK_WAIT:
        log.warning("%s: Slack held it back (asked for %.0f s); not made again", what, wait)
        return False
    if tries <= 0:
        log.warning("%s: not made again after %d tries; the last: %s", what, TRIES, why)
        return False
    if not waiting.later(wait, _again, attempt, what, why, idempotent, tries, waiting):
        log.info("%s: not made again: the bot stops", what)
        return False
    return True


class Waiting:
    """The calls one running bot has waiting on a timer to be made again (``later``): its stop
    (``close``) drops them, and any a listener still under way would arm after it, and leaves
    another bot's in the same process alone."""

    def __init__(self, pacer: Pacer | None = None) -> None:
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.turns = Turns()
        """This bot's latest call for each key (a person's App Home): a user id of another
        workspace (another bot in the process) is another person."""
        self.pacer = pacer or Pacer()
        """This bot's Web API methods Slack holds back (429), the run's and its listeners'
        alike (``bot.slack.runtime`` takes it as its own), kept in its database
        (``bot.alerts.kept_holds``) for the next start and any other process on it."""

    def later(self, wait: float, then: Callable[..., object], *args: object) -> bool:
        """Call ``then(*args)`` in ``wait`` seconds on a thread of its own (never the
        caller's); False, nothing armed, once the bot stops."""
        def run() -> None:
            with self._lock:
                self._timers.discard(timer)
            then(*args)

        timer = threading.Timer(wait, run)
        timer.daemon = True
        with self._lock:
            if self._closed:
                return False
            self._timers.add(timer)
            timer.start()
        return True

    def count(self) -> int:
        """How many calls wait on a timer to be made again."""
        with self._lock:
            return len(self._timers)

    def close(self) -> int:
        """The bot stops: no call waiting is made, none is armed from now on (App Home is
        published again when next opened; what is to be said is kept in the database, said by
        the next start); how many were waiting."""
        with self._lock:
            self._closed = True
            waiting = list(self._timers)
            self._timers.clear()
        for timer in waiting:
            timer.cancel()
        return len(waiting)


def own(path: str | Path) -> Waiting:
    """A bot starting on the database at ``path``: its own timers, found by ``waiting_for``
    from any thread that has that database (a listener's, a timer's)."""
    waiting = Waiting(kept_pacer(path))
    with _OWNERS_LOCK:
        _OWNERS[_key(path)] = waiting
    return waiting


def waiting_for(path: str | Path) -> Waiting:
    """The timers of the bot running on the database at ``path`` (after its stop, closed until
    another starts on it); one of their own for a database no bot runs on."""
    with _OWNERS_LOCK:
        found = _OWNERS.get(_key(path))
        if found is None:
            found = _OWNERS[_key(path)] = Waiting(kept_pacer(path))
        return found


def pacer_of(db: Database) -> Pacer:
    """The run's holds of Web API methods, for a listener that has its database."""
    return waiting_for(db_file(db)).pacer


def _key(path: str | Path) -> str:
    return str(Path(path).resolve()) if str(path) not in ("", ":memory:") else str(path)


def _again(attempt: Callable[[], object], what: str, why: str, idempotent: bool, tries: int,
           waiting: Waiting) -> None:
    try:
        made = attempt()
    except (SlackApiError, OSError, Retry) as exc:
        wait = wait_before_again(exc, idempotent=idempotent)
        if wait is None:
            log.warning("%s: made again; %s; not made again", what, _last_said(exc))
            return
        again_later(attempt, wait, what=what, waiting=waiting, why=why_again(exc),
                    idempotent=idempotent, tries=tries - 1)
        return
    if made is False:
        log.info("%s: not made again: a newer one was made meanwhile", what)
    else:
        log.info("%s: made again after %s", what, why)


def _last_said(exc: Exception) -> str:
    """What ended a call made again: Slack's own answer (a refusal), else what ``why_again``
    says (a dropped connection, a proxy's page: Slack may have acted on this try)."""
    if isinstance(exc, SlackApiError) and from_slack(exc.response.headers):
        return f"Slack answered {error_code(exc)}"
    return why_again(exc, "this try")


class Turns:
    """Which call is the latest for each key (a person's App Home): one made (or made again
    later) when a newer one came since is dropped, as the newer one carries what is so now,
    and the notes the dropped one was to show (``carried``)."""

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}
        self._notes: dict[str, dict[int, str]] = {}
        self._sending: dict[str, threading.Lock] = {}
        self._count = 0
        self._lock = threading.Lock()

    def take(self, key: str, note: str | None = None) -> int:
        """A new turn for ``key``; ``note`` is shown by it, or by a newer turn if it is dropped."""
        with self._lock:
            self._count += 1
            self._latest[key] = self._count
            if note:
                notes = self._notes.setdefault(key, {})
                notes[self._count] = note
                for old in sorted(notes)[:-KEPT_NOTES]:
                    del notes[old]
            return self._count

    def carried(self, key: str, turn: int) -> list[str]:
        """The notes of ``turn`` and of the turns before it not shown yet, oldest first."""
        with self._lock:
            notes = self._notes.get(key, {})
            return list(dict.fromkeys(notes[t] for t in sorted(notes) if t <= turn))

    def shown(self, key: str, turn: int) -> None:
        """``turn``'s call went through: the notes it carried are shown."""
        with self._lock:
            notes = self._notes.get(key, {})
            for old in [t for t in notes if t <= turn]:
                del notes[old]
            if not notes:
                self._notes.pop(key, None)

    def latest(self, key: str, turn: int) -> bool:
        with self._lock:
            return self._latest.get(key) == turn

    def call_if_latest(self, key: str, turn: int, call: Callable[[], object]) -> bool:
        """``call`` if ``turn`` is still ``key``'s latest; one key's calls one at a time, so
        one begun earlier cannot reach Slack after a newer one. False when dropped."""
        with self._lock:
            sending = self._sending.setdefault(key, threading.Lock())
        with sending:
            if not self.latest(key, turn):
                return False
            call()
            self.shown(key, turn)
            return True
