"""A firm whose full name opens with initials ("R.R. Tolland") and that the recogniser tags a
body wherever it tags it, written later by its last word alone, is that body, not a person
the last word is the surname of; an "it" after it then finds it (issue 14, speakers50b).
Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

BOOK = ("Paul Graver had hoped to bring out his old biography of the senator again with his "
        "first publisher, {name}, this spring. The book caused a stir when it appeared in "
        "1998, and the senator's family threatened to sue.\n\n"
        "But when Mr. Graver asked {short} to reprint the book, it declined, citing legal "
        "risks and the expense of checking every claim. {short} gave the rights back to him."
        "\n\nMr. Graver said he would publish the book himself.")


def test_a_body_named_with_initials_is_the_it_that_declined(quotes_of):
    quotes = quotes_of(BOOK.format(name="R.R. Tolland", short="Tolland"))
    assert speakers_of(quotes, "legal risks") == ["R.R. Tolland"]


def test_a_person_named_with_initials_stays_a_person(quotes_of):
    text = ("The senator's biographer, J.J. Ashford, spent a decade on the book. Ashford told "
            "friends the chapters on the war were the hardest to write.")
    assert speakers_of(quotes_of(text), "hardest to write") == ["J.J. Ashford"]


def test_a_body_named_with_initials_speaks_as_a_body(quotes_of):
    text = ("The biography came out with R.R. Tolland in 1998. Tolland said on Monday that a "
            "new edition would cost too much to check.")
    quote = next(q for q in quotes_of(text) if "new edition" in q.text)
    assert (quote.speaker.name, quote.speaker.kind) == ("R.R. Tolland", "organisation")
