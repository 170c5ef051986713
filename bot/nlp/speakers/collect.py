"""The people one article names, gathered from the parse when the registry is made: those the
recogniser tagged, and those it missed or mis-tagged ("Ms Ito", "Judge Berman", "Dara D’Costa",
"Ines Valdt" tagged a firm, "Kaminska" acting alone)."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from bot.nlp.speakers.columns import LOWER_COLUMN, sorted_ids
from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.kin import beside_kin, someones_kin, spouse_or_child
from bot.nlp.speakers.name_spans import (
    APOSTROPHE_SURNAME,
    MISTAGGED,
    TITLES_OR_HONORIFICS,
    credited,
    followed_by_pronoun,
    words_after,
)
from bot.nlp.speakers.names import stance_word, title_case, title_of, whole_title
from bot.nlp.speakers.roles import Role, desk_role, party_tag, with_party
from bot.nlp.speakers.words import ACTING, HONORIFICS, PLATFORMS, TITLE_WORDS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

HE_OR_SHE = frozenset({"he", "she"})
"""A subject pronoun that says a person is meant."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""A clause's subject, active or passive."""


def collect_people(registry: Registry) -> None:
    """Registers the people tagged (relatives named beside a family word last), then those
    the recogniser missed, each with their mentions."""
    people = [(e, span, text) for e in registry.ents
              if e.label_ == "PERSON" or _first_named(registry, e) or
              beside_kin(e, registry.columns.pos)
              for span in [registry.name_span(e)] for text in [registry.text_of(span)]
              if not _headline_only(registry, span) and not _on_platform(span) and
              not stance_word(text)]
    for _, span, text in sorted((p for p in people if len(p[1]) > 1),
                                key=lambda p: (someones_kin(p[1]), p[1].start)):
        if spouse_or_child(span) and text.split()[-1].lower() not in registry.alias and \
                _named_alone_before(registry, span):
            registry.kin.add(text)
        registry.register(text)
    for ent, span, text in people:
        person = registry.owner(span, registry.register(text))
        registry.spans_of.setdefault(person.name, []).append(span)
        registry.tagged.update(text.split())
        registry.learn_from_mention(person, span)
        if not registry.quoted(ent.start_char):
            registry.add_mention(span.root, person.name)
    _collect_honorific_names(registry)
    _collect_titled_names(registry)
    _collect_apostrophe_names(registry)
    _collect_short_names(registry)


def _first_named(registry: Registry, ent: Span) -> bool:
    """"Ines Valdt" tagged an organisation: a first name and a capitalised surname, acting
    in its clause, followed by a he or she of that first name's sex and written elsewhere
    by the surname alone, is a person whatever the recogniser says ("Austin Energy said
    it" is not); so is one the parser took into a phrase ("candidate Ines Valdt") whose
    surname alone is a subject elsewhere, one whose first name is of no known sex but
    whose surname a person named in full bears (``_relative_named``), and one credited to
    an outlet (``credited``)."""
    if ent.label_ not in MISTAGGED:
        return False
    if len(ent) == 2:
        first, last = ent
        if ent.root.dep_ in ACTING or _surname_acting(registry, first, last):
            return _surname_alone(registry, first, last) and (
                followed_by_pronoun(registry, ent, first, last) or
                _relative_named(registry, ent, first, last))
    return credited(registry, ent)


def _named_alone_before(registry: Registry, span: Span) -> bool:
    """Whether the article writes the name's surname alone before the name ("Ruiz flew
    home …. her husband, Frank Ruiz"): someone else's, as people are first named in full."""
    orth = registry.columns.orth
    last, first = span[-1].orth, span[0].orth
    return any(i == 0 or orth[i - 1] != first
               for i in registry.columns.with_orth(last, span.start))


def _surname_alone(registry: Registry, first: Token, last: Token) -> bool:
    """Whether the article also writes the surname without the first name ("West said"),
    as it does a person's and not "Al Qaeda"'s."""
    orth = registry.columns.orth
    return any(i != last.i and (i == 0 or orth[i - 1] != first.orth)
               for i in registry.columns.with_orth(last.orth))


