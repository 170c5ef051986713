"""A digest in flight: kept in the database before its post leaves, so the next pass (or the
next run) looks for it where and when an alert's would be looked for, before posting again."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from bot.models import LookWindow
from storage.state import get_state, set_state


@dataclass(frozen=True)
class InFlight:
    """Which digest (``payload``, "SUB@UNTIL") went to which conversation; when its try whose
    answer never came was made (``tried``, ISO; empty once Slack answered); where its post can
    be in that conversation's history (``window``, Slack's clock; None: kept before windows
    were, so a day before the period's end on); until when Slack may still make it
    (``late_until``, ISO; empty once answered); where a lookup Slack cut short stopped
    (``cursor``, ``history.Progress.saved``); and where the earliest of its tries before this
    one whose answer never came can be (``stray_from``, Slack's clock: Slack may make that post
    still, after the digest is posted or found); and how many looks for it Slack refused
    (``refused``: the token may lack the history scope)."""

    payload: str = ""
    channel: str = ""
    tried: str = ""
    window: LookWindow | None = None
    late_until: str = ""
    cursor: str | None = None
    stray_from: float | None = None
    refused: int = 0


def read_in_flight(db: Database, subscription_id: int) -> InFlight:
    """The subscription's digest in flight; an empty one when none is. Reads the form kept
    before this one too ("SUB@UNTIL CHANNEL TRIED"), as an upgrade finds it."""
    value = get_state(db, _key(subscription_id)) or ""
    if not value.startswith("{"):
        payload, _, rest = value.partition(" ")
        channel, _, tried = rest.partition(" ")
        return InFlight(payload, channel, tried)
    try:
        data = json.loads(value)
    except ValueError:
        return InFlight()
    window = data.get("window")
    return InFlight(str(data.get("payload") or ""), str(data.get("channel") or ""),
                    str(data.get("tried") or ""),
                    LookWindow(*window) if isinstance(window, list) and window else None,
                    str(data.get("late_until") or ""), data.get("cursor") or None,
                    _number(data.get("stray_from")), int(_number(data.get("refused")) or 0))


def keep_in_flight(db: Database, subscription_id: int, flight: InFlight | None) -> None:
    """Keep (or, given None, drop) the subscription's digest in flight. Call in a transaction."""
    if flight is None:
        set_state(db, _key(subscription_id), "")
        return
    window = [flight.window.oldest, flight.window.latest] if flight.window else None
    set_state(db, _key(subscription_id), json.dumps(
        {"payload": flight.payload, "channel": flight.channel, "tried": flight.tried,
         "window": window, "late_until": flight.late_until, "cursor": flight.cursor,
         "stray_from": flight.stray_from, "refused": flight.refused}))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def strays_from(flight: InFlight, fallback: float) -> float | None:
    """Where the posts of the digest's tries whose answers never came can be: from the
    earliest's span on (its last try's too when no answer came to it; ``fallback``, a try kept
    before windows were)."""
    last = (flight.window.oldest if flight.window else fallback) if flight.late_until else None
    return min((oldest for oldest in (flight.stray_from, last) if oldest is not None),
               default=None)


def _key(subscription_id: int) -> str:
    """The state key of a subscription's digest in flight."""
    return f"digest_in_flight:{subscription_id}"
