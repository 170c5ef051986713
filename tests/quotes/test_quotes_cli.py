"""`wirewatch quotes extract` and `wirewatch who-said` from the command line."""

import json
from datetime import UTC, datetime, timedelta

from bot.alerts.console_feed import print_pending
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from tests.conftest import write
from tests.invoke import invoke


def test_extract_writes_one_line_per_document_and_reports_bad_lines(db_path, tmp_path):
    source = write(tmp_path / "in.jsonl", "\n".join([
        json.dumps({"id": "a", "text": "“The pier is safe,” harbour master Ewa Nowak said."}),
        "{not json",
        json.dumps({"id": "b", "text": "Nobody said anything quotable."}),
        json.dumps({"id": "c"}),
    ]))
    out = tmp_path / "out.jsonl"
    result = invoke(db_path, "quotes", "extract", str(source), "--output", str(out))
    assert result.exit_code == 1
    assert "line 2: not JSON" in result.output and "line 4: needs an object" in result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    [quote] = lines[0]["quotes"]
    assert quote["quote"] == "The pier is safe"
    assert quote["speaker"] == "Ewa Nowak" and quote["kind"] == "direct"
    assert {"role", "start", "end"} <= set(quote)
    assert lines[1]["quotes"] == []


def test_who_said_prints_speaker_article_and_link(db_path, settings, nlp):
    db = open_db(db_path)
    list(Pipeline(db, settings, nlp=nlp).ingest([RawArticle(
        text="“The pier is safe for ferries again,” harbour master Ewa Nowak said on Monday.",
        origin="t", title="Pier reopens", source="Coast News", url="https://example.test/pier",
        published="2026-11-23")]))
    db.close()
    result = invoke(db_path, "who-said", "pier is SAFE")
    assert result.exit_code == 0
    assert "“The pier is safe for ferries again” — Ewa Nowak" in result.output
    assert "Pier reopens · Coast News · 2026-11-23" in result.output
    assert "https://example.test/pier" in result.output
    data = json.loads(invoke(db_path, "who-said", "--json", "from:Nowak").output)
    assert data["mode"] == "speaker" and data["hits"][0]["speaker"] == "Ewa Nowak"


def test_extract_leaves_scare_quotes_out_unless_fragments_are_asked_for(db_path, tmp_path):
    source = write(tmp_path / "in.jsonl", json.dumps({
        "id": "a", "text": "The so-called “bridge tax” returns on Monday. “It is fair,” "
                          "finance minister Lars Ekdahl said."}))
    out = tmp_path / "out.jsonl"
    assert invoke(db_path, "quotes", "extract", str(source), "-o", str(out)).exit_code == 0
    [line] = [json.loads(x) for x in out.read_text().splitlines()]
    assert [q["quote"] for q in line["quotes"]] == ["It is fair"]
    invoke(db_path, "quotes", "extract", str(source), "-o", str(out), "--fragments")
    [line] = [json.loads(x) for x in out.read_text().splitlines()]
    assert {"bridge tax", "It is fair"} <= {q["quote"] for q in line["quotes"]}


def test_who_said_and_the_terminal_print_a_time_with_decimals_as_the_timeline(db_path, settings,
                                                                               nlp):
    db = open_db(db_path)
    with transaction(db):
        add_topic(db, name="Pier", query="pier")
    published = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=500000)
    list(Pipeline(db, settings, nlp=nlp).ingest([RawArticle(
        text="“The pier is safe for ferries again,” harbour master Ewa Nowak said on Monday.",
        origin="t", title="Pier reopens", source="Coast News", url="https://example.test/pier",
        published=published.isoformat())]))
    printed: list[str] = []
    assert print_pending(db, printed.append) == 1
    db.close()
    minute = published.strftime("%Y-%m-%d %H:%M UTC")  # as `stories timeline` prints it
    assert f"Coast News · {minute} · https://example.test/pier" in printed[0]  # was .500000
    result = invoke(db_path, "who-said", "pier is safe")
    assert f"Pier reopens · Coast News · {minute}" in result.output
    assert ".500000" not in result.output + printed[0]
