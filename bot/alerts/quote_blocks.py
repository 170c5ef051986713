"""Block Kit for a quote alert: the new words, who said them, and where."""

from __future__ import annotations

from bot.alerts.blocks import OPEN, TIMELINE, safe_url
from bot.alerts.buttons import button
from bot.alerts.mrkdwn import cut, fit, plain

MAX_QUOTES = 10


def quote_text(rows: list[dict]) -> str:
    """Fallback text: who, and the start of what they said."""
    first = rows[0]
    more = f" (+{len(rows) - 1} more)" if len(rows) > 1 else ""
    return fit(f"New quote · {plain(first['speaker'] or 'unattributed', 100)}: "
               f"“{plain(first['text'], 200)}”{more}", 3000)


def quote_blocks(rows: list[dict], *, story_id: int, article_id: int) -> list[dict]:
    """One section per new quote, then the article and two buttons."""
    first = rows[0]
    following = fit(first["query"] or "a person", 300)
    blocks: list[dict] = [_context(f"🗣️ *New quote* · you follow `{following}`")]
    for row in rows[:MAX_QUOTES]:
        who = row["speaker"] or "unattributed"
        if row["speaker_role"]:
            who = f"{who}, {row['speaker_role']}"
        blocks.append(_section(f"“{fit(cut(row['text'], 2400), 2500)}”\n— *{fit(who, 300)}*"))
    if len(rows) > MAX_QUOTES:
        blocks.append(_context(f"…and {len(rows) - MAX_QUOTES} more quotes in the article"))
    meta = [fit(plain(x, 300), 400) for x in (first["title"], first["source"],
                                              first["published"]) if x]
    blocks.append(_context(" · ".join(meta) or "article"))
    elements = [button(TIMELINE, "Timeline", value=str(story_id),
                       label="Show how this story grew, article by article")]
    if safe_url(first["url"]):
        elements.append(button(OPEN, "Open article", url=first["url"], value=str(article_id),
                               label="Open the article in your browser"))
    blocks.append({"type": "actions", "block_id": "wirewatch_quote_actions",
                   "elements": elements})
    return blocks


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
