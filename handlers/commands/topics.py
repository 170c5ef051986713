"""/topics: list, add, edit, remove and show the topics that decide which stories alert."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.alerts.mrkdwn import counted, slack_date
from bot.models import Topic, TopicStory
from bot.permissions import Action, Role, may, whom_to_ask
from bot.query_grouping import grouping_note
from bot.slack.activity_lines import topic_line
from bot.slack.after_ack import answered
from bot.slack.command_words import ADD_TOPIC
from bot.slack.reach import Reach
from bot.slack.services import Services
from bot.stories.tracking import RUNNING_LIMIT, add_topic
from bot.topic_edit import change_query
from bot.topic_health import slack_mark
from bot.topic_names import (
    close_names,
    named_with,
    plain_words,
    slack_typed,
    unsearched_note,
)
from bot.topic_preview import matched_terms
from handlers.common import (
    OPEN_QUOTES,
    answer,
    asks_help,
    echo,
    join_lines,
    mode_words,
    no_topic_named,
    reach_of,
    refused,
    role_answer,
    said,
    services,
    split_name,
    too_long,
    unknown_word,
    unquote,
    user_text,
)
from handlers.views.topic_modal import open_topic_modal
from storage import topics as store
from storage.db import transaction
from storage.subscriptions import subscriptions_of

USAGE = (f"Usage: `/topics` lists topics · {ADD_TOPIC} tracks one (quote a name "
         "with spaces: `/topics add \"Port strike\" port AND strike`; `/topics add` alone opens "
         "a form that previews what the query matches) · `/topics edit NAME QUERY` gives it a new "
         "query, keeping its subscriptions · `/topics remove NAME` · `/topics show NAME`")
SHOW_STORIES = 5
QUERY_OPTION = re.compile(r"(-q|(?:--|[—–])(?i:query))(?:=(.+))?")
"""The command line's query option as a word: ``-q``, ``--query`` (``—query``: a Mac or a
phone writes -- as a dash), its value glued with ``=`` or not."""
GUEST_NONE = "No topic is followed in the channels you are in (a guest sees only those)."


def handle_topics(ack: Ack, command: dict, respond: Respond, client: WebClient,
                  context: BoltContext) -> None:
    ack()
    if line := too_long(command):
        answer(respond, line)
        return
    verb, rest = split_name(user_text(command.get("text")))
    svc = services(context)
    if verb.lower() == "add" and not rest and command.get("trigger_id"):
        line = refused(context, Action.MANAGE_TOPICS)
        if line:
            answer(respond, line)
        else:
            open_topic_modal(client, command["trigger_id"], command.get("channel_id"))
        return
    action = ACTIONS.get(verb.lower()) if verb else list_text
    if asks_help(verb) and not rest:
        answer(respond, usage_for(svc, role_answer(context).role))
        return
    if action is None:
        role = role_answer(context).role
        verbs = {word: f"/topics {word} {rest}".strip() for word, act in ACTIONS.items()
                 if may(role, NEEDS.get(act, Action.READ))}
        answer(respond, unknown_word(verb, verbs, " " + usage_for(svc, role)))
        return
    line = refused(context, NEEDS.get(action, Action.READ))
    if line:
        answer(respond, line)
        return
    if action in (list_text, show_text):
        command = {**command, "reach": reach_of(context, command.get("channel_id")),
                   "role": role_answer(context).role}
    answer(respond, said(lambda: action(svc, rest, command), then=USAGE))


def _reach(command: dict) -> Reach | None:
    """What a guest may read (``reach_of``); None: everything."""
    found = command.get("reach")
    return found if isinstance(found, Reach) else None


def usage_for(svc: Services, role: Role) -> str:
    """The usage as this person may use it: an admin's, or to anyone else what they may run
    and whom to ask for the rest."""
    if may(role, Action.MANAGE_TOPICS):
        return USAGE
    return ("Usage: `/topics` lists topics · `/topics show NAME` shows one, who gets it and its "
            "latest stories. Adding, editing or removing a topic is for wirewatch admins: "
            f"{whom_to_ask(svc.settings.admins)}.")


def _none_yet(svc: Services, role: object) -> str:
    if not isinstance(role, Role) or may(role, Action.MANAGE_TOPICS):
        return "No topics yet. " + USAGE
    return (f"No topics yet: a wirewatch admin adds one with {ADD_TOPIC}. "
            + usage_for(svc, role))


def list_text(svc: Services, rest: str, command: dict) -> str:
    reach = _reach(command)
    rows = [r for r in store.list_topics(svc.db) if reach is None or reach.topic(r.id)]
    if not rows:
        return _none_yet(svc, command.get("role")) if reach is None else \
            GUEST_NONE + reach.note()
    latest, now = store.topics_last_seen(svc.db), datetime.now(UTC)
    lines = [f"*{counted(len(rows), 'topic')}*"]
    for r in rows:
        activity = topic_line(r, latest.get(r.id), now=now)
        lines.append(f"• *{echo(r.name, 100)}*: `{echo(r.query, 200)}`"
                     f"{slack_mark(r.name, r.query)}" + (f"\n    {activity}" if activity else ""))
    return join_lines(lines) + (reach.note() if reach else "")


def add_text(svc: Services, rest: str, command: dict) -> str:
    name, query = split_name(rest)
    if not name and rest.strip():
        example = echo(f'/topics add "Port strike" {query}'.strip(), 300)
        return ("The topic's name in the quotes is empty: write its name inside them, then the "
                f"query: `{example}`.")
    if not name:
        return "A topic needs a name. " + USAGE
    there = store.get_topic(svc.db, name)
    if there is not None:
        return (f"Topic *{echo(there.name, 100)}* already exists. To change its query, keeping "
                f"its subscriptions: `/topics edit {echo(slack_typed(there.name), 100)} QUERY`.")
    unquoted = rest.strip()[:1] not in OPEN_QUOTES
    if unquoted and (named := quote_the_name(name, query)):
        return named
    if (option := q_option("add", name, query)) is not None:
        return option
    if unquoted and plain_words(query.split()):
        return which_one(name, query)
    db = svc.db
    with transaction(db):
        topic_id = add_topic(db, name=name, query=query or None,
                             created_by=command.get("user_id"),
                             quiet_hours=svc.settings.story_quiet_hours)
        topic = store.topic_row(db, topic_id)
        running = len(store.recent_stories(db, topic_id, limit=RUNNING_LIMIT))
    note = "" if query else unsearched_note(
        topic.name, f"`/topics edit {echo(slack_typed(topic.name), 100)} QUERY`.")
    return (f"Tracking *{echo(topic.name, 100)}*: `{echo(topic.query, 300)}`. "
            f"{running_text(running)} Subscribe this channel with "
            f"`/subscribe {echo(slack_typed(topic.name), 100)}`." + (f"\n{note}" if note else "")
            + _grouping(topic.query))


def which_one(name: str, query: str) -> str:
    """`/topics add Port strike`: the topic "Port strike", or "Port" with the query strike?
    Both readings, each as the command that means it; nothing is added."""
    whole = echo(f"{name} {query}", 150)
    return (f"Is the topic “{whole}”? Quote a name of several words: `/topics add \"{whole}\"` "
            "(its query is then its words; add one after the quotes), or "
            f"`/topics add \"{echo(name, 100)}\" {echo(query, 150)}` for the topic "
            f"“{echo(name, 100)}” with the query `{echo(query, 150)}`. Nothing was added.")


def quote_the_name(name: str, query: str) -> str | None:
    """`/topics add Port strike -q dock*`: with the query given to the command line's option,
    the plain words before it are the name's; the command that adds that topic, or None."""
    typed, before, after = typed_option(query) or ("", "", "")
    if not typed or not plain_words(before.split()):
        return None
    whole = f"{name} {before}"
    again = echo(f"/topics add {slack_typed(whole)} {after}".strip(), 400)
    return (f"Is the topic “{echo(whole, 150)}”? A name of several words needs quotes, and "
            f"Slack's /topics takes the query after the name without {echo(typed, 20)}: "
            f"`{again}`. Nothing was added.")


