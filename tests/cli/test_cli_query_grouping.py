"""A query mixing AND and OR without parentheses is said as it is read (AND binds tighter), at
`topics add`, `topics edit` and `topics preview`: a desk's NOT after an OR left one side only."""

from __future__ import annotations

from tests.cli.test_cli import invoke
from tests.cli.test_cli_topic_sources import _stream

LANES = ("Westbrook council backs cycle lanes on Elm Avenue\n\nWestbrook's council voted on "
         "Wednesday to build protected cycle lanes along Elm Avenue, and said the work would "
         "start in March and take about a year.")
STREAM = ((LANES, "Daily Gossip Sheet", "https://gossip.example/lanes", ""),)
MIXED = '"cycle lanes" OR bike* AND NOT source:"Daily Gossip Sheet"'
READ_AS = ('read as: "cycle lanes" OR (bike* AND NOT source:"Daily Gossip Sheet") (AND binds '
           "tighter than OR; put the parentheses where you mean otherwise)")


def test_a_query_of_and_inside_or_is_said_as_it_is_read(db_path, tmp_path):
    """Before, each command echoed the query as typed; the tabloid's report matched although
    its source stood under the NOT, and nothing said why."""
    invoke(db_path, "ingest", str(_stream(tmp_path / "lanes.jsonl", STREAM)))
    preview = invoke(db_path, "topics", "preview", MIXED).output.splitlines()
    assert preview[0].startswith("1 story of the last 7 days") and preview[1] == READ_AS
    added = invoke(db_path, "topics", "add", "Lanes", MIXED).output.splitlines()
    assert added[:2] == [f"tracking 'Lanes': {MIXED}", READ_AS]

    meant = '("cycle lanes" OR bike*) AND NOT source:"Daily Gossip Sheet"'
    edited = invoke(db_path, "topics", "edit", "Lanes", meant).output
    assert "read as" not in edited
    assert invoke(db_path, "topics", "preview", meant).output.startswith("0 stories")
    again = invoke(db_path, "topics", "edit", "Lanes", "lanes AND Elm OR bike*").output
    assert "read as: (lanes AND Elm) OR bike* (AND binds" in again
    plain = invoke(db_path, "topics", "preview", "(lanes AND Elm) OR bike*").output
    assert "read as" not in plain
