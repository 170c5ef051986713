"""Block Kit for a quote alert: the new words, who said them, and where."""

from __future__ import annotations

from bot.alerts.blocks import (
    MESSAGE_CHARS,
    OPEN,
    SECTION_CHARS,
    TIMELINE,
    link_target,
    shown_link,
)
from bot.alerts.buttons import button, story_value
from bot.alerts.came_from import shown_source
from bot.alerts.mrkdwn import cut, fit, plain, section, slack_date, within
from bot.models import QuoteAlertLine

MAX_QUOTES = 10
DIGEST_QUOTES = 40


def quote_text(rows: list[QuoteAlertLine]) -> str:
    """Fallback text: who, and the start of what they said."""
    first = rows[0]
    more = f" (+{len(rows) - 1} more)" if len(rows) > 1 else ""
    return fit(f"New quote · {plain(first.speaker or 'unattributed', 100)}: "
               f"“{plain(first.text, 200)}”{more}", 3000)


def quote_blocks(rows: list[QuoteAlertLine], *, story_id: int, article_id: int,
                 install: str = "") -> list[dict]:
    """One section per new quote, then the article and two buttons (naming the database,
    ``install``, that posted them)."""
    first = rows[0]
    following = fit(first.query or "a person", 300)
    blocks: list[dict] = [_context(f"🗣️ *New quote* · you follow `{following}`")]
    source = shown_source(first.source, first.url, first.origin)
    meta = [fit(plain(x, 300), 400) for x in (first.title, source) if x]
    if first.published:
        meta.append(slack_date(first.published) or fit(plain(first.published, 100), 150))
    shown = within(MESSAGE_CHARS - 2000, [_quote(row, 2500) for row in rows[:MAX_QUOTES]])
    blocks += [section(text) for text in shown]
    if len(rows) > len(shown):
        blocks.append(_context(f"…and {len(rows) - len(shown)} more quotes in the article"))
    blocks.append(_context(" · ".join(meta) or "article"))
    elements = [button(TIMELINE, "Timeline", value=story_value(story_id, install),
                       label="Show how this story grew, article by article")]
    if link := shown_link(first.url):
        elements.append(button(OPEN, "Open article", url=link, value=str(article_id),
                               label="Open the article in your browser"))
    blocks.append({"type": "actions", "block_id": "wirewatch_quote_actions",
                   "elements": elements})
    return blocks


def quote_digest_text(rows: list[QuoteAlertLine]) -> str:
    first = rows[0]
    return fit(f"{(first.mode or 'digest').capitalize()} quotes · "
               f"{plain(first.query or 'a person', 200)}: {len(rows)} new", 3000)


def quote_digest_blocks(rows: list[QuoteAlertLine]) -> list[dict]:
    """A digest of quotes: each with its speaker and the article it appeared in."""
    first = rows[0]
    head = plain(f"{(first.mode or 'digest').capitalize()} quotes · {first.query or ''}",
                 150)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": head}}]
    shown = within(MESSAGE_CHARS - 300, [_digest_quote(row) for row in rows[:DIGEST_QUOTES]])
    blocks += [section(text) for text in shown]
    if len(rows) > len(shown):
        blocks.append(_context(f"…and {len(rows) - len(shown)} more quotes"))
    return blocks


def _quote(row: QuoteAlertLine, limit: int) -> str:
    """The quote, shortened to what ``limit`` leaves after its speaker, and the speaker."""
    tail = f"”\n— *{fit(_who(row), 300)}*"
    return f"“{fit(cut(row.text, limit - 100), limit - len(tail) - 1)}{tail}"


def _digest_quote(row: QuoteAlertLine) -> str:
    """A digest entry: the quote gets what the section has left after speaker and article."""
    source = shown_source(row.source, row.url, row.origin)
    where = " · ".join(fit(plain(x, 200), 300) for x in (row.title, source) if x)
    target = link_target(row.url)
    if target:
        where += f" · <{target}|link>"
    tail = f"”\n— *{fit(_who(row), 300)}*\n{where}"
    room = min(SECTION_CHARS - len(tail) - 1, 1600)
    return f"“{fit(cut(row.text, 1500), room)}{tail}"


def _who(row: QuoteAlertLine) -> str:
    who = row.speaker or "unattributed"
    return f"{who}, {row.speaker_role}" if row.speaker_role else who


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
