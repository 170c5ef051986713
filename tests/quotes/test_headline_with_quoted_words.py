"""A "Name: words" headline whose words hold a few quoted ones is still the named person's
claim, and the quoted words are theirs; on text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

STORY = ("\n\nPort commissioner Adaeze Okafor told councillors on Tuesday that the levy had "
         "raised less than the ferry repairs cost.\n\n"
         "Several councillors asked for the accounts to be published before the vote.")


def test_the_headline_claim_holds_its_quoted_words(statements_of):
    said = statements_of("Okafor: Harbour Levy Is ‘A Tax On Every Boat’ And Will Go By "
                         "Spring." + STORY)
    claim = one(said, "Harbour Levy Is")
    assert claim.text == "Harbour Levy Is ‘A Tax On Every Boat’ And Will Go By Spring"
    assert claim.speaker.name == "Adaeze Okafor"
    assert claim.kind == "mixed"


def test_the_quoted_words_of_such_a_headline_are_the_named_persons(nlp):
    doc = nlp("Okafor: Harbour Levy Is ‘A Tax On Every Boat’ And Will Go By Spring." + STORY)
    quoted = one(quotes_in_doc(doc), "A Tax On Every Boat", "fragment")
    assert quoted.speaker.name == "Adaeze Okafor"


def test_a_headline_quoting_the_person_whole_stays_one_direct_quote(statements_of):
    said = statements_of("Okafor: ‘The Harbour Levy Will Go By Spring.’" + STORY)
    quote = one(said, "The Harbour Levy Will Go By Spring")
    assert quote.kind == "direct"
    assert quote.speaker.name == "Adaeze Okafor"


def test_a_title_before_the_headlines_name_is_not_a_first_name(statements_of):
    said = statements_of("Dr. Adaeze Okafor: Harbour Levy Will Go By Spring." + STORY)
    assert one(said, "Harbour Levy Will Go").speaker.name == "Adaeze Okafor"


def test_a_quote_opening_the_headlines_words_is_part_of_its_claim(statements_of):
    said = statements_of("Okafor: ‘No Idea’ Why The Harbour Levy Still Stands." + STORY)
    assert [q.text for q in said if "No Idea" in q.text] == \
        ["‘No Idea’ Why The Harbour Levy Still Stands"]
    assert one(said, "No Idea").speaker.name == "Adaeze Okafor"


@pytest.mark.parametrize("tag", ["she told the council on Tuesday", "said the commissioner"])
def test_a_labelled_line_whose_quote_has_a_speech_tag_is_no_headline(statements_of, tag):
    said = statements_of(f"Okafor: “The levy will go by spring,” {tag}." + STORY)
    quote = one(said, "The levy will go by spring")
    assert quote.kind == "direct"
    assert quote.text == "The levy will go by spring"
    assert quote.speaker.name == "Adaeze Okafor"
