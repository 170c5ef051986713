"""Words quoted under a gerund of saying after an active charge's "for" or "of" ("slammed Ruiz
for calling the plan “…”", "accused Ruiz of branding …") are the one charged's, the gerund's
unsaid subject, not the critic's; words the critic quotes about a deed that is no saying ("for
being “…”") stay the critic's, and so does a gerund under a verb that judges no one ("drew
scorn for saying …"). On text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = ("Councillor Marta Ruiz spoke after the vote in Halden on Monday. Tomas Vale leads the "
         "dockers' union. ")


@pytest.mark.parametrize(("sentence", "words"), [
    pytest.param("Vale slammed Ruiz for calling the harbour plan “a gift to the shipowners.”",
                 "a gift to the shipowners", id="slammed-for-calling"),
    pytest.param("Vale accused Ruiz of branding the dockers “lazy and greedy.”",
                 "lazy and greedy", id="accused-of-branding"),
    pytest.param("Vale praised Ruiz for saying “the harbour belongs to everyone.”",
                 "the harbour belongs to everyone", id="praised-for-saying"),
])
def test_words_under_a_charge_are_the_one_chargeds(nlp, sentence, words):
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert fragment.speaker.name == "Marta Ruiz"


@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    pytest.param("Vale attacked Ruiz for being “a tourist in her own town.”",
                 "a tourist in her own town", "Tomas Vale", id="a-deed-that-is-no-saying"),
    pytest.param("Ruiz drew scorn for calling the dockers “lazy and greedy.”",
                 "lazy and greedy", "Marta Ruiz", id="a-verb-that-judges-no-one"),
])
def test_who_else_speaks_under_for(nlp, sentence, words, speaker):
    """"Attacked Ruiz for being “…”" quotes the critic's own words about her; in "drew scorn
    for calling …" the scorn is no one charged: the subject called them so."""
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert fragment.speaker.name == speaker
