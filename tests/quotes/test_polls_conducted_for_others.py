"""A poll one firm conducted for others speaks for the firm, wherever the article says who
conducted it (issue 14, session 51, speakers51b); on text written here and the real spaCy
model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

NAMED_LATER = ("Ana Ruiz leads Tom Vell 50% to 40% among registered voters in Ohio, according "
               "to a Ledger/WKRB poll. Her lead among independents is wider still, 61% to 33%, "
               "according to the poll.\n\n"
               "Independents turn out at lower rates than party members, according to Mia "
               "Stone, director of the Harbour State University Polling Institute, which "
               "conducted the Ledger/WKRB poll.")

WHICH_HUNG_ON_THE_PERSON = ("Ana Ruiz leads Tom Vell 50% to 40% among registered voters, "
                            "according to a Ledger/WKRB poll.\n\n"
                            "They vote less often than party members, according to Mia Stone, "
                            "director of the University of North Dakota Survey Center, which "
                            "conducted the Ledger/WKRB poll.")

AGENT_ON_THE_CLIENTS = ("The survey was conducted for the Ledger and the television networks "
                        "by Harbour Research as voters arrived at 25 sites in Ohio.\n\n"
                        "The survey also showed that moderates mostly backed Ruiz.")


@pytest.mark.parametrize("said", ["leads Tom Vell", "lead among independents"])
def test_the_firm_a_later_clause_says_conducted_it(statements_of, said):
    speaker = one(statements_of(NAMED_LATER), said).speaker
    assert speaker.kind == "organisation"
    assert speaker.name is not None and \
        speaker.name.removeprefix("the ") == "Harbour State University Polling Institute"


def test_which_is_the_body_before_it_not_the_person_the_parser_hung_it_on(statements_of):
    speaker = one(statements_of(WHICH_HUNG_ON_THE_PERSON), "leads Tom Vell").speaker
    assert speaker.kind == "organisation"
    assert speaker.name is not None and \
        speaker.name.removeprefix("the ") == "University of North Dakota Survey Center"


def test_the_firm_in_its_own_phrase_before_the_clients_name(statements_of):
    quotes = statements_of("A Ledger-WKRB poll conducted by Harbour Research found that most "
                           "voters back the plan.")
    assert one(quotes, "most voters back").speaker.name == "Harbour Research"


def test_a_by_phrase_hung_on_the_clients_is_the_firm(statements_of):
    speaker = one(statements_of(AGENT_ON_THE_CLIENTS), "moderates mostly backed").speaker
    assert (speaker.name, speaker.kind) == ("Harbour Research", "organisation")


def test_a_poll_of_another_name_keeps_its_own(statements_of):
    """The firm is given only to the poll of the name it conducted."""
    text = ("Mia Stone directs the Harbour State University Polling Institute, which conducted "
            "the Ledger/WKRB poll.\n\n"
            "Ana Ruiz leads Tom Vell by ten points, according to a Courier/KTVB poll.")
    assert one(statements_of(text), "leads Tom Vell").speaker.name == "Courier/KTVB"


def test_a_pollster_who_conducted_it_leaves_the_poll_its_name(statements_of):
    """A person named as conducting a poll is one of its pollsters, not the firm it is by."""
    text = ("Ana Ruiz leads Tom Vell by ten points, according to the Ledger-WKRB poll.\n\n"
            "“Voters have made up their minds,” said Mia Stone, a pollster who conducted the "
            "Ledger-WKRB poll with a colleague.")
    assert one(statements_of(text), "leads Tom Vell").speaker.name == "Ledger-WKRB"


def test_a_place_the_clause_was_hung_on_conducted_nothing(statements_of):
    text = ("Ana Ruiz leads Tom Vell by ten points, according to a Ledger/WKRB poll.\n\n"
            "Harbour Research, a firm based in Ohio, which conducted the Ledger/WKRB poll, has "
            "polled the state since 1990.")
    assert one(statements_of(text), "leads Tom Vell").speaker.name == "Ledger/WKRB"
