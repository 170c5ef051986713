"""Which body a description means: "the agency" after "the European Space Agency", "the
commission" after "the electoral commission", "his campaign", "the Mexican government" after
"Mexico", "the town" acting just before, "Corveth" after "Corveth Foods" (``company`` for "the
company", ``media`` for a paper)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.appositives import appositive, set_beside
from bot.nlp.speakers.body_names import BODY_ENDINGS, body_name
from bot.nlp.speakers.company import acting_company
from bot.nlp.speakers.lead import PANELS, kind_fits
from bot.nlp.speakers.names import clean, definite
from bot.nlp.speakers.words import (
    ACTING,
    AGENCIES,
    COMPANY_NOUNS,
    GOVERNMENTS,
    HONORIFICS,
    ORG_NOUNS,
    PERIODICALS,
    PLURAL_TAGS,
    POSSESSIVE_S,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

CAMPAIGN = "campaign"
CAMPAIGN_ALIASES = {"team", "camp"}
"""What news also calls a candidate's campaign ("his team", "the Ruiz camp")."""

GENERIC_BODIES = {"group", "organization", "organisation", "body", "coalition", "alliance"}
"""Words for a body of any kind ("the organization" may be "United Gun Group"; "the union" is
no "harbour board")."""

PLACE_KINDS = frozenset({"town", "city", "village", "state", "country", "kingdom"})
"""What "the town said" may call a place the article names (``place_acting``)."""


