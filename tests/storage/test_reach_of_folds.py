"""What a guest's channels follow (``storage.subscriptions.followed_in``) after folds: a story
they followed (its alert posted there) brings in the stories folded into it before, whose
reports were its own while they followed it, and never the story it was folded into since.
A real SQLite file; stories built through the storage functions the story stage calls."""

from __future__ import annotations

from storage import stories as store
from storage.db import transaction
from storage.subscriptions import followed_in
from tests.storage.test_story_fold import at
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
