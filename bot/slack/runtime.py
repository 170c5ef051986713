"""The running Slack bot: HTTP or Socket Mode, plus the outbox sender and digests to schedule."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from bot.alerts.digest import Lookups, send_due_digests
from bot.alerts.held_back import own
from bot.alerts.instances import Instances
from bot.alerts.quote_digest import queue_quote_digests
from bot.alerts.said_once import resume as resume_sayings
from bot.alerts.sender import AlertSender
from bot.alerts.slack_clock import SlackClock, late_waits
from bot.alerts.token import TokenState
from bot.config import Settings
from bot.deadline import Deadline
from bot.http_server import SLACK_MAX_BODY, HttpServer, WSGIApp
from bot.http_server import STOP_SECONDS as HTTP_STOP_SECONDS
from bot.scheduler import account_round_done
from bot.slack.account_check import AccountCheck, Round
from bot.slack.app import build_app
from bot.slack.clients import app_client, delivery_client
from bot.slack.config import check_slack_settings
from bot.slack.identity import Identity, Unanswered
from bot.slack.listener_pool import ListenerPool
from bot.slack.replays import ServedRequests
from bot.slack.server import build_router
from bot.slack.services import Services
from bot.slack.socket import SocketRunner
from storage.db import ThreadLocalDb, transaction
from storage.runs import slack_noted

DIGESTS = "digests"

log = logging.getLogger(__name__)


class SlackRuntime:
    """Validates configuration on creation (ConfigError names the variable); start() serves."""

    def __init__(self, settings: Settings, *, extra_routes: dict[str, WSGIApp] | None = None,
                 verify_token: bool = True) -> None:
        check_slack_settings(settings)
        self.settings = settings
        self.store = ThreadLocalDb(settings.db_path)
        self.waiting = own(settings.db_path)
        """This bot's calls waiting on a timer to be made again: its stop drops them."""
        self.token = TokenState()
        self.instances = Instances(self.store.get)
        clock = SlackClock()
        self.services = Services(self.store, settings, self.token, self.instances, clock)
        self._answering: list[Callable[[], None]] = []  # build_app's first ask may tell
        self.identity = Identity(app_client(settings), settings, noted=self._noted) \
            if verify_token else None
        self.listeners = ListenerPool()
        self.app = build_app(settings, services=self.services, verify_token=verify_token,
                             clock=clock, identity=self.identity, listeners=self.listeners)
        if self.identity is not None:
            self.identity.on_answer(self.instances.learn)
        self.delivery = delivery_client(settings)
        self.pacer = self.waiting.pacer  # its listeners' too: a method's 429 holds it for all
        self.stopping = threading.Event()
        late_wait, late_window = late_waits(settings.slack_timeout)
        self.sender = AlertSender(self.delivery, token=self.token, pacer=self.pacer,
                                  instances=self.instances, stopping=self.stopping,
                                  late_wait=late_wait, late_window=late_window, clock=clock,
                                  reach=self.identity)
        self.digest_lookups = Lookups(late_wait, late_window, self.sender.clock)
        self.accounts = AccountCheck()
        self._extra_routes = dict(extra_routes or {})
        self._http: HttpServer | None = None
        self._served: ServedRequests | None = None
        self._socket: SocketRunner | None = None
        self._closing = False
        """The stop left Socket Mode's close under way at its bound."""

    @property
    def socket_mode(self) -> bool:
        return bool(self.settings.slack_app_token)

    def start(self) -> None:
        """Serve /health and extra routes over HTTP; Slack itself over HTTP or Socket Mode.
        What an earlier run had yet to say (an unmute, a pause's word) is said when due."""
        mode = "socket" if self.socket_mode else "http"
        resume_sayings(self.store.get(), self.delivery)
        self._served = ServedRequests(self.settings.db_path)
        router = build_router(slack=None if self.socket_mode else self.app,
                              extra_routes=self._extra_routes, mode=mode,
                              signing_secret=self.settings.slack_signing_secret,
                              health=self.token.report, web_api=self._unanswered,
                              first_time=self._served.first_time,
                              link=self._link_down if self.socket_mode else None)
        self._http = HttpServer(router, host=self.settings.host, port=self.settings.port,
                                max_body=max(self.settings.ingest_max_bytes, SLACK_MAX_BODY))
        self._http.start()
        if self.identity is not None:
            self.identity.keep_asking(self.stopping, self._refused)
        if self.settings.slack_app_token:
            self._socket = SocketRunner(self.app, app_token=self.settings.slack_app_token)
            self._socket.start()

    def _unanswered(self) -> Unanswered | None:
        """Why Slack's Web API has not answered this run yet (None: it has)."""
        return self.identity.unanswered() if self.identity is not None else None

    def when_answering(self, call: Callable[[], None]) -> None:
        """Call ``call`` each time Slack's Web API answers after not answering (its first
        answer, an outage's end): the run brings its digest pass forward, so a digest due
        meanwhile goes then, not up to a pass interval later."""
        self._answering.append(call)

    def _noted(self, why: Unanswered | None) -> None:
        """Whether Slack's Web API answers, kept with this run's row for `wirewatch status`
        (a write refused is only logged: delivery does not wait on it); answering: told to
        ``when_answering``'s calls."""
        since = why.since if why is not None else datetime.now(UTC)
        try:
            db = self.store.get()
            with transaction(db):
                slack_noted(db, self.instances.boot, answers=why is None,
                            since=since.isoformat(timespec="seconds"),
                            why=why.reason if why is not None else None)
        except sqlite3.Error as exc:
            log.warning("could not keep whether Slack answers in the database: %s", exc)
        for call in self._answering if why is None else ():
            call()

    def _refused(self, error: str) -> None:
        """Slack, answering at last, refused the token: delivery waits as for a revoked one."""
        self.token.fail(error, datetime.now(UTC))

    @property
    def answered(self) -> bool:
        """Slack's Web API answers this run: not before its first answer (nothing is sent: no
        alert spends a try, nor grows its backoff, on an outage already known), nor during an
        outage since (no digest, look or account round; the sender's next alert asks)."""
        return self._unanswered() is None

    def _link_down(self) -> datetime | None:
        """Since when Socket Mode's connection to Slack is down (None: up, or not yet made)."""
        socket = self._socket
        return socket.down_since() if socket is not None else None

    def stop(self, timeout: float = HTTP_STOP_SECONDS) -> None:
        """Listeners waiting for a role stop waiting first: the exit joins their threads; a
        delivery or digest pass under way stops after its call in progress (each waits up to
        the client's timeout while Slack hangs: a pass of many would hold the stop minutes);
        calls waiting to be made again (``held_back.Waiting``) are not made, and a listener
        still under way arms none (what it was to say waits in the database for the next
        start); another bot's in the same process are left alone. Bolt's listener pool, once
        no request can come, is told to end: its idle threads end at once (they waited for
        work for ever), one running a listener once that returns (``finish`` waits for those).
        Socket Mode's close and the HTTP server's wait for requests under way take at most
        ``timeout`` seconds together."""
        deadline = Deadline(timeout)
        self.stopping.set()
        self.services.roles.close()
        if self._socket:
            self._closing = not self._socket.stop(deadline.left())
            self._socket = None
        if self._http:
            self._http.stop(deadline.left())
            self._http = None
        self.listeners.shutdown(wait=False)
        if self._served:
            self._served.close()
            self._served = None
        dropped = self.waiting.close()
        if dropped:
            log.info("%d calls to Slack waiting to be made again dropped: the bot stops",
                     dropped)

    def finish(self, timeout: float) -> list[str]:
        """After ``stop``: wait up to ``timeout`` seconds for the listeners under way (a Slack
        call of theirs waits up to the client's timeout); one name for each still running."""
        left = self.listeners.finish(timeout)
        return ["the Socket Mode connection's close", *left] if self._closing else left

    @property
    def port(self) -> int:
        if self._http is None:
            raise RuntimeError("SlackRuntime.port is known only after start()")
        return self._http.port

    def deliver_pending(self, *, now: datetime | None = None) -> int:
        """Send the outbox alerts that are due; returns how many were posted."""
        if self.identity is not None and self.identity.me is None:
            return 0  # never answered this run: the start-up ask goes first (it said why)
        now = now or datetime.now(UTC)
        sent = self.sender.deliver(self.store.get(), now=now)
        if self.identity is not None:  # an outage no alert asked about this pass: asked here
            self.identity.ask_when_due(now)
        return sent

    def send_due_digests(self, *, now: datetime) -> int:
        """Post the hourly and daily digests that are due at ``now``; returns how many.

        Quote digests that are due go to the outbox, for the sender's next pass. While the
        database refuses writes, digests wait as alerts do (``AlertSender.writes``)."""
        writes = self.sender.writes
        if self.identity is not None:  # an outage since Slack answered: asked first, when due
            self.identity.ask_when_due(now)
        if writes.paused(DIGESTS, now) or not self.answered:
            return 0
        try:
            self.instances.register(self.store.get())
            queue_quote_digests(self.store.get(), now=now, timezone=self.settings.timezone,
                                daily_hour=self.settings.digest_hour)
            sent = send_due_digests(self.store.get(), self.delivery, now=now,
                                    timezone=self.settings.timezone,
                                    daily_hour=self.settings.digest_hour, pacer=self.pacer,
                                    token=self.token, instances=self.instances,
                                    stopping=self.stopping, lookups=self.digest_lookups,
                                    reach=self.identity)
        except sqlite3.OperationalError as exc:
            writes.failed(DIGESTS, str(exc), now)
            return 0
        writes.worked(DIGESTS)
        return sent

    def check_instances(self, *, now: datetime | None = None) -> None:
        """Look at the latest posts of a conversation this run posted to, for another
        wirewatch posting with this app (``bot.alerts.instances``)."""
        if self.instances.started is not None and self.token.report().ok and self.answered:
            self.instances.check(self.delivery, now or datetime.now(UTC), self.pacer)

    def check_accounts(self) -> Round | None:
        """Look at the accounts of people with direct-message subscriptions (the next of them
        in turn), for a deactivation or a guest change Slack's ``user_change`` never brought
        (``bot.slack.account_check``)."""
        if self.stopping.is_set() or not self.token.report().ok or not self.answered:
            return None
        done = self.accounts.run(self.store.get(), self.delivery, self.stopping, self.pacer)
        account_round_done(self.store.get(), now=datetime.now(UTC))
        return done
