"""Quote alerts: a followed person's new words, queued with the article, never a repeat.

A quote subscription is a topic query with at least one ``person:`` term. A ``person:`` term
is satisfied by the quote's speaker; every other term by the article, through the topic
matcher. A quote the story already carried (the same words, give or take a few) is not news.
"""

from __future__ import annotations

from sqlite_utils import Database

from bot.alerts.blocks import alert_blocks, alert_text
from bot.alerts.quote_blocks import (
    quote_blocks,
    quote_digest_blocks,
    quote_digest_text,
    quote_text,
)
from bot.models import DirectQuote, OutboxAlert, QuotePick, Verdict
from bot.source_notices import notice_message
from bot.stories.query import And, Node, Not, Term, TopicQueryError, parse_query, positive_terms
from bot.stories.topics import Matcher, MatchText, same_word
from storage import quote_subscriptions as store
from storage.alerts import alert_view
from storage.articles import now_iso
from storage.quotes import normalise
from storage.source_notices import NOTICE
from storage.state import install_id

QUOTE = "quote"
PERSON = "PERSON"
MIN_WORDS = 3
SAME_QUOTE = 0.8


class QuoteQueryError(ValueError):
    """A quote subscription query that cannot select anyone's quotes."""


def check_quote_query(query: str) -> Node:
    """The parsed query; raises QuoteQueryError when it is bad or names no person."""
    try:
        node = parse_query(query)
    except TopicQueryError as exc:
        raise QuoteQueryError(exc.describe().splitlines()[0]) from exc
    if not any(PERSON in term.labels for term in positive_terms(node)):
        raise QuoteQueryError('it needs a person, e.g. person:"Ada Brandt" or '
                              "person:Brandt AND strike")
    return node


def enqueue_quote_alerts(db: Database, verdict: Verdict, article_id: int,
                         text: MatchText) -> int:
    """Queue one quote alert per target whose followed person said something new here."""
    subscriptions = store.running_quote_subscriptions(db)
    fresh = new_quotes(db, verdict.story_id, article_id) if subscriptions else []
    if not fresh:
        return 0
    matcher = Matcher(text)
    wanted: dict[str, list[QuotePick]] = {}
    later: list[QuotePick] = []
    for sub in subscriptions:
        try:
            node = check_quote_query(sub.query)
        except QuoteQueryError:
            continue
        for quote in fresh:
            if selects(node, tuple(normalise(quote.speaker).split()), matcher):
                pick = QuotePick(quote.id, sub.id)
                if sub.mode == "realtime":
                    wanted.setdefault(sub.target_id, []).append(pick)
                else:
                    later.append(pick)
    at = now_iso()
    store.keep_for_digest(db, later, at)
    return sum(store.queue_quote_alert(db, story_id=verdict.story_id, article_id=article_id,
                                       target=target, items=items, at=at) is not None
               for target, items in wanted.items())


def new_quotes(db: Database, story_id: int, article_id: int) -> list[DirectQuote]:
    """The article's direct, attributed quotes that its story did not already carry."""
    quotes = store.direct_quotes(db, article_id)
    speakers = sorted({q.speaker for q in quotes})
    known = [_words(text) for text in store.earlier_quotes(db, story_id, article_id, speakers)]
    fresh = []
    for quote in quotes:
        words = _words(quote.text)
        if len(words) >= MIN_WORDS and not any(same_quote(words, k) for k in known):
            fresh.append(quote)
            known.append(words)
    return fresh


def same_quote(a: set[str], b: set[str]) -> bool:
    """Nearly all the words of the shorter quote are in the other: the same words, re-cut."""
    return bool(a and b) and len(a & b) >= SAME_QUOTE * min(len(a), len(b))


def selects(node: Node, speaker: tuple[str, ...], matcher: Matcher) -> bool:
    if isinstance(node, Term):
        if PERSON in node.labels:
            return speaker_is(node, speaker)
        return bool(matcher.term(node))
    if isinstance(node, Not):
        return not selects(node.child, speaker, matcher)
    results = (selects(child, speaker, matcher) for child in node.children)
    return all(results) if isinstance(node, And) else any(results)


def speaker_is(term: Term, speaker: tuple[str, ...]) -> bool:
    """The term's words appear, in order, in the speaker's name (any inflection of the last)."""
    wanted = tuple(w for word in term.words for w in normalise(word).split())
    if not wanted or len(wanted) > len(speaker):
        return False
    for start in range(len(speaker) - len(wanted) + 1):
        window = speaker[start:start + len(wanted)]
        if term.kind == "prefix" and window[:-1] == wanted[:-1] and \
                window[-1].startswith(wanted[-1]):
            return True
        if all(same_word(a, b) for a, b in zip(window, wanted, strict=True)):
            return True
    return False


def _words(text: str) -> set[str]:
    return set(normalise(text).split())


def alert_message(db: Database, row: OutboxAlert, *, standalone: bool = False,
                  own_thread: bool = True) -> tuple[str, list[dict]]:
    """The fallback text and blocks of one outbox row, a story alert or a quote alert (an
    update ``standalone`` is posted with no thread of its story to go in; not ``own_thread``,
    in the thread of the running story its story continues), or a source's notice
    (``bot.source_notices``)."""
    if row.kind == NOTICE:
        return notice_message(db, row.id)
    if row.kind == QUOTE:
        quotes = store.quote_alert_rows(db, row.id)
        if not quotes:
            raise LookupError(f"quote alert {row.id} has no quotes left")
        if row.story_id is None or row.article_id is None:
            return quote_digest_text(quotes), quote_digest_blocks(quotes)
        return quote_text(quotes), quote_blocks(quotes, story_id=row.story_id,
                                                article_id=row.article_id,
                                                install=install_id(db))
    if row.story_id is None or row.article_id is None:
        raise LookupError(f"alert {row.id} names no story or article")
    view = alert_view(db, row.story_id, row.article_id, row.kind, target=row.channel)
    return alert_text(view, standalone=standalone, own_thread=own_thread), alert_blocks(
        view, standalone=standalone, own_thread=own_thread, install=install_id(db))
