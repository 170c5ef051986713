"""Which token a speech tag hands the resolver when the parser hangs the tag on the words it
tags (session 45, speakers45a; issue 14), on text written here: the subject of the tag speaks,
never a name inside the reported words, and a second finding after a colon is not more of the
first one's words."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

TRAILING = ("Islanders say they want the old pier repaired rather than replaced, a survey by "
            "Tomas Brandt found this month.")
COLON = ("Early polls show voters in the valley firmly rejecting the levy: A Northgate College "
         "poll this month found the levy about even with the rival plan countywide, but losing "
         "the river towns by 30 points.")


def test_a_tag_closing_the_sentence_speaks_for_the_words_before_it(quotes_of):
    quotes = quotes_of(TRAILING)
    assert speakers_of(quotes, "old pier repaired") == ["Tomas Brandt"]
    assert not [q for q in quotes if "a survey" in q.text]


def test_a_finding_after_a_colon_is_not_the_first_findings_words(quotes_of):
    quotes = quotes_of(COLON)
    assert speakers_of(quotes, "firmly rejecting the levy") == ["Early polls"]
    assert "Early polls" not in speakers_of(quotes, "about even")


def test_a_place_set_off_before_a_that_clause_is_not_a_tag(quotes_of):
    quotes = quotes_of("Sen. Ana Ruiz said Sunday in Leeds, Yorkshire, that she was hoping for "
                       "a large turnout.")
    assert speakers_of(quotes, "large turnout") == ["Ana Ruiz"]
    assert not [q for q in quotes if "Leeds" in q.text]
