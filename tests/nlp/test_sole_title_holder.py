"""A description repeated paragraphs after its holder was named ("the minister said") is the
one person the article gives that title, not whoever the sentence before was about, when that
person's own role is another. On text written here."""

from __future__ import annotations

LEVY = ("Helen Marsh, the finance minister, unveiled a fuel levy on Tuesday to pay for the "
        "island ferries.\n\n"
        "Crews on the northern quays were angry. Tomas Berg runs a trawler out of Kelby; he "
        "said the levy would sink him.\n\n"
        "Ana Ruiz, a union organiser, called the levy a betrayal.\n\n"
        "\u201cWe have heard every port and we are not changing course,\u201d the minister "
        "said.")


def test_the_one_minister_speaks_not_the_organiser_before(quotes_of, only):
    assert only(quotes_of(LEVY), "direct", "changing course").speaker.name == "Helen Marsh"

