"""/story names the running story a story is in: its events in order, this one marked."""

from __future__ import annotations

from tests.fakes.block_kit import block_problems
from tests.slack.conftest import run_command
from tests.stories.test_running_stories import ingest_all


def test_story_lists_the_running_storys_events(runtime, fake_slack, pipeline):
    stories = ingest_all(pipeline)
    reply = run_command(runtime, fake_slack, "/story", str(stories["deal"]))
    assert block_problems(reply["blocks"], text=reply["text"]) == []
    [chain] = [block["elements"][0]["text"] for block in reply["blocks"]
               if block["type"] == "context"
               and block["elements"][0]["text"].startswith("Running story: ")]
    assert chain == (f"Running story: #{stories['walkout']} Valmora tram drivers walk out over "
                     f"pay → #{stories['talks']} Valmora tram strike talks collapse → "
                     f"#{stories['deal']} Valmora trams to run again after pay deal (this story)")
    alone = run_command(runtime, fake_slack, "/story", str(stories["chess"]))
    assert "Running story" not in str(alone["blocks"])
