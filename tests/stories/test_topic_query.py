import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.stories.query import And, Not, Or, Term, TopicQueryError, default_query, parse_query


def test_operators_parentheses_phrases_prefixes_and_fields():
    node = parse_query('org:NATO AND (membership OR invit*) NOT person:"Andrii Sybiha"')
    assert isinstance(node, And)
    nato, either, exclude = node.children
    assert nato == Term("word", ("nato",), "org:NATO", ("ORG",))
    assert isinstance(either, Or)
    assert either.children[1] == Term("prefix", ("invit",), "invit*")
    assert isinstance(exclude, Not) and isinstance(exclude.child, Term)
    assert exclude.child.kind == "phrase" and exclude.child.words == ("andrii", "sybiha")
    assert exclude.child.labels == ("PERSON",)


def test_adjacent_terms_mean_and_and_or_binds_looser():
    node = parse_query("port strike OR dock walkout")
    assert isinstance(node, Or)
    assert all(isinstance(child, And) for child in node.children)


def test_lowercase_operator_words_are_search_words():
    node = parse_query("bread and butter")
    assert isinstance(node, And)
    assert [t.words for t in node.children if isinstance(t, Term)] == [("bread",), ("and",),
                                                                       ("butter",)]


@pytest.mark.parametrize("query, position, message", [
    ("", 0, "empty"),
    ("   ", 0, "empty"),
    ("NATO AND", 5, "'AND' needs something after it"),
    ("OR NATO", 0, "needs a search term before it"),
    ("(NATO OR Ukraine", 0, "unbalanced '('"),
    ("NATO)", 4, "unbalanced ')'"),
    ("NATO AND ()", 9, "empty parentheses"),
    ('"open phrase', 0, "unclosed quotation mark"),
    ("colour:red", 0, "unknown field 'colour:'"),
    ("org:", 0, "'org:' needs a name"),
    ("a*", 0, "at least two letters"),
    ("NATO NOT", 5, "'NOT' needs something after it"),
    ("ferry -strike", 6, "'-strike' would match strike, not leave it out: write NOT strike"),
    ("(port OR dock*) −strike", 16, "write NOT strike"),  # a search engine's minus: matched
    ("harbour or ferry", 8, "'or' would be searched for as a word: write OR for the operator"),
    ("ferry Not strike", 6, "write NOT for the operator, or quote the words"),  # were AND
])
def test_bad_queries_point_at_the_problem(query, position, message):
    with pytest.raises(TopicQueryError) as caught:
        parse_query(query)
    assert caught.value.position == position
    assert message in caught.value.message
    assert "^" in caught.value.describe()


def test_source_is_a_field_read_on_the_source_not_the_text():
    node = parse_query('org:NATO AND NOT source:"Daily Example" OR source:Reut*')
    assert isinstance(node, Or)
    both, wire = node.children
    assert isinstance(both, And) and isinstance(both.children[1], Not)
    daily = both.children[1].child
    assert daily == Term("phrase", ("daily", "example"), 'source:"Daily Example"', (), True)
    assert wire == Term("prefix", ("reut",), "source:Reut*", (), True)
    assert both.children[0] == Term("word", ("nato",), "org:NATO", ("ORG",))


@pytest.mark.parametrize("query, position, message", [
    ("strike AND source:", 11, "'source:' needs a name after it (source:Reuters"),
    ("source: AND strike", 8, "'source:' needs a name after it"),
    ('strike source:""', 14, "empty phrase"),
    ("strike AND source:()", 18, "'source:' needs a name"),
    ("sources:Reuters", 0, "known: person:, org:, gpe:, loc:, place:, norp:, fac:, event:, "
                           "product:, law:, source:"),
])
def test_an_empty_or_misspelt_source_is_refused_at_its_place(query, position, message):
    with pytest.raises(TopicQueryError) as caught:
        parse_query(query)
    assert (caught.value.position, message in caught.value.message) == (position, True)
    assert caught.value.describe().splitlines()[-1] == "  " + " " * position + "^"


def test_default_query_from_a_name():
    assert default_query("NATO membership") == "NATO AND membership"
    assert parse_query(default_query("Port of Antwerp-Bruges strikes"))


ALPHABET = st.sampled_from(list('abcNATOorg:person:"()*“” \t\n-') + ["AND", "OR", "NOT", " AND ", " OR ", " NOT "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(ALPHABET, max_size=30).map("".join)))
def test_any_string_parses_or_raises_a_pointed_error(text):
    try:
        node = parse_query(text)
    except TopicQueryError as exc:
        assert 0 <= exc.position <= len(text)
        assert exc.message
        assert str(exc)
    else:
        assert isinstance(node, Term | And | Or | Not)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_deep_nesting_is_an_error_not_a_crash(depth):
    text = "(" * depth + "x" + ")" * depth
    try:
        parse_query(text)
    except TopicQueryError as exc:
        assert "nested too deeply" in exc.message or "at most" in exc.message


@pytest.mark.parametrize("query, position, either", [
    ("strike|port", 6, "strike OR port"),
    ("ferry AND (strike||walkout)", 17, "strike OR walkout"),
    ("ferry | strike", 6, "ferry OR strike"),
])
def test_a_bar_meant_as_or_is_refused_with_the_or_it_meant(query, position, either):
    """Before: `strike|port` was the phrase "strike port" (a topic that almost never matched,
    untold) and a bar alone 'has no letters or digits'."""
    with pytest.raises(TopicQueryError) as caught:
        parse_query(query)
    assert caught.value.position == position
    assert f"'|' is no operator: write OR between the words ({either})" in caught.value.message


@pytest.mark.parametrize("query", ["«central bank» AND rates", "„central bank“ AND rates",
                                   "« central bank » AND rates", "‹central bank› AND rates"])
def test_a_phrase_in_guillemets_or_low_quotes_is_a_phrase(query):
    """Before: «central bank» was the words central AND bank (« and » read as part of them),
    and „central bank“ an unclosed quotation mark."""
    node = parse_query(query)
    assert isinstance(node, And)
    phrase = node.children[0]
    assert isinstance(phrase, Term) and phrase.kind == "phrase", node
    assert phrase.words == ("central", "bank"), node
