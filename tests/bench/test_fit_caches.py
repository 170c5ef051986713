"""The fitting benches (pronoun_fit, registry_people, description_fit) read the train parses
through the same stream check as polnear_eval: a cache of other texts stops them with a clear
word, where they zipped its parses onto the stream's articles by position."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bench import description_fit, polnear_eval, pronoun_fit, registry_people

ROOT = Path(__file__).resolve().parents[2]

OURS = [
    "The mayor of Tarrow, Edda Brink, said on Tuesday that the bridge would reopen in May. "
    "\"We have waited long enough,\" she told reporters.",
    "A storm cut power to four villages near Hollin overnight, the grid operator said.",
    "\"The harvest is late but good,\" said Oskar Fenn, who farms barley east of Rieve.",
]
OTHERS = [
    "Two lorries collided on the coast road outside Velm, police said, and nobody was hurt.",
    "The library in Ashby will open on Sundays from March, its director Mira Holt announced.",
    "\"Prices will rise again,\" warned Teo Varga, an economist at the Corran bank.",
]
BENCHES: list[Callable[[Sequence[str]], object]] = [
    pronoun_fit.main, registry_people.main, description_fit.main]


def articles(texts: list[str]) -> list[dict]:
    return [{"id": f"t{n}", "text": text, "quotes": []} for n, text in enumerate(texts)]


def train_data(folder: Path) -> Path:
    folder.mkdir()
    (folder / "polnear_train.jsonl").write_text(
        "".join(json.dumps(a) + "\n" for a in articles(OURS)), encoding="utf-8")
    return folder


@pytest.mark.parametrize("bench", BENCHES, ids=lambda b: b.__module__)
def test_a_fit_refuses_the_parses_of_another_stream_and_leaves_them(
        tmp_path: Path, bench: Callable[[Sequence[str]], object]) -> None:
    cache = tmp_path / "ptrain.spacy"
    polnear_eval.predict(articles(OTHERS), cache)
    made = cache.read_bytes()
    data = train_data(tmp_path / "data")
    with pytest.raises(SystemExit, match="was made for another stream"):
        bench(["--data", str(data), "--cache", str(cache)])
    assert cache.read_bytes() == made


def test_a_fit_reads_a_cache_made_before_stamps_and_writes_nothing_into_it(tmp_path: Path) -> None:
    """Run as a desk runs it (``python -m``): on the compiled build it starts itself again on
    the interpreted code, whose rules it records around."""
    cache = tmp_path / "ptrain.spacy"
    polnear_eval.predict(articles(OURS), cache)
    (tmp_path / "ptrain.spacy.stream").unlink()
    made = cache.read_bytes()
    done = subprocess.run([sys.executable, "-m", "bench.registry_people", "--data",
                           str(train_data(tmp_path / "data")), "--cache", str(cache)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    out, err = done.stdout, done.stderr
    assert "does not say which stream it was made for" in err
    assert "registry people in" in out
    assert cache.read_bytes() == made
    assert not (tmp_path / "ptrain.spacy.stream").exists()