def _relative_named(registry: Registry, ent: Span, first: Token, last: Token) -> bool:
    """"Ines Valdt" after "Tomas Valdt": a first name of no known sex before the surname of
    a person the recogniser tagged in full under another first name, followed by a he or
    she as a subject within the next ``HE_OR_SHE_SENTENCES`` sentences, is a relative of
    theirs, not a firm."""
    if first_name_gender(first.text) is not None or first.pos != PROPN or \
            last.pos != PROPN or not first.text[:1].isupper() or \
            not last.text[:1].isupper() or registry.quoted(ent.start_char):
        return False
    if not any(e.label_ == "PERSON" and len(e) > 1 and e[-1].orth == last.orth and
               e[0].orth != first.orth for e in registry.ents):
        return False
    return any(t.dep_ == "nsubj" and t.lower_ in HE_OR_SHE for t in words_after(registry, ent))


def _surname_acting(registry: Registry, first: Token, last: Token) -> bool:
    """Whether the article makes the surname alone a clause's subject elsewhere ("Valdt
    said"): a name the parser took into a phrase ("candidate Ines Valdt") is then a
    person's, as one acting in its own clause is."""
    orth = registry.columns.orth
    return any(i != last.i and (i == 0 or orth[i - 1] != first.orth) and
               registry.doc[i].dep_ in SUBJECT_DEPS for i in registry.columns.with_orth(last.orth))


def _headline_only(registry: Registry, span: Span) -> bool:
    """"Right After This Senator Endorsed Trump, …": on a line in title case the recogniser
    takes capitalised words for a name; one with a word the article never writes again
    off that line is no one it names."""
    text = registry.source()
    at = span.start_char
    start = text.rfind("\n", 0, at) + 1
    end = registry.headlines.get(start)
    if end is None:  # the line is sliced and read once
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        end = registry.headlines[start] = end if title_case(text[start:end]) else -1
    if end == -1:
        return False
    counts, orth, idx = registry.word_counts(), registry.columns.orth, registry.columns.idx
    inline = orth[bisect_left(idx, start):bisect_left(idx, end)]
    return any(counts[orth[t.i]] == inline.count(orth[t.i])
               for t in span if not t.is_punct)


def _collect_short_names(registry: Registry) -> None:
    """"Kaminska was more cautious": a surname or first name of someone registered in full,
    acting in its clause and tagged as anything but a person (or not at all), is a mention
    of them, for pronouns and the votes on their gender; so is one the tagger took for a
    common word ("Fields also said", ``name_mistagged``); not one written after another
    first name ("Jeb Bush" is not "George Bush", ``another_holder``)."""
    seen = {m.offset for m in registry.mentions}
    cols = registry.columns
    words = {get_string_id(w): key for w, key in registry.alias.items()
             if " " not in w and " " in key}
    for i in cols.holding(LOWER_COLUMN, sorted_ids(set(words))):
        if cols.idx[i] in seen or registry.quoted(cols.idx[i]):
            continue
        tok = registry.doc[i]
        if tok.dep_ in ACTING and not registry.is_person(tok) and \
                (cols.pos[i] == PROPN or name_mistagged(registry, tok)) and \
                not (i and cols.pos[i - 1] == PROPN and
                     registry.another_holder(f"{registry.doc[i - 1].text} {tok.text}")):
            registry.add_mention(tok, words[cols.lower[i]], ordered=False)
    registry.mentions.sort(key=lambda m: m.offset)


def name_mistagged(registry: Registry, tok: Token) -> bool:
    """"Okafor also pledged" tagged a plural noun: a registered name's word, capitalised
    as written, that the article never writes in lower case, is that name whatever its
    part of speech."""
    text = tok.text
    return text[:1].isupper() and not text.isupper() and \
        get_string_id(text.lower()) not in registry.word_counts()


