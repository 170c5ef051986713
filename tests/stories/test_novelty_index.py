"""The story's earlier sentences kept indexed as its latest articles change (novelty.Earlier):
what's new comes out exactly as from the same sentences indexed afresh."""

from decimal import Decimal

from bot.models import SentenceContent
from bot.stories.features import SentenceFeatures
from bot.stories.novelty import Earlier, StoredSentence, stored, whats_new

ARTICLES: dict[int, list[StoredSentence]] = {
    1: stored([SentenceContent(("ferry", "sail", "harbour"), ("e:nordlys",), False, ("3",)),
               SentenceContent(("storm", "close", "port"), ("d:march 4",), False, ())]),
    2: stored([SentenceContent(("ferry", "sail", "harbour"), ("e:nordlys",), False, ("3.0",)),
               SentenceContent(("operator", "add", "crossing"), ("e:varga",), True, ())]),
    3: stored([SentenceContent(("toll", "rise", "storm"), ("n:12",), False, ("12",)),
               SentenceContent(("operator", "add", "crossing"), ("e:varga",), True, ())]),
    4: stored([SentenceContent(("inspector", "find", "fault", "engine"), ("e:kovac",), False,
                               ())]),
}

NEW = [
    SentenceFeatures("The ferry sailed from the harbour with 4 cars.",
                     frozenset({"ferry", "sail", "harbour"}), frozenset({"e:nordlys"}), False,
                     figures=frozenset({Decimal("4")})),
    SentenceFeatures("The toll rose to 14 after the storm.", frozenset({"toll", "rise", "storm"}),
                     frozenset({"n:14"}), False, figures=frozenset({Decimal("14")})),
    SentenceFeatures("Inspector Ilse Kovac found the engine fault.",
                     frozenset({"inspector", "find", "fault", "engine"}), frozenset({"e:kovac"}),
                     False),
    SentenceFeatures("Crossings were added by the operator, Varga said.",
                     frozenset({"operator", "add", "crossing"}), frozenset({"e:varga"}), True),
]
WEIGHTS = {"l:ferry": 2.0, "l:storm": 1.5, "e:kovac": 3.0}


def test_a_window_moved_article_by_article_answers_as_one_indexed_afresh():
    earlier = Earlier()
    windows = [[1], [1, 2], [1, 2, 3], [2, 3, 4], [3, 4], [4, 1], [2, 4, 1, 3], []]
    for window in windows:
        earlier.update([(a, ARTICLES[a]) for a in window])
        flat = [s for a in window for s in ARTICLES[a]]
        afresh = Earlier.of(flat)
        assert earlier.story() == afresh.story()
        assert earlier.postings == afresh.postings
        assert whats_new(NEW, earlier, WEIGHTS) == whats_new(NEW, afresh, WEIGHTS)


def test_an_article_read_again_is_indexed_again():
    earlier = Earlier()
    earlier.update([(1, ARTICLES[1])])
    earlier.update([(1, ARTICLES[4])])
    assert earlier.story() == Earlier.of(ARTICLES[4]).story()
    assert "ferry" not in earlier.postings


def test_of_equal_figures_the_first_written_is_kept_as_without_the_index():
    """3 and 3.0 are equal; which one the story keeps decides how close a later figure must
    be to count as the same, so it is the first written, as the articles come."""
    earlier = Earlier()
    earlier.update([(1, ARTICLES[1]), (2, ARTICLES[2])])
    [kept] = [f for f in earlier.story().figures if f == 3]
    assert str(kept) == "3"
    earlier.update([(2, ARTICLES[2])])
    [kept] = [f for f in earlier.story().figures if f == 3]
    assert str(kept) == "3.0"
