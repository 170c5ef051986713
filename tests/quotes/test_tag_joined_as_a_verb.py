"""A speech tag closing a sentence after a comma that the parser joined to the sentence's verb
as one more verb of it ("…, she told reporters.") reports the sentence before it; on text
written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


def test_a_tag_the_parser_joined_to_the_verb_reports_the_sentence(statements_of):
    text = INTRO + ("Harbour staff should show proof and stop using vague words like “soon” "
                    "and “later”, she told reporters.")
    quote = one(statements_of(text), "Harbour staff should show proof")
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")
    assert quote.text.endswith("“later”")


def test_a_tag_inside_the_sentence_reports_nothing_before_it(reported):
    """"… - proof, the prosecutors argued, of his role …": a tag set inside the sentence, with
    words of the sentence after it, is no closing tag; the judge's act is not the prosecutors'
    words."""
    text = INTRO + ("A judge kept Vale in custody after hearing the tapes of his radio show - "
                    "proof, the prosecutors argued, of his role in the siege.")
    assert not [q for q in reported(text) if "kept Vale in custody" in q.text]
