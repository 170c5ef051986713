import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.stories.query import Node, TopicQueryError, parse_query, positive_terms
from bot.stories.reading import extract
from bot.stories.topics import Matcher, match_story, match_text

TEXT = """Kyiv presses allies for an invitation

Ukrainian Foreign Minister Andrii Sybiha urged NATO ministers on Friday to invite Ukraine to join the alliance when they meet in Brussels.

Dockworkers in Gdansk were striking for a second day, the port authority said.

The central bank's governor said interest rates would stay on hold."""


@pytest.fixture(scope="module")
def features(nlp):
    article = clean_article(RawArticle(text=TEXT, origin="t"))
    return match_text(extract(next(parse_articles(nlp, [article]))))


@pytest.mark.parametrize("query", [
    "org:NATO AND (Ukraine OR Kyiv)",
    "invit* AND alliance",
    "invitations",
    "strike AND (port OR dock*)",
    "dockworker",
    '"central bank" AND rate',
    'person:"Andrii Sybiha"',
    "person:Sybiha",
    "INVITE",
    "NATO NOT Moscow",
])
def test_matches_on_lemmas_ignoring_case_and_inflection(features, query):
    assert match_story(parse_query(query), features).matched


@pytest.mark.parametrize("query", [
    "Moscow",
    "NATO AND NOT Ukraine",
    '"bank central"',
    "person:NATO",
    "gpe:Sybiha",
    '"Brussels dockworkers"',
])
def test_does_not_match(features, query):
    assert not match_story(parse_query(query), features).matched


def test_records_which_terms_matched_and_where(features):
    result = match_story(parse_query("(strike OR walkout) AND invit*"), features)
    assert result.matched
    found = {(r.term, r.where, r.text) for r in result.reasons}
    assert ("strike", "sentence 2", "striking") in found
    assert ("invit*", "title", "invitation") in found
    assert ("invit*", "sentence 1", "invite") in found
    assert not any(term == "walkout" for term, _, _ in found)


def test_entity_filter_reports_the_entity(features):
    (reason, *_rest) = match_story(parse_query("person:Sybiha"), features).reasons
    assert reason.text == "Andrii Sybiha" and reason.where == "sentence 1"


def parsed(parts: list[str]) -> Node | None:
    """The query the parts make, or None when it is refused (a property test skips it)."""
    try:
        return parse_query(" ".join(parts))
    except TopicQueryError:
        return None


QUERY_PARTS = st.sampled_from(["NATO", "invit*", '"central bank"', "org:NATO", "person:Sybiha",
                               "gpe:Ukraine", "strike", "Moscow", "(", ")", " AND ", " OR ",
                               " NOT ", "dock*", '"Brussels"', "ü", "1"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(QUERY_PARTS, min_size=1, max_size=12))
def test_any_query_that_parses_can_be_matched(features, parts):
    node = parsed(parts)
    if node is None:
        return
    result = match_story(node, features)
    assert result.matched or not result.reasons
    assert {r.term for r in result.reasons} <= {t.source for t in positive_terms(node)}


def test_an_and_stops_at_its_first_unmatched_part_and_keeps_every_reason_of_a_match(features):
    matcher = Matcher(features)
    failed = parse_query("wildfire AND (port OR dock*)")
    assert matcher.evaluate(failed).matched is False
    assert [term.words for term in matcher.cache] == [("wildfire",)]
    matched = matcher.evaluate(parse_query("strike AND (port OR dock*)"))
    assert matched.matched
    assert [reason.term for reason in matched.reasons][:1] == ["strike"]
    assert {"port", "dock*"} <= {reason.term for reason in matched.reasons}


def test_an_article_with_no_word_of_a_query_builds_no_index_and_matches_nothing(features):
    matcher = Matcher(features)
    assert not matcher.evaluate(parse_query("lighthouse OR (glacier AND keeper*)")).matched
    assert not matcher.evaluate(parse_query("person:Sybiha AND regatta")).matched
    built = {"body_index", "words_index", "title_index"}
    assert not built & vars(matcher).keys()
    assert matcher.evaluate(parse_query("lighthouse OR striking")).matched
    assert "words_index" in vars(matcher), "a one-word term's index (Matcher.words)"
    assert matcher.evaluate(parse_query('"were striking"')).matched
    assert "body_index" in vars(matcher), "a phrase's"


def test_a_query_word_found_only_through_its_stem_or_as_a_prefix_still_matches(features):
    matcher = Matcher(features)
    for query in ("strikes", "dockwork*", "authorit*", '"port authorities"', "gdansk"):
        assert matcher.evaluate(parse_query(query)).matched, query
    assert not matcher.evaluate(parse_query("org:Gdansk")).matched
