"""/topics: list, add, remove and show the topics that decide which stories alert."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from sqlite_utils import Database

from handlers.common import answer, db_of, echo, join_lines, split_name, unquote, user_text
from storage import topics as store
from storage.db import transaction
from storage.subscriptions import subscriptions_of

USAGE = ("Usage: `/topics` lists topics · `/topics add NAME [QUERY]` tracks one (quote a name "
         "with spaces: `/topics add \"Port strike\" port AND strike`) · `/topics remove NAME` · "
         "`/topics show NAME`")


def handle_topics(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    verb, rest = split_name(user_text(command.get("text")))
    db = db_of(context)
    action = ACTIONS.get(verb.lower())
    if action is None:
        answer(respond, f"I don't know `{echo(verb, 50)}`. {USAGE}" if verb else list_text(db))
        return
    answer(respond, action(db, rest, command))


def list_text(db: Database, *_: object) -> str:
    rows = store.list_topics(db)
    if not rows:
        return "No topics yet. " + USAGE
    lines = [f"*{len(rows)} topics*"]
    lines += [f"• *{echo(r['name'], 100)}*: `{echo(r['query'], 200)}`" for r in rows]
    return join_lines(lines)


def add_text(db: Database, rest: str, command: dict) -> str:
    name, query = split_name(rest)
    if not name:
        return "A topic needs a name. " + USAGE
    try:
        with transaction(db):
            store.add_topic(db, name=name, query=query or name, created_by=command.get("user_id"))
    except store.TopicError as exc:
        return f"Could not add that topic: {echo(str(exc), 300)}. {USAGE}"
    return (f"Tracking *{echo(name, 100)}*: `{echo(query or name, 300)}`. Subscribe this "
            f"channel with `/subscribe {echo(name, 100)}`.")


def remove_text(db: Database, rest: str, command: dict) -> str:
    name = unquote(rest)
    if not name:
        return "Which topic? " + USAGE
    try:
        with transaction(db):
            store.remove_topic(db, name)
    except store.TopicError as exc:
        return f"{echo(str(exc), 300)}. See `/topics` for the list."
    return f"Stopped tracking *{echo(name, 100)}* (its subscriptions went with it)."


def show_text(db: Database, rest: str, command: dict) -> str:
    name = unquote(rest)
    topic = store.get_topic(db, name) if name else None
    if topic is None:
        return f"No topic named “{echo(name, 100)}”. See `/topics` for the list."
    lines = [f"*{echo(topic['name'], 100)}*: `{echo(topic['query'], 500)}`"]
    subs = [s for s in subscriptions_of(db, [command.get("channel_id", "")])
            if s["topic_id"] == topic["id"]]
    lines.append(f"This channel gets it {subs[0]['mode']}." if subs else
                 "This channel is not subscribed.")
    return join_lines(lines)


ACTIONS = {"list": list_text, "add": add_text, "remove": remove_text, "show": show_text}


def register(app: App) -> None:
    app.command("/topics")(handle_topics)
