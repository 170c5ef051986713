"""`wirewatch run` with Slack says, for an article that posted nothing, which topic's exclusion
left it out when another topic of its story left it in (the real command in a process, the
fake Slack Web API, POST /ingest over real HTTP, the real spaCy model)."""

from __future__ import annotations

from tests.fakes.signing import REPORTER
from tests.slack.conftest import run_command
from tests.slack.test_slack_first_run import (
    Running,
    ingest_over_http,
    live_run,
    next_line,
    slack_env,
    wirewatch,
)

TOKEN = "desk-ingest-token-of-this-test"
FIRST = {"title": "Tram drivers strike in Kelmsford over rosters",
         "text": "Tram drivers in Kelmsford went on strike on Saturday after talks over new rosters "
                 "broke down, their union said. Only two of the city's five tram lines ran.",
         "source": "Harbour Gazette", "published": "2026-12-05T04:00:00Z"}
LEFT_OUT = {"title": "Tram strike in Kelmsford: drivers stay out over rosters",
            "text": "Tram drivers in Kelmsford stayed on strike on Saturday after talks over new "
                    "rosters broke down. Only one of the city's five tram lines ran by the "
                    "evening, the transport authority said.",
            "source": "Lying Wire", "published": "2026-12-05T05:00:00Z"}


def posted(port: int, article: dict) -> dict:
    return ingest_over_http(port, article, token=TOKEN, wait=10)


def test_a_slack_run_names_the_topic_whose_not_left_an_article_out(db_path, fake_slack):
    """#desk follows "Transport strikes" (`NOT source:"Lying Wire"`); "City news" matches the
    same story and nobody gets it as it happens. The Lying Wire's report joins the story.
    Before: `nobody gets its topic as it happens`, while #desk does get Transport strikes as it
    happens: the exclusion that kept it out was unsaid."""
    env = {**slack_env(db_path, fake_slack.base_url), "WIREWATCH_ADMINS": REPORTER,
           "WIREWATCH_INGEST_TOKEN": TOKEN}
    for name, query in (("Transport strikes", 'strike AND tram* AND NOT source:"Lying Wire"'),
                        ("City news", "gpe:Kelmsford")):
        assert wirewatch("topics", "add", name, query, env=env).returncode == 0
    with live_run(env) as run:
        run_command(Running(run.port), fake_slack, "/subscribe", "Transport strikes",
                    channel="C0DESK")
        first = posted(run.port, FIRST)
        assert next_line(run.lines, "· ").endswith("”: 1 alert queued for Slack\n")
        assert posted(run.port, LEFT_OUT)["story_id"] == first["story_id"]
        line = next_line(run.lines, "· ")
        assert line == ("· no alert for “Tram strike in Kelmsford: drivers stay out over "
                        "rosters”: Transport strikes leaves it out (NOT source:\"Lying Wire\" "
                        "(source: Lying Wire)); nobody gets City news as it happens (/subscribe "
                        "TOPIC in a channel; digests collect it)\n"), line

