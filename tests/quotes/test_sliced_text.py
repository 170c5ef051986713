"""A noun phrase or a name sliced from the source text is what the Span's own text gives, for
every word of an article, after line breaks, quotation marks and a trailing comma."""

from __future__ import annotations

from bot.nlp.speakers.columns import Columns
from bot.nlp.speakers.names import noun_phrase, role_of
from bot.nlp.speakers.registry import Registry

TEXTS = [
    "Sen. Tomas Brandt, R-Texas, a co-founder of the caucus, said the bill had the votes.\n"
    "Harbour Freight Association's Chuck Dorsey said Councillor Ana Ruiz (D) agreed.",
    "The harbour commission, which met on Monday, said the pier would reopen.\n\n"
    "A spokesperson for the Port of Vellmar, speaking by telephone, said: “We are ready.”",
    "Critics of the plan, including two former mayors, said it came too late.\n"
    "Ana Ruiz, the council's deputy leader, told the Gazette that talks had stalled.",
    "  Residents near the old shipyard said the noise kept them awake; the company disagreed.",
]


def registry(nlp, text: str, with_text: bool) -> Registry:
    doc = nlp(text)
    columns = Columns.of(doc, text if with_text else None)
    return Registry(doc, quoted=lambda offset: False, speaking=lambda token: True,
                    columns=columns)


def test_phrases_sliced_from_the_text_are_the_spans_text(nlp):
    checked = 0
    for text in TEXTS:
        for with_text in (True, False):
            reg = registry(nlp, text, with_text)
            for token in reg.doc:
                for upto in (None, token.i + 2):
                    assert reg.phrase(token, upto) == noun_phrase(token, upto)
                    checked += 1
            for ent in reg.ents:
                assert reg.text_of(ent) == ent.text
                assert role_of(ent, text) == role_of(ent)
                assert reg.role_of(ent) == role_of(ent)
    assert checked > 200


def test_a_sliced_phrase_keeps_to_its_line_and_drops_its_trailing_comma(nlp):
    reg = registry(nlp, next(t for t in TEXTS if "Critics" in t), True)
    critics = next(t for t in reg.doc if t.text == "Critics")
    phrase = reg.phrase(critics)
    assert phrase == noun_phrase(critics)
    assert phrase.startswith("Critics of the plan") and not phrase.endswith(",")
    assert "\n" not in phrase and "Ruiz" not in phrase
