"""bench.polnear_where says where the source a wrong hand-resolved speaker means stands: a
person the registry holds, an entity tagged otherwise, a name on the headline line only,
words never tagged, or nothing written. On an article written here."""

from __future__ import annotations

import json
from pathlib import Path

from bench import polnear_where

TEXT = ("Quillon Backs The Pier Plan.\n\n"
        "Mara Quillon, the harbour master, spoke first at a meeting of the Kelso Port Authority "
        "on Monday. Tomas Berg, a ferry pilot, listened. "
        "\"The pier will reopen in May,\" she said.\n")


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_each_wrong_resolved_source_is_placed(tmp_path, nlp, capsys):
    start = TEXT.index("\"The pier")
    end = TEXT.index(" she said")
    _write(tmp_path / "polnear_dev.jsonl", [{"id": "w1", "text": TEXT, "quotes": [
        {"quote": TEXT[start:end], "speaker": "unknown", "start": start, "end": end,
         "type": "direct", "speaker_mention": "she", "cue": "said"}]}])
    key = {"split": "dev", "id": "w1", "start": start, "end": end}
    args = ["--split", "dev", "--data", str(tmp_path), "--resolutions", str(tmp_path / "r.jsonl")]
    _write(tmp_path / "r.jsonl", [{**key, "name": "Kelso Port Authority"}])
    assert polnear_where.main(args) == {"tagged ORG": 1}
    _write(tmp_path / "r.jsonl", [{**key, "name": "Ines Oduya"}])
    assert polnear_where.main(args) == {polnear_where.NOT_WRITTEN: 1}
    assert "'Ines Oduya' is not written; ours 'Mara Quillon' (person" in capsys.readouterr().out


def test_a_registered_person_and_a_name_on_the_headline_line(nlp):
    doc = nlp(TEXT)
    registry = polnear_where.registry_of(doc, TEXT)
    assert polnear_where.place_of("Tomas Berg", registry, TEXT) == polnear_where.REGISTERED
    assert polnear_where.place_of("Pier", registry, TEXT) == polnear_where.UNTAGGED
    assert polnear_where.place_of("Backs", registry, TEXT) == polnear_where.HEADLINE_ONLY
