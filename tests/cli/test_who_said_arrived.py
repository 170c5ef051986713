"""`wirewatch who-said` gives a quote's article without a time of its own the time it arrived,
as `stories timeline` prints it (a real SQLite file, the real spaCy model)."""

import json
import re

from tests.invoke import invoke

ARTICLE = {"title": "Lodmark dam opens two months early",
           "text": "\"We finished two months early,\" said engineer Lena Dahl, as the new dam at "
                   "Lodmark opened to traffic."}


def test_who_said_prints_when_an_article_without_a_time_arrived(db_path, tmp_path):
    """Before: `Lodmark dam opens two months early · file dam.json`, no time."""
    (tmp_path / "dam.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "dam.json")).exit_code == 0
    said = invoke(db_path, "who-said", "two months early").output
    timeline = invoke(db_path, "stories", "timeline", "1").output
    [arrived] = re.findall(r"arrived \d{4}-\d\d-\d\d \d\d:\d\d UTC", timeline)
    assert f"Lodmark dam opens two months early · file dam.json · {arrived}" in said, said
