"""The byline's writer speaks the "I" outside quotation marks of an article written in the
first person (issue 14, speakers48c), through ingest and `wirewatch quotes extract`; never
the "I" inside someone's quote. Text written for the tests."""

import json

from bot.models import RawArticle
from bot.pipeline import Pipeline
from storage.db import open_db
from tests.conftest import write
from tests.invoke import invoke

COLUMN = ("The ferry timetable is broken, and the council knows it.\n\n"
          "Last spring I told the transport board that the evening crossings were always "
          "late. “Nobody rides a boat that leaves whenever it likes,” I said at the time.\n\n"
          "“I will not resign over a late ferry,” harbour master Ewa Nowak said.\n\n"
          "The council meets again in March.")


def test_ingest_gives_the_narratives_i_to_the_byline(db_path, settings, nlp):
    db = open_db(db_path)
    list(Pipeline(db, settings, nlp=nlp).ingest([RawArticle(
        text="By Marta Olsen\n\n" + COLUMN, origin="t", title="Fix the ferries",
        source="Coast News", url="https://example.test/ferries", published="2026-11-23")]))
    db.close()
    data = json.loads(invoke(db_path, "who-said", "--json", "from:Olsen").output)
    assert any("Nobody rides a boat" in hit["text"] for hit in data["hits"])
    assert not any("will not resign" in hit["text"] for hit in data["hits"])
    nowak = json.loads(invoke(db_path, "who-said", "--json", "will not resign").output)
    assert [hit["speaker"] for hit in nowak["hits"]] == ["Ewa Nowak"]


def test_extract_reads_a_byline_and_refuses_one_that_is_not_text(db_path, tmp_path):
    source = write(tmp_path / "in.jsonl", "\n".join([
        json.dumps({"id": "a", "text": COLUMN, "byline": "Marta Olsen"}),
        json.dumps({"id": "b", "text": COLUMN, "byline": ["Marta Olsen"]}),
        json.dumps({"id": "c", "text": COLUMN}),
    ]))
    out = tmp_path / "out.jsonl"
    result = invoke(db_path, "quotes", "extract", str(source), "--output", str(out))
    assert result.exit_code == 1 and 'line 2: "byline" must be a string' in result.output
    lines = {line["id"]: line["quotes"] for line in map(json.loads, out.read_text().splitlines())}
    assert set(lines) == {"a", "c"}

    def said(doc_id: str) -> list[str | None]:
        return [q["speaker"] for q in lines[doc_id] if "Nobody rides" in q["quote"]]
    assert said("a") == ["Marta Olsen"] and said("c") == [None]
    assert [q["speaker"] for q in lines["a"] if "will not resign" in q["quote"]] == ["Ewa Nowak"]
