"""`/story LATER` for a story folded into an earlier one (a report told both): the reply is the
story holding its reports now, and says so first, in the words `stories timeline LATER` prints
(``timeline_blocks.joined_line``). Signed slash commands to the Bolt app over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.pipeline import Pipeline
from storage import stories as store
from storage.db import transaction
from tests.slack.conftest import run_command
from tests.slack.test_slack_later_correction import desk_pipeline
from tests.storage.test_story_fold import at, two_stories
from tests.stories import tied_fire
from tests.stories.test_story_moves import stored


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    """The pipeline feeding a desk that follows Corvel and the Aster valley as they happen."""
    return desk_pipeline(fresh_db, slack_settings, nlp, t0, name="Corvel and Aster",
                         query="Corvel OR Aster")


def folded(pipeline: Pipeline) -> tuple[int, int]:
    """The fire's story and the smoke's, folded into it by the report telling both."""
    blaze, cloud, both = pipeline.ingest(tied_fire.recent(datetime.now(UTC)))
    assert blaze.verdict and cloud.verdict and both.folded
    return blaze.verdict.story_id, cloud.verdict.story_id


def contexts(reply: dict) -> list[str]:
    return [e["text"] for b in reply["blocks"] if b["type"] == "context"
            for e in b["elements"] if "text" in e]


def test_story_of_a_folded_story_says_it_was_joined_to_the_one_shown(
        runtime, fake_slack, pipeline, db_path):
    fire, smoke = folded(pipeline)
    reply = run_command(runtime, fake_slack, "/story", str(smoke))
    header = reply["blocks"][0]["text"]["text"]
    assert header.startswith("Warehouse blaze"), "the story holding the smoke's report now"
    said = f"Story {smoke} was joined to this one: its reports are here."
    assert contexts(reply)[0] == said, reply["blocks"]
    assert reply["blocks"][1]["type"] == "context", "said under the title, before the reports"
    assert f"Story {fire} · 3 articles" in " ".join(contexts(reply))
    cli_said = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                        str(smoke)], catch_exceptions=False).output
    assert said in cli_said.splitlines()[1], cli_said


def test_story_of_the_earlier_story_says_nothing_of_a_join(runtime, fake_slack, pipeline):
    fire, _ = folded(pipeline)
    reply = run_command(runtime, fake_slack, "/story", str(fire))
    assert not any("was joined" in text for text in contexts(reply)), reply["blocks"]


def test_story_of_a_folded_story_marks_the_story_shown_in_its_running_story(
        runtime, fake_slack, fresh_db):
    """The earlier story continues a running one: the line of its events marks the story shown
    (the one holding the reports), not the folded one asked for, which is none of them."""
    root, _ = stored(fresh_db, None, title="Ferry line's safety record questioned",
                     seen_at=at(1), keys=["l:safety"], now=at(1))
    earlier, later, _, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE stories SET continues = ? WHERE id = ?", [root, earlier])
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    reply = run_command(runtime, fake_slack, "/story", str(later))
    [running] = [text for text in contexts(reply) if text.startswith("Running story")]
    assert running.endswith(f"#{earlier} Ferry runs aground off Skerra (this story)"), running
