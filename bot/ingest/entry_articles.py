"""A feed's entry as an article: its text, or its linked page's when the entry is a teaser;
when the page cannot be had, why, for the caller to choose the teaser or a later try."""

from __future__ import annotations

from dataclasses import replace

from bot.ingest.about import not_its_article
from bot.ingest.addresses import same_host
from bot.ingest.feed_models import FeedEntry, PageFailed
from bot.ingest.fetch import PAGE_TYPES, Fetcher, FetchError, answered
from bot.ingest.html import html_to_article
from bot.models import IngestFailure, RawArticle
from bot.models.web_link import web_link


def entry_article(entry: FeedEntry, *, fetcher: Fetcher, feed_name: str, feed_url: str,
                  relays: bool = False,
                  allow_private: bool = False) -> RawArticle | IngestFailure | PageFailed:
    """The entry as an article; a teaser is replaced by the linked page's main text, at the
    page's own address (an aggregator's link redirects there), and when the page cannot be had
    the caller decides between the teaser and a later try. An entry that is a headline only (a
    wire's flashes) is its own text. Its own ``<source>`` is shown, and matched by ``source:``
    only when the feed ``relays`` others; else ``feed_name`` is."""
    origin = entry.link or f"{feed_url} {entry.key}"
    vouched = None if relays or not entry.outlet or entry.outlet == feed_name else feed_name
    opened = _opened(entry.link)
    ours = opened is not None and same_host(opened, feed_url)
    article = RawArticle(text=entry.text or entry.title or "", origin=origin, title=entry.title,
                         url=entry.link, source=entry.outlet or feed_name,
                         vouched_source=vouched, published=entry.published,
                         link_vouched=not entry.link or ours)
    if entry.teaser and entry.link:
        try:
            response = fetcher.get(opened or entry.link, accept=PAGE_TYPES,
                                   allow_private=allow_private and ours)
        except FetchError as exc:
            reason = answered(exc.status) if exc.status else str(exc)
            return _without_page(article, reason, may_pass=exc.may_pass)
        page = html_to_article(response.body, origin=origin, url=response.url,
                               content_type=response.content_type)
        if isinstance(page, IngestFailure):
            return _without_page(article, page.reason, may_pass=False)
        other = not_its_article(entry_title=entry.title, entry_text=entry.text,
                                page_title=page.title, page_text=page.text)
        if other:
            return _without_page(article, other, may_pass=False)
        if len(page.text) >= len(entry.text):
            return replace(article, text=page.text, url=response.url, link_vouched=True)
    if not article.text:
        return IngestFailure(origin, "the entry has no text and no link to fetch it from")
    return article


def _opened(link: str | None) -> str | None:
    """The page a reader's browser opens for ``link`` (``web_link``), fetched in its place: the
    page read, the host ``source:`` matches and the link shown are then one host's. None for
    no http(s) link a browser reads one way: it vouches for no host, and is fetched as it came
    (the fetch refuses what it cannot read, and says why)."""
    found = web_link(link) if link else None
    return found.url if found else None


def _without_page(article: RawArticle, reason: str, *,
                  may_pass: bool) -> IngestFailure | PageFailed:
    """An entry with a teaser may fall back on it; one without text is tried at the next poll."""
    if not article.text:
        return IngestFailure(article.origin, reason)
    return PageFailed(reason=reason, may_pass=may_pass, teaser=article)
