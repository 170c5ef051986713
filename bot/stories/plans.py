"""Which dates a sentence's parse puts ahead ("will vote on Friday", "is due to be debated on
Tuesday", "set for Monday"): read off the verb the date hangs on, not the words before it, so
"the proposal the mayor unveiled Saturday" after a "will" is no plan, nor "the will of the
voters" one, and "On Friday, the two will meet" is (``bot.stories.schedule`` reads the words
where no parse is at hand)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from bot.stories import saying

FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo", "would"})
PLANS = frozenset({"schedule", "reschedule", "set", "expect", "plan", "postpone", "delay",
                   "adjourn"})
"""Words that put what they govern on a day ahead ("scheduled for", "postponed until")."""
MOVES = {"push": "back", "bring": "forward"}
"""Verbs that, with their particle, move a plan ("pushed back to", "brought forward to")."""
PROMISES = frozenset({"agree", "promise", "vow", "pledge", "be", "due", *PLANS})
"""Words whose infinitive is a plan ("agreed to meet on", "are to meet on", "plans to")."""
PLANNED = frozenset({"plan", "schedule", "reschedule", "expect", "set"})
"""Participles that make the noun a date hangs on a plan ("his planned remarks Monday")."""
ONTO = frozenset({"until", "till", "to", "for"})
"""Prepositions that put a date ahead after a plan word in the past: "adjourned until Friday",
not "adjourned Thursday"."""
SAYING = saying.SAYING | saying.DECLINING
"""The verbs of saying and those of declining to say: a sentence's own verb is not one of them
(``bot.stories.reading``)."""
DATES_SAYING = saying.ONLY_SAYING | saying.DECLINING
"""Verbs a date after a plan's words dates the saying of: "would not say on Monday whether",
"declined on Friday to comment"; not "will report on Friday" or "will write to members on
Monday", which are the event, as where words are read (``schedule.SAYING``)."""
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
"""A date in the subject ("the visit on Wednesday won't help") is not put on a day by its verb."""
AUXILIARIES = ("aux", "auxpass")
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
HOPS = 12
"""How far up the tree the date's verb is looked for (a parse is a tree; bounded all the same)."""


def planned_dates(ents: Iterable[Span]) -> list[int]:
    """The token starts of the ``ents`` a plan puts ahead (``planned``)."""
    return [ent.start for ent in ents if planned(ent.root)]


def planned(token: Token) -> bool:
    """Whether the date whose head word is ``token`` is put ahead by the verb it hangs on: one
    with a "will" ("would", not "would have", one that did not happen), a word of planning not
    in the past ("is set for", not "was set for"), the infinitive of one ("is due to be
    debated", "agreed to meet") or joined to one ("will meet on Thursday and vote on Friday");
    never a verb of saying. Or by a planned noun on the way ("the scheduled vote on Friday")."""
    path = _path(token)
    if path is None:
        return False
    *below, verb = path
    if any(t.pos_ in NOUNS and any(c.dep_ == "amod" and c.lemma_ in PLANNED for c in t.children)
           for t in below):
        return True
    if verb.lemma_ in DATES_SAYING or _reported(token, verb):
        return False
    return _plan(verb, HOPS, frozenset(t.lower_ for t in below if t.dep_ == "prep"))


def _path(token: Token) -> list[Token] | None:
    """The date's head word up to its verb (or a plan's "due"), past a bare participle
    ("starting Saturday"); None when there is no verb, or the way goes through a subject."""
    path = [token]
    for _ in range(HOPS):
        if token.dep_ in SUBJECTS or token.head is token:
            return None
        token = token.head
        path.append(token)
        if _due(token) or token.pos_ in VERBS and not _passing(token):
            return path
    return None


def _reported(date: Token, verb: Token) -> bool:
    """A date between a verb and the subject of the clause it reports dates the report,
    whatever the parse hangs it on: "said Monday the trip will be", "warned Friday that they
    will" (not "On Friday, the two will meet, the union said")."""
    return verb.dep_ == "ccomp" and verb.head.i < date.i and \
        any(c.dep_ in SUBJECTS and date.i < c.i for c in verb.children)


def _passing(token: Token) -> bool:
    return token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "prep") and not _helpers(token)


def _plan(verb: Token, hops: int, preps: frozenset[str] = frozenset()) -> bool:
    helpers = _helpers(verb)
    modals = [c for c in helpers if c.tag_ == "MD" and c.lower_ in FUTURE_MODALS]
    if modals:
        return not (modals[-1].lower_ == "would" and any(c.lemma_ == "have" for c in helpers))
    if _in_the_past(verb, helpers):
        return False
    if _planning(verb, preps):
        return True
    if hops <= 0 or verb.dep_ not in ("xcomp", "conj"):
        return False
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in PROMISES and \
            not _in_the_past(head, _helpers(head)):
        return True
    return _plan(head, hops - 1)


def _planning(verb: Token, preps: frozenset[str]) -> bool:
    """A word of planning ("scheduled", "is due"), or a move ("pushed back"); a finite one in
    the past only with a date it moves onto ("adjourned until Friday")."""
    if _due(verb) or verb.lemma_ == "be" and any(_due(c) for c in verb.children):
        return True
    particle = MOVES.get(verb.lemma_)
    moved = particle is not None and any(c.dep_ in ("prt", "advmod") and c.lower_ == particle
                                         for c in verb.children)
    if not (moved or verb.lemma_ in PLANS):
        return False
    return verb.tag_ != "VBD" or bool(preps & ONTO)


def _due(token: Token) -> bool:
    """"Due" of a plan ("is due in court", "due to be debated"), not of a cause ("called off due
    to rain")."""
    return token.lemma_ == "due" and token.dep_ == "acomp"


def _in_the_past(verb: Token, helpers: list[Token]) -> bool:
    """A plan from before the news ("was set to", "had been scheduled", "was to meet"), or one
    tried ("tried to postpone the hearing Wednesday")."""
    return any(c.tag_ == "VBD" for c in helpers) or verb.lemma_ == "be" and verb.tag_ == "VBD" \
        or verb.dep_ == "acomp" and verb.head.tag_ == "VBD" \
        or verb.dep_ == "xcomp" and verb.head.tag_ == "VBD" and verb.head.lemma_ not in PROMISES


def _helpers(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in AUXILIARIES]
