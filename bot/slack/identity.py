"""Who the bot token is (auth.test), learnt at start-up or, when Slack's Web API did not answer
then (unreachable, 5xx, 429), by asking again with backoff while the run goes on: a newsroom's
server rebooting during a Slack outage must not leave ingest down until someone starts it by
hand. Only a token Slack refuses stops start-up. An outage later in the run (``lost``) is the
run's too: said once, and once when over (``back``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.alerts.calls import OUTAGE_WAIT, RATE_LIMITED, RETRY_LATER, retry_after
from bot.clock_step import waiting
from bot.config import ConfigError, Settings
from bot.redact import redact
from bot.slack.config import api_url
from bot.slack.scopes import missing_scopes, scope_warning

log = logging.getLogger(__name__)
FIRST_WAIT = 2.0
LONGEST_WAIT = 60.0
"""Seconds between asks while Slack does not answer: doubling from two, at most a minute (one
auth.test a minute costs nothing; a desk waits at most that long once Slack is back)."""
PROBE_FIRST = 1.0
"""Seconds before the sender's first ask after an outage began mid-run (then doubling to
``calls.OUTAGE_WAIT``): the alerts' own first backoff, so a blip of one dropped connection
costs a second."""


class NotAnswering(Exception):
    """Slack's Web API did not answer (unreachable, 5xx, 429): not the configuration's fault;
    ``wait``: the seconds its Retry-After asked for, if it gave one."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class Refused(Exception):
    """Slack refused the bot token (its error code as the message)."""


@dataclass(frozen=True)
class Unanswered:
    """Why Slack has not answered this run yet, and since when."""

    reason: str
    since: datetime
    answered_before: bool = False  # Slack answered this run, then stopped: not "yet"


def ask(client: WebClient, settings: Settings) -> SlackResponse:
    """auth.test's answer; Refused when Slack refuses the token, NotAnswering when it does not
    answer."""
    try:
        with quiet("slack_sdk.web.base_client"):
            return client.auth_test()
    except SlackApiError as exc:
        status = exc.response.status_code
        error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
        if status >= 429 or error in RETRY_LATER | RATE_LIMITED:
            said = any(name.lower() == "retry-after" for name in exc.response.headers or {})
            raise NotAnswering(f"Slack's Web API at {api_url(settings)} is not answering "
                               f"(HTTP {status}{f', {error}' if error else ''})",
                               retry_after(exc.response.headers) if said else None) from None
        raise Refused(str(error or "no reason given")) from None
    except OSError as exc:
        raise NotAnswering(f"cannot reach the Slack Web API at {api_url(settings)} "
                           f"({unreachable_why(exc)})") from None


def refused_line(error: str) -> str:
    return (f"SLACK_BOT_TOKEN was refused by Slack ({error}); copy it again from OAuth & "
            "Permissions")


def unreachable_why(exc: OSError) -> str:
    """What the socket said ("Connection refused", "Name or service not known"), not only
    "URLError"; neither holds a token, which goes in a header."""
    reason = getattr(exc, "reason", None)
    cause = reason if isinstance(reason, OSError) else exc
    return redact(cause.strerror or str(reason or "") or cause.__class__.__name__)


@contextmanager
def quiet(name: str) -> Iterator[None]:
    """Silence an SDK logger, on this thread only, during a check that says what failed once,
    with the fix (another thread's errors meanwhile are still logged)."""
    logger = logging.getLogger(name)
    mute = _ThisThread()
    logger.addFilter(mute)
    try:
        yield
    finally:
        logger.removeFilter(mute)


