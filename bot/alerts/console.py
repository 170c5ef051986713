"""Alerts as plain text for the terminal: what the Slack message would say."""

from __future__ import annotations

import textwrap

from bot.alerts.blocks import DEVELOPMENT, develops, said_already, shown_whats_new
from bot.alerts.came_from import came_from
from bot.alerts.mrkdwn import finished
from bot.alerts.timeline_blocks import when_text
from bot.models import AlertView
from bot.shown_link import shown_url

WIDTH = 88


def render_text(view: AlertView, *, standalone: bool = False, own_thread: bool = True,
                thread: int | None = None, joined: tuple[int, str] | None = None) -> str:
    """The alert as the terminal shows it: every what's-new sentence, each thing said once. An
    update ``standalone`` (no earlier alert of its story printed) says what the story is and
    is named as Slack names it, "New here": there is no thread to be in. One not in its
    ``own_thread`` but in the running story's (``thread``, the story whose thread it is, as
    Slack picks it) leads with what it adds, as Slack's "New development" there
    (``blocks.develops``): a new story, or the first update printed of its event. The report
    that folded a story into this one names the story it was ``joined`` with, as Slack's
    "🔗 Joined with" line does."""
    topics = ", ".join(view.topics) or "(no topic)"
    grows = develops(view, own_thread=own_thread, standalone=standalone)
    lines = [_label(view, topics, standalone=standalone, grows=grows, thread=thread),
             f"   {view.headline}"]
    if joined:
        lines.append(f"   🔗 joined with story #{joined[0]}: {joined[1]}")
    if view.kind == "new" and view.continues:
        lines.append(f"   ↩️ continues story #{view.continues[0]}: {view.continues[1]}")
    summary = _bullets([finished(item) for item in view.summary], marker="   ")
    if grows:
        lines += _whats_new(view) + summary
    elif view.kind == "new":
        lines += summary
    else:
        lines += (summary if standalone else []) + _whats_new(view)
    if view.key_quote and not said_already(view, standalone=standalone,
                                           shown=len(view.whats_new), grows=grows):
        who = view.key_quote.speaker or "unattributed"
        if view.key_quote.role:
            who = f"{who}, {view.key_quote.role}"
        lines += _bullets([f"“{view.key_quote.text}” — {who}"], marker="   > ")
    link = shown_url(view.url or "")
    meta = " · ".join(x for x in (came_from(view), _when(view), link) if x)
    if meta:
        lines.append(f"   {meta}")
    return "\n".join(lines)


def _label(view: AlertView, topics: str, *, standalone: bool, grows: bool,
           thread: int | None) -> str:
    """The first line: what the alert is and, in a thread, whose (the running story's for an
    event continuing one the terminal printed)."""
    where = thread or (view.continues[0] if view.continues else view.story_id)
    if grows:
        return f"🆕 {DEVELOPMENT.upper()} · {topics} · in thread of story #{where}"
    if view.kind == "new":
        return f"🆕 NEW STORY · {topics}"
    if standalone:
        return f"🆕 NEW HERE: a developing story (#{view.story_id}) · {topics}"
    return f"🔄 UPDATE · {topics} · in thread of story #{where}"


def _whats_new(view: AlertView) -> list[str]:
    """Its what's-new sentences under a heading; none, no heading (a joining report may add
    nothing but the join), as Slack shows it."""
    items = _bullets([finished(item) for item in shown_whats_new(view)], marker="   • ")
    return ["   What's new:", *items] if items else []


def _when(view: AlertView) -> str:
    """The article's time as `stories timeline` prints it (``2026-12-05 04:50 UTC``, a date given
    without a time alone); without one, when it arrived."""
    if view.published and view.published.strip():
        return when_text(view.published)
    return f"arrived {when_text(view.arrived)}" if view.arrived else ""


def _bullets(items, *, marker: str) -> list[str]:
    out: list[str] = []
    indent = " " * len(marker)
    for item in items:
        out.extend(textwrap.wrap(item, WIDTH, initial_indent=marker, subsequent_indent=indent))
    return out
