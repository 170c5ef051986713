"""/who-said TEXT: who said a quote, from any fragment of it."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.permissions import Action
from bot.who_said import QuoteHit, who_said
from handlers.common import answer, db_of, echo, join_lines, requires, user_text

USAGE = ("Usage: `/who-said TEXT` finds who said a quote from any fragment of it, e.g. "
         "`/who-said we will not back down`. Start with `share` to post the answer to the channel.")
MAX_QUERY = 300


def handle_who_said(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    text = user_text(command.get("text"), limit=MAX_QUERY)
    share = text.lower().startswith("share ")
    query = text[6:].strip() if share else text
    if not query.strip(" \"'“”‘’«»"):
        answer(respond, USAGE)
        return
    result = who_said(db_of(context), query, limit=5)
    if not result.hits:
        said = echo(result.message or "No quote matches that.", 400)
        answer(respond, f"{said} (searched for “{echo(query, 100)}”)")
        return
    lines = [f"*Who said* “{echo(query, 100)}”"] + [format_hit(hit) for hit in result.hits]
    answer(respond, join_lines(lines), share=share)


def format_hit(hit: QuoteHit) -> str:
    who = hit.speaker or "unattributed"
    if hit.role:
        who = f"{who}, {hit.role}"
    where = " · ".join(x for x in (hit.source, hit.published) if x)
    line = f"• “{echo(hit.text, 600)}” — *{echo(who, 150)}*\n    _{echo(hit.article_title, 150)}_"
    return f"{line} · {echo(where, 150)}" if where else line


def register(app: App) -> None:
    app.command("/who-said", middleware=[requires(Action.WHO_SAID)])(handle_who_said)
