"""After "A asked B whether …", the he/she tagging the next quote is B, who answers; after "A
asked B to …" (a request, no question) it stays A; on text written here and the real spaCy
model."""

from __future__ import annotations

from tests.quotes.conftest import one

ANSWER = ("\"Sure it is. I would not have closed it if the pillars were safe, and I am very sorry "
          "for the crews,\" he said.\n\n"
          "The 61-year-old has run the town since 2012.")


def test_the_man_asked_a_question_answers_it(statements_of):
    text = ("Last week the Gazette's Tomas Berg asked Mayor Karl Vale whether the closure of the "
            "port was fair to the dockers.\n\n" + ANSWER)
    assert one(statements_of(text), "Sure it is").speaker.name == "Karl Vale"


def test_a_question_about_something_is_answered_by_the_one_asked(statements_of):
    text = ("On Monday the Gazette's Tomas Berg asked Mayor Karl Vale about the closure of the "
            "port.\n\n" + ANSWER)
    assert one(statements_of(text), "Sure it is").speaker.name == "Karl Vale"


def test_asking_someone_to_act_leaves_the_asker_speaking(statements_of):
    text = ("On Monday union leader Tomas Berg asked Mayor Karl Vale to resign over the closure "
            "of the port.\n\n"
            "\"He has failed every family on the quay,\" he said.")
    assert one(statements_of(text), "He has failed").speaker.name == "Tomas Berg"
