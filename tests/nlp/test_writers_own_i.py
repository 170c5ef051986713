"""The writer's own "I" (issue 14, speakers48a): in an excerpt the article says is taken from
someone's book, "“…,” I said" in the narrative is that author's, not the last person quoted;
an "I" inside someone's quoted words is still theirs. Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

EXCERPT = (
    "Editor's note: What follows is the second of three excerpts from retired harbour pilot "
    "Tomas Berg's new memoir, Low Tide.\n\n"
    "The inquiry sat in a cold room above the ferry office. “Tell me about the night of the "
    "storm,” said Ana Ruiz, the inspector, without looking up.\n\n"
    "“We had no radio for three hours,” I said. “Nobody on the bridge knew where the tug "
    "was.”\n\n"
    "She wrote something down and asked about the crew.")


def test_the_excerpts_i_is_the_author_named_as_its_writer(quotes_of):
    quotes = quotes_of(EXCERPT)
    assert speakers_of(quotes, "no radio for three hours") == ["Tomas Berg"]
    assert speakers_of(quotes, "Nobody on the bridge") == ["Tomas Berg"]
    assert speakers_of(quotes, "night of the storm") == ["Ana Ruiz"]


def test_an_i_inside_someones_quoted_words_is_theirs(quotes_of):
    text = EXCERPT + ("\n\n“I said from the start that the tug was late,” Ruiz told the "
                      "board a week later.")
    assert speakers_of(quotes_of(text), "from the start that the tug") == ["Ana Ruiz"]


def test_a_book_named_without_an_excerpt_of_it_names_no_writer(quotes_of):
    text = ("Tomas Berg's new memoir, Low Tide, came out on Monday.\n\n"
            "“Tell me about the night of the storm,” said Ana Ruiz, the inspector.\n\n"
            "“We had no radio for three hours,” I said.")
    assert speakers_of(quotes_of(text), "no radio for three hours") != ["Tomas Berg"]


def test_the_narratives_i_no_writer_is_named_for_is_no_one_not_the_last_quoted(quotes_of):
    text = ("The inquiry sat in a cold room above the ferry office. “Tell me about the night "
            "of the storm,” said Ana Ruiz, the inspector.\n\n"
            "“We had no radio for three hours,” I said. “Nobody on the bridge knew where the "
            "tug was.”\n\n"
            "She wrote something down.")
    quotes = quotes_of(text)
    assert speakers_of(quotes, "no radio for three hours") == [None]
    assert speakers_of(quotes, "Nobody on the bridge") == [None]
    assert speakers_of(quotes, "night of the storm") == ["Ana Ruiz"]


def test_the_named_writers_reported_speech_is_theirs_and_an_unnamed_ones_is_not_taken(
        quotes_of):
    told = ("\n\nLater I told the inspector that the crew had done everything the manual "
            "asked of them.")
    named = [q for q in quotes_of(EXCERPT + told) if "manual asked" in q.text or
             "everything the manual" in q.text]
    assert [(q.kind, q.speaker.name) for q in named] == [("indirect", "Tomas Berg")]
    unnamed = quotes_of(EXCERPT.split("\n\n", 1)[1] + told)
    assert not [q for q in unnamed if "everything the manual" in q.text]