def owned_body(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"His campaign said": the campaign of the man he means ("Tomas Oduya's campaign")."""
    if token.lemma_.lower() not in ORG_NOUNS or token.tag_ in PLURAL_TAGS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"
                  and c.pos_ == "PRON" and not r.reg.quoted(c.idx)), None)
    if owner is None:
        return None
    speaker, _ = r.resolve(owner)
    if speaker.name is None or speaker.kind == "unnamed":
        return None
    words = token.doc[owner.i + 1:token.i + 1].text
    if token.lower_ in CAMPAIGN_ALIASES and _campaign_named(r, speaker.name):
        words = CAMPAIGN
    body = Speaker(f"{speaker.name}'s {words}", "organisation")
    r.reg.remember(token, body)
    return body


def _campaign_named(r: SpeakerResolver, name: str) -> bool:
    """Whether the article names the campaign of whoever ``name`` is by their name ("the
    Rubio campaign", "Rubio's campaign"), so that "his team" and "the Rubio team" are that
    campaign, shown as the article names it."""
    surname = name.split()[-1].lower()
    return any(c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" and
               c.lower_ == surname for t in r.reg.nouns_after(CAMPAIGN, -1) for c in t.children)


def nation_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Saudis said", "the Mexican government said" after "Saudi Arabia", "Mexico": a
    people, or a government named by its nationality, is the country the article names with
    the same stem."""
    nationality = _nationality(token)
    if nationality is None:
        return None
    for ent in r.reg.ents:
        if ent.label_ == "GPE" and ent.text.lower().startswith(nationality.lower_[:4]) and \
                not r.reg.quoted(ent.start_char):
            return Speaker(clean(ent.text), "organisation")
    return None


def _nationality(token: Token) -> Token | None:
    """The word naming a people: the subject itself ("the Saudis", "the Chinese"), or the
    modifier of a government ("the Mexican government")."""
    if token.ent_type_ == "NORP":
        return token if token.tag_ in PLURAL_TAGS or token.lower_.endswith("ese") else None
    if token.lemma_.lower() not in GOVERNMENTS or token.tag_ in PLURAL_TAGS:
        return None
    return next((c for c in token.children if c.dep_ in {"amod", "compound"}
                 and c.ent_type_ == "NORP"), None)


def earlier_entity(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The agency" after "the European Space Agency", "the center" after "the Centre for
    Coastal Studies": an organisation named before that the word may stand for."""
    ent = r.reg.body_called(token.lower_, token.i)
    return Speaker(r.reg.org_name(ent), "organisation") if ent is not None else None


def place_acting(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Brightwater had two accidents …. The town said …": "the town", "the kingdom" is the
    place last acting in a clause in its sentence or the one before (tagged a place there, or
    a word the recogniser tags only as a place elsewhere)."""
    if token.lemma_.lower() not in PLACE_KINDS:
        return None
    since = r.reg.sent_starts[max(0, bisect_right(r.reg.sent_starts, token.i) - 2)]
    for tok in reversed(r.reg.doc[since:token.i]):
        if tok.dep_ not in ACTING or tok.pos != PROPN or r.reg.quoted(tok.idx):
            continue
        ent = r.reg.ent_of.get(tok.i)
        if ent is not None and ent.label_ == "GPE" and ent.root == tok:
            return Speaker(clean(r.reg.text_of(ent)), "organisation")
        if ent is None and r.reg.place_named(tok.text):
            return Speaker(tok.text, "organisation")
    return None


def earlier_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The commission" after "the electoral commission" or an organisation named before (not
    one its name calls another kind of body, unless the word is one for any: ``GENERIC_BODIES``)."""
    lemma = token.lemma_.lower()
    if lemma in COMPANY_NOUNS:
        company = acting_company(r, token)
        if company is not None:
            return company
    named = _panel(r, token) if lemma == "panel" else _named_chunk(r, lemma, token)
    if named is not None:
        return named
    if lemma in AGENCIES:
        return _agency(r, token)
    for mention in r.reg.before(token.idx):
        if mention.speaker.kind == "organisation" and (
                lemma in GENERIC_BODIES or kind_fits(mention.speaker.name or "", token)):
            return mention.speaker  # "the union" is no "harbour board"
    return None


def _named_chunk(r: SpeakerResolver, lemma: str, token: Token) -> Speaker | None:
    """The first body named before ``token`` in a phrase of more than two words headed by
    ``lemma`` ("the Senate Committee on Ports" for "the committee")."""
    for chunk in r.reg.chunks_before(lemma, token.i, longer_than=2):
        if chunk.root == token and not any(t.pos_ == "PROPN" for t in chunk):
            continue  # its own phrase names it ("the Okafor campaign"), or says nothing
        if not r.reg.quoted(chunk.start_char):
            beside = set_beside(r, chunk.root)
            return nation_of(r, chunk.root) or (appositive(r, *beside)[0] if beside else None) \
                or Speaker(r.reg.phrase(chunk.root), "organisation")
    return None


def _panel(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The panel" is the one committee, commission or board named before it, by a phrase
    headed so; with two such bodies named, neither."""
    found = {s for s in (_named_chunk(r, word, token) for word in PANELS) if s is not None}
    return found.pop() if len(found) == 1 else None


def self_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Ruiz campaign said": a body its own phrase names by a name is that body, not an
    earlier "his campaign" of the same word; remembered as a mention, so that "the statement
    said" after it is the campaign's."""
    named = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not named:
        return None
    phrase = r.reg.phrase(token)
    if token.lower_ in CAMPAIGN_ALIASES and phrase.endswith(token.text) and \
            _campaign_named(r, named[-1].text):
        phrase = f"{phrase[:len(phrase) - len(token.text)]}{CAMPAIGN}"  # "the Ruiz team"
    speaker = Speaker(phrase, "organisation")
    r.reg.remember(token, speaker)
    return speaker


def _agency(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The law enforcement agency said" after "the FBI's investigation": the last
    organisation named like a government agency (its last word agency, bureau, department,
    …, or an acronym), not the network or firm named nearer."""
    for ent in r.reg.ents_before(token.i):
        if ent.label_ == "ORG" and not r.reg.quoted(ent.start_char) and \
                _public_body(r.reg.text_of(r.reg.name_span(ent))):
            return Speaker(r.reg.org_name(ent), "organisation")
    return None


def _public_body(name: str) -> bool:
    """"The agency" is an organisation named like one ("the State Department", "the FBI"),
    not the network or firm named nearer."""
    words = name.split()
    if not words:
        return False
    last = words[-1].lower()
    letters = last.replace(".", "")
    return last in AGENCIES or words[-1].replace(".", "").isupper() and \
        2 <= len(letters) <= 5 and letters not in PERIODICALS


def organisation_called(r: SpeakerResolver, token: Token, text: str) -> Speaker | None:
    """"Corveth said" after "Corveth Foods": the short name of an organisation named before;
    also by its last word after "the", unless tagged a person ("the Ledger said" after "the
    Harlow Daily Ledger": not a person "Daily Ledger"; no one is "the Ruiz"); a one-word
    name that reports is an outlet; a body's name tagged a person is the body's."""
    previous = r.reg.doc[token.i - 1].lower_ if token.i > 0 else ""
    spelt = r.reg.expand(text) if previous == "the" else text
    if spelt != text:  # "the FAP" the article spelt out, not "Young FAP" named later
        return Speaker(spelt, "organisation")
    body = _body_tagged_a_person(r, token, text)
    if body is not None:
        return body
    known = r.reg.people.get(r.reg.key_of(text))
    if " " in text or known is not None and (" " in known.name or known.gender) or \
            previous in HONORIFICS or previous.strip(".") in TITLE_WORDS:
        return None
    short = token.ent_type_ != "PERSON" and definite(token)
    for ent in r.reg.ents:
        if ent.start >= token.i:
            break
        if ent.label_ == "ORG" and len(ent) > 1 and \
                (ent[0].text == text or short and _last_word(ent) == text) and \
                not r.reg.quoted(ent.start_char):
            return Speaker(r.reg.org_name(ent), "organisation")
    if known is not None and _reports(r, text):
        return Speaker(text, "organisation")
    return None


def _body_tagged_a_person(r: SpeakerResolver, token: Token, text: str) -> Speaker | None:
    """"Harlow Tower said", tagged a person or nothing: a name ending in a body's or a place's
    word and opening on no first name is that body (``body_names``), and so is "the Harlow
    Tower" tagged a building once it was tagged a person. Remembered as an organisation, as
    "it" and "the company" look back to one."""
    if token.ent_type_ not in {"PERSON", ""}:  # "Valdoria's Foreign Ministry" keeps its owner
        known = r.reg.known_as(text)
        text = known if known is not None and body_name(known) else ""
    body = Speaker(text, "organisation") if body_name(text) else _body_ending_in(r, token, text)
    if body is not None:
        r.reg.remember(token, body)
    return body


def _body_ending_in(r: SpeakerResolver, token: Token, word: str) -> Speaker | None:
    """"The Administration said" after "the Dunmore Administration": a body's last word alone is
    the last body so named before it."""
    if " " in word or not word[:1].isupper() or word.lower() not in BODY_ENDINGS:
        return None
    return next((m.speaker for m in r.reg.before(token.idx)
                 if m.speaker.kind == "organisation" and m.speaker.name and
                 m.speaker.name.split()[-1] == word and body_name(m.speaker.name)), None)


def _reports(r: SpeakerResolver, text: str) -> bool:
    """A one-word name the article never gives a first name, the subject of "reported" or
    "reports" somewhere: a news outlet ("Harbour Gazette reported"), not a person."""
    doc = r.reg.doc
    return any(doc[i].dep_ == "nsubj" and doc[i].head.lemma_ == "report" and
               doc[i].head.tag_ in {"VBD", "VBZ"}
               for i in r.reg.columns.written(text, len(doc)))


def _last_word(ent: Span) -> str:
    """An organisation's last word, past a possessive ("the Daily Ledger's"), after another
    word of its name (not "(Ledger")."""
    words = ent[:-1] if ent[-1].lower_ in POSSESSIVE_S else ent
    if len(words) < 2 or words[-2].pos != PROPN:
        return ""
    return words[-1].text
