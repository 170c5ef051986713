"""The story stage of the pipeline: every article joins a story and gets a verdict."""

from __future__ import annotations

import json
import re

from sqlite_utils import Database

from bot.models import ParsedArticle, Verdict
from storage.articles import now_iso


class StoryStage:
    """One story per article until clustering lands: each article is a new story."""

    def assign(self, db: Database, parsed: ParsedArticle, article_id: int) -> Verdict:
        now = now_iso()
        summary = [s.text for s in parsed.sentences[:2]]
        stories = db["stories"]
        stories.insert({"title": parsed.article.title, "summary": json.dumps(summary),
                        "created_at": now, "updated_at": now, "article_count": 1})
        story_id = stories.last_pk
        db["story_articles"].insert({"story_id": story_id, "article_id": article_id,
                                     "verdict": "new", "whats_new": "[]", "created_at": now})
        return Verdict(story_id=story_id, kind="new", summary=tuple(summary))

    def match_topics(self, db: Database, verdict: Verdict, parsed: ParsedArticle) -> list[int]:
        """Topics with any of their query words in the article (until the query language lands)."""
        text = f"{parsed.article.title}\n{parsed.article.body}".casefold()
        matched = []
        for row in db["topics"].rows:
            words = [w for w in re.findall(r"[a-z]+", row["query"].casefold())
                     if w not in ("and", "or", "not")]
            if any(w in text for w in words):
                matched.append(row["id"])
                db["story_topics"].insert(
                    {"story_id": verdict.story_id, "topic_id": row["id"], "article_id": None,
                     "reasons": json.dumps(words), "matched_at": now_iso()},
                    replace=True,
                )
        return matched
