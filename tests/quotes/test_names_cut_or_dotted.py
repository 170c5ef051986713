"""Names the recogniser cut or wrote otherwise: a name cut at a nickname in quotation marks,
an acronym written with full stops; on text written here and the real spaCy model."""

from __future__ import annotations

from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from tests.quotes.conftest import one

NICKNAME_CUT = ("Former ferry captain John “Tig” Marlow spoke to the harbour board on Monday.\n\n"
                "Marlow was also troubled by the board's handling of the winter timetable.\n\n"
                "“Who wants to sail with people who plan like that?” he asked.")


def test_a_name_the_recogniser_cut_at_a_quoted_nickname_runs_on_to_the_surname(nlp):
    """"John “Tig” Marlow" tagged as "John “Tig" (a person) and "Marlow" (a firm), as the
    recogniser now and then does: the name runs on past the nickname to the surname, so the
    surname alone and the he after it are his."""
    doc = nlp(NICKNAME_CUT)
    first, surname = NICKNAME_CUT.index("John"), NICKNAME_CUT.index("Marlow")
    cut = [doc.char_span(first, NICKNAME_CUT.index("Tig") + 3, "PERSON"),
           doc.char_span(surname, surname + len("Marlow"), "ORG")]
    kept = [e for e in doc.ents if not any(e.start < c.end and c.start < e.end for c in cut)]
    doc.ents = sorted(kept + cut, key=lambda e: e.start)
    quote = one(statements(doc, quotes_in_doc(doc)), "sail with people")
    assert quote.speaker.name == "John “Tig” Marlow"


def test_an_acronym_with_full_stops_is_the_body_the_article_spells_out(statements_of):
    """"The N.F.C. said" after "The National Ferry Commission": the body, not its letters, as
    for "the NFC"."""
    for letters, body in (("F.B.H.", "Federal Bureau of Harbours"),
                          ("N.F.C.", "National Ferry Commission")):
        quotes = statements_of(f"The {body} opened an inquiry on Monday. The {letters} said the "
                               "ferry had sailed without a licence.")
        assert one(quotes, "without a licence").speaker.name == f"The {body}"