class _ThisThread(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.ident = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.thread != self.ident


class Identity:
    """auth.test's answer once Slack gave it; until then, and while Slack has stopped answering
    since, why not and since when, for /health, the sender and `wirewatch status`."""

    def __init__(self, client: WebClient, settings: Settings,
                 noted: Callable[[Unanswered | None], None] | None = None) -> None:
        self.client, self.settings = client, settings
        self.me: SlackResponse | None = None
        self.noted = noted  # told of each change: Slack not answering (why), or answering
        self._unanswered: Unanswered | None = None
        self._learnt: list[Callable[[SlackResponse], None]] = []
        self._lock = threading.Lock()
        self._probe_at: datetime | None = None  # during an outage since answering: next ask
        self._probe_len = self._probe_wait = 0.0

    def on_answer(self, learn: Callable[[SlackResponse], None]) -> None:
        """Call ``learn`` with the answer when it comes (at once when it came)."""
        self._learnt.append(learn)
        if self.me is not None:
            learn(self.me)

    def first(self) -> None:
        """Start-up's ask: ConfigError when Slack refuses the token; not answering, one
        WARNING, and the run starts (``keep_asking`` asks again)."""
        try:
            self._answered(ask(self.client, self.settings))
        except Refused as refused:
            raise ConfigError(refused_line(str(refused))) from None
        except NotAnswering as why:
            self._went(Unanswered(str(why), datetime.now(UTC)))
            check = "WIREWATCH_SLACK_API_URL and " if self.settings.slack_api_url else ""
            log.warning("%s: Slack is not reachable yet; wirewatch starts all the same, ingests "
                        "and keeps alerts in the outbox, and asks again with backoff (if it "
                        "lasts, check %sthe network, and HTTPS_PROXY when one is needed)", why,
                        check)

    def unanswered(self) -> Unanswered | None:
        with self._lock:
            return self._unanswered

    def down(self) -> bool:
        """Slack's Web API is not answering this run (yet, or any more): nothing is sent."""
        return self.unanswered() is not None

    def keep_asking(self, stopping: threading.Event,
                    refused: Callable[[str], None]) -> threading.Thread | None:
        """While Slack has not answered, ask again on a daemon thread (2 s, 4 s, … a minute
        apart, or as long as a Retry-After asks) until it does or the run stops; a refusal then
        is the token's (``refused``)."""
        if self.unanswered() is None:
            return None
        thread = threading.Thread(target=self._ask_until_answered, args=(stopping, refused),
                                  name="slack-first-answer", daemon=True)
        thread.start()
        return thread

    def lost(self, reason: str, wait: float | None = None,
             now: datetime | None = None) -> None:
        """A call of the run found Slack's Web API down (unreachable, 5xx) after it had
        answered: the first says so (one WARNING, `/health` 503) and the sender asks again
        (one alert) only when ``due``: 1 s, 2 s, 4 s … at most 15 s apart, and never before
        ``wait``, the Retry-After Slack's answer gave; until it answers (``back``)."""
        now = now or datetime.now(UTC)
        with self._lock:
            if self.me is None:
                return
            first = self._unanswered is None
            self._probe_wait = PROBE_FIRST if first else min(self._probe_wait * 2, OUTAGE_WAIT)
            delay = max(self._probe_wait, wait or 0.0)
            self._probe_at, self._probe_len = now + timedelta(seconds=delay), delay
            if not first:
                return
            self._unanswered = gone = Unanswered(reason, now, answered_before=True)
        log.warning("Slack's Web API stopped answering at %s (%s): alerts wait in the outbox, "
                    "in order, and go out once it answers again (asked with backoff, at most "
                    "%.0f s apart)", now.isoformat(timespec="seconds"), reason, OUTAGE_WAIT)
        self._tell(gone)

    def due(self, now: datetime) -> bool:
        """Whether the sender may ask Slack now: always while it answers; during an outage,
        once the backoff since the last failure has passed."""
        with self._lock:
            return self._unanswered is None or \
                not waiting(self._probe_at, now, self._probe_len)

    def ask_when_due(self, now: datetime) -> None:
        """During an outage no alert asks about (none queued; a digest found it), auth.test
        when ``due``: an answer ends it (``back``; a token refused then is the next call's to
        find), none asks again later (``lost``)."""
        if self.me is None or not self.down() or not self.due(now):
            return
        try:
            ask(self.client, self.settings)
        except NotAnswering as why:
            self.lost(str(why), why.wait, now)
            return
        except Refused:
            pass
        self.back()

    def back(self) -> None:
        """Slack answered a call after ``lost``: one WARNING, and delivery goes on."""
        with self._lock:
            was = self._unanswered if self.me is not None else None
            if was is None:
                return
            self._unanswered = None
        self._tell(None)
        log.warning("Slack's Web API answers again (not reachable since %s): alerts kept in the "
                    "outbox meanwhile go out now, in order",
                    was.since.isoformat(timespec="seconds"))

    def _ask_until_answered(self, stopping: threading.Event,
                            refused: Callable[[str], None]) -> None:
        wait = backoff = FIRST_WAIT
        while not stopping.wait(wait):
            try:
                self._answered(ask(self.client, self.settings))
                return
            except Refused as error:
                refused(str(error))
                wait = backoff = min(backoff * 2, LONGEST_WAIT)
            except NotAnswering as why:
                backoff = min(backoff * 2, LONGEST_WAIT)
                wait = max(backoff, why.wait or 0.0)

    def _went(self, why: Unanswered) -> None:
        with self._lock:
            self._unanswered = why
        self._tell(why)

    def _tell(self, why: Unanswered | None) -> None:
        if self.noted is not None:
            self.noted(why)

    def _answered(self, me: SlackResponse) -> None:
        missing = missing_scopes(me.headers)
        if missing:
            log.warning(scope_warning(missing))
        with self._lock:
            self.me, was = me, self._unanswered
            self._unanswered = None
        for learn in self._learnt:
            learn(me)
        self._tell(None)
        if was is not None:
            log.warning("Slack's Web API answers (not reachable since %s): alerts kept in the "
                        "outbox meanwhile go out now", was.since.isoformat(timespec="seconds"))
