"""The writer's "my" and "me" (issue 14, speakers50a): where the article names its writer, the
"my" owning a view in the narrative ("My view is that …") and the "me" of "let me say that …"
are the writer's, as the narrative's "I" is; inside someone's quoted words they stay that
speaker's, and with no writer named they are no one's. Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

BODY = (
    "The ferry timetable is broken, and the council knows it.\n\n"
    "My view is that the council should act before the summer. Let me just say that the "
    "board was not pleased with the new fares.\n\n")
SIGNED = "Marta Olsen is a professor of maritime law at Halden University."


def test_my_view_is_the_writers_view(quotes_of):
    quotes = quotes_of(BODY + SIGNED)
    assert speakers_of(quotes, "act before the summer") == ["Marta Olsen"]


def test_let_me_say_is_the_writer_saying(quotes_of):
    quotes = quotes_of(BODY + SIGNED)
    assert speakers_of(quotes, "not pleased with the new fares") == ["Marta Olsen"]


def test_with_no_writer_named_my_view_is_no_ones(quotes_of):
    quotes = quotes_of(BODY + "The council meets again in March.")
    assert speakers_of(quotes, "act before the summer") == []
    assert speakers_of(quotes, "not pleased with the new fares") == []


def test_my_view_inside_a_quote_is_the_speakers(quotes_of):
    quotes = quotes_of(
        "Harbour master Ewa Nowak spoke on Monday. “My view is that the council should act "
        "before the summer,” Nowak said.\n\n" + SIGNED)
    assert speakers_of(quotes, "act before the summer") == ["Ewa Nowak"]
