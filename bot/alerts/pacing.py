"""Slack's pace, shared by alerts and digests: about one message a second per channel, a
channel held back for as long as a 429's Retry-After for it says, and a pause of every channel
while Slack refuses the whole workspace's posts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from slack_sdk.errors import SlackApiError

from bot.alerts.calls import Retry, call, held_for, per_method
from bot.clock_step import waiting

T = TypeVar("T")
Keep = Callable[[str, datetime, float, datetime], None]
"""Where a hold is kept beyond the process: its key, until, length, and the moment it was set."""
EVERY_CHANNEL = "all"


class Pacer:
    def __init__(self, per_channel_interval: float = 1.0, *, keep: Keep | None = None) -> None:
        self.per_channel_interval = per_channel_interval
        self._keep = keep  # a hold set is kept there too (``bot.alerts.kept_holds``)
        self._next_post: dict[str, datetime] = {}
        self._held: dict[str, tuple[datetime, float]] = {}  # a channel's 429: until, its length
        self._methods: dict[str, tuple[datetime, float]] = {}  # a method's 429: the same
        self._paused_until: datetime | None = None
        self._pause_s = 0.0  # the length of that pause, as Slack asked for it
        self._claims = threading.Lock()

    def paused(self, now: datetime) -> bool:
        """True while Slack asked every channel to wait; a pause further off than Slack asked
        for was set before the clock stepped back, and is over."""
        return waiting(self._paused_until, now, self._pause_s)

    def ready(self, channel: str, now: datetime) -> bool:
        until, length = self._held.get(channel, (None, 0.0))
        return not self.paused(now) and not waiting(until, now, length) and \
            not waiting(self._next_post.get(channel), now, self.per_channel_interval)

    def claim(self, channel: str, now: datetime) -> bool:
        """``ready``, and the channel's next second taken in the same step: the deliver and
        digest jobs run on threads of their own, and two that both found a channel ready
        before either posted would post to it in the same instant."""
        with self._claims:
            if not self.ready(channel, now):
                return False
            self.posted(channel, now)
            return True

    def release(self, channel: str, now: datetime) -> None:
        """Give back the second ``claim`` took at ``now`` when nothing was posted (an alert
        muted, found posted already, refused): the channel's next alert need not wait."""
        with self._claims:
            if self._next_post.get(channel) == now + timedelta(seconds=self.per_channel_interval):
                del self._next_post[channel]

    def in_turn(self, channel: str, now: datetime, send: Callable[[], int]) -> int | None:
        """``send`` in the channel's turn (``claim``), its second given back when nothing was
        posted (``release``): the sender's and the digests' one sequence. None: not its turn."""
        if not self.claim(channel, now):
            return None
        sent = send()
        if not sent:
            self.release(channel, now)
        return sent

    def move_channel(self, old: str, new: str, now: datetime) -> None:
        """The channel ``old`` is ``new`` now (``channel_id_changed``): its hold and pace go
        with it, and the hold is kept under the new id for a restart."""
        with self._claims:
            if old in self._next_post:
                self._next_post[new] = self._next_post.pop(old)
            held = self._held.pop(old, None)
        if held is not None:
            self._held[new] = held
            if self._keep is not None:
                self._keep(f"channel:{new}", held[0], held[1], now)

    def posted(self, channel: str, now: datetime) -> None:
        self._next_post[channel] = now + timedelta(seconds=self.per_channel_interval)

    def rate_limited(self, delay: float, now: datetime, channel: str | None = None, *,
                     method: str | None = None) -> None:
        """Hold ``method`` back ``delay`` seconds (Slack's tiers: every caller's calls of it),
        else ``channel`` (Slack paces posts per channel: one channel's 429 says nothing of the
        others), else every channel."""
        key = f"method:{method}" if method is not None else \
            f"channel:{channel}" if channel is not None else EVERY_CHANNEL
        until = now + timedelta(seconds=delay)
        self.restore(key, until, delay)
        if self._keep is not None:
            self._keep(key, until, delay, now)

    def restore(self, key: str, until: datetime, delay: float) -> None:
        """Hold ``key`` (``method:…``, ``channel:…`` or ``all``) until ``until``, ``delay``
        seconds in all: a hold set here, or kept by an earlier run."""
        kind, _, name = key.partition(":")
        if kind == "method":
            self._methods[name] = (until, delay)
        elif kind == "channel":
            self._held[name] = (until, delay)
        else:
            self._paused_until, self._pause_s = until, delay

    def ask(self, method: str, now: datetime) -> None:
        """Retry, with no call made, while Slack holds ``method`` back (its 429's Retry-After;
        one further off than it asked for was set before the clock stepped back, and is over)."""
        until, length = self._methods.get(method, (None, 0.0))
        if until is None or not waiting(until, now, length):
            return
        held = Retry(f"Slack holds {method} back a while (rate limited)",
                     (until - now).total_seconds(), False, True)
        held.method, held.asked = method, False
        raise held


def paced(pacer: Pacer | None, method: str, now: datetime, request: Callable[[], T], *,
          via: Callable[[Callable[[], T]], T] = call) -> T:
    """``call`` (or ``via``, a variant of it) of ``method``, by any caller (the sender, a look,
    a sweep, an account round): none while a 429 holds the method for every caller
    (``Pacer.ask``), and its own 429 holds it for all: the one place such a hold is set."""
    if pacer is not None:
        pacer.ask(method, now)
    try:
        return via(request)
    except Retry as retry:
        held = per_method(retry)
        if pacer is not None and held is not None:
            pacer.rate_limited(retry.delay, now, method=held)
        raise


def listened(pacer: Pacer, method: str, request: Callable[[], T]) -> T:
    """A listener's call of ``method`` (App Home, a role lookup), kept to the run's holds as the
    run's own calls are: Retry, with no call made, while a 429 holds it; its own 429 holds it
    for every caller, then is raised as the listener's error, which the listener sorts."""
    now = datetime.now(UTC)
    pacer.ask(method, now)
    try:
        return request()
    except SlackApiError as exc:
        held = held_for(exc)
        if held is not None:
            pacer.rate_limited(held, now, method=method)
        raise
