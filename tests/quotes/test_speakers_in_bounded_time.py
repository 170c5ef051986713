"""Speakers are found in time linear in the article: the real spaCy parse of a paragraph, the
article its copies joined (``Doc.from_docs``: parsing it whole would take the test minutes), in a
child process given a generous 60 s."""

import json

from tests.conftest import in_child

FIND = """
import json, sys
from spacy.tokens import Doc
from bot.nlp.load import load_pipeline
from tests.conftest import MODEL
from bot.nlp.quotes import quotes_in_doc
paragraph, copies = json.loads(sys.stdin.read())
doc = Doc.from_docs([load_pipeline(MODEL)(paragraph)] * copies)
quotes = quotes_in_doc(doc)
print(json.dumps([len(quotes), sorted({str(q.speaker.name).lower() for q in quotes})]))
"""


def test_a_description_said_thousands_of_times_is_looked_back_from_at_once() -> None:
    """Each "the officials said" looked back over every "officials" before it for the one
    that introduced them ("three officials"): 4,000 paragraphs took about two minutes (1,000:
    8 s); now about a second."""
    paragraph = ("The officials said the harbour was closed, and the officials said the ferry "
                 "was late.\n\n")
    found, speakers = json.loads(in_child(FIND, [paragraph, 4_000]))
    assert found == 8_000 and speakers == ["the officials"]
