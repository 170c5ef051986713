"""bench.compiled_quotes' child times the stage row's call (``extract_quotes`` with the body at
hand) beside its figure up to session 50 (``doc.text`` rebuilt in the timed call)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[2]
TEXTS = (
    'The harbour master said the cranes would stay idle until Friday.\n\n'
    '"We have no crews for the night shift," said Pella Onderwood, who runs the east quay.',
    'Council members voted late on Tuesday.\n\n'
    '"The budget is tight," the treasurer told reporters after the meeting.',
)


def test_child_times_both_calls_and_writes_the_records(nlp, tmp_path: Path) -> None:
    cache = tmp_path / "two.spacy"
    DocBin(docs=list(nlp.pipe(TEXTS))).to_disk(cache)
    env = dict(os.environ, WIREWATCH_COMPILED="0", PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, "-m", "bench.compiled_quotes", "--child", str(cache),
                           "--kind", "interpreted", "--rounds", "2"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert {way: len(result[way]) for way in ("ms", "ms_rebuilt")} == {"ms": 2, "ms_rebuilt": 2}
    assert all(ms > 0 for way in ("ms", "ms_rebuilt") for ms in result[way])
    assert any("Pella Onderwood" in line for line in result["records"])
    assert not any(" ERROR " in line for line in result["records"])
