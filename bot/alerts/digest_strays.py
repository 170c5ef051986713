"""Digests watched for a stray, as alerts are (``bot.alerts.strays``): a digest posted again
once the late window of a try whose answer never came had closed (or found after two such
tries) is looked for that try's post, which is deleted if Slack makes it still."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.pacing import Pacer
from bot.alerts.strays import LOOKS_A_PASS, Looks, Seen, Stray, iso
from storage.digests import digest_strays_due, next_digest_look, watch_digest


def watch(db: Database, *, subscription_id: int, payload: str, where: tuple[str, str],
          stray_from: float, now: datetime, first_look: float) -> None:
    """Watch the digest ``payload``, posted (or found) ``where`` (channel, ts) at ``now``, for
    strays stamped from ``stray_from`` on. Call in the transaction that closes its period."""
    channel, ts = where
    watch_digest(db, subscription_id=subscription_id, payload=payload, channel=channel, ts=ts,
                 stray_from=stray_from, since=iso(now),
                 look_at=iso(now + timedelta(seconds=first_look)))


def sweep_digests(db: Database, client: WebClient, *, now: datetime, first_look: float,
                  event_type: str, install: str, seen: Seen,
                  slack_now: float | None = None, pacer: Pacer | None = None) -> int:
    """Look for the strays of the watched digests that are due; returns how many were
    deleted (as ``strays.sweep``)."""
    looks = Looks(client, now, first_look, install, seen, slack_now, pacer)
    deleted = 0
    for due in digest_strays_due(db, now=iso(now), limit=LOOKS_A_PASS):
        stray = Stray(f"digest {due.payload}", event_type, "digest", due.payload, due.channel,
                      None, due.ts, due.stray_from)
        deleted += looks.one(db, stray, due.cursor, due.since,
                             record=partial(next_digest_look, db, due.id))
    return deleted
