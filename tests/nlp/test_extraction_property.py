"""Any text at all: extraction never fails, and every offset points at the quote's text."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlp.quotes import quotes_in_doc

EXAMPLES = 1000 if os.environ.get("WIREWATCH_LONG_TESTS") == "1" else 80
PIECES = st.one_of(
    st.sampled_from(["“", "”", "\"", "‘", "’", "'", "\n\n", "\n", ", ", ". ", ": ", " — ",
                     "said", "told Reuters", "he", "she", "they", "it", "according to",
                     "Ms Ito", "the minister", "Anna Berg", "NATO", "a senior official",
                     "We will win", "argued that", "dubbed", "\u202e", "\x00"]),
    st.text(max_size=15),
)
BODIES = st.lists(PIECES, max_size=40).map(" ".join)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=BODIES)
def test_any_text_gives_quotes_with_true_offsets(nlp, body):
    for quote in quotes_in_doc(nlp(body)):
        assert body[quote.start:quote.end] == quote.text
        assert quote.kind in {"direct", "indirect", "fragment"}
        assert quote.speaker.kind in {"person", "organisation", "unnamed", "unknown"}
        assert 0.0 <= quote.confidence <= 1.0
