"""Whether an article arriving is one stored before, sent again: its identity is its cleaned
text's hash, and a cleaning improved since (a label, a character nobody sees, dropped now)
gives the same copy another hash, so a resend was judged against its own story once more.
One without a link (a file) is looked for by its title and source."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.ingest.bounds import bounded_fields
from bot.ingest.clean import clean_article
from bot.models import Article, RawArticle, StoredArticle
from storage.articles import at_link, unlinked, unlinked_alike

log = logging.getLogger(__name__)

MOST_AT_LINK = 5
"""Stored articles of one link compared at most: the latest, where an edit is stored too."""


def stored_as(db: Database, article: Article) -> int | None:
    """The id of an article stored with the same link (without one: with none, the same source
    and the same title or longest paragraph, so a re-titled re-send is found) whose text,
    cleaned as today, is this one's; None when there is none (an edit has another text, and is
    judged as before)."""
    found = at_link(db, article.url, limit=MOST_AT_LINK) if article.url else {s.id: s for s in [
        *unlinked(db, title=article.title, source=article.source, limit=MOST_AT_LINK),
        *unlinked_alike(db, body=article.body, source=article.source, limit=MOST_AT_LINK)]
    }.values()
    for stored in found:
        if _cleaned_now(stored) == article.content_hash:
            return stored.id
    return None


def _cleaned_now(stored: StoredArticle) -> str | None:
    """The hash of a stored article's text cleaned as an article arriving now is (a field cut
    to its bound again without saying it: said when it came)."""
    raw = RawArticle(text=stored.body, origin=stored.origin or f"article {stored.id}",
                     title=stored.title, url=stored.url, source=stored.source,
                     published=stored.published)
    try:
        return clean_article(bounded_fields(raw, said=False)).content_hash
    except Exception:  # a stored text the cleaning now refuses is no copy of anything
        log.debug("article %d does not clean again", stored.id, exc_info=True)
        return None
