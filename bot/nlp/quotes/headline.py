"""Headlines in the "Name: words" layout ("Ruiz: Budget will not pass") attribute their words."""

from __future__ import annotations

from bot.models import Quote
from bot.nlp.quotes.marks import TURN, Paragraph, written
from bot.nlp.speakers import SpeakerResolver
from bot.nlp.speakers import confidence as conf

MAX_WORDS = 25
"""Longer than this, a "Label: …" paragraph is prose, not a headline."""
MIN_WORDS = 3
MAX_CLAIMS = 2
"""More "Name: …" paragraphs than this make a roster ("Ruiz: finish second"), not headlines."""


def headline_claims(body: str, resolver: SpeakerResolver, taken: set[int],
                    paras: list[Paragraph]) -> list[Quote]:
    """Reported speech for each short paragraph not in ``taken`` (paragraphs holding quotes or
    transcript turns) that opens with the name of a person the article writes elsewhere
    (``paras``: the body's ``paragraphs``)."""
    out = []
    for para in paras:
        quote = _claim(body, para, resolver) if para.index not in taken else None
        if quote is not None:
            out.append(quote)
    return out if len(out) <= MAX_CLAIMS else []


def _claim(body: str, para: Paragraph, resolver: SpeakerResolver) -> Quote | None:
    text = body[para.start:para.end]
    match = TURN.match(text)
    if match is None or not match.group(1)[:1].isupper() or len(text.split()) > MAX_WORDS:
        return None
    label = match.group(1)
    last = label.split()[-1]
    if written(body, last) < 2:
        return None
    speaker = resolver.person_named(label)
    if speaker is None:
        return None
    start = para.start + match.end() - 1
    end = para.start + len(text.rstrip(" .\t"))
    words = body[start:end].split()
    if len(words) < MIN_WORDS or not any(c.isalpha() for c in body[start:end]):
        return None
    return Quote(body[start:end], start, end, "indirect", speaker, verb=None, cue=None,
                 confidence=conf.HEADLINE)
