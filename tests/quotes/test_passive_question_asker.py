"""A question quoted after "X was asked by Y," or "In an interview with Z, X was asked," is the
asker's, not X's; an answer after "X was asked about it and said," stays X's; on text written
here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

OPENING = "Mayor Ana Ruiz spoke on the harbour station's morning show on Friday.\n\n"


def test_a_question_put_by_a_named_host_is_the_hosts(statements_of):
    text = (OPENING + "Ruiz was asked by host Tomas Berg, who has long backed the dockers but "
            "has doubted the mayor's sums, \"Will the port reopen before the winter, or are the "
            "crews being told to wait again?\"\n\n"
            "Ruiz answered, \"It will reopen in November.\"")
    quotes = statements_of(text)
    assert one(quotes, "Will the port reopen").speaker.name == "Tomas Berg"
    assert one(quotes, "It will reopen in November").speaker.name == "Ana Ruiz"


def test_a_question_in_an_interview_is_the_interviewers(statements_of):
    text = (OPENING + "In an interview with the Halden Gazette published on Sunday, Ruiz was "
            "asked, \"What is the hardest thing you have done as mayor?\"\n\n"
            "Ruiz said closing the port was the hardest.")
    assert one(statements_of(text), "What is the hardest thing").speaker.name == \
        "the Halden Gazette"


def test_an_answer_after_being_asked_stays_the_answerers(statements_of):
    text = (OPENING + "In an interview with the Halden Gazette on Monday, Ruiz was asked about "
            "the ferries and said, \"They will run again by the spring.\"")
    assert one(statements_of(text), "They will run again").speaker.name == "Ana Ruiz"
