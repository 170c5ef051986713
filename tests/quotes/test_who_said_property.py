"""Property tests: any query string at all gets an answer, and FTS5/SQL syntax is never obeyed."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.who_said import WhoSaidAnswer, who_said

LONG = os.environ.get("WIREWATCH_LONG_TESTS") == "1"
EXAMPLES = 2000 if LONG else 150
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

SYNTAX = ["NEAR(", ")", "AND", "OR", "NOT", "*", "^", ":", "speaker:", "text:", "{text}",
          "\"", "“", "”", "‘", "’", "'", "«", "»", "`", "-", "+", "(", ";", "--", "/*",
          "' OR 1=1 --", "\x00", "\u202e", "\u200f", "from:", "%", "_", "\\", "\n", "\t"]
PIECES = st.one_of(
    st.sampled_from(SYNTAX),
    st.text(min_size=0, max_size=12),
    st.sampled_from(["bridge", "pillar", "table", "Vogt", "Holm", "مرحبا", "שלום", "日本"]),
)
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=30).map(" ".join),
    st.lists(PIECES, max_size=30).map("".join),
    st.integers(min_value=1, max_value=10_000).map(lambda n: "x" * n),
)
STORED = ["the", "bridge", "will", "stay", "shut", "until", "every", "pillar", "has", "been", "inspected"]
DECORATION = st.sampled_from(["", "\"", "“", "”", "'", "*", "^", ":", "(", ")", ",", "!",
                              "NEAR(", "-", "{", "}"])


@SETTINGS
@given(query=QUERIES)
def test_any_query_gets_an_answer_never_an_exception(archive, query):
    before = archive["quotes"].count
    answer = who_said(archive, query)
    assert isinstance(answer, WhoSaidAnswer)
    assert answer.mode in {"text", "speaker"}
    assert answer.hits or answer.message
    assert archive["quotes"].count == before


@SETTINGS
@given(data=st.data())
def test_syntax_around_words_is_treated_as_punctuation(archive, data):
    start = data.draw(st.integers(min_value=0, max_value=len(STORED) - 5))
    words = STORED[start:start + data.draw(st.integers(min_value=5, max_value=8))]
    decorated = []
    for word in words:
        upper = data.draw(st.booleans())
        before, after = data.draw(DECORATION), data.draw(DECORATION)
        decorated.append(before + (word.upper() if upper else word) + after)
    answer = who_said(archive, " ".join(decorated))
    assert answer.hits, answer.message
    assert answer.hits[0].speaker == "Kari Holm"
