""""Robin Adair, who lost her son …": a his/her owning the object of a "who" clause set beside a
name shows that person's sex, even when the sentence names someone else, so a later "she" of
hers is not outweighed by a more salient woman (issue 14, speakers50e). Text written here."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

CHAIR = ("Marta Kowal, the chair of the parents' group, has led the campaign for a year. Kowal "
         "told the council on Monday that the school had ignored her letters. “We asked three "
         "times,” Kowal said. Kowal said she would keep writing to the mayor.\n\n")
TAGS = ("\n\n“They never called back,” she said. “We waited two months for an answer. They "
        "wrote to us only once, and it was a form letter,” she said.")


def test_her_in_the_who_clause_makes_the_second_she_hers(quotes_of):
    text = CHAIR + ("Robin Adair, who lost her son in the crash in 2019, said Kowal was right "
                    "about the council.") + TAGS
    assert speakers_of(quotes_of(text), "form letter") == ["Robin Adair"]


def test_the_chair_still_speaks_for_her_own_words(quotes_of):
    text = CHAIR + ("Robin Adair, who lost her son in the crash in 2019, said Kowal was right "
                    "about the council.") + TAGS
    assert speakers_of(quotes_of(text), "three times") == ["Marta Kowal"]