def q_option(verb: str, name: str, query: str) -> str | None:
    """`/topics add Strikes -q strike` (or `--query strike`): the command line's option, which
    Slack's /topics has not (read as a query word it was refused as leaving q out, or as
    matching query); the command without it, or None when no word of the query is one."""
    found = typed_option(query)
    if found is None:
        return None
    typed, before, after = found
    meant = " ".join(part for part in (before, after) if part) or "QUERY"
    again = echo(f"/topics {verb} {slack_typed(name)} {meant}", 400)
    return (f"Slack's /topics takes the query after the name, without {echo(typed, 20)} (that "
            f"is `wirewatch topics {verb}`'s): `{again}`. Nothing was "
            f"{'added' if verb == 'add' else 'changed'}.")


def typed_option(query: str) -> tuple[str, str, str] | None:
    """The first of the query's words that is the command line's query option, as typed; the
    words before it, and those after it without any such option (a value glued with ``=``
    kept); None when no word is one."""
    words = query.split()
    for at, word in enumerate(words):
        if option := QUERY_OPTION.fullmatch(word):
            after = [glued.group(2) if (glued := QUERY_OPTION.fullmatch(rest)) else rest
                     for rest in words[at:]]
            return option.group(1), " ".join(words[:at]), " ".join(w for w in after if w)
    return None


def running_text(count: int) -> str:
    """What the new topic matched already, as the CLI says it: 'No stories yet' later is no
    surprise when the answer said none matched."""
    if not count:
        return "No running story matches it yet; new articles are matched as they come."
    return f"It already matches {counted(count, 'running story', 'running stories')}."


