"""He/she as a choice among the people named before it: cheap features of each candidate and
a linear score fitted offline (bench/pronoun_fit.py), which chooses where the rules found no
person (no one, or a description); a person the rules pick stands."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Mention
    from bot.nlp.speakers.resolver import SpeakerResolver

FEATURES = ("rule", "log_salience", "most_salient", "log_sentences_since", "same_sentence",
            "new_paragraph", "last_speaker", "log_mentions", "first_named", "gender_shown",
            "named_in_quote", "tagged", "most_mentioned", "latest_named")
"""What each candidate antecedent is described by, in the order of ``features``' tuple."""
WEIGHTS: tuple[float, ...] = (3.160, 0.349, 0.018, 0.095, -1.065, -1.279, 0.470, -0.591,
                              1.478, 0.483, -6.618, -0.782, -0.143, 0.675)
"""One per feature, fitted by `python -m bench.pronoun_fit --pairwise` on PolNeAR train part a
(right minus wrong candidates of each hand-resolved he/she source; docs/quotes-history.md,
ninth pass); empty: the rules' pick stands."""


@dataclass(frozen=True)
class Context:
    """What every candidate of one he/she is compared against, read once per pronoun."""

    token: Token
    gender: str
    rule: str
    described: bool
    """The rules' pick is a description ("a spokeswoman for the ministry"), not a name."""
    named: frozenset[str]
    weights: dict[str, float]
    top: str | None
    """The most salient person who may be of the pronoun's gender."""
    last_speaker: str
    """The person named last as the subject of a sentence's reporting verb."""
    first: str
    seen: dict[str, tuple[int, int]]
    """Candidate key → (mentions before the pronoun, offset of the last one)."""
    most: int
    """The most mentions anyone has before the pronoun."""
    latest: str
    """The person of a fitting gender named last before the pronoun."""


def context(r: SpeakerResolver, token: Token, gender: str, rule: Speaker,
            named: set[str]) -> Context:
    """The pronoun's surroundings: salience, who spoke last, who was named first and how often."""
    weights = r.salience().weights_at(token.i)
    seen: dict[str, tuple[int, int]] = {}
    people = [m for m in r.reg.mentions[:bisect_left(r.reg.offsets(), token.idx)]
              if m.speaker.kind == "person" and m.key in r.reg.people]
    for m in people:
        seen[m.key] = (seen.get(m.key, (0, 0))[0] + 1, m.offset)
    first = people[0].key if people else ""
    last_speaker = next((m.key for m in reversed(people) if _speaker(r, m)), "")
    rule_key = r.reg.key_of(rule.name) if rule.kind == "person" else ""
    fitting = [k for k in seen if r.reg.gender(k) in (None, gender)]
    latest = max(fitting, key=lambda k: seen[k][1], default="")
    return Context(token, gender, rule_key, rule.kind == "unnamed", frozenset(named), weights,
                   r.salience().choose(weights, gender), last_speaker, first, seen,
                   max((n for n, _ in seen.values()), default=0), latest)


def _speaker(r: SpeakerResolver, mention: Mention) -> bool:
    """The mention is the subject of a sentence's reporting verb, or the name beside it ("The
    driver, Piotr Zawada, told …"); not someone acting in the words reported ("… that Mr Halas
    had asked him")."""
    known = r.reg.reporting_subjects.get(mention.offset)
    if known is None:
        tok = r.reg.doc[bisect_left(r.reg.columns.idx, mention.offset)]
        if tok.dep_ == "appos":
            tok = tok.head
        known = r.reg.reporting_subjects[mention.offset] = \
            tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and r.reg.speaking(tok.head)
    return known


def candidates(r: SpeakerResolver, ctx: Context) -> list[str]:
    """People named before the pronoun whose gender may be its own, and the rules' pick;
    never one named in the words the pronoun says ("“… Ruiz is wrong,” he said" is not Ruiz's,
    even where the rules found no one).

    When the rules pick a description ("a spokeswoman for the ministry"), only people the
    article shows to be of the pronoun's gender may replace it: PolNeAR's hand resolutions
    never count a description right, so the fit cannot learn when one is.
    """
    fits = (ctx.gender,) if ctx.described else (None, ctx.gender)
    out = [k for k in ctx.seen if r.reg.gender(k) in fits and k not in ctx.named]
    if ctx.rule in r.reg.people and ctx.rule not in ctx.seen:
        out.append(ctx.rule)
    return out


def features(r: SpeakerResolver, ctx: Context, key: str) -> tuple[float, ...]:
    """One candidate described by ``FEATURES``, from the registry and the salience pass."""
    count, offset = ctx.seen.get(key, (0, -1))
    reg = r.reg
    here = bisect_right(reg.sent_starts, ctx.token.i) - 1
    there = bisect_right(reg.sent_start_chars, offset) - 1 if offset >= 0 else 0
    since = here - there if offset >= 0 else 50
    return (
        float(key == ctx.rule),
        math.log1p(ctx.weights.get(key, 0.0)),
        float(key == ctx.top),
        math.log1p(since),
        float(since == 0),
        float(offset < 0 or _paragraph_between(r, there, here)),
        float(key == ctx.last_speaker),
        math.log1p(count),
        float(key == ctx.first),
        float(reg.gender(key) == ctx.gender),
        float(key in ctx.named),
        float(not reg.tagged.isdisjoint(key.split())),
        float(count == ctx.most),
        float(key == ctx.latest),
    )


def _paragraph_between(r: SpeakerResolver, there: int, here: int) -> bool:
    """A paragraph starts in one of the sentences after sentence ``there`` up to ``here``."""
    after_breaks = r.reg.paragraph_sentences()
    return bisect_right(after_breaks, here) > bisect_left(after_breaks, there + 1)


def score(values: tuple[float, ...], weights: tuple[float, ...]) -> float:
    """The linear score the fit learned (higher: likelier the one meant)."""
    return sum(v * w for v, w in zip(values, weights, strict=True))


def ranked(r: SpeakerResolver, token: Token, gender: str, rule: tuple[Speaker, float],
           named: set[str]) -> tuple[Speaker, float]:
    """The best-scoring candidate where the rules found no person, else (or while no weights
    are fitted) the rules' pick: the fit's "rule" weight never let a rival overrule a person
    the rules picked (PolNeAR train: 0 of 3,344, none nearer than 0.58), so none is scored;
    nor, for a he/she that says something, a source the article keeps unnamed (descriptions'
    ``_kept_unnamed``): no name may be given the words."""
    if not WEIGHTS or rule[0].kind == "person" or rule[0].name in r.withheld and \
            token.dep_ == "nsubj" and r.reg.speaking(token.head):
        return rule
    ctx = context(r, token, gender, rule[0], named)
    best, best_score = "", -math.inf
    for key in candidates(r, ctx):
        value = score(features(r, ctx, key), WEIGHTS)
        if value > best_score:
            best, best_score = key, value
    if not best or best == ctx.rule:
        return rule
    person = r.reg.people[best]
    return person.speaker(), rule[1]
