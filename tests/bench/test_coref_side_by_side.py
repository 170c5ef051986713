"""The parts of the xrenner comparison that are ours: spaCy's parse as UD CoNLL-U, the speaker
a chain gives a source, where the source's words are, and a plain stop without xrenner."""

from __future__ import annotations

import sys

import pytest

from bench.coref_chains import Mention, chain_speaker
from bench.coref_conll import to_conll
from bench.coref_side_by_side import kind_of_mention, locate, main


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line]


def _row(rows: list[list[str]], word: str) -> list[str]:
    return next(row for row in rows if row[1] == word)


def test_a_preposition_hangs_off_its_noun_as_ud_has_it(nlp):
    rows = _rows(to_conll(nlp("Tomas Brandt waited at the ferry terminal.")).text)
    terminal, at = _row(rows, "terminal"), _row(rows, "at")
    assert (terminal[7], terminal[6]) == ("obl", _row(rows, "waited")[0])
    assert (at[7], at[6]) == ("case", terminal[0])


def test_a_name_is_headed_by_its_first_word(nlp):
    rows = _rows(to_conll(nlp("Tomas Brandt waited at the ferry terminal.")).text)
    tomas, brandt = _row(rows, "Tomas"), _row(rows, "Brandt")
    assert (tomas[7], tomas[6]) == ("nsubj", _row(rows, "waited")[0])
    assert (brandt[7], brandt[6]) == ("flat", tomas[0])
    assert (tomas[3], tomas[4]) == ("PROPN", "NNP")


def test_a_predicate_noun_governs_its_copula_and_subject(nlp):
    rows = _rows(to_conll(nlp("She is the treasurer of the rowing club.")).text)
    treasurer = _row(rows, "treasurer")
    assert (treasurer[7], treasurer[6]) == ("root", "0")
    assert _row(rows, "is")[6:8] == [treasurer[0], "cop"]
    assert _row(rows, "She")[6:8] == [treasurer[0], "nsubj"]


def test_sentences_are_blocks_and_whitespace_is_left_out_yet_mapped_back(nlp):
    doc = nlp("The ferry left late.\n\nIt docked at noon.")
    conll = to_conll(doc)
    blocks = conll.text.strip().split("\n\n")
    assert [b.splitlines()[0].split("\t")[:2] for b in blocks] == [["1", "The"], ["1", "It"]]
    assert [doc[i].text for i in conll.tokens] == [t.text for t in doc if not t.is_space]
    assert all(row[7] != "dobj" and row[7] != "pobj" for row in _rows(conll.text))


def _mentions() -> list[Mention]:
    return [Mention(0, 1, 7, True, "Ines Varga"), Mention(5, 6, 7, False, "the treasurer"),
            Mention(9, 9, 8, True, "Tomas"), Mention(12, 12, 7, False, "she"),
            Mention(12, 13, 9, False, "her club"), Mention(20, 21, 7, True, "Varga"),
            Mention(25, 26, 10, False, "the skipper"), Mention(30, 31, 10, True, "Lars Holm")]


def test_a_chain_gives_the_named_mention_nearest_before_the_source():
    assert chain_speaker(_mentions(), 12, 12) == "Ines Varga"
    assert chain_speaker(_mentions(), 5, 6) == "Ines Varga"


def test_a_named_source_is_its_own_speaker_and_a_later_name_does_not_count():
    assert chain_speaker(_mentions(), 20, 21) == "Varga"
    assert chain_speaker(_mentions(), 25, 26) is None


def test_words_no_mention_holds_give_no_speaker():
    assert chain_speaker(_mentions(), 15, 16) is None


def test_the_source_words_nearest_the_quote_are_taken():
    text = "He left early. Later he said the ferry was late, and he smiled."
    assert locate(text, "he", 29, 38) == (21, 23)
    assert locate(text, "he", 43, 47) == (53, 55)
    assert locate(text, "the captain", 29, 38) is None
    assert [kind_of_mention(m) for m in ("He", "the captain", " ")] == [
        "pronoun", "description", "empty"]


def test_without_xrenner_it_stops_with_a_plain_message(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--part", "a", "--xrenner-python", sys.executable])
    assert "xrenner is not importable" in str(stopped.value)


def test_a_title_before_a_name_hangs_off_the_first_word_too(nlp):
    rows = _rows(to_conll(nlp("Deputy Mayor Ines Varga spoke at the depot.")).text)
    deputy = _row(rows, "Deputy")
    assert (deputy[7], deputy[6]) == ("nsubj", _row(rows, "spoke")[0])
    assert all(_row(rows, word)[6:8] == [deputy[0], "flat"] for word in ("Mayor", "Ines", "Varga"))
