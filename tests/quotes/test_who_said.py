"""/who-said lookups over a real archive: fragments, typos, speakers, hostile input."""

import json

import pytest

from bot.models import StoryIds
from bot.who_said import echoes, who_said


def test_fragment_finds_the_quote_with_its_speaker_and_article(archive):
    answer = who_said(archive, "not off the table")
    assert answer.mode == "text"
    best = answer.hits[0]
    assert "not off the table" in best.text
    assert best.speaker == "Olga Marchenko"
    assert best.role == "the deputy prime minister for European integration"
    assert best.article_title == "Deputy PM says NATO invitation still on the table"
    assert best.source == "Wire" and best.url == "https://example.test/nato"
    assert (best.published or "").startswith("2026-11-20")


@pytest.mark.parametrize("query", [
    "“NOT off the TABLE,”", "'not off the table!'", '"an invitation is not off-the-table"',
])
def test_case_quotes_and_punctuation_do_not_matter(archive, query):
    assert who_said(archive, query).hits[0].speaker == "Olga Marchenko"


@pytest.mark.parametrize("pasted", ["Mar\u00adchenko", "from: Mar\u00adchenko",
                                    "in\u200bspected", "in\u00adspected"])
def test_a_query_pasted_with_soft_hyphens_finds_the_quote(archive, pasted):
    """A reporter copies a name or a word from a CMS page that hyphenates long words softly
    (U+00AD, invisible) or breaks them with zero-width spaces: it is the word typed."""
    typed = pasted.replace("\u00ad", "").replace("\u200b", "")
    expected = [hit.text for hit in who_said(archive, typed).hits]
    assert expected and [hit.text for hit in who_said(archive, pasted).hits] == expected


def test_small_typos_are_tolerated(archive):
    best = who_said(archive, "membership of the monetery union is inevitible").hits[0]
    assert best.speaker == "Lena Vogt"


def test_a_misremembered_word_still_finds_the_quote(archive):
    best = who_said(archive, "bridge will remain shut until every pillar").hits[0]
    assert best.speaker == "Kari Holm"


def test_best_match_comes_first(archive):
    hits = who_said(archive, "nobody should read this budget", limit=5).hits
    assert hits[0].text == "Nobody should read this budget as a retreat."
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_from_name_lists_that_speakers_latest_quotes(archive):
    answer = who_said(archive, "from:Vogt")
    assert answer.mode == "speaker"
    assert {h.speaker for h in answer.hits} == {"Lena Vogt"}
    assert len(answer.hits) >= 2


def test_a_query_that_is_a_speaker_name_lists_their_quotes(archive):
    answer = who_said(archive, "Kari Holm")
    assert answer.mode == "speaker"
    assert answer.hits[0].text.startswith("The bridge will stay shut")


def test_unknown_speaker_gets_a_helpful_message(archive):
    answer = who_said(archive, "from:Nobody Atall")
    assert answer.hits == () and "No quotes from Nobody Atall" in (answer.message or "")


def test_no_match_gets_a_helpful_message(archive):
    answer = who_said(archive, "zebras dancing quietly on mars")
    assert answer.hits == ()
    assert "No quote matches" in (answer.message or "")


@pytest.mark.parametrize("query", [
    "", "   ", "\"", "“”", "*", "NEAR(bridge shut)", "speaker:Holm", "bridge OR pillar",
    "NOT bridge", "^bridge", "'); DROP TABLE quotes; --", "\x00\x07", "a" * 10_000,
])
def test_hostile_queries_get_an_answer(archive, query):
    answer = who_said(archive, query)
    assert answer.hits or answer.message
    assert archive["quotes"].count > 0


def test_a_reach_made_once_searches_as_the_set_of_ids_it_holds(archive):
    """A guest's reach is a ``StoryIds``: its JSON array made once, shared by every statement
    of a search (up to six), and never made again when handed on; the search finds what the
    plain set of ids finds, and nothing of a story outside it."""
    said = {row[0] for row in archive.execute(
        "SELECT sa.story_id FROM story_articles sa JOIN quotes q ON q.article_id = "
        "sa.article_id WHERE q.speaker = 'Olga Marchenko'")}
    every = {row[0] for row in archive.execute("SELECT id FROM stories")}
    reach = StoryIds(frozenset(said))
    assert StoryIds.of(reach) is reach and reach.json == json.dumps(sorted(said))
    assert sorted(reach) == sorted(said) and len(reach) == len(said) and min(said) in reach
    for query in ("not off the table", "from:Olga Marchenko", "Marchenko",
                  "an invitation is not off the tabel"):
        found = [hit.text for hit in who_said(archive, query, stories=reach).hits]
        assert found and found == [hit.text for hit in who_said(archive, query,
                                                                stories=said).hits], query
    elsewhere = StoryIds(frozenset(every - said))
    assert all(hit.speaker != "Olga Marchenko" for hit in
               who_said(archive, "not off the table", stories=elsewhere).hits)


def test_an_echo_is_a_fragment_whose_whole_words_a_longer_quote_of_its_speaker_holds():
    """Whole words, the same speaker, any other quote: each copy of a fragment repeated by
    rewrites goes when a clause holds it, and stays when none does."""
    quotes = [("fragment", "final and fair", "Ines Kaur"),
              ("indirect", "the offer to the crews was final and fair", "Ines Kaur"),
              ("fragment", "fair", "Ines Kaur"), ("fragment", "fair", "Ines Kaur"),
              ("fragment", "fair deal", "Tom Vale"), ("direct", "an unfair deal", "Tom Vale"),
              ("fragment", "final and fair", "Tom Vale"), ("fragment", "crews", None)]
    assert echoes(quotes) == {0, 2, 3}
    assert echoes([q for q in quotes if q[0] != "indirect"]) == {1, 2}  # in "final and fair"
