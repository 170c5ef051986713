"""The "I" of an interview's answers (issue 14, speakers49a): in a transcript whose answers
are paragraphs labelled "A:", an "I" outside quotation marks in an answer is the person the
introduction names most, the one interviewed, where the introduction says an interview
follows; an "I" in a question, or in answers no interview introduces, is not theirs. Text
written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

INTRO = (
    "A talk with harbour master Ewa Nowak.\n\n"
    "Harbour master Ewa Nowak has run the port of Halden for nine years. Nowak spoke with "
    "Herald reporter Tom Vale about the new toll and the ferries. The interview has been "
    "edited for length.\n\n")
ANSWERS = (
    "Q: What do you make of the new toll?\n\n"
    "A: It came too fast. I think the new toll is unfair to small boats.\n\n"
    "Q: I wonder whether the ferries will ever run on time.\n\n"
    "A: They will. I believe the council will pay for two more crews by spring.\n\n")


def test_an_i_in_an_answer_is_the_person_interviewed(quotes_of):
    quotes = quotes_of(INTRO + ANSWERS)
    assert speakers_of(quotes, "unfair to small boats") == ["Ewa Nowak"]
    assert speakers_of(quotes, "two more crews") == ["Ewa Nowak"]


def test_an_i_in_a_question_is_not_the_person_interviewed(quotes_of):
    quotes = quotes_of(INTRO + ANSWERS)
    assert "Ewa Nowak" not in speakers_of(quotes, "ever run on time")


def test_one_answer_alone_makes_no_transcript(quotes_of):
    quotes = quotes_of(INTRO + "A: It came too fast. I think the new toll is unfair to "
                       "small boats.\n\nThe council meets in March.")
    assert "Ewa Nowak" not in speakers_of(quotes, "unfair to small boats")


def test_answers_no_introduction_calls_an_interview_are_not_the_person_named(quotes_of):
    explainer = (
        "Harbour master Ewa Nowak raised the toll on Monday. Nowak said it would pay for "
        "two more ferry crews.\n\n" + ANSWERS)
    quotes = quotes_of(explainer)
    assert "Ewa Nowak" not in speakers_of(quotes, "unfair to small boats")


CONTINUED = (
    "Q: What do you make of the new toll?\n\n"
    "A: It came too fast.\n\n"
    "Looking back, I think the new toll is unfair to small boats.\n\n"
    "Q: Will the ferries ever run on time?\n\n"
    "A: They will.\n\n"
    "Last winter I believed the council would never pay for more crews.\n\n")


def test_an_answer_goes_on_in_unlabelled_paragraphs_up_to_the_next_question(quotes_of):
    quotes = quotes_of(INTRO + CONTINUED)
    assert speakers_of(quotes, "unfair to small boats") == ["Ewa Nowak"]


def test_a_paragraph_after_the_last_answer_is_not_taken_for_the_answer(quotes_of):
    quotes = quotes_of(INTRO + CONTINUED)
    assert "Ewa Nowak" not in speakers_of(quotes, "never pay for more crews")
