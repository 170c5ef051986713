"""/who-said TEXT: who said a quote, from any fragment of it."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import link_target
from bot.alerts.came_from import shown_source
from bot.alerts.mrkdwn import slack_date
from bot.permissions import LOOKUP_WAIT
from bot.slack.after_ack import answered
from bot.slack.sharing import Place, held_share
from bot.who_said import QuoteHit, asked_speaker, holds_words_asked, who_said
from handlers.common import (
    answer,
    asks_help,
    db_of,
    echo,
    join_lines,
    reach_of,
    too_long,
    user_text,
)

USAGE = ("Usage: `/who-said TEXT` finds who said a quote from any fragment of it, e.g. "
         "`/who-said we will not back down`; `/who-said from:NAME` lists a speaker's latest "
         "quotes. Start with `share` to post the answer to the channel.")
NO_NAME = "Whose quotes? Give a name after `from:`, e.g. `/who-said from:Brandt`."
MAX_QUERY = 300
NEAR = " · _not word for word_"
OPENING, CLOSING = "\"'“‘«„", "\"'”’»“"


def handle_who_said(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    if line := too_long(command):
        answer(respond, line)
        return
    text = user_text(command.get("text"))
    share = text.lower() == "share" or text.lower().startswith("share ")
    query = text[6:].strip() if share else text
    if not query.strip(" \"'“”‘’«»") or asks_help(text):
        answer(respond, USAGE)
        return
    if not asked_speaker(query):
        answer(respond, f"{NO_NAME} {USAGE}")
        return
    place = Place(command.get("channel_id"), str(command.get("channel_name") or ""),
                  command.get("user_id"))
    reply(respond, context, query, here=place.channel, limit=5, share=place if share else None)


def unquoted(text: str) -> str:
    """The quote without a pair of quotation marks around it all, as a desk pastes one: the
    answer echoes it in its own marks."""
    text = text.strip()
    if len(text) > 2 and text[0] in OPENING and text[-1] in CLOSING:
        return text[1:-1].strip()
    return text


def first_words(text: str, limit: int = MAX_QUERY) -> tuple[str, str]:
    """A quote's first ``limit`` characters, cut before a word, never in one; with the line
    that tells the asker so ("" when the quote is read whole)."""
    if len(text) <= limit:
        return text, ""
    head = text[:limit + 1]
    cut = (head.rsplit(" ", 1)[0] if " " in head else text[:limit]).rstrip()
    return cut, (f"\n_Searched for its first {len(cut):,} of {len(text):,} characters, to a "
                 "whole word: a fragment of a quote finds it._")


def reply(respond: Respond, context: BoltContext, query: str, *, here: str | None, limit: int,
          share: Place | None = None, wait: float = LOOKUP_WAIT,
          nothing: str = "No quote matches that.") -> None:
    """The quotes matching ``query``; a guest's only of the stories in their reach (``here``,
    the channel asked in, always counts), found and counted by the search itself. Read as a
    guest only because Slack did not say who asks, the answer is never shared; nor, saying
    why, when it holds a quote of a story the channel does not follow and a guest asks or
    someone of another organisation may read the conversation (``held_share``); ``share``: where
    the answer is posted for all to read, None to answer the asker alone."""
    db = db_of(context)
    query, cut = first_words(unquoted(query))
    reach = reach_of(context, here, wait=wait)
    result = who_said(db, query, limit=limit, stories=None if reach is None else reach.stories)
    note = reach.note() if reach else ""
    if not result.hits:
        said = echo(result.message or nothing, 400)
        within = " in the stories the channels you are in follow" if reach and not note else ""
        answer(respond, f"{said} (searched for “{echo(query, 100)}”{within}){cut}{note}")
        return
    held = held_share(db, context.client, share, (h.article_id for h in result.hits),
                      guest=reach is not None) if share and not note else None
    outside = held.outside if held else frozenset()
    lines = [_heading(result.mode, query)] + [
        format_hit(hit, here=hit.article_id not in outside,
                   near=holds_words_asked(result, hit) is False) for hit in result.hits]
    text = join_lines(lines) + cut + note
    answer(respond, f"{text}\n{held.why}" if held else text,
           share=share is not None and not note and not held)


def _heading(mode: str, query: str) -> str:
    """A speaker's latest quotes headed by their name; a quote's search by the words asked."""
    if mode == "speaker":
        return f"*Latest quotes from {echo(asked_speaker(query), 100)}*"
    return f"*Who said* “{echo(query, 100)}”"


def format_hit(hit: QuoteHit, *, here: bool = True, near: bool = False) -> str:
    """One quote with its article, source, date (a Slack date token: each reader's own time
    zone) and link; ``here`` False marks it as of a story the channel does not follow;
    ``near`` marks a quote that does not hold the words asked (a near match must not pass for
    the words checked)."""
    who = hit.speaker or "unattributed"
    if hit.role:
        who = f"{who}, {hit.role}"
    target = link_target(hit.url)
    source = shown_source(hit.source, hit.url, hit.origin)
    where = [echo(source, 150) if source else None,
             _when(hit),
             f"<{target}|link>" if target else None]
    line = f"• “{echo(hit.text, 600)}” — *{echo(who, 150)}*\n    _{echo(hit.article_title, 150)}_"
    line = " · ".join([line] + [x for x in where if x])
    if near:
        line += NEAR
    return line if here else f"{line} · not followed in this channel"


def _when(hit: QuoteHit) -> str | None:
    """The article's time, or for one giving none when it arrived, as its alert says it."""
    if hit.published:
        return slack_date(hit.published) or echo(hit.published, 40)
    arrived = slack_date(hit.arrived) if hit.arrived else ""
    return f"arrived {arrived}" if arrived else None


def register(app: App) -> None:
    app.command("/who-said")(answered(handle_who_said))
