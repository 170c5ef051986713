"""Printing every topic alert to the terminal, resuming after a restart where it left off."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.console import render_text
from bot.alerts.folded_story import joined_story
from bot.alerts.mrkdwn import counted
from bot.alerts.why import no_alert_reason
from bot.models import ArticleEvent
from bot.stories.left_out import each_topic, why_left_out
from storage.alerts import alert_view
from storage.article_events import alerts_queued_for, article_events_after
from storage.db import transaction
from storage.state import get_state, set_state
from storage.stories import running_roots
from storage.threads import folded_into

CURSOR_KEY = "console_cursor"
THREADS_KEY = "console_threads"
THREADS_KEPT = 5000
"""Stories the terminal printed an alert of, those printed latest kept, each with whether it
heads a thread (printed on its own): an update of one of them, or of a story one of them was
folded into, is in its thread; of any other, news here, as Slack posts it to a channel without
that thread."""


def print_pending(db: Database, echo: Callable[[str], None],
                  on_silent: Callable[[ArticleEvent, str], None] | None = None, *,
                  kept: int = THREADS_KEPT) -> int:
    """Print alerts not yet shown; returns how many were printed.

    ``on_silent(event, reason)`` hears about each article that posts nothing, and why.
    The cursor is saved after each alert, so a kill can repeat at most the one alert printed
    just before it (a terminal cannot share the database's transaction)."""
    cursor = int(get_state(db, CURSOR_KEY, "0") or 0)
    threads = _read_threads(get_state(db, THREADS_KEY, "[]") or "[]")
    printed = 0
    while events := article_events_after(db, cursor):
        for event in events:
            reason = no_alert_reason(verdict=event.verdict, hold=event.hold,
                                     has_topic=event.has_topic, left_out=_left_out(db, event))
            if reason is None:
                _print_alert(db, event, threads, echo)
                printed += 1
            elif on_silent is not None:
                on_silent(event, reason)
            cursor = event.id
            with transaction(db):
                set_state(db, CURSOR_KEY, str(cursor))
                if reason is None:
                    threads = dict(list(threads.items())[-kept:])
                    set_state(db, THREADS_KEY, json.dumps(list(threads.items())))
    return printed


def _print_alert(db: Database, event: ArticleEvent, threads: dict[int, bool],
                 echo: Callable[[str], None]) -> None:
    """One alert as Slack posts it to a channel that got the alerts printed before: in the
    thread ``_thread_of`` picks, else on its own, naming the story a fold joined it with."""
    story = event.story_id
    view = alert_view(db, story, event.article_id, event.verdict)
    thread = _thread_of(db, story, threads)
    told = story in threads or any(folded in threads for folded in folded_into(db, story))
    joined = joined_story(db, story_id=story, article_id=event.article_id,
                          in_thread_of=lambda folded: folded == thread)
    echo(render_text(view, standalone=thread is None or not told,
                     own_thread=thread in (None, story), thread=thread, joined=joined) + "\n")
    heads = threads.pop(story, False) or thread is None
    threads[story] = heads


def _read_threads(kept: str) -> dict[int, bool]:
    """The stories printed, latest last, each with whether it heads a thread (its alert printed
    on its own); kept before that was (a bare id), it was taken to."""
    threads: dict[int, bool] = {}
    for entry in json.loads(kept):
        story, heads = (entry, True) if isinstance(entry, int) else entry
        threads[int(story)] = bool(heads)
    return threads


def _thread_of(db: Database, story_id: int, threads: dict[int, bool]) -> int | None:
    """The printed story whose thread the story's alert is in, as Slack picks it
    (``storage.threads.thread_root``): its running story's, else its own; for each, its own
    thread, else that of the newest story folded into it; else none."""
    root = running_roots(db, [story_id]).get(story_id, story_id)
    for story in dict.fromkeys((root, story_id)):
        heading = [s for s in (story, *folded_into(db, story)) if threads.get(s)]
        if heading:
            return heading[0]
    return None


def silent_line(event: ArticleEvent, reason: str) -> str:
    """One terminal line for an article that posted nothing."""
    return f"· no alert for “{event.title or event.origin}”: {reason}"


def report_activity(db: Database, cursor: int, echo: Callable[[str], None]) -> int:
    """One line per article stored since ``cursor`` (`wirewatch run` with Slack): alerted, and
    to how many, or why not; returns the new cursor. Alerts themselves go to Slack."""
    while events := article_events_after(db, cursor):
        for event in events:
            topics = each_topic(db, event.story_id, event.article_id) if event.has_topic else []
            echo(activity_line(event, alerts_queued_for(db, event.article_id), topics=topics))
            cursor = event.id
    return cursor


def _left_out(db: Database, event: ArticleEvent) -> str | None:
    return why_left_out(db, event.story_id, event.article_id) if event.has_topic else None


def activity_line(event: ArticleEvent, queued: int, *,
                  topics: list[tuple[str, str | None]] | None = None) -> str:
    """What one article did; ``queued`` counts its quote alerts too, which need no topic and
    may come with a rewrite that brings a new quote; ``topics``: its story's topics by name,
    each with how its exclusions leave the article out (None: left in)."""
    if queued:
        kind = "new story" if event.verdict == "new" else event.verdict
        return (f"· {kind} “{event.title or event.origin}”: "
                f"{counted(queued, 'alert')} queued for Slack")
    topics = topics or []
    whys = [why for _, why in topics]
    left_out = "; ".join(dict.fromkeys(w for w in whys if w)) if whys and None not in whys \
        else None
    reason = no_alert_reason(verdict=event.verdict, hold=event.hold, has_topic=event.has_topic,
                             left_out=left_out)
    return silent_line(event, reason or _nobody_as_it_happens(topics))


def _nobody_as_it_happens(topics: list[tuple[str, str | None]]) -> str:
    """Why an article some topic leaves in posted nothing: no one gets those topics as they
    happen; the topics whose exclusions leave it out named first, with how."""
    kept = [name for name, why in topics if why is None]
    told = [f"{name} leaves it out ({why})" for name, why in topics if why is not None]
    said = f"nobody gets {_listed(kept)} as it happens" if kept else \
        "nobody gets its topic as it happens"
    return "; ".join([*told, f"{said} (/subscribe TOPIC in a channel; digests collect it)"])


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
