"""A topic named with characters nobody sees ("Ukr\u200baine", "\u202eUkraine") read as
"Ukraine" on every screen and was another topic: a desk could be handed a look-alike of the
one it follows. Each way a name comes in now stores it without them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import stories as schema
from storage.topics import get_topic, list_topics
from tests.fakes.interactive import view_submission_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command
from tests.slack.test_slack_topic_modal import fill, open_modal

ZERO_WIDTH, OVERRIDE, SOFT_HYPHEN, MARK = "\u200b", "\u202e", "\u00ad", "\u200f"
LOOK_ALIKES = (f"Ukr{ZERO_WIDTH}aine", f"{OVERRIDE}Ukraine", f"Ukr{SOFT_HYPHEN}aine",
               f"Ukraine{MARK}")


def test_a_look_alike_name_in_a_slash_command_is_the_topic_it_looks_like(runtime, fake_slack,
                                                                         fresh_db):
    assert run_command(runtime, fake_slack, "/topics", "add Ukraine")["text"].startswith(
        "Tracking *Ukraine*")
    for name in LOOK_ALIKES:
        answer = run_command(runtime, fake_slack, "/topics", f'add "{name}" kyiv')["text"]
        assert answer.startswith("Topic *Ukraine* already exists"), (name, answer)
    nothing = run_command(runtime, fake_slack, "/topics", f'add "{ZERO_WIDTH}{OVERRIDE}"')
    assert nothing["text"].startswith("The topic's name in the quotes is empty"), nothing
    assert [t.name for t in list_topics(fresh_db)] == ["Ukraine"]
    assert get_topic(fresh_db, LOOK_ALIKES[0]) == get_topic(fresh_db, "Ukraine")


def test_a_look_alike_name_in_the_topic_form_is_refused_as_existing(runtime, fake_slack,
                                                                    fresh_db):
    modal = open_modal(runtime, fake_slack)
    post_signed(events_url(runtime), view_submission_body(modal, fill("Ukraine", "")))
    again = json.loads(post_signed(events_url(runtime), view_submission_body(
        modal, fill(f"{OVERRIDE}Ukr{ZERO_WIDTH}aine", "kyiv"))).body)
    assert again["response_action"] == "errors"
    assert again["errors"]["name"].startswith("“Ukraine” already exists"), again
    assert [t.name for t in list_topics(fresh_db)] == ["Ukraine"]


def test_a_look_alike_name_on_the_command_line_is_stored_as_it_looks(db_path):
    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    assert invoke("topics", "add", f"Ukr{ZERO_WIDTH}aine{MARK}", "--query", "kyiv").exit_code == 0
    assert invoke("topics", "add", "Ukraine").exit_code == 1
    listed = json.loads(invoke("topics", "list", "--json").output)
    assert [t["name"] for t in listed] == ["Ukraine"]
    assert invoke("topics", "remove", "Ukraine").exit_code == 0


def test_look_alike_names_stored_before_are_mended_and_told_apart(db_path, caplog):
    """A database written before: its look-alikes are renamed to what they look like, and one
    that would then be another topic's name, or nothing, keeps a visible mark of its own."""
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before="m013_visible_topic_names"
                         if migrations is schema.MIGRATIONS else None)
    names = ["Ukraine", f"Ukr{ZERO_WIDTH}aine", f"Port{SOFT_HYPHEN} strike{MARK}",
             f"{OVERRIDE}{ZERO_WIDTH}", "Dams"]
    with transaction(db):
        for name in names:
            db.execute("INSERT INTO topics (name, query, created_at) VALUES (?, 'x', "
                       "'2026-12-01T00:00:00+00:00')", [name])
    db.close()
    db = open_db(db_path)
    stored = [r[0] for r in db.execute("SELECT name FROM topics ORDER BY id")]
    assert stored == ["Ukraine", "Ukraine (topic 2)", "Port strike", "(topic 4)", "Dams"]
    found = [get_topic(db, name) for name in ("Ukraine", "Port strike")]
    assert [t.id if t else None for t in found] == [1, 3]
    assert "topic 2 was named 'Ukr\\u200baine'" in caplog.text
    db.close()
