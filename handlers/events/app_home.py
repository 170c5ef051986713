"""App Home: the person's subscriptions, the topics, and the latest stories."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlite_utils import Database

from handlers.common import db_of, echo, join_lines
from storage.alerts import latest_topic_stories
from storage.subscriptions import subscriptions_by
from storage.topics import list_topics


def handle_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    user = event["user"]
    client.views_publish(user_id=user, view={"type": "home",
                                             "blocks": home_blocks(db_of(context), user)})


def home_blocks(db: Database, user: str) -> list[dict]:
    mine = subscriptions_by(db, user)
    topics = list_topics(db)
    stories = latest_topic_stories(db, limit=10)
    return [
        {"type": "header", "text": {"type": "plain_text", "text": "wirewatch"}},
        _section("*Your subscriptions*", [
            f"• *{echo(s['topic'], 100)}* ({s['mode']}) · "
            f"{'by direct message' if s['target_type'] == 'user' else '<#' + s['target_id'] + '>'}"
            for s in mine],
            empty="None yet: `/subscribe me TOPIC` to get one by DM."),
        {"type": "divider"},
        _section("*Topics*", [f"• *{echo(t['name'], 100)}*: `{echo(t['query'], 150)}`"
                              for t in topics], empty="None yet: `/topics add NAME QUERY`."),
        {"type": "divider"},
        _section("*Latest stories*", [
            f"• {echo(s['title'] or 'untitled', 150)} · _{echo(s['topics'] or '', 100)}_ · "
            f"{s['article_count'] or 1} articles" for s in stories],
            empty="No stories on your topics yet."),
    ]


def _section(title: str, lines: list[str], *, empty: str) -> dict:
    text = join_lines([title, *(lines or [empty])], limit=2900)
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
