"""`wirewatch who-said` gives a quote's time as `stories timeline` gives its article's, from one
helper, and its link as Slack shows it (a real SQLite file, the real spaCy model)."""

import json

from tests.invoke import invoke

ARTICLE = {"title": "Lodmark dam opens two months early",
           "text": "\"We finished two months early,\" said engineer Lena Dahl on Friday, as the "
                   "new dam at Lodmark opened to traffic.",
           "published": "2026-12-05T05:50:00+01:00"}


def test_who_said_and_the_timeline_print_one_time_format(db_path, tmp_path):
    """Before: who-said printed `2026-12-05T04:50:00+00:00`, the timeline `2026-12-05 04:50 UTC`."""
    (tmp_path / "dam.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "dam.json")).exit_code == 0
    said = invoke(db_path, "who-said", "two months early").output
    timeline = invoke(db_path, "stories", "timeline", "1").output
    assert "2026-12-05 04:50 UTC" in timeline, timeline
    assert "Lodmark dam opens two months early · file dam.json · 2026-12-05 04:50 UTC" in said, said
    assert "T04:50" not in said


def test_who_said_prints_the_link_without_credentials_or_tracking(db_path, tmp_path):
    """Before: the stored address was printed, the desk's key and a newsletter's tracking in it."""
    article = dict(ARTICLE, url="https://desk:pw1@paid.example/dam?id=7&apikey=k3y9&utm_source=rss")
    (tmp_path / "dam.json").write_text(json.dumps(article), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "dam.json")).exit_code == 0
    said = invoke(db_path, "who-said", "two months early").output
    assert "   https://paid.example/dam?id=7\n" in said, said
    assert "k3y9" not in said and "pw1" not in said and "utm_" not in said
