"""How a topic query mixing AND and OR is grouped, said where it is typed: AND binds tighter,
so `"cycle lanes" OR bike* AND NOT source:Tabloid` leaves the tabloid out of the bike* stories
only, and a desk that meant it for both had no word of it."""

from __future__ import annotations

from bot.stories.query import And, Node, Not, Or, Term, TopicQueryError, parse_query, query_text


def read_as(query: str) -> str | None:
    """The query with the parentheses it is read with, when an AND stands inside an OR and
    the query was not written so; None otherwise (or for a query that does not parse)."""
    try:
        node = parse_query(query)
    except TopicQueryError:
        return None
    if not _and_under_or(node):
        return None
    shown = query_text(node)
    return None if " ".join(shown.split()) == " ".join(query.split()) else shown


def _and_under_or(node: Node) -> bool:
    if isinstance(node, Term):
        return False
    if isinstance(node, Not):
        return _and_under_or(node.child)
    if isinstance(node, Or) and any(isinstance(child, And) for child in node.children):
        return True
    return any(_and_under_or(child) for child in node.children)


def grouping_note(query: str) -> str | None:
    """The line said under a query typed with AND inside an OR unbracketed, else None."""
    shown = read_as(query)
    if shown is None:
        return None
    return (f"read as: {shown} (AND binds tighter than OR; put the parentheses where you "
            "mean otherwise)")
