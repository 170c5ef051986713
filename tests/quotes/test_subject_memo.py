"""A verb's subject found once per article is the one found afresh each time."""

from __future__ import annotations

from spacy.parts_of_speech import AUX, VERB

from bot.nlp.quotes.subjects import QuotedTokens, subject_of

TEXT = ("Harbour master Ana Ruiz said the pier would reopen in May, adding that repairs had "
        "gone well.\n\n“We are nearly there,” she told reporters, and the council, which "
        "approved the budget, said it agreed.")


def test_the_remembered_subjects_are_the_ones_found_afresh(nlp):
    doc = nlp(TEXT)
    quoted = QuotedTokens({t.i for t in doc if TEXT.index("“") <= t.idx <= TEXT.index("”")})
    verbs = [t for t in doc if t.pos in (VERB, AUX)]
    for in_paragraph in (False, True):
        for verb in verbs:
            fresh = subject_of(verb, set(quoted), in_paragraph=in_paragraph)
            assert subject_of(verb, quoted, in_paragraph=in_paragraph) == fresh
            assert subject_of(verb, quoted, in_paragraph=in_paragraph) == fresh
    assert len(quoted.subjects) == 2 * len(verbs)
    said = next(t for t in verbs if t.lower_ == "said")
    subject = quoted.subjects[(said.i, False)]
    assert subject is not None and subject.text == "Ruiz"
