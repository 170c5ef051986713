"""A quote after a short line of narrative that names no one (session 43, speakers43a; issue
14), on text written here: a phone call reported line by line, "“…” / She waits. / “…”", goes
on with the caller; a line that introduces ("Transcript as follows:") or names someone does
not carry the quote before it over."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

CALL = (
    "Calls for the mayor\n\n"
    "Ana Ruiz, a retired nurse, rang the first number on her list. \"Good evening, we are "
    'calling people who backed the mayor -."\n\n'
    "She waits.\n\n"
    '"Oh, thank you so much -."\n\n'
    "A pause.\n\n"
    '"Then we will see you at the hall on Monday!"\n\n'
    "She puts the phone down and smiles.")


def test_a_quote_after_a_pause_goes_on_with_the_caller(quotes_of):
    quotes = quotes_of(CALL)
    assert speakers_of(quotes, "thank you so much") == ["Ana Ruiz"]
    assert speakers_of(quotes, "see you at the hall") == ["Ana Ruiz"]


def test_a_line_naming_someone_else_is_no_pause(quotes_of):
    quotes = quotes_of(CALL.replace("She waits.", "Tom Berg waits."))
    assert speakers_of(quotes, "thank you so much") == ["Tom Berg"]
