"""The escape hatch for an over-merge: an article moved into a story of its own."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import NotFound, Span, StoredArticle, StoryMove
from bot.nlp.summary import ExtractiveSummariser
from bot.stories.query import TopicQueryError, parse_query
from bot.stories.tracking import story_match
from storage import stories as store
from storage.articles import get_article, now_iso


def split_article(db: Database, article_id: int) -> StoryMove:
    """Move the article to a new story that later rewrites of it can join."""
    article = get_article(db, article_id)
    if article is None:
        raise NotFound(f"no article {article_id}; an article's number is on its line of "
                       "`wirewatch stories timeline STORY` (`/story` in Slack)")
    current = store.story_of(db, article_id)
    if current is None:
        raise NotFound(f"article {article_id} is in no story")
    if store.story_size(db, current.story_id) == 1:
        raise NotFound(f"article {article_id} is already alone in story "
                       f"#{current.story_id}")
    summary = own_summary(article, store.article_parts(db, article_id).sentences)
    moved = store.move_article(db, article_id=article_id, title=article.title,
                               summary=summary, now=now_iso())
    _move_ties(db, moved)
    return moved


def _move_ties(db: Database, moved: StoryMove) -> None:
    """The topics the moved article tied its old story to go with it to its own story, with its
    reasons; the old story keeps one of them only where its own latest articles match it (tied
    again by the newest that does), so its later updates no longer alert a topic only the
    article that left it matched. A query no longer read leaves its tie as it was."""
    now = now_iso()
    for topic_id, query, reasons in store.topics_tied_by(db, moved.old_story, moved.article_id):
        try:
            node = parse_query(query)
        except TopicQueryError:
            continue
        store.link_topic(db, story_id=moved.new_story, topic_id=topic_id,
                         article_id=moved.article_id, reasons=reasons, now=now)
        kept = story_match(db, moved.old_story, node)
        if kept is None:
            store.untie_topic(db, story_id=moved.old_story, topic_id=topic_id)
        else:
            store.link_topic(db, story_id=moved.old_story, topic_id=topic_id,
                             article_id=kept[0].article_id, reasons=kept[1].reasons, now=now,
                             restate=True)


def own_summary(article: StoredArticle, spans: list[Span]) -> list[str]:
    """The summary the article's story of its own starts with (extractive: no network)."""
    sentences = [article.body[s.start:s.end] for s in spans]
    return ExtractiveSummariser().summarise(title=article.title, sentences=sentences)
