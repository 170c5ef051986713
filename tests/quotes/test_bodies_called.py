""""The agency" after "the Northern Fisheries Agency", "the board" after "the Harbour Board of
Corveth": the registry's index of names by their last word and by the word before their first
"of" or "for" gives what a scan back over the entities gives, at every word of the article."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.speakers.body_index import BODY_LABELS, SPELLINGS
from bot.nlp.speakers.registry import Registry

TEXTS = [
    "The Northern Fisheries Agency set new quotas on Monday. The Harbour Board of Corveth said "
    "the agency had not asked it first. Later the Corveth Harbour Board wrote to the agency "
    "again, and the board said it would appeal to the Western Fisheries Agency.",
    "Brenmoor County Council and the Port of Brenmoor signed the deal at Brenmoor Town Hall. "
    "“The Northern Rail Company will run the trains,” the council said. The company agreed.",
]


def _registry(doc: Doc, quoted: tuple[int, int]) -> Registry:
    return Registry(doc, quoted=lambda offset: quoted[0] <= offset < quoted[1],
                    speaking=lambda t: t.lemma_ == "say")


def _words(name: Span) -> set[str]:
    words = [name[-1].lower_] + [name.doc[t.i - 1].lower_ for t in name[1:]
                                 if t.lower_ in {"of", "for"}][:1]
    return {SPELLINGS.get(w, w) for w in words}


def _scanned(reg: Registry, word: str, before: int) -> Span | None:
    for ent in reg.ents_before(before):
        name = reg.name_span(ent)
        if ent.label_ in BODY_LABELS and len(name) > 1 and \
                SPELLINGS.get(word, word) in _words(name) and not reg.quoted(ent.start_char):
            return ent
    return None


def test_the_index_finds_what_a_scan_back_finds(nlp):
    found = 0
    for text in TEXTS:
        doc = nlp(text)
        quote = (text.find("“"), text.find("”") + 1)
        reg = _registry(doc, quote)
        for token in doc:
            for word in {token.lower_, "agency", "council", "board", "company"}:
                expected = _scanned(reg, word, token.i)
                assert reg.body_called(word, token.i) == expected
                found += expected is not None
    assert found > 20
