from bot.models import Totals
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.totals import totals
from tests.slack.world import add_article, add_story


def test_totals_count_what_is_stored_and_when_the_last_article_came(fresh_db):
    assert totals(fresh_db) == Totals(0, 0, 0, 0, None)
    first = add_article(fresh_db, title="Ferry sails again")
    add_story(fresh_db, article_id=first, title="Ferry sails again")
    add_article(fresh_db, title="Ferry adds freight crossings")
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Ferries", query="ferry")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ADMIN", at="2026-01-01T00:00:00+00:00")
    latest = fresh_db.execute("SELECT ingested_at FROM articles ORDER BY id DESC").fetchone()[0]
    assert totals(fresh_db) == Totals(articles=2, stories=1, topics=1, subscriptions=1,
                                      last_ingest=latest)
    assert latest
