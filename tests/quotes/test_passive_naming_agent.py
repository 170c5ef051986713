""""has been called “…” by X": the parser hangs "by X" on the quoted words, not on the verb;
X named them, and the quoted words alone are X's; on text written here and the real spaCy
model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_words_a_passive_naming_verb_gives_are_its_agents(statements_of):
    text = ("The harbour trust runs more than forty ferries and a dozen repair yards along the "
            "coast.\n\n"
            "This habit of the trust has been called \"quiet drift\" by Lena Okafor, a "
            "historian at Halden University, and it makes the accounts hard to follow.")
    quote = one(statements_of(text), "quiet drift")
    assert (quote.kind, quote.speaker.name, quote.text) == ("direct", "Lena Okafor",
                                                            "\"quiet drift\"")


def test_a_passive_naming_verb_without_an_agent_gives_no_one(statements_of):
    text = ("The harbour trust runs more than forty ferries along the coast.\n\n"
            "Its habit of late repairs has been called \"quiet drift\" in the local papers.")
    assert not [q for q in statements_of(text) if "quiet drift" in q.text and
                q.speaker.name is not None]