def _collect_honorific_names(registry: Registry) -> None:
    """"Ms Ito" is a person even when the entity recogniser missed her."""
    for i in registry.columns.lowered(HONORIFICS):
        if i + 1 >= len(registry.doc):
            continue
        tok, name = registry.doc[i], registry.doc[i + 1]
        if name.pos != PROPN or tok.lower_ not in HONORIFICS or registry.is_person(name):
            continue
        end = name.i
        while end + 1 < len(registry.doc) and registry.doc[end + 1].pos == PROPN and \
                not registry.is_person(registry.doc[end + 1]):
            end += 1
        for i in range(tok.i, end + 1):
            registry.ent_of.pop(i, None)
        span = registry.doc[name.i:end + 1]
        person = registry.owner(span, registry.register(registry.text_of(span)))
        person.gender = person.gender or HONORIFICS[tok.lower_]
        if not registry.quoted(name.idx):
            registry.add_mention(span[-1], person.name)


def _collect_apostrophe_names(registry: Registry) -> None:
    """"Dara D’Costa said": a first name and a surname with an apostrophe ("O’Neil",
    "D’Costa"), the first name a capitalised word hung on the surname, is a person the
    recogniser and the tagger missed (a curly apostrophe makes the surname a common word)."""
    text, cols = registry.source(), registry.columns
    for match in APOSTROPHE_SURNAME.finditer(text):
        i = bisect_left(cols.idx, match.start())
        if i == 0 or i >= len(cols.idx) or cols.idx[i] != match.start() or \
                registry.is_person(registry.doc[i]) or registry.is_person(registry.doc[i - 1]):
            continue
        tok = registry.doc[i]
        first = registry.doc[i - 1]
        if tok.text != match.group() or first.pos != PROPN or first.head.i != i or \
                first.dep_ != "compound" or not first.text[:1].isupper() or \
                first.lower_.strip(".") in TITLES_OR_HONORIFICS or "\n" in first.whitespace_:
            continue
        span = registry.doc[i - 1:i + 1]
        if _headline_only(registry, span):
            continue
        person = registry.register(registry.text_of(span))
        registry.learn_from_mention(person, span)
        if not registry.quoted(first.idx):
            registry.add_mention(tok, person.name)


def _collect_titled_names(registry: Registry) -> None:
    """"Judge Berman" or "Sen. Ana Ruiz" is a person with that title, tagged or not."""
    doc = registry.doc
    strings = doc.vocab.strings
    cols = registry.columns
    titles: dict[int, bool] = {}  # each word's string read once
    for i in cols.with_pos(PROPN):
        if i + 1 == len(doc):
            break
        h = cols.lower[i]
        title = titles.get(h)
        if title is None:
            title = titles[h] = strings[h].strip(".") in TITLE_WORDS
        if not title:
            continue
        tok = doc[i]
        if not _title(tok) or tok.i > 0 and _title(doc[tok.i - 1]):
            continue
        start = tok.i
        while start < len(doc) and (_title(doc[start]) or doc[start].text == "." and
                                    _title(doc[start - 1])):  # "Col ." split off its dot
            start += 1
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and not _title(doc[end]) and \
                doc[end].ent_type_ in {"", "PERSON"} and "\n" not in doc[end - 1].whitespace_:
            end += 1
        if end == start or registry.is_person(doc[start]) or registry.quoted(doc[start].idx) or \
                _headline_only(registry, doc[start:end]):
            continue
        person = registry.register(doc[start:end].text)
        person.take_role(_written_title(tok, doc[start:end]))
        registry.add_mention(doc[end - 1], person.name)


def _on_platform(span: Span) -> bool:
    """"Marco Twitter", "Carp Twitter": a name of two words or more ending in a platform is
    an account or a corner of it, no person (else "Twitter" would be an alias of theirs)."""
    return len(span) > 1 and span[-1].lower_ in PLATFORMS


def _written_title(first: Token, name: Span) -> Role:
    """The title before a name from the words that modify its first title word on: "House
    Minority Whip", not "Whip" alone."""
    title = name.doc[min(first.i, title_of(name).start):name.start]
    return Role(title.text, with_party(desk_role(whole_title(title), title=True), party_tag(name)))


def _title(tok: Token) -> bool:
    """A capitalised title word before a name ("Judge", "Sen.", "Gov.")."""
    return tok.pos == PROPN and tok.lower_.strip(".") in TITLE_WORDS and \
        tok.text[:1].isupper() and tok.lower_ not in HONORIFICS
