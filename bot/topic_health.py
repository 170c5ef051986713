"""Topics whose stored query is no longer what a topic may be: stored before a check that now
refuses it, it either is no longer read (``ferry -strike``, ``or`` in small letters) or would
match nearly every article (``NOT strike``, ``strike OR NOT port``). Either matches nothing until
edited: the story stage skips it, said once in its log; the lists a desk reads mark both."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.alerts.mrkdwn import fit
from bot.models import Topic
from bot.stories.stored_queries import Skipped, stored_query
from bot.topic_names import shell_word, slack_typed


@dataclass(frozen=True)
class QueryTrouble:
    """What is wrong with a stored query; ``instead``: the query the check wrote for one that
    matches nearly every article (None for one no longer read, which has no such query)."""

    matches: str
    why: str
    instead: str | None = None


@lru_cache(maxsize=512)
def trouble(query: str) -> QueryTrouble | None:
    """What add and edit would refuse in ``query`` (the story stage's check), or None when it
    is fine."""
    found = stored_query(query)
    if not isinstance(found, Skipped):
        return None
    return QueryTrouble(f"matches nothing: its query {found.what}", found.detail, found.instead)


MEND_SHOWN = 5
"""The topics to mend a status names; it counts the rest."""


def to_mend(topics: Iterable[Topic]) -> list[tuple[Topic, QueryTrouble]]:
    """The topics whose stored query add or edit would refuse, each with what is wrong."""
    return [(topic, found) for topic in topics if (found := trouble(topic.query)) is not None]


def mend_line(mend: list[tuple[Topic, QueryTrouble]], *, named: Callable[[str], str],
              listed_by: str) -> str:
    """A status's line naming the topics to mend, and where each is said in full."""
    shown = "; ".join(f"{named(topic.name)} {found.matches}" for topic, found in
                      mend[:MEND_SHOWN])
    more = f"; {len(mend) - MEND_SHOWN} more" if len(mend) > MEND_SHOWN else ""
    return (f"Topics to mend ({len(mend)}): {shown}{more} ({listed_by} says why and the edit "
            "that mends each)")


def not_read(query: str) -> str | None:
    """Why the matcher skips ``query`` (the parser's reason), or None when it reads it."""
    found = trouble(query)
    return found.why if found and found.instead is None else None


def nearly_all(query: str) -> str | None:
    """Why ``query`` matches nearly every article, or None when it does not."""
    found = trouble(query)
    return found.why if found and found.instead is not None else None


def cli_mark(name: str, query: str) -> str:
    """What `wirewatch topics list` adds after such a topic's line; empty when it is fine."""
    found = trouble(query)
    if found is None:
        return ""
    return (f"  ⚠ {found.matches} ({found.why}); mend it with: wirewatch topics edit "
            f"{shell_word(name)} {shell_word(found.instead) if found.instead else 'QUERY'}")


def slack_mark(name: str, query: str) -> str:
    """The same for `/topics` and App Home, as escaped mrkdwn; empty when it is fine."""
    found = trouble(query)
    if found is None:
        return ""
    instead = fit(found.instead, 200) if found.instead else "QUERY"
    return (f"\n    ⚠️ _{found.matches} ({fit(found.why, 200)}); an admin mends it with_ "
            f"`/topics edit {fit(slack_typed(name), 100)} {instead}`")
