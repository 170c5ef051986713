"""What people said, as statements: the view `wirewatch quotes extract` prints.

A fragment with no speaker is a scare quote, a title or a nickname ("the “victory plan”"): not
a statement. An attributed fragment is part of the words its reporting verb governs, so the
statement is that clause ("called the plan “reckless”" -> "the plan “reckless”"), kind
``mixed``, as is a reported clause holding quoted words. The full extraction keeps fragments.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from bot.models import Quote
from bot.nlp.quotes.direct import MINOR_WORDS
from bot.nlp.quotes.reporting import casts_as, is_passive, is_reporting, judging

OBJECT_FIRST = {"oprd", "xcomp", "acomp", "attr"}
"""Complements whose verb's object belongs to the words: "called [the plan “reckless”]"."""
OBJECT_PREPS = {"as", "on", "for", "of"}
"""Prepositions whose verb's object belongs to the words: "blamed [the crash on “a glitch”]"."""
QUOTE_MARKS = "\"“”‘’'"
NOT_WORDS = {"punct", "cc", "conj", "advcl", "relcl", "nsubj", "nsubjpass", "dative", "mark"}


def statements(doc: Doc, quotes: list[Quote], *, text: str | None = None) -> list[Quote]:
    """Direct quotes, reported speech, and attributed fragments grown to their clause
    (``text``: the text the Doc was parsed from, when at hand)."""
    body = doc.text if text is None else text
    clauses = [q for q in quotes if q.kind == "indirect"]
    out: list[Quote] = []
    for quote in quotes:
        if quote.kind == "indirect":
            inside = any(_holds(quote, f) for f in quotes if f.kind == "fragment")
            out.append(replace(quote, kind="mixed") if inside else quote)
        elif quote.kind != "fragment":
            out.extend([] if _work_title(doc, quote) else [quote])
        elif quote.speaker.name is not None and not any(_holds(c, quote) for c in clauses):
            grown = _grown(doc, body, quote)
            if grown is not None:
                out.append(grown)
    return _unique(out)


def _titled(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() or w in MINOR_WORDS for w in words[1:]) and \
        words[0][:1].isupper()


def _work_title(doc: Doc, quote: Quote) -> bool:
    """"a scene in ''The Long Tide''", "Berg's “Notes From a Pier”": quoted words in capitals
    right after a preposition or an owner name a work; they are not words said ("according to
    ''…''" cites it as a source)."""
    if len(quote.text.split()) < 2 or not _titled(quote.text):
        return False
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    at = span.start - 1 if span is not None else -1
    while at >= 0 and doc[at].text in QUOTE_MARKS + "``''":
        at -= 1
    if at < 0:
        return False
    before = doc[at]
    according = before.lower_ == "to" and at > 0 and doc[at - 1].lower_ == "according"
    return before.tag_ == "POS" or before.pos_ == "ADP" and not according


def _holds(clause: Quote, fragment: Quote) -> bool:
    return clause.start <= fragment.start and fragment.end <= clause.end + 1


def _unique(quotes: list[Quote]) -> list[Quote]:
    """Two fragments of one clause give that clause once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for quote in quotes:
        if (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            out.append(quote)
    return out


def _grown(doc: Doc, body: str, fragment: Quote) -> Quote | None:
    """The clause around an attributed fragment; none for a title or a name ("The Apprentice",
    "Crooked Hillary"), which is not someone's words."""
    if _titled(fragment.text):
        return None
    span = _clause_of(doc, body, fragment)
    if span is None:
        return replace(fragment, kind="mixed") if len(fragment.text.split()) > 2 else None
    start, end = span
    whole = body[start:end].strip(QUOTE_MARKS) == fragment.text  # nothing but the quoted words
    return replace(fragment, text=body[start:end], start=start, end=end,
                   kind="direct" if whole else "mixed")


def _clause_of(doc: Doc, body: str, fragment: Quote) -> tuple[int, int] | None:
    """Character span of the complement of the reporting verb the fragment hangs from."""
    first = doc.char_span(fragment.start, fragment.end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    token = first[0]
    verb = next((a for a in token.ancestors
                 if is_reporting(a) or judging(a) or casts_as(a, token)), None)
    if verb is None:
        return None
    child = next((c for c in verb.rights if c.left_edge.i <= token.i <= c.right_edge.i), None)
    if child is None or child.dep_ in NOT_WORDS:
        return None
    start, last = child.left_edge, _before_agent(verb, child, token)
    if child.dep_ in OBJECT_FIRST or child.dep_ == "prep" and child.lower_ in OBJECT_PREPS:
        objects = [c for c in verb.rights if c.dep_ == "dobj" and c.i < child.i]
        start = objects[0].left_edge if objects else start
    return _trimmed(doc, body, start, last, fragment)


def _before_agent(verb: Token, child: Token, token: Token) -> Token:
    """"has been called [“…”] by Ruiz": a passive verb's words end before the "by" of who
    spoke them, which the parser may hang on the quoted words."""
    if not is_passive(verb):
        return child.right_edge
    by = next((t for t in child.subtree if t.i > token.i and t.lower_ == "by" and
               t.dep_ in {"prep", "agent"}), None)
    return child.right_edge if by is None or by.i == child.i else by.doc[by.i - 1]


def _trimmed(doc: Doc, body: str, first: Token, last: Token,
             fragment: Quote) -> tuple[int, int] | None:
    while last.is_punct and last.i > first.i and last.text not in {"”", "\"", "’"}:
        last = doc[last.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    paragraph_start = body.rfind("\n", 0, fragment.start) + 1
    paragraph_end = body.find("\n", fragment.end)
    start = max(start, paragraph_start)
    end = min(end, paragraph_end) if paragraph_end != -1 else end
    end = _closed(body, start, end)
    return (start, end) if start <= fragment.start and fragment.end <= end else None


def _closed(body: str, start: int, end: int) -> int:
    """The closing mark of quoted words that end the clause belongs to it."""
    text = body[start:end]
    if text.count("\"") % 2 or text.count("“") > text.count("”"):
        rest = body[end:end + 3]
        end += len(rest) - len(rest.lstrip(".,\"”"))
    return end
