"""Whether a feed's new entry is one already seen: by its guid or as read, or as a seen one
edited at its page, or posted again at another page; a feed posting again said once."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.ingest.about import not_its_article
from bot.ingest.entry_edits import EDIT_WINDOW, words_changed
from bot.ingest.feed_log import log, shown
from bot.ingest.feed_models import FeedEntry
from bot.models import Source
from bot.redact import redact
from storage.db import transaction
from storage.sources import entry_seen, reposts_key, seen_at_link, words_at_page, words_under_title
from storage.state import get_state, set_state


def seen(db: Database, source_id: int, entry: FeedEntry) -> bool:
    """Known by its guid, its title and text (read as before, differently named), or its link
    with a title and text that read as one seen there edited (an edit under a new guid)."""
    if entry_seen(db, source_id, key=entry.key, read_as=entry.as_read):
        return True
    link = entry.seen_link
    return link is not None and any(_edit_of(entry, title, words)
                                    for title, words in seen_at_link(db, source_id, link))


def stamped(db: Database, source: Source, entry: FeedEntry, *, now: datetime,
            into: list[str]) -> bool:
    """A new entry at a seen page, under a seen title, whose words are nearly the seen ones
    (a line stamped at every poll, a typo corrected, a date changed) is that entry edited: not
    stored again nor recorded (its seen entry, whose key goes ``into`` the list to be kept
    fresh, stands for it), said in the log."""
    title = entry.seen_title
    if entry.page is None or title is None:
        return False
    for key, seen in words_at_page(db, source.id, page=entry.page, title=title,
                                   since=now - EDIT_WINDOW):
        changed = words_changed(seen, entry.text)
        if changed is not None:
            into.append(key)
            log.info("feed #%d %s: entry %s “%s” is a seen entry edited (%d %s changed), not "
                     "stored again", source.id, shown(source.location), shown(entry.key),
                     title, changed, "word" if changed == 1 else "words")
            return True
    return False


def reposted(db: Database, source: Source, entry: FeedEntry, *, now: datetime,
             into: tuple[list[str], list[str]]) -> bool:
    """A new entry of whole text at another page, under the title of one seen lately
    (``EDIT_WINDOW``), whose words are nearly its words (``words_changed``) is that entry
    posted again (a feed giving its entries new ids and links at every poll): not stored
    again; its key goes ``into`` both lists. A teaser is not judged: another page may hold
    another article under a title and teaser alike (a press-release list, a live page)."""
    title = entry.seen_title
    if entry.teaser or title is None:
        return False
    for key, seen, page in words_under_title(db, source.id, title=title,
                                             since=now - EDIT_WINDOW):
        if page != entry.page and words_changed(seen, entry.text) is not None:
            for keys in into:
                keys.append(key)
            log.info("feed #%d %s: entry %s “%s” is a seen entry posted again at %s (it was at "
                     "%s), not stored again", source.id, redact(source.location),
                     shown(entry.key), title, shown(entry.link or ""),
                     shown(page or ""))
            return True
    return False


def say_reposts(db: Database, source: Source, reposted: int, *, queued: int) -> None:
    """A feed found posting its entries again at new links, said once while it lasts: again
    after a poll that brought new entries and posted none again."""
    key = reposts_key(source.id)
    said = bool(get_state(db, key))
    if (reposted and said) or (not reposted and (not said or not queued)):
        return
    with transaction(db):
        set_state(db, key, "1" if reposted else "")
    if reposted:
        log.warning("feed #%d %s posts entries it carried again at new links under new ids (%d "
                    "this poll); each is known by its title and text and not stored again (said "
                    "once while it lasts)", source.id,
                    redact(source.location), reposted)


def _edit_of(entry: FeedEntry, title: str | None, words: str | None) -> bool:
    """Whether the entry, at the link of one seen under this title and words, is that one
    edited; news added is read as at a `?ts=` link (``words_changed``)."""
    return titled_alike(entry, title) and (words is None
                                            or words_changed(words, entry.text) is not None)


def titled_alike(entry: FeedEntry, title: str | None) -> bool:
    """Whether the entry's title reads as this one, seen at its link: a new headline sharing
    too few of its words is another article linked to the same page (a "latest" feed linking
    each entry to its section's front, a slug used again)."""
    if title is None or entry.title is None:
        return True
    return not_its_article(entry_title=entry.title, entry_text="", page_title=title,
                           page_text="") is None
