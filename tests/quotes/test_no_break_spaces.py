"""`wirewatch quotes extract` on text whose names hold no-break spaces ("Marta\u00a0Ellery"), as
pages copied from the web do: read as ingest reads a paragraph, the whole name speaks, and the
offsets still point into the text as given."""

import json

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.mojibake import repair
from bot.ingest.spaces import plain_spaces, read_given
from tests.conftest import write
from tests.ingest.test_mojibake import garbled

NBSP = "\u00a0"
CASES = [
    ("The ferry board met on Tuesday. \u201cNobody loses the crossing this winter,\u201d said "
     f"Marta{NBSP}Ellery, the board's chair.", "Marta Ellery"),
    (f"Marta{NBSP}Ellery, the board's chair, spoke after the vote. \u201cNobody loses the "
     "crossing this winter,\u201d she said.", "Marta Ellery"),
    ("The council voted late. \u201cWe will rebuild the pier before spring,\u201d Deputy Mayor "
     f"Olu{NBSP}Barnaby{NBSP}Kenwright told reporters.", "Olu Barnaby Kenwright"),
]


def extracted(db_path, tmp_path, text: str) -> list[dict]:
    source = write(tmp_path / "in.jsonl", json.dumps({"id": "1", "text": text}))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "quotes", "extract", str(source),
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())["quotes"]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_a_name_written_with_no_break_spaces_speaks_whole(db_path, tmp_path, text, speaker):
    [quote] = extracted(db_path, tmp_path, text)
    assert quote["speaker"] == speaker
    assert text[quote["start"]:quote["end"]] == quote["quote"]


def test_spaces_are_made_plain_one_for_one_after_a_garbled_run_is_put_back():
    """A no-break space garbled upstream ("Â" and the space) is put back before the spaces are
    read, and the offsets map to the text given as a repair alone maps them."""
    text = f"Ann{NBSP}Ruiz said: {garbled('café' + NBSP + 'noir')}\tstays."
    read, repaired = read_given(text), repair(text)
    assert read.text == plain_spaces(repaired.text) == "Ann Ruiz said: café noir stays."
    assert read.runs == repaired.runs
    assert [read.given_end(i) for i in range(len(read.text) + 1)] == \
        [repaired.given_end(i) for i in range(len(repaired.text) + 1)]
