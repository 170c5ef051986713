"""A section's heading set above the copy is told from an outlet's name by its words, each
read without its possessive "'s" (either apostrophe, any case) by the one rule the speakers
use (`bot.ingest.possessive`): a word the copy writes in lower case is no name's."""

from __future__ import annotations

import pytest

from bot.ingest.clean import clean_article
from bot.models import RawArticle

COPY = ("The harbour council approved the lamp budget on Monday, its clerk said.\n\n"
        "The council meets again in the spring to set next year's rates.")


@pytest.mark.parametrize("heading", ["Council’s Key Facts", "Council's Latest Details",
                                     "COUNCIL’S Budget Details"])
def test_a_heading_with_a_possessive_is_no_outlets_name(heading: str) -> None:
    """Read with its "'s", the first word is one the copy never writes: the heading was
    taken for the outlet's name (the article's source)."""
    article = clean_article(RawArticle(text=f"{heading}\n\n{COPY}", origin="lamps.txt",
                                       title="Harbour council approves lamp budget"))
    assert (article.body, article.source) == (COPY, None)


def test_an_outlets_name_above_the_copy_stays_a_name() -> None:
    """"Vale" is written with its capital in the copy: a name, so the line is the outlet's."""
    copy = COPY.replace("its clerk", "Vale's clerk")
    article = clean_article(RawArticle(text=f"Vale’s Lamp Gazette\n\n{copy}",
                                       origin="lamps.txt",
                                       title="Harbour council approves lamp budget"))
    assert article.body == copy and article.source == "Vale’s Lamp Gazette"
