"""bench.polnear_unnamed counts the speakers printed that are no name by the form of their
words, from the output alone. On an article and speakers written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import polnear_unnamed as pu

TEXT = ("Harbour Plan Stalls.\n\n"
        "\"The pier will reopen in May,\" Mara Quillon, the harbour master, said on Monday.\n\n"
        "\"Nobody has asked us,\" one ferry pilot said.\n\n"
        "The fishermen said the plan would cost them the summer.\n")


@pytest.mark.parametrize(("speaker", "form"), [
    (None, pu.NONE),
    ("she", pu.PRONOUN),
    ("one ferry pilot", pu.COUNTED),
    ("3 in 10 voters", pu.COUNTED),
    ("the harbour master", pu.DEFINITE_ONE),
    ("The fishermen", pu.DEFINITE_MANY),
    ("the aides of the mayor", pu.DEFINITE_MANY),
    ("his wife", pu.POSSESSIVE_ONE),
    ("Quillon's aides", pu.POSSESSIVE_MANY),
    ("Harbour Workers of Kelso", pu.CAPITALISED),
    ("critics", pu.OTHER),
])
def test_the_form_of_a_speaker_printed(speaker, form):
    assert pu.form_of(speaker) == form


def test_only_speakers_that_are_no_name_are_counted(tmp_path: Path, nlp, capsys):
    (tmp_path / "polnear_dev.jsonl").write_text(
        json.dumps({"id": "u1", "text": TEXT, "quotes": []}) + "\n", encoding="utf-8")
    counts = pu.main(["--split", "dev", "--data", str(tmp_path), "--list", pu.COUNTED,
                      "--list", pu.DEFINITE_MANY])
    assert counts == {pu.COUNTED: 1, pu.DEFINITE_MANY: 1}
    out = capsys.readouterr().out
    assert "u1 direct counted or indefinite: 'one ferry pilot'" in out
    assert "| **no name, of 3 printed** | 1 | 0 | 1 | **2** |" in out
