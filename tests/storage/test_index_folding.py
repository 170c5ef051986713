"""The storage folds text as the quotes' index does: lower case, accents dropped."""

from storage.accents import unaccented
from storage.quotes import normalise


def test_accents_and_case_are_folded_away():
    assert unaccented("Ça VA, Zoë") == "ca va, zoe"
    assert unaccented("Straße") == "strasse"


def test_normalise_keeps_only_the_folded_words():
    assert normalise("Élodie Marchetti-Vérin said: “Ça suffit!”") == (
        "elodie marchetti verin said ca suffit")
