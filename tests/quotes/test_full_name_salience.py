"""A full name the recogniser missed still counts for its owner's salience, not for the
person its surname alone means (bot/nlp/speakers/salience.py), on text written here."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from tests.quotes.conftest import speaker_of

TEXT = ("Peter Dunmore founded the furniture firm in 1980. Dunmore retired last year.\n\n"
        "Nora Bell opened a bakery on the same street in May. Bell said trade was slow.\n\n"
        "Ivy Dunmore, who runs the firm now, told the Courier that she had doubled its "
        "staff.\n\n"
        "“We hire from the town first,” she said.\n\n"
        "The firm was sold to Ivy Dunmore by her father in 2019.")


def _tagged(doc: Doc) -> Doc:
    """Every name a person but the daughter's full name where she speaks, which the
    recogniser left untagged."""
    def name(first: str, nth: int = 0) -> Span:
        start = [t.i for t in doc if t.text == first][nth]
        return Span(doc, start, start + 2, label="PERSON")
    surname = next(t.i for t in doc if t.text == "Dunmore" and doc[t.i - 1].text == ".")
    doc.ents = [name("Peter"), Span(doc, surname, surname + 1, label="PERSON"),
                name("Nora"), name("Ivy", 1)]
    return doc


def test_she_after_an_untagged_full_name_is_that_person_not_the_last_woman_tagged(nlp):
    doc = _tagged(nlp(TEXT))
    quotes = statements(doc, quotes_in_doc(doc))
    assert speaker_of(quotes, "hire from the town") == "Ivy Dunmore"
