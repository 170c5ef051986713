"""A common-noun subject that no rule names is resolved once an article: prime resolves each
reporting verb's subject and each quote's reading asks again, and every rule of
``descriptions.nominal`` ran a second time for the same words."""

from __future__ import annotations

from bot.models import Speaker
from bot.nlp.speakers import SpeakerResolver

TEXT = ("The pier will reopen in May, a harbour official said on Tuesday.\n\n"
        "“Repairs have gone well,” the official said, and the engineers agreed.")
NAMED = "Dana Ruiz said the pier would reopen in May.\n\n“Repairs have gone well,” Ruiz said."


def resolver_for(doc) -> SpeakerResolver:
    return SpeakerResolver(doc, quoted=lambda _: False, speaking=lambda t: t.lemma_ == "say")


def test_an_unnamed_description_asked_again_keeps_its_first_answer(nlp):
    """"A harbour official" and "the engineers" stay the words themselves: kept. "The
    official" is the one introduced before it: read afresh, as names are."""
    doc = nlp(TEXT)
    subjects = [t for t in doc if t.lower_ in {"official", "engineers"}]
    resolver = resolver_for(doc)
    answers = [resolver.resolve(t) for t in subjects]
    again = [resolver.resolve(t) for t in subjects]
    kept = [a[0] is b[0] for a, b in zip(answers, again, strict=True)]  # the Speaker held
    assert kept == [True, False, True]
    assert answers == again == [resolver_for(doc).resolve(t) for t in subjects]
    assert [speaker for speaker, _ in answers] == [
        Speaker("a harbour official", "unnamed"), Speaker("a harbour official", "unnamed"),
        Speaker("the engineers", "unnamed")]


def test_a_named_subject_is_read_afresh_each_time(nlp):
    """Names register people as they are read (a name's confidence rises once it is known),
    so only the words that stay themselves are kept."""
    doc = nlp(NAMED)
    ruiz = [t for t in doc if t.text == "Ruiz"][-1]
    resolver = resolver_for(doc)
    first = resolver.resolve(ruiz)
    second = resolver.resolve(ruiz)
    assert first[0] == second[0] and first is not second
