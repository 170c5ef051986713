"""What a guest's channels follow (``storage.subscriptions.followed_in``) after folds: a story
they followed (its alert, or a quote of it in a quote digest, posted there) brings in the
stories folded into it before, whose reports were its own while they followed it, and never
the story it was folded into since.
A real SQLite file; stories built through the storage functions the story stage calls."""

from __future__ import annotations

from bot.models import Quote, Speaker
from storage import stories as store
from storage.db import transaction
from storage.quotes import insert_quotes
from storage.subscriptions import followed_in
from tests.storage.test_story_fold import at, two_stories
from tests.stories.test_story_moves import stored


def test_a_followed_story_brings_the_stories_folded_into_it_and_not_the_one_holding_it(
        fresh_db):
    first, _ = stored(fresh_db, None, title="Gale closes Tarn bridge", seen_at=at(6),
                      keys=["e:tarn"], now=at(6))
    middle, article = stored(fresh_db, None, title="Tarn bridge traffic sent north",
                             seen_at=at(7), keys=["e:tarn", "l:traffic"], now=at(7))
    last, _ = stored(fresh_db, None, title="Buses replace Tarn trains", seen_at=at(8),
                     keys=["e:tarn", "l:buses"], now=at(8))
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, created_at) VALUES (?, ?, 'C0DESK', 'new', 'sent', 1, ?)",
                         [middle, article, at(7)])
        store.fold_story(fresh_db, later=last, into=middle, by=98, now=at(9))
        store.fold_story(fresh_db, later=middle, into=first, by=99, now=at(10))
    _, stories = followed_in(fresh_db, ["C0DESK"])
    assert stories == {middle, last}, "the buses' story was the traffic story's, never the gale's"


def listed(db, article_id: int, channel: str, when: str) -> int:
    """A quote of the article, listed by a quote digest sent to ``channel`` at ``when``."""
    with transaction(db):
        insert_quotes(db, article_id, [Quote(
            text="We were all on the quay by dawn", start=0, end=30, kind="direct",
            speaker=Speaker(name="Piet Olsen", kind="person"), confidence=0.9)])
        [quote] = db.execute("SELECT max(id) FROM quotes").fetchone()
        digest = db["alerts"].insert({
            "story_id": None, "article_id": article_id, "channel": channel, "kind": "quote",
            "status": "sent", "attempts": 1, "created_at": when}).last_pk
        db["quote_alert_items"].insert({"alert_id": digest, "quote_id": quote,
                                        "subscription_id": 1})
    return int(digest)


def test_a_quote_digest_before_the_fold_brings_the_folded_story_not_the_one_holding_it(
        fresh_db):
    """A quote digest names no story: what it listed brings the story each quote's report was
    in when it was listed. One listed before the fold brings the folded story (the guest never
    had the earlier one); one listed after it, the story holding the report then."""
    earlier, later, articles, _ = two_stories(fresh_db)
    digest = listed(fresh_db, articles[0], "C0QUOTES", at(9))
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    assert followed_in(fresh_db, ["C0QUOTES"])[1] == {later}, "not the earlier story whole"
    with transaction(fresh_db):
        fresh_db.execute("UPDATE alerts SET created_at = ? WHERE id = ?", [at(11), digest])
    assert followed_in(fresh_db, ["C0QUOTES"])[1] == {earlier, later}


def test_a_quote_digest_between_two_folds_brings_the_story_its_quote_was_in_then(fresh_db):
    """C folded into B, a quote digest lists C's quote, then B folds into A: the digest brings
    B (and C, folded into it), never A, which held none of them when it was listed."""
    first, _ = stored(fresh_db, None, title="Gale closes Tarn bridge", seen_at=at(6),
                      keys=["e:tarn"], now=at(6))
    middle, _ = stored(fresh_db, None, title="Tarn bridge traffic sent north", seen_at=at(7),
                       keys=["e:tarn", "l:traffic"], now=at(7))
    last, article = stored(fresh_db, None, title="Buses replace Tarn trains", seen_at=at(8),
                           keys=["e:tarn", "l:buses"], now=at(8))
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=last, into=middle, by=98, now=at(9))
    listed(fresh_db, article, "C0QUOTES", at(10))
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=middle, into=first, by=99, now=at(11))
    assert followed_in(fresh_db, ["C0QUOTES"])[1] == {middle, last}
