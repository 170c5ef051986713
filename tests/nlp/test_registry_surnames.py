"""Which registered person a name written short means: a surname two people share, a woman
whose role word is a man's, a relative named only beside someone; on text written here and the
real spaCy model."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.nlp.speakers.registry import Registry

COUPLE = ("John Harlow and Mary Harlow run the bakery on Quay Street. Mrs. Harlow opened it in "
          "1998, and Mr. Harlow joined her two years later.\n\n"
          "“We bake every night,” Mrs. Harlow said. “The ovens never cool.”\n\n"
          "“It is hard work,” Mr. Harlow said.")


def _registry(doc: Doc) -> Registry:
    return Registry(doc, quoted=lambda offset: False, speaking=lambda t: t.lemma_ == "say")


def test_mrs_and_a_shared_surname_is_the_woman_who_bears_it(quotes_of, only):
    quotes = quotes_of(COUPLE)
    assert only(quotes, "direct", "bake every night").speaker.name == "Mary Harlow"
    assert only(quotes, "direct", "hard work").speaker.name == "John Harlow"


def test_mrs_before_a_shared_surname_gives_her_sex_to_no_one_else(nlp):
    registry = _registry(nlp(COUPLE))
    assert registry.gender("John Harlow") == "m"
    assert registry.gender("Mary Harlow") == "f"
    john, mary = "John Harlow", "Mary Harlow"
    assert [m.key for m in registry.mentions] == [john, mary, mary, john, mary, john]
