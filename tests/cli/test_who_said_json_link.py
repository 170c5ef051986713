"""`wirewatch who-said --json` shows a quote's link as the terminal answer does: a paid feed's
entry link carries the desk's credentials (`user:secret@`, `?apikey=`), and the JSON is what
a script posts on or a colleague pastes. A real SQLite file, the real spaCy model. Invented copy."""

import json

from click.testing import CliRunner

from bot.cli import cli
from bot.models import RawArticle
from bot.pipeline import Pipeline
from storage.db import open_db

LINK = "https://desk:s3cretpass@wire.example.test/ferries/7?apikey=K3yK3yK3y&id=7"


def invoke(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)


def test_who_said_json_shows_the_link_without_the_feeds_credentials(db_path, settings, nlp):
    """Before: `"url": "https://desk:s3cretpass@…?apikey=K3yK3yK3y&id=7"` in the JSON."""
    db = open_db(db_path)
    list(Pipeline(db, settings, nlp=nlp).ingest([RawArticle(
        text="“The night ferry will sail again in March,” harbour master Ines Vold said.",
        origin="entry-7", title="Night ferry returns", source="Coast Wire", url=LINK,
        published="2026-11-23")]))
    db.close()
    printed = invoke(db_path, "who-said", "night ferry will sail").output
    data = json.loads(invoke(db_path, "who-said", "--json", "night ferry will sail").output)
    [hit] = data["hits"]
    assert hit["speaker"] == "Ines Vold"
    assert hit["url"] == "https://wire.example.test/ferries/7?id=7"
    assert hit["url"] in printed
    grown = invoke(db_path, "stories", "timeline", "1", "--json").output
    assert "wire.example.test/ferries/7" in grown
    for secret in ("s3cretpass", "K3yK3yK3y", "desk:"):
        assert secret not in json.dumps(data) and secret not in printed and secret not in grown
