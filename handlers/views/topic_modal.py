"""Adding a topic from a modal: open it, preview what the query matches, submit it."""

from __future__ import annotations

import logging
import time

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.held_back import pacer_of
from bot.alerts.notify import MAX_NOTIFY, NotifyError, parse_notify
from bot.alerts.pacing import Pacer
from bot.alerts.pause import resume_channel
from bot.permissions import AFTER_ACK_WAIT, Action, field_refusal, may, refusal
from bot.slack.after_ack import answered
from bot.slack.membership import INVITE, can_post_within
from bot.slack.usergroups import user_groups
from bot.stories.query import TopicQueryError, default_query, topic_query
from bot.stories.tracking import add_topic, topic_name
from bot.topic_names import slack_typed, unsearched_note
from bot.topic_preview import PreviewHit, left_out, preview
from handlers.common import db_of, role_answer, services
from handlers.views.topic_view import (
    CALLBACK_ID,
    PREVIEW,
    SHOWN,
    TopicForm,
    done_view,
    form_of,
    preview_blocks,
    problem_blocks,
    refused_blocks,
    topic_modal,
)
from storage import subscriptions as subs
from storage import topics as store
from storage.articles import now_iso
from storage.db import transaction

BEFORE_ACK_SECONDS = 2.0
log = logging.getLogger(__name__)


def open_topic_modal(client: WebClient, trigger_id: str, channel: str | None) -> None:
    """The form, with the workspace's user groups to notify when Slack lists them quickly."""
    form = TopicForm(channel=channel, group_options=tuple(user_groups(client)))
    try:
        client.views_open(trigger_id=trigger_id, view=topic_modal(form))
    except OSError as exc:  # the answer was lost: Slack may have opened it; a trigger opens one
        log.warning("the Add a topic form may have opened or not (%s: %s); not opened again, "
                    "as its trigger opens one form", exc.__class__.__name__, exc)


def handle_preview(ack: Ack, body: dict, client: WebClient, context: BoltContext,
                   logger: logging.Logger) -> None:
    """Stories of every topic, whatever channels follow them: for whoever may add a topic."""
    ack()
    view = body.get("view") or {}
    if not view.get("id"):
        logger.warning("a preview click came without the form it was made in; nothing to show")
        return
    form = form_of(view)
    who = role_answer(context, wait=AFTER_ACK_WAIT)
    if not may(who.role, Action.MANAGE_TOPICS):
        shown = refused_blocks(refusal(Action.MANAGE_TOPICS, who, user_id=context.user_id))
    elif not (form.query or form.name):
        shown = problem_blocks("type a name or a query first")
    else:
        try:
            shown = _previewed(db_of(context), form.query or default_query(form.name))
        except TopicQueryError as exc:
            shown = problem_blocks(exc.describe().splitlines()[0])
    client.views_update(view_id=view.get("id"), hash=view.get("hash"),
                        view=topic_modal(form, preview=shown))


def _previewed(db: Database, query: str) -> list[dict]:
    """The preview's blocks: the stories matched, then those the exclusions leave out."""
    hits = preview(db, query)
    return preview_blocks(query, hits, left=left_out(db, query,
                                                     matched={hit.story_id for hit in hits}))


