"""Topics whose stored query the matcher no longer reads: stored before a check that now
refuses it (``ferry -strike``, ``or`` in small letters), they match nothing until edited. The
story stage says so in its log; the lists a desk reads mark them."""

from __future__ import annotations

from functools import lru_cache

from bot.alerts.mrkdwn import fit
from bot.stories.query import TopicQueryError, parse_query
from bot.topic_names import shell_word, slack_typed


@lru_cache(maxsize=512)
def not_read(query: str) -> str | None:
    """Why the matcher skips ``query`` (the parser's reason), or None when it reads it."""
    try:
        parse_query(query)
    except TopicQueryError as exc:
        return exc.message
    return None


def cli_mark(name: str, query: str) -> str:
    """What `wirewatch topics list` adds after such a topic's line; empty when it is read."""
    why = not_read(query)
    if why is None:
        return ""
    return (f"  ⚠ matches nothing: its query is no longer read ({why}); mend it with: "
            f"wirewatch topics edit {shell_word(name)} QUERY")


def slack_mark(name: str, query: str) -> str:
    """The same for `/topics` and App Home, as escaped mrkdwn; empty when it is read."""
    why = not_read(query)
    if why is None:
        return ""
    return (f"\n    ⚠️ _matches nothing: its query is no longer read ({fit(why, 200)}); an admin "
            f"mends it with_ `/topics edit {fit(slack_typed(name), 100)} QUERY`")
