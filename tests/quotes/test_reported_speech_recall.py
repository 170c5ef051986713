"""Reported speech the seventh pass recovers, each on text written for the test."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_a_clause_ended_by_a_semicolon_is_not_what_the_next_verb_reports(reported):
    quotes = reported(
        "Most tenants in the survey say the repairs come too late; 30 percent of tenants say "
        "the landlord never answers their letters.")
    later = one(quotes, "the landlord never answers")
    assert later.text == "the landlord never answers their letters"
    assert later.speaker.name == "30 percent of tenants"
    assert all("the repairs come too late" not in q.text or q.speaker.name != later.speaker.name
               for q in quotes)


def test_a_sentence_before_a_colon_is_not_reported_by_the_verb_after_it(reported):
    quotes = reported(
        "Harbour master Selin Ozturk has warned boat owners for weeks: Ozturk said the north "
        "pier will close on Friday for repairs.")
    quote = one(quotes, "the north pier will close")
    assert quote.text.startswith("the north pier will close")
    assert quote.speaker.name == "Selin Ozturk"
    assert not any("has warned boat owners" in q.text for q in quotes)


def test_a_speaker_the_parser_took_for_a_clause_before_the_verb_still_speaks(reported):
    quotes = reported(
        "Ruiz jokingly offered the reporter a seat on the board, then says she will welcome "
        "advice from anyone who wants it.")
    quote = one(quotes, "she will welcome advice")
    assert quote.text == "she will welcome advice from anyone who wants it"
    assert quote.speaker.name == "Ruiz"
    assert not any("offered the reporter" in q.text for q in quotes)


def test_a_clause_before_the_verb_with_its_own_subject_and_a_but_is_not_a_speaker(reported):
    quotes = reported(
        "Few captains would ever admit this, but harbour master Selin Ozturk says she was "
        "lost in the fog for an hour.")
    assert all(q.speaker.name != "Few captains" for q in quotes)


def test_as_reported_by_a_source_gives_it_the_clause(reported):
    quote = one(reported("As reported by the Harbour Gazette, the north pier will close in "
                         "March."), "the north pier will close")
    assert quote.text == "the north pier will close in March"
    assert quote.speaker.name == "the Harbour Gazette"


def test_as_someone_wrote_somewhere_gives_them_the_clause(reported):
    quote = one(reported("As Ruiz wrote on her blog last week, the levy has never been "
                         "popular."), "the levy has never been popular")
    assert quote.speaker.name == "Ruiz"


def test_an_as_aside_is_not_part_of_the_clause_before_it(reported):
    quotes = reported("The council plans to sell the depot, as the Gazette first reported on "
                      "Monday.")
    plan = next(q for q in quotes if q.speaker.name == "The council")
    assert plan.text == "to sell the depot"
    assert all("first reported" not in q.text for q in quotes)


def test_as_with_a_topic_or_while_someone_spoke_reports_nothing(reported):
    assert not reported("As the mayor hints at what the budget might include, the unions are "
                        "preparing for a long strike.")
    assert not reported("As the mayor spoke about the budget, protesters gathered outside the "
                        "hall.")


def test_a_document_speaks_for_whoever_issued_or_filed_it(reported):
    quote = one(reported("The harbour board issued a statement on Monday saying that the north "
                         "pier would close in March."), "the north pier would close")
    assert quote.text == "that the north pier would close in March"
    assert quote.speaker.name == "The harbour board"
    quote = one(reported("The tenants' union filed a lawsuit alleging that the landlord had "
                         "ignored repairs for years."), "the landlord had ignored repairs")
    assert quote.speaker.name == "The tenants' union"


def test_a_document_nobody_is_named_as_issuing_has_no_speaker(reported):
    assert not reported("A statement was issued on Monday saying that the north pier would "
                        "close in March.")


def test_an_owners_argument_or_promise_is_what_they_said(reported):
    quote = one(reported("Harbour master Selin Ozturk spoke on Monday. Ozturk's response was "
                         "that the levy had been approved by the full council."),
                "the levy had been approved")
    assert quote.text == "that the levy had been approved by the full council"
    assert quote.speaker.name == "Selin Ozturk"
    quote = one(reported("The main promise Ozturk has made is that fares will not go up."),
                "fares will not go up")
    assert quote.speaker.name == "Ozturk"


def test_a_view_nobody_owns_is_not_reported_speech(reported):
    assert not reported("The point is that the pier can be repaired for less.")
    assert not reported("Ozturk's response was not that the pier can be repaired for less.")


def test_what_a_filing_reports_having_done_is_reported_speech(reported):
    quote = one(reported("The Ozturk campaign reported raising about $2 million in March, most "
                         "of it from small donors."), "raising about $2 million")
    assert quote.text.startswith("raising about $2 million in March")
    assert quote.speaker.name == "The Ozturk campaign"


def test_a_remembered_sound_is_not_reported_speech(reported):
    assert not reported("Residents of the valley recalled hearing a loud bang before the "
                        "bridge fell.")