def edit_text(svc: Services, rest: str, command: dict) -> str:
    """A new query for a topic, by the function `wirewatch topics edit` calls."""
    name, query = split_name(rest)
    if not name or not query:
        return "Which topic, and which new query? " + USAGE
    db = svc.db
    with transaction(db):
        topic = store.get_topic(db, name)
        if topic is None:
            there = store.list_topics(db)
            return (unquoted_name(name, query, there) or q_option("edit", name, query)
                    or no_topic(name, there, verb="edit", rest=f" {query}"))
        if (option := q_option("edit", name, query)) is not None:
            return option
        change = change_query(db, topic, query, quiet_hours=svc.settings.story_quiet_hours)
    dropped = (f"; {counted(change.dropped, 'running story', 'running stories')} it matched "
               "no longer" if change.dropped else "")
    return (f"*{echo(topic.name, 100)}* now matches `{echo(change.new, 300)}` (was "
            f"`{echo(change.old, 300)}`); its subscriptions stay. "
            f"{counted(change.running, 'running story', 'running stories')} "
            f"match{'es' if change.running == 1 else ''} it{dropped}." + _grouping(change.new))


def unquoted_name(name: str, query: str, topics: Sequence[Topic]) -> str | None:
    """`/topics edit Port strikes port AND strike`: the topic "Port strikes" named without
    quotes, as the command that edits it (without the command line's -q, if typed: its words
    before it may be the name's); None when the words name no topic."""
    typed, before, after = typed_option(query) or ("", query, "")
    meant = named_with(name, [before], [t.name for t in topics])
    if meant is None:
        return None
    rest = " ".join(part for part in (meant[1], after) if part) or "QUERY"
    again = f"/topics edit {slack_typed(meant[0])} {rest}"
    without = (f", and Slack's /topics takes the query after the name without {echo(typed, 20)}"
               if typed else "")
    return (f"No topic named “{echo(name, 100)}”. Is it *{echo(meant[0], 100)}*? A name of "
            f"several words needs quotes{without}: `{echo(again, 400)}`. Nothing was changed.")


def _grouping(query: str) -> str:
    """How a query of AND inside OR unbracketed is read, on a line of its own; else nothing."""
    note = grouping_note(query)
    return f"\n{echo(note, 600)}" if note else ""


def remove_text(svc: Services, rest: str, command: dict) -> str:
    name = unquote(rest)
    if not name:
        return "Which topic? " + USAGE
    db = svc.db
    with transaction(db):
        if store.get_topic(db, name) is None:
            return no_topic(name, store.list_topics(db), verb="remove")
        store.remove_topic(db, name)
    return f"Stopped tracking *{echo(name, 100)}* (its subscriptions went with it)."


def show_text(svc: Services, rest: str, command: dict) -> str:
    db = svc.db
    name = unquote(rest)
    if not name:
        role = command.get("role")
        return "Which topic? " + (usage_for(svc, role) if isinstance(role, Role) else USAGE)
    topic = store.get_topic(db, name)
    reach = _reach(command)
    if topic is None or (reach is not None and not reach.topic(topic.id)):
        return no_topic(name, [t for t in store.list_topics(db)
                               if reach is None or reach.topic(t.id)], verb="show")
    lines = [f"*{echo(topic.name, 100)}*: `{echo(topic.query, 500)}`"]
    subs = [s for s in subscriptions_of(db, [command.get("channel_id", "")])
            if s.topic_id == topic.id]
    typed = f"`/subscribe {echo(slack_typed(topic.name), 100)}`"
    lines.append(f"This channel gets it {mode_words(subs[0].mode)}." if subs else
                 f"This channel is not subscribed: {typed}." if reach is None or reach.unknown
                 else "This channel is not subscribed (a member of this workspace subscribes "
                 f"it with {typed} typed here).")
    stories = store.recent_stories(db, topic.id, limit=SHOW_STORIES)
    lines.append("*Recent stories*" if stories else "No stories yet.")
    lines += [f"• {echo(s.title or 'untitled', 150)} "
              f"({counted(s.article_count or 1, 'article', 'articles')}{_last(s.last_seen)})"
              + _why(s) for s in stories]
    return join_lines(lines)


def _last(moment: str | None) -> str:
    """When the story last grew, as a date token each reader sees in their own time zone."""
    return f", last {slack_date(moment) or echo(moment, 60)}" if moment else ""


def no_topic(name: str, topics: Sequence[Topic], *, verb: str, rest: str = "") -> str:
    """No such topic; the names near it among ``topics`` (those the asker may see) are
    offered as the commands to type again."""
    meant = close_names(name, [t.name for t in topics])
    if not meant:
        return f"{no_topic_named(name)} See `/topics` for the list."
    return no_topic_named(name, [(m, f"/topics {verb} {echo(slack_typed(m), 100)}"
                                     f"{echo(rest, 300)}") for m in meant])


def _why(story: TopicStory) -> str:
    """`` · matched strike in title; source Reuters``: why the story matched, when known."""
    why = matched_terms(((r.term, r.where, r.text) for r in story.reasons), limit=3)
    return f" · matched {echo(why, 250)}" if why else ""


ACTIONS = {"list": list_text, "add": add_text, "edit": edit_text, "remove": remove_text,
           "show": show_text}
NEEDS = {add_text: Action.MANAGE_TOPICS, edit_text: Action.MANAGE_TOPICS,
         remove_text: Action.MANAGE_TOPICS}


def register(app: App) -> None:
    app.command("/topics")(answered(handle_topics))

