"""`run --console` names an update as Slack would post it: in its story's thread only when the
terminal printed an alert of that story; else news here, with what the story is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.console_feed import print_pending, silent_line
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.world import add_article, add_story, add_update

FIRST = ("Ferry crews walk out at Northhaven over rosters",
         "Ferry crews at Northhaven stopped work on Thursday morning over new rosters, the "
         "Harbour Workers Union said, halting all crossings to Osterby island.\n\nUnion "
         "organiser Mira Holt said the crews would stay out until the rosters were withdrawn.")
UPDATE = ("Northhaven ferry strike strands 2,000 travellers as talks fail",
          "Ferry crews at Northhaven stayed out for a second shift on Thursday after talks with "
          "the Osterby Ferry Company broke down, stranding about 2,000 travellers, the company "
          "said.\n\nThe Harbour Workers Union said the crews would hold a vote on Saturday.")
LATER = ("Northhaven ferry crews vote to end strike",
         "Ferry crews at Northhaven voted 212 to 40 on Saturday to end their strike after the "
         "Osterby Ferry Company agreed to pay a bonus of 400 euros, the Harbour Workers Union "
         "said.\n\n\"We got what we asked for,\" union organiser Mira Holt told the crews.")


def article(item: tuple[str, str], hours_ago: float, *, background: bool = False) -> RawArticle:
    when = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat()
    return RawArticle(title=item[0], text=item[1], origin=item[0], published=when,
                      background=background)


def printed(db) -> list[str]:
    out: list[str] = []
    print_pending(db, out.append, lambda event, reason: out.append(silent_line(event, reason)))
    return out


def test_an_update_of_a_story_never_alerted_here_is_news_here_not_in_a_thread(
        fresh_db, settings, nlp):
    """Before: the update of a story whose first report was a feed's first-poll background
    printed "UPDATE · … · in thread of story #1", a thread the terminal never showed (Slack
    posts it as "New here: a developing story", with what the story is)."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferry strike", query="ferry AND strike")
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    list(pipeline.ingest([article(FIRST, 3, background=True)]))
    [silent] = printed(fresh_db)
    assert "background: already in the feed at its first poll" in silent
    list(pipeline.ingest([article(UPDATE, 2)]))
    [update] = printed(fresh_db)
    lines = update.splitlines()
    assert lines[0].startswith("🆕 NEW HERE: a developing story (#1) · Ferry strike"), update
    assert "in thread of" not in update
    assert "Ferry crews at Northhaven stopped work" in lines[2]  # what the story is
    assert "   What's new:" in lines
    list(pipeline.ingest([article(LATER, 1)]))
    [later] = printed(fresh_db)
    assert later.startswith("🔄 UPDATE · Ferry strike · in thread of story #1"), later


def test_a_story_printed_again_is_kept_over_stories_printed_since_it_began(fresh_db):
    """The terminal keeps the threads of the stories it printed latest (5,000 in life, 2
    here). Before, it kept the highest story ids: a long-running story, printed a moment ago,
    was dropped for two newer ones printed before that, and its next update was news here."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Ferry strike", query="ferry")
    long_running = add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry strike"),
                             title="Ferry strike", topic_ids=(topic,))
    add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry fares"),
              title="Ferry fares", topic_ids=(topic,))

    def update(n: int) -> str:
        add_update(fresh_db, story_id=long_running,
                   article_id=add_article(fresh_db, title=f"Ferry strike, day {n}"),
                   whats_new=(f"Crews stayed out on day {n}.",))
        out: list[str] = []
        print_pending(fresh_db, out.append, kept=2)
        return out[-1]

    print_pending(fresh_db, lambda text: None, kept=2)
    assert "in thread of story" in update(2)
    add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry timetable"),
              title="Ferry timetable", topic_ids=(topic,))
    print_pending(fresh_db, lambda text: None, kept=2)
    assert update(3).startswith(f"🔄 UPDATE · Ferry strike · in thread of story #{long_running}")
