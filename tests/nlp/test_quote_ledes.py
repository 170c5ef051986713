"""A quote that opens an article in a paragraph of its own, its speaker named in the paragraph
after it (session 44, speakers44a; issue 14), on text written here: news often leads with the
words and names who said them next ("“…” / Mara Lind, who …, said …")."""

from __future__ import annotations

LEDE = ("“We have carried every child in this valley to school, and nobody asked us once what "
        "the sale would mean.”\n\n"
        "Mara Lind, who chairs the ferry users' group, said the island would be cut off if the "
        "council sold the line.\n\n")


def test_a_quote_opening_the_article_is_the_next_paragraphs_speakers(quotes_of, only):
    quotes = quotes_of(LEDE + "The council meets again on Monday.")
    assert only(quotes, "direct", "every child").speaker.name == "Mara Lind"


def test_a_quote_opening_the_article_with_no_speaker_after_it_has_none(quotes_of, only):
    body = LEDE.split("\n\n")[0] + "\n\nThe council meets again on Monday to vote on the sale."
    assert only(quotes_of(body), "direct", "every child").speaker.name is None
