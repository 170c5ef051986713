"""The verbs of saying, one list for the story stage: as lemmas where a parse is read, and as the
words a regular expression reads where none is, made from the same lemmas. No imports, so every
module of the stage can read it."""

from __future__ import annotations

from collections.abc import Iterable

SAYING = frozenset({"say", "tell", "add", "report", "state", "write"})
"""Verbs of saying, as lemmas: they tell who gave the words, not what happened."""
DECLINING = frozenset({"announce", "comment", "confirm", "decline", "refuse"})
"""Verbs of announcing or declining to say: a date after a plan's words dates the saying with
them too ("declined on Friday to comment")."""
FORMS = {"say": ("say", "says", "said"), "tell": ("tell", "tells", "told"),
         "add": ("add", "adds", "added"), "report": ("report", "reports", "reported"),
         "state": ("state", "states", "stated"), "write": ("write", "writes", "wrote"),
         "announce": ("announce", "announced"), "comment": ("comment",),
         "confirm": ("confirm", "confirmed"), "decline": ("decline", "declined"),
         "refuse": ("refuse", "refused")}
"""Each verb's words: its base form, then as told of someone (the third person, the past)."""
NOUN_FORMS = frozenset({"report", "reports", "state", "states"})
"""Forms as often nouns ("a report", "member states"): a word alone never tells them a verb."""
ONLY_SAYING = frozenset({"say", "tell"})
"""The verbs of saying that are never the event a plan's words put on a day: "will report on
Friday", "will add sailings on Monday", "will write to members on Monday" are (``schedule``,
which reads words; ``plans`` reads the parse)."""


def told_forms(lemmas: Iterable[str]) -> list[str]:
    """The words that tell these verbs of someone (third person and past, the base form
    left out): "said", "tells", "wrote"; a form that is as often a noun left out."""
    return [form for lemma in sorted(lemmas) for form in FORMS[lemma][1:]
            if form not in NOUN_FORMS]


def every_form(lemmas: Iterable[str]) -> list[str]:
    """Every word of these verbs, the base form first."""
    return [form for lemma in sorted(lemmas) for form in FORMS[lemma]]
