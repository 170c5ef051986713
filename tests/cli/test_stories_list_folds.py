"""`wirewatch stories list` after a fold: the folded story holds no report now; its line says
which story holds them ("joined to #1", `stories timeline` of either shows it), not "0
articles", and `--json` gives it as ``folded_into``. A real SQLite file, the real CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli
from storage import stories as store
from storage.db import transaction
from tests.storage.test_story_fold import at, two_stories


def listed(db_path, *more: str) -> str:
    return CliRunner().invoke(cli, ["--db", str(db_path), "stories", "list", *more],
                              catch_exceptions=False).output


def test_a_folded_story_is_listed_joined_to_the_story_holding_its_reports(fresh_db, db_path):
    earlier, later, _, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    lines = {line.split()[0]: line for line in listed(db_path).splitlines()}
    assert f"#{later}  joined to #{earlier}  last " in lines[f"#{later}"], lines
    assert lines[f"#{earlier}"].startswith(f"#{earlier}  3 articles  last "), lines
    rows = {row["id"]: row for row in json.loads(listed(db_path, "--json"))}
    assert rows[later]["folded_into"] == earlier and rows[earlier]["folded_into"] is None
