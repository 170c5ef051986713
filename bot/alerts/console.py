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


def render_text(view: AlertView, *, standalone: bool = False, own_thread: bool = True) -> str:
    """The alert as the terminal shows it: every what's-new sentence, each thing said once. An
    update ``standalone`` (no earlier alert of its story printed) says what the story is and
    is named as Slack names it, "New here": there is no thread to be in. A new story not in
    its ``own_thread`` (its running story's was printed) leads with what it adds to it, as
    Slack's "New development" in that thread (``blocks.develops``)."""
    topics = ", ".join(view.topics) or "(no topic)"
    grows = develops(view, own_thread=own_thread)
    if view.kind == "new":
        lines = [_new_label(view, topics, grows=grows), f"   {view.headline}"]
        if view.continues:
            lines.append(f"   ↩️ continues story #{view.continues[0]}: {view.continues[1]}")
        if grows:
            lines += _whats_new(view)
        lines += _bullets([finished(item) for item in view.summary], marker="   ")
    else:
        lines = [f"🆕 NEW HERE: a developing story (#{view.story_id}) · {topics}"
                 if standalone else f"🔄 UPDATE · {topics} · in thread of story #{view.story_id}",
                 f"   {view.headline}"]
        if standalone:
            lines += _bullets([finished(item) for item in view.summary], marker="   ")
        lines += _whats_new(view)
    if view.key_quote and not said_already(view, standalone=standalone,
                                           shown=len(view.whats_new), grows=grows):
        who = view.key_quote.speaker or "unattributed"
        if view.key_quote.role:
            who = f"{who}, {view.key_quote.role}"
        lines += _bullets([f"“{view.key_quote.text}” — {who}"], marker="   > ")
    link = shown_url(view.url) if view.url else None
    meta = " · ".join(x for x in (came_from(view), _when(view), link) if x)
    if meta:
        lines.append(f"   {meta}")
    return "\n".join(lines)


def _new_label(view: AlertView, topics: str, *, grows: bool) -> str:
    if not grows or view.continues is None:
        return f"🆕 NEW STORY · {topics}"
    return f"🆕 {DEVELOPMENT.upper()} · {topics} · in thread of story #{view.continues[0]}"


def _whats_new(view: AlertView) -> list[str]:
    return ["   What's new:",
            *_bullets([finished(item) for item in shown_whats_new(view)], marker="   • ")]


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
