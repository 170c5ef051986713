"""A source the article says it does not name is never given a name it does name, neither in
its own sentence, nor by a later he/she or the same description; on text written here and
the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.speakers.withheld import withheld
from tests.quotes.conftest import one

MAYOR_FIRST = ("Ana Ruiz, the mayor, opened the new ferry terminal on Monday. The harbour "
               "clerk, who asked not to be named, said the berths were too short. "
               "“It will flood,” he said.")

NOT_AUTHORISED = ("Tom Vale, the port director, defended the plan. An engineer who was not "
                  "authorised to speak publicly said the pilings were cracked. "
                  "“Nobody listens,” she said.")

ANONYMITY_THEN_AGAIN = ("Tom Vale, the port director, defended the plan on Tuesday. The "
                        "inspector, who requested anonymity, said the cranes were unsafe. "
                        "“I would not stand under them,” the inspector said.")

DECLINED = ("Lena Vogt, the harbour master, praised the crews. The dock foreman, who declined "
            "to be identified, said the crews were exhausted.")

SPEAKING_ANONYMOUSLY = ("Tom Vale, the port director, defended the plan. “We will finish on "
                       "time,” he said. The foreman, speaking anonymously, said the crews were "
                       "tired. He said they had not been paid.")

NAMED_AS_HEAD = ("The clerk, who was named head of the port last year, said the berths were "
                 "short. The pilot, who was not allowed to enter the dock, said it was shut.")



@pytest.mark.parametrize(("text", "said", "source"), [
    (MAYOR_FIRST, "berths were too short", "The harbour clerk"),
    (MAYOR_FIRST, "It will flood", "The harbour clerk"),
    (NOT_AUTHORISED, "pilings were cracked", "An engineer"),
    (NOT_AUTHORISED, "Nobody listens", "An engineer"),
    (ANONYMITY_THEN_AGAIN, "cranes were unsafe", "The inspector"),
    (ANONYMITY_THEN_AGAIN, "stand under them", "The inspector"),
    (DECLINED, "crews were exhausted", "The dock foreman"),
    (SPEAKING_ANONYMOUSLY, "not been paid", "The foreman"),
])
def test_a_source_kept_unnamed_stays_as_written(statements_of, text, said, source):
    speaker = one(statements_of(text), said).speaker
    assert (speaker.name, speaker.kind) == (source, "unnamed")


def test_being_named_to_a_post_keeps_nothing_back(nlp):
    """Only a name held back ("not to be named", "not authorised to speak") makes a source
    unnamed, not a post given nor a door shut."""
    doc = nlp(NAMED_AS_HEAD + " " + MAYOR_FIRST)
    sources = [t for t in doc if t.lower_ in {"clerk", "pilot"}]
    assert [withheld(t) for t in sources] == [False, False, True]
