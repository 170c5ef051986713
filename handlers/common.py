"""What every listener shares: its services, safe echoing of user text, and ephemeral answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from slack_bolt import BoltContext
from sqlite_utils import Database

from bot.alerts.mrkdwn import clean, fit
from bot.slack.services import CONTEXT_KEY, Services

MAX_INPUT = 1000
MESSAGE_CHARS = 3000
OPEN_QUOTES = {'"': '"', "“": "”", "„": "“", "”": "”", "«": "»", "'": "'", "‘": "’", "‚": "‘",
               "「": "」", "‹": "›"}


def services(context: BoltContext) -> Services:
    return context[CONTEXT_KEY]


def db_of(context: BoltContext) -> Database:
    return services(context).db


def user_text(text: str | None, *, limit: int = MAX_INPUT) -> str:
    """Command text without control characters or surrounding space, at most ``limit`` chars."""
    return " ".join(clean(text or "").split())[:limit]


def echo(text: str, limit: int = 200) -> str:
    """User text shown back safely: escaped, so a mention or link in it never pings anyone."""
    return fit(text, limit)


def split_name(text: str) -> tuple[str, str]:
    """A leading name, quoted (any kind of quotes) or a single word, and the rest."""
    text = text.strip()
    if not text:
        return "", ""
    close = OPEN_QUOTES.get(text[0])
    if close:
        end = text.find(close, 1)
        if end > 0:
            return text[1:end].strip(), text[end + 1:].strip()
        return text[1:].strip(), ""
    head, _, rest = text.partition(" ")
    return head, rest.strip()


def unquote(text: str) -> str:
    """A whole argument with one pair of surrounding quotes removed."""
    text = text.strip()
    name, rest = split_name(text)
    return name if text and text[0] in OPEN_QUOTES and not rest else text


def join_lines(lines: Iterable[str], *, limit: int = MESSAGE_CHARS) -> str:
    """Lines up to ``limit`` characters; the rest summarised as a count, never cut mid-line."""
    lines = list(lines)
    out: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        if size + len(line) + 40 > limit:
            out.append(f"…and {len(lines) - i} more")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def answer(respond: Callable[..., object], text: str, *, share: bool = False) -> None:
    """Reply to the person (ephemeral) or, when asked to share, to the channel."""
    respond(text=text, response_type="in_channel" if share else "ephemeral",
            replace_original=False)
