"""`wirewatch quotes extract` on text garbled upstream ("JosÃ©" for "José"): the text is read
with its garbled runs put back, as ingest stores it, and the quotes answer in the offsets of the
text as given; text with nothing garbled is read and answered as it is."""

import json
import unicodedata

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.cli.quotes import quote_record
from bot.ingest.mojibake import repair
from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from tests.conftest import write
from tests.ingest.test_mojibake import garbled

HEARING = ("Tom Hale, the mayor, opened the hearing. Then {name}, the ferry board's chair, "
           "answered him. \"Nobody loses the crossing to {town},\" he said.")
NAME, TOWN = "José Ibáñez", "Søndervåg"


def extracted(db_path, tmp_path, *texts: str) -> list[list[dict]]:
    source = write(tmp_path / "in.jsonl", "\n".join(
        json.dumps({"id": str(n), "text": text}) for n, text in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "quotes", "extract", str(source),
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["quotes"] for line in out.read_text().splitlines()]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_garbled_name_speaks_and_the_offsets_are_the_inputs(db_path, tmp_path, form):
    """Parsed as given, the garbled name is split at its stray marks and "he said" goes to the
    mayor; an accent may also come written apart from its letter (NFD), as some tools send it."""
    text = unicodedata.normalize(form, HEARING.format(name=garbled(NAME), town=garbled(TOWN)))
    [[quote]] = extracted(db_path, tmp_path, text)
    assert quote["speaker"] == NAME
    assert quote["quote"] == f"Nobody loses the crossing to {TOWN}"
    assert text[quote["start"]:quote["end"]] == unicodedata.normalize(
        form, garbled(quote["quote"]))


def test_text_with_nothing_garbled_is_read_and_answered_as_it_is(db_path, tmp_path, nlp):
    text = HEARING.format(name=NAME, town=TOWN)
    assert repair(text).text is text and not repair(text).runs
    doc = nlp(text)
    alone = [quote_record(q) for q in statements(doc, quotes_in_doc(doc))]
    [found] = extracted(db_path, tmp_path, text)
    assert found == alone and [q["speaker"] for q in found] == [NAME]
    assert [text[q["start"]:q["end"]] for q in found] == [q["quote"] for q in found]
