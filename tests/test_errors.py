"""Failures carry their kind from where they happen to the edge that reports them."""

import sqlite3
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import ConfigError
from bot.ingest.clean import CleanError
from bot.models import (
    BadInput,
    ErrorKind,
    NotFound,
    RawArticle,
    Verdict,
    VerdictKind,
    WirewatchError,
)
from bot.pipeline import Pipeline, Status
from bot.stories.stage import StoryStage
from storage.db import StorageError
from storage.sources import SourceError

STORY = ("Ferry service resumes after storm\n\n"
         "The island ferry sailed again on Tuesday after three days in port, the operator "
         "said, and extra crossings were added for freight.")


class FailingStories(StoryStage):
    """A story stage that raises the given error for every article."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def store(self, *args, **kwargs):
        raise self.error


@pytest.mark.parametrize("error", [ConfigError, CleanError, StorageError, SourceError, NotFound])
def test_errors_about_the_input_are_bad_input(error):
    assert issubclass(error, WirewatchError) and error.kind is ErrorKind.BAD_INPUT
    assert not error.kind.retryable


def test_not_found_is_still_a_lookup_error():
    with pytest.raises(LookupError):
        raise NotFound("no article 7")


@pytest.mark.parametrize("error, kind", [
    (sqlite3.OperationalError("database is locked"), ErrorKind.TRANSIENT),
    (RuntimeError("unexpected state"), ErrorKind.INTERNAL),
    (BadInput("the article cannot be stored"), ErrorKind.BAD_INPUT),
])
def test_a_failure_while_storing_carries_its_kind(fresh_db, settings, nlp, error, kind):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp, stories=FailingStories(error))
    [outcome] = pipeline.ingest([RawArticle(text=STORY, origin="ferry")])
    assert outcome.status is Status.FAILED and outcome.failure is kind
    assert fresh_db["articles"].count == 0


def test_an_article_with_nothing_left_fails_as_bad_input(pipeline):
    [outcome] = pipeline.ingest([RawArticle(text="\u200b\n\n   ", origin="empty")])
    assert outcome.status is Status.FAILED and outcome.failure is ErrorKind.BAD_INPUT


def test_a_stored_article_has_no_failure_and_an_enum_verdict(pipeline):
    [outcome] = pipeline.ingest([RawArticle(text=STORY, origin="ferry")])
    assert outcome.status is Status.STORED and outcome.failure is None
    assert outcome.verdict is not None and outcome.verdict.kind is VerdictKind.NEW


def test_a_verdict_kind_outside_the_three_is_refused():
    as_stored: Any = "update"  # text, as a kind reads back from SQLite or JSON
    assert Verdict(story_id=1, kind=as_stored).kind is VerdictKind.UPDATE
    unknown: Any = "maybe"
    with pytest.raises(ValueError):
        Verdict(story_id=1, kind=unknown)


@pytest.mark.parametrize("args, message", [
    (["stories", "split", "99"], "no article 99"),
    (["topics", "show", "Nothing"], "no topic named 'Nothing'"),
    (["topics", "remove", "Nothing"], "Nothing"),
    (["sources", "remove", "42"], "42"),
])
def test_the_cli_turns_any_wirewatch_error_into_one_line(db_path, args, message):
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: ") and message in line
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_cli_reports_a_database_it_cannot_open(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "missing" / "w.db"), "topics",
                                      "list"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: folder for database")


def test_slack_listeners_answer_a_wirewatch_error_with_what_to_do():
    from handlers.common import said

    def fail() -> str:
        raise NotFound("no topic named '<!channel>'")

    text = said(fail, then="Usage: `/topics`")
    assert text.endswith("\nUsage: `/topics`") and "<!channel>" not in text
    assert said(lambda: "done", then="Usage") == "done"
    with pytest.raises(ZeroDivisionError):
        said(lambda: str(1 / 0), then="Usage")
