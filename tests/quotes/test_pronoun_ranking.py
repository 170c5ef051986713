"""He/she as a choice among candidate antecedents (bot/nlp/speakers/antecedents.py), on text
written here and the real spaCy model."""

from __future__ import annotations

from bot.nlp.speakers import antecedents, pronouns
from bot.nlp.speakers.resolver import SpeakerResolver

ARTICLE = ("Maria Costa, the mayor, said on Monday that the port would reopen. Her deputy, Ana "
           "Ruiz, inspected the cranes with Tom Hale.\n\n"
           "Later she said the work was done.")


def _context(nlp, named: set[str]) -> tuple[SpeakerResolver, antecedents.Context]:
    """The article's "she" and what her candidates are compared against (``named``: the
    people her words name)."""
    doc = nlp(ARTICLE)
    r = SpeakerResolver(doc, quoted=lambda offset: False, speaking=lambda t: t.lemma_ == "say")
    she = next(t for t in doc if t.lower_ == "she")
    rule = pronouns.by_rules(r, she, "f", set())
    return r, antecedents.context(r, she, "f", rule[0], named)


def _described(nlp) -> dict[str, dict[str, float]]:
    """Each candidate for the article's "she", by feature name."""
    r, ctx = _context(nlp, set())
    return {key: dict(zip(antecedents.FEATURES, antecedents.features(r, ctx, key), strict=True))
            for key in antecedents.candidates(r, ctx)}


def test_each_woman_named_before_she_is_a_candidate_described_by_every_feature(nlp):
    described = _described(nlp)
    assert set(described) == {"Maria Costa", "Ana Ruiz"}  # not Tom Hale: a man
    costa, ruiz = described["Maria Costa"], described["Ana Ruiz"]
    assert ruiz["rule"] == 1.0 and costa["rule"] == 0.0  # the last subject of her gender
    assert costa["first_named"] == 1.0 and ruiz["first_named"] == 0.0
    assert ruiz["latest_named"] == 1.0 and costa["latest_named"] == 0.0
    assert costa["new_paragraph"] == ruiz["new_paragraph"] == 1.0
    assert costa["log_sentences_since"] > ruiz["log_sentences_since"]
    assert all(len(values) == len(antecedents.FEATURES) for values in described.values())


def test_a_woman_named_in_the_words_she_says_is_no_candidate(nlp):
    r, ctx = _context(nlp, {"Maria Costa"})
    assert antecedents.candidates(r, ctx) == ["Ana Ruiz"]
    named = dict(zip(antecedents.FEATURES, antecedents.features(r, ctx, "Maria Costa"),
                     strict=True))
    assert named["named_in_quote"] == 1.0


FAN = ("Linda Marsh drove four hours to see the band play in Reno. She queued from dawn.\n\n"
       "A woman near the stage fainted during the second song.\n\n"
       "“It was the best night of my life,” she said.")


def test_she_is_the_woman_the_article_names_not_a_description_of_another(statements_of,
                                                                         monkeypatch):
    assert antecedents.WEIGHTS
    speaker = next(q.speaker for q in statements_of(FAN) if "best night" in q.text)
    assert speaker.name == "Linda Marsh"
    monkeypatch.setattr(antecedents, "WEIGHTS", ())  # the rules alone
    alone = next(q.speaker for q in statements_of(FAN) if "best night" in q.text)
    assert alone.kind == "unnamed" and alone.name is not None and "woman" in alone.name


def test_a_description_stands_against_names_the_article_gives_no_gender(statements_of):
    quotes = statements_of(
        "The transport ministry of Norvale fined the ferry operator of neighbouring Estmark on "
        "Monday after a ferry ran aground near the port of Lisk.\n\n"
        "A spokeswoman for the ministry said the fine was final. “Rules are rules,” she said.")
    speaker = next(q.speaker for q in quotes if "Rules are rules" in q.text)
    assert speaker.name == "A spokeswoman for the ministry"


def test_a_person_the_rules_pick_stands_whatever_the_weights_favour(nlp, monkeypatch):
    doc = nlp(ARTICLE)
    r = SpeakerResolver(doc, quoted=lambda offset: False, speaking=lambda t: t.lemma_ == "say")
    she = next(t for t in doc if t.lower_ == "she")
    rule = pronouns.by_rules(r, she, "f", set())
    assert rule[0].name == "Ana Ruiz"  # the last subject of her gender
    first_named = tuple(5.0 if f == "first_named" else 0.0 for f in antecedents.FEATURES)
    monkeypatch.setattr(antecedents, "WEIGHTS", first_named)  # weights that favour Maria Costa
    ctx = antecedents.context(r, she, "f", rule[0], set())
    scores = {k: antecedents.score(antecedents.features(r, ctx, k), first_named)
              for k in antecedents.candidates(r, ctx)}
    assert scores["Maria Costa"] > scores["Ana Ruiz"]
    assert antecedents.ranked(r, she, "f", rule, set()) == rule
