"""Switching a rule family off for one evaluation (bench/polnear_ablation.py), on the real model
and an article written here. Rebinding needs the interpreted code: with the compiled build in
this process, the file runs again in a child on the interpreted code."""

from __future__ import annotations

import pytest

from bench.polnear_ablation import FAMILIES, _target, off_value, switched_off
from bot.nlp.compiled import current
from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from tests.interpreted import run_interpreted

in_child = pytest.mark.skipif(current().compiled, reason="run on the interpreted code by "
                              "test_the_ablation_on_the_interpreted_code")

TEXT = ("The Delling Harbour Board met on Friday. A statement from the board said the new "
        "ferry pier would open in May.")


def speakers(nlp) -> list[str | None]:
    doc = nlp(TEXT)
    return [q.speaker.name for q in statements(doc, quotes_in_doc(doc))]


@in_child
def test_a_family_switched_off_answers_no_and_comes_back_after(nlp):
    before = speakers(nlp)
    assert before == ["The Delling Harbour Board"]
    with switched_off("documents"):
        assert speakers(nlp) == ["A statement from the board"]
    assert speakers(nlp) == before


@in_child
def test_one_entry_point_is_switched_off_alone(nlp):
    with switched_off("speakers.documents:issued_in"):
        assert speakers(nlp) == ["The Delling Harbour Board"]
    with switched_off("speakers.documents:issuer"):
        assert speakers(nlp) == ["A statement from the board"]


@in_child
def test_every_entry_point_of_every_family_exists_and_has_an_off_value():
    for paths in FAMILIES.values():
        for path in paths:
            _, _, function = _target(path)
            off_value(function.__annotations__["return"])


def test_the_off_value_follows_what_the_rule_returns():
    assert off_value("Speaker | None")() is None
    assert off_value("bool")() is False
    assert off_value("dict[str, str]")() == {}
    with pytest.raises(ValueError, match="no off value"):
        off_value("tuple[Speaker, float]")


@pytest.mark.skipif(not current().compiled, reason="the tests above run in this process")
def test_the_ablation_on_the_interpreted_code():
    done = run_interpreted(__file__)
    assert done.returncode == 0 and "4 passed" in done.stdout, done.stdout[-3000:]
