"""`stories timeline --json` and `who-said --json` name a dropped file as the terminal does
(`file ferry.json`), not by its folders on the server: one answer to "where did this come
from" for a desk and a script. A real SQLite file, the real spaCy model. Invented copy."""

import json

from tests.invoke import invoke

ARTICLE = {"title": "Ferry pilots refuse night crossings at Dunmere",
           "text": "\"We will not take a ferry out in that fog again,\" said pilots' spokesman "
                   "Tomas Wren, as the Dunmere crossings stopped after dark."}


def test_json_names_a_dropped_file_as_the_terminal_does(db_path, tmp_path):
    """Before: `"origin": "/tmp/…/srv/newsdesk/drop/ferry.json"` in both --json outputs."""
    folder = tmp_path / "srv" / "newsdesk" / "drop"
    folder.mkdir(parents=True)
    (folder / "ferry.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(folder)).exit_code == 0
    printed = invoke(db_path, "stories", "timeline", "1").output
    assert " · file ferry.json · first report: " in printed, printed
    grown = invoke(db_path, "stories", "timeline", "1", "--json").output
    said = invoke(db_path, "who-said", "fog again", "--json").output
    for output in (grown, said):
        assert "newsdesk" not in output, output
    assert [e["origin"] for e in json.loads(grown)["entries"]] == ["file ferry.json"]
    assert [h["origin"] for h in json.loads(said)["hits"]] == ["file ferry.json"]