def handle_submit(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    """Checks (the role, the channel) come before the answer, so they share a budget within
    Slack's 3 s; resuming the channel's paused subscriptions (direct messages) comes after."""
    started = time.monotonic()
    form = form_of(view)
    svc = services(context)
    db = svc.db
    who = role_answer(context)
    if not may(who.role, Action.MANAGE_TOPICS):
        ack(response_action="errors",
            errors={"name": _short(field_refusal(Action.MANAGE_TOPICS, who))})
        return
    if not form.name:
        ack(response_action="errors", errors={"name": "A topic needs a name."})
        return
    try:
        topic_name(form.name)
    except store.TopicError as exc:
        ack(response_action="errors", errors={"name": _short(str(exc))})
        return
    try:
        query = form.query or default_query(form.name)
        topic_query(query)
    except TopicQueryError as exc:
        ack(response_action="errors", errors={"query": _short(exc.describe().splitlines()[0])})
        return
    notify, wrong = _notify(form)
    if wrong:
        ack(response_action="errors", errors=wrong)
        return
    left = BEFORE_ACK_SECONDS - (time.monotonic() - started)
    problem = _channel_problem(context.client, form.channel, left, pacer_of(db_of(context)))
    if problem:
        ack(response_action="errors", errors={"channel": problem})
        return
    user = (body.get("user") or {}).get("id")
    try:
        with transaction(db):
            topic_id = add_topic(db, name=form.name, query=query, created_by=user,
                                 quiet_hours=svc.settings.story_quiet_hours)
            _subscribe(db, form, user, notify)
    except store.TopicError as exc:
        ack(response_action="errors", errors={"name": _short(_taken(db, form.name) or str(exc))})
        return
    running = [PreviewHit(story_id=r.id, title=r.title or "untitled",
                          last_seen=r.last_seen, article_count=r.article_count or 1,
                          reasons=tuple((x.term, x.where, x.text) for x in r.reasons))
               for r in store.recent_stories(db, topic_id, limit=SHOWN + 1)]
    note = "" if form.query else unsearched_note(
        form.name, f"`/topics edit {slack_typed(form.name)} QUERY`.")
    ack(response_action="update", view=done_view(form.name, query, form.channel, running,
                                                  notify, note))
    if form.channel:
        resume_channel(db, context.client, form.channel)


def _subscribe(db: Database, form: TopicForm, user: str | None,
               notify: tuple[str, ...]) -> None:
    topic = store.get_topic(db, form.name)
    if form.channel and topic:
        subs.subscribe(db, topic_id=topic.id, target_type="channel", target_id=form.channel,
                       mode="realtime", created_by=user, at=now_iso(), notify=notify or None)


def _notify(form: TopicForm) -> tuple[tuple[str, ...], dict[str, str] | None]:
    """Whom the channel's alerts notify, checked as `/subscribe … notify` checks its mentions
    (people and user groups only, at most MAX_NOTIFY), or the field error."""
    people = [f"<@{user}>" for user in form.people]
    groups = [f"<!subteam^{group}>" for group in form.groups]
    try:
        found = parse_notify(" ".join(people)) if people else ()
    except NotifyError as exc:
        return (), {"notify": _short(str(exc))}
    try:
        found += parse_notify(" ".join(groups)) if groups else ()
    except NotifyError as exc:
        return (), {"notify_groups": _short(str(exc))}
    if len(found) > MAX_NOTIFY:
        return (), {"notify": f"At most {MAX_NOTIFY} people and user groups in all; a user "
                              "group pings a whole desk at once."}
    if found and not form.channel:
        return (), {"notify": "Choose the channel to alert first: these are pinged by its "
                              "alerts."}
    return found, None


def _channel_problem(client: WebClient, channel: str | None, seconds: float,
                     pacer: Pacer) -> str | None:
    """Why the bot cannot alert the chosen channel (as `/subscribe` checks: a public one is
    joined), or None; a private channel it is not in would refuse every alert."""
    if not channel:
        return None
    refusal = can_post_within(client, channel, seconds, pacer=pacer)
    if refusal == INVITE:
        return "I am not in this private channel: type /invite @wirewatch in it first, or leave " \
               "this empty and subscribe it later."
    return _short(refusal) if refusal else None


def _taken(db: Database, name: str) -> str | None:
    """A name already taken, with where its query is changed (the form only adds)."""
    topic = store.get_topic(db, name)
    if topic is None:
        return None
    return (f"“{topic.name}” already exists; /topics edit changes its query, keeping its "
            "subscriptions.")


def _short(text: str) -> str:
    """Slack shows at most about 150 characters of a field error."""
    return text if len(text) <= 150 else text[:149] + "…"


def register(app: App) -> None:
    app.action(PREVIEW)(answered(handle_preview))
    app.view(CALLBACK_ID)(answered(handle_submit))
