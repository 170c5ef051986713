"""A topic's exclusions (its NOT terms) leave an article out once its story matched: the article
joins its story and alerts nobody under that topic, and `ingest` and `topics show` say why."""

from __future__ import annotations

import json

from storage.db import open_db, transaction
from tests.cli.test_cli import invoke
from tests.cli.test_cli_topic_sources import _stream

FIRST = ("Crack found in the Kelmor reservoir dam\n\nInspectors found a crack in the Kelmor "
         "reservoir dam on Monday and lowered the water behind it, the regional water board "
         "said. Homes below the dam in Ostrava Vale were told to be ready to leave.")
BEAVERS = ("Beavers blamed for flooding near the Kelmor reservoir dam\n\nThe water board said "
           "on Tuesday that the flooding below the Kelmor reservoir dam came from a stream that "
           "beavers had blocked, not from the crack in the dam. Workers from Dunmore Forestry "
           "removed 40 metres of the beavers' dam of branches.")
THIRD = ("Kelmor reservoir dam crack to be sealed within a week\n\nEngineers from Halvard "
         "Construction will seal the crack in the Kelmor reservoir dam at a cost of 2.3 million "
         "euros, the regional water board said on Wednesday.")
STREAM = tuple((text, "Valley Post", f"https://valley.example/{i}", "")
               for i, text in enumerate((FIRST, BEAVERS, THIRD)))


def test_an_update_holding_a_not_term_joins_its_story_and_alerts_nobody(db_path, tmp_path):
    invoke(db_path, "topics", "add", "Dams", 'dam AND NOT "beaver"')
    result = invoke(db_path, "ingest", "--json", str(_stream(tmp_path / "dams.jsonl", STREAM)))
    assert result.exit_code == 0, result.output
    outcomes = [json.loads(line) for line in result.output.splitlines()]
    stories = {o["verdict"]["story_id"] for o in outcomes}
    assert [o["verdict"]["kind"] for o in outcomes] == ["new", "update", "update"]
    assert len(stories) == 1  # the beavers' report joins the story all the same
    assert [bool(o["topic_ids"]) for o in outcomes] == [True, False, True]  # it alerted before
    assert outcomes[1]["left_out"] and not outcomes[2]["left_out"]
    shown = invoke(db_path, "topics", "show", "Dams").output.splitlines()
    article = outcomes[1]["article_id"]
    assert shown[-1] == f'    left out: article #{article}, NOT "beaver" (title: beavers)'


def test_the_ingest_line_says_which_not_term_left_the_update_out(db_path, tmp_path):
    invoke(db_path, "topics", "add", "Dams", 'dam AND NOT "beaver"')
    result = invoke(db_path, "ingest", str(_stream(tmp_path / "dams.jsonl", STREAM)))
    silent = [line.strip() for line in result.output.splitlines() if "no alert" in line]
    assert silent == ['no alert: every topic its story matches leaves it out (Dams: NOT '
                      '"beaver" (title: beavers))'], result.output


def test_the_timeline_says_which_report_the_not_term_left_out(db_path, tmp_path):
    """`stories timeline` said only "Why it alerts: topic Dams matched dam …", so the beavers'
    update read as alerted under Dams; now its line says it alerted nobody, and why, as
    `topics show` and the ingest line do (`--json`: each entry's `left_out`)."""
    invoke(db_path, "topics", "add", "Dams", 'dam AND NOT "beaver"')
    invoke(db_path, "ingest", str(_stream(tmp_path / "dams.jsonl", STREAM)))
    lines = invoke(db_path, "stories", "timeline", "1").output.splitlines()
    said = [i for i, line in enumerate(lines) if line.strip().startswith("no alert: ")]
    assert [lines[i].strip() for i in said] == ['no alert: every topic its story matches leaves '
                                                'it out (NOT "beaver" (title: beavers))'], lines
    [article] = [line for line in lines[:said[0]] if line.startswith("  article ")][-1:]
    assert "Beavers blamed for flooding" in article, lines
    grown = json.loads(invoke(db_path, "stories", "timeline", "1", "--json").output)
    assert [bool(e["left_out"]) for e in grown["entries"]] == [False, True, False], grown


def test_show_says_once_that_a_skipped_topic_matches_nothing_with_the_edit(db_path, tmp_path):
    """Before: a topic whose stored query matches nearly every article (stored before add
    refused it) listed each of its story's latest articles as left out, the same reason on
    every line; now it is said once, with the edit that mends it."""
    assert invoke(db_path, "topics", "add", "Dams", "-q", "dam").exit_code == 0
    invoke(db_path, "ingest", str(_stream(tmp_path / "dams.jsonl", STREAM)))
    db = open_db(db_path)
    with transaction(db):
        db.execute("UPDATE topics SET query = 'NOT beaver' WHERE name = 'Dams'")
    shown = invoke(db_path, "topics", "show", "Dams")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert not [line for line in lines if "left out" in line], lines
    told = [line for line in lines if "matches nothing" in line]
    assert len(told) == 1 and "wirewatch topics edit Dams" in told[0], lines
    assert any(line.startswith("  story ") for line in lines), lines
    listed = json.loads(invoke(db_path, "topics", "show", "Dams", "--json").output)
    assert listed["matches_nearly_all"] and not listed["not_read"], listed
    assert [story["left_out"] for story in listed["stories"]] == [[]], listed
