"""Replaying an archive in arrival order into a fresh database: one verdict line per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from bot.config import Settings
from bot.ingest.records import UnreadableLine, line_value
from bot.models import BadInput, IngestFailure, RawArticle, StoryFold, StoryMove
from bot.pipeline import Outcome, Pipeline, Status
from storage import stories as store
from storage.articles import get_article
from storage.db import open_db

LINE_FIELDS = ("id", "story", "running", "verdict", "whats_new", "running_verdict",
               "running_whats_new")
Said = Callable[[str], "dict | None"]
"""The line said last for an input's id, if any."""


class ReplayError(BadInput):
    """The replay cannot start (for example, its database already exists)."""


def replay(lines: Iterable[str], *, db_path: Path, settings: Settings, nlp=None) -> Iterator[dict]:
    """Yield {"id", "story", "running", "verdict", "whats_new", "running_verdict",
    "running_whats_new"} for each input line, in order ("running": the running story its story
    is in, ``bot.stories.running``; "running_verdict" and "running_whats_new": the verdict and
    what's new at that level, where a new event continuing a running story is an update of it,
    or a duplicate when it adds nothing); when an article moves an earlier one into a new story
    (``bot.stories.correct``), a line for the earlier one follows, with its new story and
    "moved_from"; when an article folds a later story into an earlier one, a line for each of
    the later story's articles follows, in the earlier story, with "folded_from", then one for
    each article of a story the fold took into another running story, with "running_from" (the
    last line for an id holds)."""
    if db_path.exists():
        raise ReplayError(f"{db_path} already exists; replay needs a fresh database")
    db = open_db(db_path)
    stream = settings.with_overrides(db_path=db_path, story_stream_clock=True)
    pipeline = Pipeline(db, stream, nlp=nlp)
    try:
        yield from replay_lines(db, pipeline, lines)
    finally:
        pipeline.close()
        db.close()


def replay_lines(db: Database, pipeline: Pipeline, lines: Iterable[str]) -> Iterator[dict]:
    """The input lines stored by the pipeline, each input's lines (``outcome_lines``) read in
    the transaction that stores it, yielded once it commits: what later inputs of the same
    write did (how many one write takes is timed) is never in them, so a replay of the same
    lines says the same."""
    pending: dict[int, list[dict]] = {}
    committed: dict[str, dict] = {}

    def last(ident: str, before: int) -> dict | None:
        """The line said last for the id before this input's: of an earlier input of the same
        write, else one committed."""
        for position in sorted((p for p in pending if p < before), reverse=True):
            for line in reversed(pending[position]):
                if line["id"] == ident:
                    return line
        return committed.get(ident)

    def record(position: int, outcome: Outcome) -> None:
        pending[position] = list(outcome_lines(db, outcome, partial(last, before=position)))

    for position, _ in enumerate(pipeline.ingest(records(lines), record=record)):
        for line in pending.pop(position):
            committed[line["id"]] = line
            yield line


def records(lines: Iterable[str]) -> Iterator[RawArticle | IngestFailure]:
    """Input lines as articles; the record's time is the article's time."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = line_value(line)
            text = record["text"]
            if not isinstance(text, str) or not text.strip():
                raise ValueError("no text")
            ident = str(record.get("id", number))
        except (UnreadableLine, ValueError, KeyError, AttributeError, TypeError) as exc:
            yield IngestFailure(f"line {number}", f"unreadable record: {exc}")
            continue
        title = record.get("title")
        when = record.get("time")
        yield RawArticle(text=text, origin=ident, title=str(title) if title else None,
                         published=str(when) if when else None)


def outcome_lines(db: Database, outcome: Outcome, said: Said) -> Iterator[dict]:
    """The outcome's line, and one more for each earlier article it moved into another story or
    running story (``said``: the line said last for an id): any reader taking the last line of
    each id sees where the article ends."""
    yield result_line(db, outcome)
    if outcome.moved is not None:
        yield moved_line(db, outcome.moved)
    if outcome.folded is not None:
        yield from folded_lines(db, outcome.folded)
        yield from rerooted_lines(db, outcome.folded, said,
                                  given={*outcome.folded.article_ids, outcome.article_id})


def moved_line(db: Database, moved: StoryMove) -> dict:
    """An earlier article's line again, in the story it moved to."""
    article = get_article(db, moved.article_id)
    return {"id": article.origin if article else str(moved.article_id),
            "story": moved.new_story, "running": _running(db, moved.new_story), "verdict": "new",
            "whats_new": [], "running_verdict": "new", "running_whats_new": [],
            "moved_from": moved.old_story}


def folded_lines(db: Database, fold: StoryFold) -> Iterator[dict]:
    """Each article of a story folded into an earlier one, its line again in that story, with
    the verdict it had (``folded_from``: the story it was in)."""
    for article_id in fold.article_ids:
        article = get_article(db, article_id)
        place = store.story_of(db, article_id)
        verdict = place.verdict if place else "update"
        whats_new = list(place.whats_new) if place else []
        yield {"id": article.origin if article else str(article_id), "story": fold.into,
               "running": _running(db, fold.into), "verdict": verdict, "whats_new": whats_new,
               "running_verdict": verdict, "running_whats_new": whats_new,
               "folded_from": fold.later}


def rerooted_lines(db: Database, fold: StoryFold, said: Said, *,
                   given: set[int | None]) -> Iterator[dict]:
    """Each article of a story the fold took into another running story (but those whose lines
    of this outcome say it: ``given``), the line said last for it again with its running story
    now (``running_from``: the one it was in)."""
    for story_id, was in fold.rerooted:
        running = _running(db, story_id)
        for article_id in store.story_article_ids(db, story_id):
            if article_id in given:
                continue
            article = get_article(db, article_id)
            before = said((article.origin if article else None) or str(article_id))
            if before is not None:
                yield {**{k: v for k, v in before.items() if k in LINE_FIELDS},
                       "story": story_id, "running": running, "running_from": was}


def _running(db: Database, story_id: int) -> int:
    """The running story the story is in (its root; its own id when it starts one)."""
    return store.running_roots(db, [story_id]).get(story_id, story_id)


def result_line(db: Database, outcome: Outcome) -> dict:
    if outcome.verdict is not None:
        verdict = outcome.verdict
        return {"id": outcome.origin, "story": verdict.story_id,
                "running": _running(db, verdict.story_id), "verdict": verdict.kind,
                "whats_new": list(verdict.whats_new), "running_verdict": verdict.running_kind,
                "running_whats_new": list(verdict.running_whats_new)}
    found = store.story_of(db, outcome.article_id) if outcome.article_id else None
    if outcome.status == Status.DUPLICATE and found:
        return {"id": outcome.origin, "story": found.story_id,
                "running": _running(db, found.story_id), "verdict": "duplicate", "whats_new": [],
                "running_verdict": "duplicate", "running_whats_new": []}
    return {"id": outcome.origin, "story": None, "running": None, "verdict": "failed",
            "whats_new": [], "running_verdict": "failed", "running_whats_new": [],
            "reason": outcome.reason}
