"""Deciding new, duplicate or update, and which sentences of an update are actually new."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, TypeVar

from bot.ingest.corrections import is_correction_note
from bot.models import SentenceContent
from bot.stories import figures, headline, renamed
from bot.stories.features import (
    NUMBER_WORDS,
    QUOTED,
    SentenceFeatures,
    entity_key,
    number_keys,
)
from bot.stories.saying import SAYING, told_forms
from bot.stories.schedule import LEAD_SENTENCES, NAMED, SCHEDULED, told

MIN_CONTENT = 3
NUMBER_COVERED = 0.9
NAME_COVERED = 0.5
QUOTE_COVERED = 0.5
CLAIM_UNION = 0.15
CLAIM_BEST = 0.15
CLAIM_NOVEL_WORDS = 5
CLAIM_PREDICATE_UNION = 0.28
CLAIM_PREDICATE_BEST = 0.18
"""A sentence whose own verb the story never used is a claim with less of its weight new."""
CONTINUATION_COVERED = 0.5
NOVEL_FACT_PREFIXES = ("e:", "n:", "d:")
ACRONYM_LETTERS = 3
"""Names with this many initials or more are also known by them (two letters are too often some
other word or name: "DC", "AD")."""
LINKING_WORDS = frozenset({"of", "and", "for", "on", "in", "to", "at", "de", "du", "la"})
"""Small words a name's initials leave out ("University of North Carolina": UNC)."""
WORD = re.compile(r"[a-z]+")
ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
QUOTED_WORD = 5
"""Quoted words shorter than this are not read as news ("back", "give", "jobs")."""
FUNCTION_WORDS = frozenset({
    "about", "above", "after", "again", "against", "although", "among", "another", "because",
    "before", "being", "below", "between", "cannot", "could", "doing", "during", "either",
    "every", "further", "having", "however", "itself", "neither", "never", "other", "shall",
    "should", "since", "still", "their", "theirs", "there", "these", "those", "though", "through",
    "under", "until", "whatever", "where", "whether", "which", "while", "whose", "within",
    "without", "would"
})
"""English words of five letters or more that carry no news of their own."""


@dataclass(frozen=True)
class StoredSentence:
    lemmas: frozenset[str]
    facts: frozenset[str]
    quote: bool
    figures: frozenset[Decimal] = frozenset()


class _Story(NamedTuple):
    """What the story's earlier sentences said, taken together."""

    facts: frozenset[str]
    words: frozenset[str]
    figures: frozenset[Decimal]
    written: list[figures.Written]
    acronyms: frozenset[str]
    latest_day: str = ""
    """The last day the story told of, not one it set something for ahead ("will ballot on
    Friday"): a development told on a day before that one is still later than any it told."""


@dataclass(frozen=True)
class _Part:
    """One earlier article: its facts, its words (lemmas and the words of its facts), its
    figures (the first of equal ones written kept), its distinct sentences' lemmas with the
    figures of each sentence using them, in order, and its names' initials."""

    facts: frozenset[str]
    words: frozenset[str]
    figures: frozenset[Decimal]
    by_lemmas: dict[frozenset[str], list[frozenset[Decimal]]]
    acronyms: frozenset[str]

    @classmethod
    def of(cls, sentences: Sequence[StoredSentence]) -> _Part:
        facts = frozenset().union(*(s.facts for s in sentences))
        lemmas = frozenset().union(*(s.lemmas for s in sentences))
        by_lemmas: dict[frozenset[str], list[frozenset[Decimal]]] = {}
        for s in sentences:
            if s.lemmas:
                by_lemmas.setdefault(s.lemmas, []).append(s.figures)
        return cls(facts, lemmas | {w for f in facts for w in f[2:].split()},
                   frozenset().union(*(s.figures for s in sentences)), by_lemmas,
                   acronyms(facts))


class Earlier:
    """A story's earlier sentences, article by article, with what ``whats_new`` looks up in
    them (every word and fact, and lemma -> the distinct sentences using it; copies in a story
    count once) kept as the story's latest articles change: the articles that came in are
    added and those that went out taken away, instead of all of it rebuilt for each article."""

    def __init__(self) -> None:
        self._parts: dict[int, tuple[Sequence[StoredSentence], _Part]] = {}
        self._facts: dict[str, int] = {}
        self._words: dict[str, int] = {}
        self._acronyms: dict[str, int] = {}
        self._lemma_sets: dict[frozenset[str], int] = {}
        self.postings: dict[str, dict[frozenset[str], None]] = {}

    @classmethod
    def of(cls, sentences: list[StoredSentence]) -> Earlier:
        earlier = cls()
        earlier.update([(0, sentences)])
        return earlier

    @classmethod
    def joined(cls, *stories: Earlier) -> Earlier:
        """Stories' sentences read as one story's: what an article tying them (which folds
        one into the other) is compared with, so its update repeats neither."""
        earlier = cls()
        earlier.update([part for story in stories for part in story.held().items()])
        return earlier

    def update(self, articles: list[tuple[int, Sequence[StoredSentence]]]) -> None:
        """Make these articles' sentences, in this order, the earlier ones: an article given
        the same sequence as last time is kept as it is, any other is indexed afresh."""
        wanted = dict(articles)
        for article_id in list(self._parts):
            if wanted.get(article_id) is not self._parts[article_id][0]:
                self._remove(self._parts.pop(article_id)[1])
        for article_id, sentences in articles:
            if article_id not in self._parts:
                self._parts[article_id] = (sentences, self._add(_Part.of(sentences)))
        self._parts = {article_id: self._parts[article_id] for article_id in wanted}

    def size(self) -> int:
        """How many sentences it holds."""
        return sum(len(sentences) for sentences, _ in self._parts.values())

    def held(self) -> dict[int, Sequence[StoredSentence]]:
        """Each indexed article's sentences, as last given to ``update``."""
        return {article_id: sentences for article_id, (sentences, _) in self._parts.items()}

    def _add(self, part: _Part) -> _Part:
        _count(self._facts, part.facts, 1)
        _count(self._words, part.words, 1)
        _count(self._acronyms, part.acronyms, 1)
        for lemmas in _count(self._lemma_sets, part.by_lemmas, 1):
            for lemma in lemmas:
                self.postings.setdefault(lemma, {})[lemmas] = None
        return part

    def _remove(self, part: _Part) -> None:
        _count(self._facts, part.facts, -1)
        _count(self._words, part.words, -1)
        _count(self._acronyms, part.acronyms, -1)
        for lemmas in _count(self._lemma_sets, part.by_lemmas, -1):
            for lemma in lemmas:
                users = self.postings[lemma]
                del users[lemmas]
                if not users:
                    del self.postings[lemma]

    def story(self) -> _Story:
        """Every fact, word, figure and name's initials of the earlier sentences (of equal figures,
        the first written, as in the articles' order), and the last day they told of."""
        values = frozenset().union(*(part.figures for _, part in self._parts.values()))
        return _Story(frozenset(self._facts), frozenset(self._words), values,
                      figures.written(values), frozenset(self._acronyms),
                      max(told(self._facts), default=""))

    def restated(self, lemmas: frozenset[str]) -> list[frozenset[str]]:
        """The facts of each earlier sentence using exactly these lemmas."""
        return [s.facts for sentences, part in self._parts.values() if lemmas in part.by_lemmas
                for s in sentences if s.lemmas == lemmas]

    def figures(self, lemmas: frozenset[str]) -> set[frozenset[Decimal]]:
        """The figures of the earlier sentences using exactly these lemmas (of equal ones, the
        first written)."""
        found: set[frozenset[Decimal]] = set()
        for _, part in self._parts.values():
            for values in part.by_lemmas.get(lemmas, ()):
                found.add(values)
        return found


def acronyms(facts: Iterable[str]) -> frozenset[str]:
    """The initials of the story's names of ACRONYM_LETTERS initials or more."""
    return frozenset(letters for f in facts if f[:2] == "e:" and " " in f
                     if len(letters := initials(f[2:].split())) >= ACRONYM_LETTERS)


T = TypeVar("T")


def _count(counts: dict[T, int], items: Iterable[T], step: int) -> list[T]:
    """Count the items in (step 1) or out (-1); returns those that came or went altogether.
    Plain dicts, not Counters: a Counter is slower to make (an empty index is made for each
    candidate story) and runs Python for every item it lacks."""
    changed = []
    get = counts.get
    for item in items:
        count = get(item, 0) + step
        if count:
            counts[item] = count
            if step > 0 and count == 1:
                changed.append(item)
        else:
            del counts[item]
            changed.append(item)
    return changed


def stored(sentences: list[SentenceContent]) -> list[StoredSentence]:
    """Sentences as the story tables keep them; rows written before figures were kept use
    their numbers."""
    return [StoredSentence(frozenset(s.lemmas), frozenset(s.facts), s.quote, frozenset(
        figures.decode(s.figures if s.figures is not None
                       else (f[2:] for f in s.facts if f[:2] == "n:"))))
        for s in sentences]


class News(NamedTuple):
    """A what's-new sentence, where it stands in the article, and why it is new."""

    text: str
    position: int
    reasons: tuple[str, ...]


PAST = re.compile(r"\b(\w+ (years|months|decades) ago|earlier (this|last) (month|year)|"
                  r"last (year|season)|in (the )?(past|previous) (years?|months|decades?)|"
                  r"previously|formerly)\b", re.IGNORECASE)
"""Words placing what a sentence tells before the news: "two years ago", "earlier this month",
"last year", "previously"."""
IN_YEAR = re.compile(r"\b(?:in|since|during|until|from) (?:(?:early|late|mid-?) )?"
                     r"((?:19|20)\d\d)\b", re.IGNORECASE)
"""A year the sentence places something in ("in 2014", "since 2015", "from 2001"); before the
article's year, what it tells is background ("married in 2009"), while a year named as a
noun's modifier ("the 2016 election") is not read, nor a month's ("in May 2016": on real copy
often a detail just revealed)."""
QUOTE_TAIL = re.compile(r"^[^“\"]*”")
"""The end of a quote the sentence opens inside ("… all over again,” he added)."""
CLOSING = re.compile(r"^[^“\"”]*[”\"]")
"""The end of a quote the previous sentence opened, curly or straight."""
QUOTE_SPAN = re.compile(r"[\"“][^\"”]*[\"”]?")
"""Quoted words, to the closing mark or the end of the sentence."""
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|wrote|tweeted|stated|posted|added|argued|noted|remarked|declared)\b"
    rf"(?:\s+[\w.’'-]+){{0,6}}?\s+(?:back (?:in|on) (?:{MONTHS}|(?:19|20)\d\d)\b|"
    rf"in (?:(?:{MONTHS}),? )?(?P<year>(?:19|20)\d\d)\b|"
    r"\w+ (?:years|months|decades) ago|earlier (?:this|last) (?:month|year)|last (?:year|season))")
"""Words saying, a few words after the verb of saying, that the words were said before the
news: "he tweeted back in March", "told a radio show in 2016" (a year before the article's),
"said two years ago"."""
CITED = re.compile(
    r"(?:^|[,;:—] )(?:(?:but|and|yet) )?as (?!(?:he|she|they|it) )(?:[\w.’'-]+ ){1,5}?"
    r"(?:(?:has|have|had) )?(?:also )?(?:noted|pointed out|observed|written|argued)\b",
    re.IGNORECASE)
"""The writer citing someone's earlier analysis ("As Ada Brandt of this paper has observed, …",
"…, as the economist pointed out"): words given before the news; "as she argued" is a speaker's
own point, left alone."""
STRONG = frozenset({"correction", "changed figure", "quote", "figure"})
"""Evidence that stands even in a sentence of background: a new statement, a new figure."""
HEARD = frozenset({"correction", "quote"})
"""Evidence that stands even in the writer's forecast: a figure in one ("Three more cancelled
crossings could cost …") counts what may happen, not what did."""
FIGURES = frozenset({"changed figure", "figure"})
"""Evidence that stands even in words said before the news."""
WHO_IS = re.compile(
    r"^(?:(?P<pronoun>He|She|They)|(?:(?:Mr|Ms|Mrs|Dr)\. )?"
    r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}(?: (?:Jr|Sr)\.| I{2,3}| IV)?)),? "
    r"(?:is|was|are|were|has been|had been|serves|served|sits) "
    r"(?:a|an|the|married|one|known|on)\b")
"""A sentence opening by telling who or what its subject is: "She is married to …", "Norrvik Paper
is a family firm …"; about someone the story already named, background."""
HEARSAY = frozenset({"report"})
"""Of the verbs of saying, those that relay rather than give someone's words: "it was reported
that …", "as the radio reported" are the writer's account (``REPORTED`` keeps them from being
read as reasoning). Read as someone's words, three such sentences of the tune half became news,
one of them background (docs/stories.md)."""
SPOKEN = re.compile(r"[\"“”]|\b(?i:" + "|".join(
    [*told_forms(SAYING - HEARSAY), "tweeted", "according to"]) +
    r")\b|^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}: ")
"""A quote mark, a verb of saying or a post's card ("Ada Brandt: We will …"): the sentence gives
someone's words, not the writer's. The verbs in any case: "According to the union, …" opens a
sentence as often as "…, according to the union" closes one (the card stays capitalised)."""
VAGUE_VOICES = re.compile(
    r"(?:^|[,;:] |\b(?:while|but|whereas) )(?:some|others)(?: on the \w+)? "
    r"(?:(?:have|had|also) )?"
    r"(?:say|said|argue|argued|believe|believed|contend|contended|claim|claimed|declared|"
    r"asserted|insist|insisted|suggest|suggested|think|thought|fear|feared|worry|worried|"
    r"celebrated|praised|criticized|questioned|noted|highlighted)\b",
    re.IGNORECASE)
"""Opinion given to no one: "Some argue that …, but others say …". A view named by no speaker
is the writer's summary of a debate, not a statement someone made."""
RELATIVE_TIME = re.compile(
    r"(?<!\bfor )(?<!\bto )\b(\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")[ -]"
    r"(?:minute|hour|day|week|month)s? (?:after|before|later|earlier)\b", re.IGNORECASE)
"""A time told from another event ("just over 12 hours after the deal was agreed", "two days
later"): like "on Tuesday", it says when, not what happened. A term is not one ("jailed for 10
days after refusing …", "sentenced to 30 days after …")."""
PASSIVE_VIEW = re.compile(
    r"\b(?:is|are|was|were|be|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:seen|viewed|regarded|perceived)\s+as\b", re.IGNORECASE)
"""A view held by no one named: "The move is widely seen as a blow to …"."""
HABITUAL = re.compile(
    r"\b(?:has|have|had)(?: \w+ly)? (?:long|often|frequently|repeatedly|always)\b(?!-)|"
    r"\blong been\b|\bfor (?:weeks|months|years|decades)\b", re.IGNORECASE)
"""What someone has done or been over a long time ("Moscow has long denied …", "has frequently
changed his story", "The bill has been stalled for weeks"): a state of affairs from before the
news, not a development."""
SAID_ALREADY = re.compile(
    r"\b(?:has|have|had)(?: \w+ly| also| long| not| never)? "
    r"(?:said|argued|claimed|maintained|insisted|denied|stated)\b", re.IGNORECASE)
"""A saying in the perfect ("The mayor has said she …", "The company had denied …"): a position
given before the news and restated, not a statement made for it ("has told Reuters" is one
made to a reporter: not read)."""
RELATIVE_CLAUSE = re.compile(r",? \b(?:who|which|whom|whose)\b[^,;:]*(?:[,;:]|$)",
                             re.IGNORECASE)
"""A clause about someone the sentence names ("Swift, who has long stayed quiet, endorsed …"):
what it says of the past is not what the sentence tells."""
REASONING = re.compile(
    r"^(?:In short|Simply put|Put simply|After all|Indeed|In fact|All told|Taken together|"
    r"In other words|Of course|To be sure|That is|For better or worse|In sum|Arguably|"
    r"Admittedly|However|Still|Yet|Instead|Ultimately|Then again|The point)\s*[,:–—]",
    re.IGNORECASE)
"""A sentence opening with the writer's own step of reasoning ("In short, …", "After all, …",
"In other words: …", or a turn against what came before, "Still, …", "However, …"): it sums
up, explains or argues from what came before, not a development."""
FORECAST = re.compile(
    r"^(?:(?!\b(?i:that|whether|who|which|whom|what|how|if|when|because|unless|until|so|"
    r"though|although|say\w*|said|told|tell\w*|warn\w*|argu\w*|believ\w*|think\w*|"
    r"thought|expect\w*|fear\w*|hope\w*|suggest\w*|predict\w*|reckon\w*|worr\w*|"
    r"indicat\w*|signal\w*|claim\w*|insist\w*|ask\w*)\b| - )[^;:—–(])*?"
    r"\b(?:could(?! not\b|n[’']t)|might|may|likely would|would likely)\b")
"""A sentence whose own verb the writer hedges ("Lower fares could also draw …", "The
administration likely would go another way"): the writer's forecast, not a development. A
modal after a clause's opening or a verb of saying or thinking ("warned the case might …",
"whether it could", "groups believe it could"), after "though", or set off by a dash or a
bracket is not the sentence's own; "could not" tells what someone failed to do ("could not
confirm"), a fact. Not read either: "would" alone (on real copy mostly what a bill or a deal
would do, its terms), "can" (what a rule lets people do: "anglers can now fish at night"),
and the month ("a May 12 deadline": the modals are read in lower case only)."""
SERIES = re.compile(
    r"\b(?:is|are|was|were|marks|marked|becomes|became)\s+(?:also\s+|just\s+|only\s+)?"
    r"the\s+latest\b(?!\s+[\w-]+\s+to\b)", re.IGNORECASE)
"""The writer placing the news in a series ("The walkout is the latest in a string of
stoppages", "It marked the latest setback for …"): context, not a development; "the latest port
to ban …" tells who did something new and is not read."""
REPORTED = re.compile(r"\breport(?:s|ed)\b", re.IGNORECASE)
"""An outlet's report given ("…, the Gazette reported"): someone's news, not the writer's
argument."""
DAY_NAMED = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                       r"yesterday|tonight)\b", re.IGNORECASE)
"""A day the sentence tells something on: it reports what happened, not how things have been."""
DAY_WORD = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
            r"tonight|tomorrow|(?:" + MONTHS + r")\.? \d{1,2}\b|\d{1,2} (?:" + MONTHS + r"))")
"""A day as a sentence writes it: a weekday, "today", "May 20", "20 May"."""
SAID_ON = re.compile(
    r"\b(?:said|says|told|tells|tweeted|wrote|added|announced|stated|posted|confirmed|declared|"
    r"argued|insisted|warned|urged)\b"
    rf"(?:\s+[\w.’'-]+){{0,5}}?\s+(?:on\s+|late\s+|early\s+)?{DAY_WORD}|"
    rf"\b(?:on\s+)?{DAY_WORD}(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:that\s+)?"
    r"(?:said|says|told|tweeted|wrote|added|announced|stated|posted|confirmed|declared)\b",
    re.IGNORECASE)
"""A day dating a saying ("said on Tuesday", "told reporters at the port on Monday", "on
Wednesday said"): when the words were said, not when something happened."""
DAY_TOLD = re.compile(rf"\b{DAY_WORD}", re.IGNORECASE)
DENIED = re.compile(
    r"(?:,\s*(?:and\s+)?not|\brather than|\binstead of)\s+((?:about |some |nearly |almost )?[$€£]?"
    r"(?:\d[\d,.]*%?|" + "|".join(NUMBER_WORDS) + r")"
    r"(?:\s+(?:hundred|thousand|million|billion|percent|per cent))?)\b", re.IGNORECASE)
"""A figure the sentence denies ("three tugs, not two", "12 rather than 21"): the figure it
replaces, not one it states ("Not one member voted" denies nothing)."""
DENYING = re.compile(r",\s*(?:and\s+)?not|rather than|instead of", re.IGNORECASE)
"""The words DENIED opens with, found far more cheaply than DENIED itself (most sentences have
none)."""
NOTE_WORDS = frozenset({
    "correction", "correct", "clarification", "clarify", "early", "previous", "prior", "original",
    "version", "article", "story", "report", "post", "item", "piece", "misstate", "misidentify",
    "misidentifie", "mischaracterize", "misspell", "misreport", "incorrectly", "incorrect",
    "wrongly", "wrong", "say", "state", "identify", "describe", "editor", "note",
    "update", "fix", "paragraph", "refile", "error", "mistake", "give"})
"""The words correction notes use whatever they correct ("An earlier version of this article
misstated …")."""
REASONS = ("correction", "changed figure", "lead", "quote", "figure", "date", "later day",
           "name", "continuation", "claim")
"""Why a sentence is new, strongest evidence first: the order an update's sentences are shown in
(on the labelled real copy a new quote is a new fact four times in five, a new figure two in
three, a new name or date, a continuation or a claim half the time or less; "date" is a new day
set for something ahead, ``bot.stories.schedule``, not yet measured among them, nor "later day",
something told on a day after every day the story named; a correction, first, is what the desk
must hear of before anything else; "lead", an article's first sentence telling, in the writer's
words, the development its headline announces, ``bot.stories.headline``, comes before the
quotes reacting to it)."""


def whats_new(
    sentences: list[SentenceFeatures], index: Earlier, weights: dict[str, float],
    year: int | None = None, *, new_event: bool = False,
    headline_words: Sequence[frozenset[str]] = (),
) -> list[str]:
    """Sentences that bring facts, quotes or claims no earlier sentence of the story had,
    strongest evidence first: an alert shows only the first few. ``year`` is the article's:
    a sentence telling what happened in an earlier year is background. ``new_event``: the
    article starts another event of a running story, compared with that running story;
    ``headline_words``: its headline's (``headline.content``)."""
    return [news.text for news in ranked(found(sentences, index, weights, year,
                                               new_event=new_event,
                                               headline_words=headline_words))]


def found(
    sentences: list[SentenceFeatures], index: Earlier, weights: dict[str, float],
    year: int | None = None, *, new_event: bool = False,
    headline_words: Sequence[frozenset[str]] = (),
) -> list[News]:
    """The new sentences in article order, each with the rules that found it new."""
    story = index.story()
    news: list[News] = []
    seen: set[frozenset[str]] = set()
    previous: SentenceFeatures | None = None
    notes = {i for i, s in enumerate(sentences) if is_correction_note(s.text)}
    noted = any(_on_story(sentences[i], story) for i in notes)
    named = frozenset(f for s in sentences for f in s.facts if f[:2] == "e:")
    for position, sentence in enumerate(sentences):
        after_note = _after_note(news, position, notes)
        if len(sentence.lemmas) + len(sentence.facts) < MIN_CONTENT and not after_note:
            continue
        content = sentence.lemmas | sentence.facts
        if content in seen:
            continue
        seen.add(content)
        best, covers = _best_cover(sentence, index, weights)
        names = _new_names(sentence, story)
        reasons = _reasons(sentence, previous, best, story, weights, names,
                           new_event=new_event)
        if reasons and _context(sentences, position, reasons, previous, story, year):
            reasons = ()
        if not reasons and best >= NUMBER_COVERED and _changed_figure(sentence, covers, index):
            reasons = ("changed figure",)
        if _correction(sentence, position in notes, best, story, after_note) or (
                noted and not reasons and best >= NAME_COVERED and _renamed(names)):
            reasons = ("correction", *reasons)
        text = sentence.text
        if not reasons and not noted and best >= NAME_COVERED and \
                (corrected := _name_corrected(sentence, names, index, named)):
            reasons, text = ("correction",), corrected
        if reasons and (position == 0 and headline.tells_headline(
                sentence, headline_words, story.words, story.facts) or
                _adds_to_lead(sentence, position, news)):
            reasons = ("lead", *reasons)
        if reasons:
            news.append(News(text, position, _ranked_by(reasons, names, sentence)))
            previous = sentence
        else:
            previous = None
    return news


def _adds_to_lead(sentence: SentenceFeatures, position: int, news: list[News]) -> bool:
    """Whether the sentence, right after a "lead" one, adds to the development in the writer's
    own words, by an adding word where it adds ("The agreement … also sets up a committee …",
    "In addition, …": ``SentenceFeatures.adds``): a term of the news itself, to be read with
    it before the quotes reacting to it."""
    return position == 1 and bool(news) and news[-1].position == 0 and \
        "lead" in news[-1].reasons and not sentence.quote and \
        not SPOKEN.search(sentence.text) and sentence.adds


def _ranked_by(reasons: tuple[str, ...], names: frozenset[str],
               sentence: SentenceFeatures) -> tuple[str, ...]:
    """The reasons an update's sentences are ranked by: a new name that is only a number word
    counting nothing ("One accused the council of …") is no evidence beside others (it ranked a
    sentence adding nothing into the alert's few), though it still makes the sentence new."""
    if len(reasons) > 1 and "name" in reasons and names <= sentence.uncounted:
        return tuple(r for r in reasons if r != "name")
    return reasons


def _after_note(news: list[News], position: int, notes: set[int]) -> bool:
    """Whether the sentence just before this one is a new correction note (one of ``notes``)."""
    return bool(news) and news[-1].position == position - 1 and \
        "correction" in news[-1].reasons and news[-1].position in notes


def _correction(sentence: SentenceFeatures, note: bool, best: float, story: _Story,
                after_note: bool) -> bool:
    """Whether the sentence corrects the story: a correction note the story did not have ("An
    earlier version of this article misstated …") about something the story told (a word or
    name of it besides the note's own words: a note on a version whose facts the story never
    carried corrects nothing the desk has), or the sentence right after such a note, saying
    what is right ("She is Ingrid Valstad."). Notes are not keyed to anyone's layout: their
    words are what all notes say. (A figure given with the one it replaces, "three tugs, not
    two", is a changed figure.)"""
    if note:
        return best < NUMBER_COVERED and _on_story(sentence, story)
    return after_note and best < NAME_COVERED


def _on_story(note: SentenceFeatures, story: _Story) -> bool:
    """Whether a correction note names a word or name of the story besides the words all notes
    use."""
    return bool((note.lemmas - NOTE_WORDS) & story.words or note.facts & story.facts)


def _renamed(names: frozenset[str]) -> bool:
    """Whether a sentence restating the story (its ``_new_names``) names someone or something
    the story named otherwise: in an article carrying a correction note, the name corrected
    ("Harbour master Ingrid Valstad said …" after "… Ingrid Valdal said …")."""
    return any(f[:2] == "e:" for f in names)


def _name_corrected(sentence: SentenceFeatures, names: frozenset[str], index: Earlier,
                    named: frozenset[str]) -> str | None:
    """"Name corrected: Smyth → Smith" when the sentence is one the story told but for a name
    spelled a little otherwise, with nothing else new (``names``: its ``_new_names``) and the
    old name nowhere in the article (``named``: its names), in an article with no note."""
    if len(names) != 1 or next(iter(names))[:2] != "e:" or not sentence.lemmas:
        return None
    [new] = names
    old = renamed.replaced(new, sentence.facts, index.restated(sentence.lemmas), named)
    return renamed.line(old, new, sentence.text) if old else None


def denied(text: str) -> frozenset[Decimal]:
    """The figures the sentence denies ("not two", "rather than 21")."""
    if not DENYING.search(text):
        return frozenset()
    return frozenset(v for m in DENIED.finditer(text) for v in figures.figure_values(m.group(1)))


def _context(sentences: list[SentenceFeatures], position: int, reasons: tuple[str, ...],
             previous: SentenceFeatures | None, story: _Story, year: int | None) -> bool:
    """Whether what made the sentence new is too weak for what it is: background, words said
    before the news, a writer's claim after no news, who someone already named is or how things
    have long been, views given to no one, the writer's own reasoning or series (on real copy such
    sentences are context; a new quote or figure still makes news of who someone is, of how
    things have been, of background, of such views and of reasoning, a new figure of words said
    before)."""
    text = sentences[position].text
    strong = bool(STRONG.intersection(reasons))
    return (not strong and background(text, year)) or \
        ("changed figure" not in reasons and _said_before_at(sentences, position, year)) or \
        (reasons == ("claim",) and previous is None and not _spoken(sentences, position)) or \
        (not strong and not SPOKEN.search(text) and (_who_is(text, story) or habitual(text))) or \
        (not strong and position >= LEAD_SENTENCES and said_already(text)) or \
        (not strong and (unnamed_views(text) or reasoning(text) or in_series(text))) or \
        (not HEARD.intersection(reasons) and forecast(text))


def background(text: str, year: int | None = None) -> bool:
    """Whether the sentence, outside its quotes, tells what happened before ("Norrvik Paper,
    which earlier this year announced …", "He tweeted last year that …", "… married in 2009"
    in an article of a later ``year``): on real copy such sentences are context, not news, when
    only a new name, a continuation or a claim makes them new; a speaker's words about the
    past are theirs to date and stay news."""
    outside = _outside_quotes(text)
    return bool(PAST.search(outside)) or year is not None and any(
        int(found) < year for found in IN_YEAR.findall(outside))


def habitual(text: str) -> bool:
    """Whether the sentence, outside its quotes and the clauses about whoever it names, tells
    how things have long been ("Moscow has long denied …", "Trump has repeatedly attacked …")
    and names no day: on real copy background or analysis when only a new name, a continuation
    or a claim makes it new."""
    outside = _outside_quotes(text)
    return not DAY_NAMED.search(outside) and bool(
        HABITUAL.search(RELATIVE_CLAUSE.sub(" ", outside)))


def said_already(text: str) -> bool:
    """Whether the sentence's only saying, outside its quotes and the clauses about whoever it
    names, is in the perfect ("Ada Brandt has said the ferries …", "The operator had denied …")
    and it names no day: a position given before the news, background when only a new name, a
    continuation or a claim makes it new ("… , who has said …" is about someone named). Not
    asked of an article's lead (LEAD_SENTENCES), which tells the news in whatever tense."""
    outside = _outside_quotes(text)
    return not DAY_NAMED.search(outside) and bool(
        SAID_ALREADY.search(RELATIVE_CLAUSE.sub(" ", outside))) and \
        not SPOKEN.search(SAID_ALREADY.sub(" ", outside))


def _who_is(text: str, story: _Story) -> bool:
    """Whether the sentence tells who or what someone the story already named is (a pronoun's
    subject is someone named before it): who a person is, is background; a new person's is not."""
    found = WHO_IS.match(text)
    if found is None:
        return False
    if found.group("pronoun"):
        return True
    name = found.group("name")
    words = [w for w in name.lower().split() if w != "the"]
    person = entity_key("PERSON", name)  # by the surname, without a "Jr." or "III" after it
    return bool(words) and bool({"e:" + " ".join(words), person or ""} & story.facts)


def unnamed_views(text: str) -> bool:
    """Whether the sentence only says that unnamed people hold views ("Some argue that …, while
    others say …", "… is widely seen as …"), with no one else's words in it: on real copy a
    summary of the debate, not news (what the views are about may name anyone)."""
    outside = _outside_quotes(text)
    held = VAGUE_VOICES.search(outside) or PASSIVE_VIEW.search(outside)
    return bool(held) and not SPOKEN.search(PASSIVE_VIEW.sub(" ", VAGUE_VOICES.sub(" ", outside)))


def reasoning(text: str) -> bool:
    """Whether the sentence opens with the writer's own step of reasoning ("In short, the fares
    never covered the crossings.", "After all, …", "Still, …") and gives no one's words, no
    report and no day: on real copy an analysis or a column's argument, not news, when only a
    new name, a continuation or a claim makes it new (a day named reports what happened:
    "Indeed, on Tuesday, …")."""
    return bool(REASONING.match(text)) and _writers_own(text)


def in_series(text: str) -> bool:
    """Whether the writer, in words of their own (no one's words, no report, no day named),
    calls the news the latest of its kind: on real copy context placing it among earlier
    events, not news, when only a new name, a continuation or a claim makes it new."""
    return bool(SERIES.search(_outside_quotes(text))) and _writers_own(text)


def forecast(text: str) -> bool:
    """Whether the writer, in words of their own (no one's words, no quote, no day named),
    says what could or may happen: on real copy analysis, not news, when only a new
    name, a continuation, a claim or a figure makes it new."""
    return bool(FORECAST.match(text)) and _writers_own(text)


def _writers_own(text: str) -> bool:
    """Whether the sentence gives no one's words, no outlet's report and names no day."""
    return not SPOKEN.search(text) and not REPORTED.search(text) and not DAY_NAMED.search(text)


def _outside_quotes(text: str) -> str:
    """The writer's words, quotes blanked: the past a speaker's words tell is still their news."""
    return QUOTE_SPAN.sub(" ", QUOTE_TAIL.sub(" ", text))


def _spoken(sentences: list[SentenceFeatures], position: int) -> bool:
    """Whether the sentence, or the one before it, gives someone's words: a claim alone (five
    words the story never used) is news on real copy about one time in five, mostly a writer's
    analysis or background, but a speaker's next sentence is their statement."""
    return any(SPOKEN.search(s.text) for s in sentences[max(0, position - 1):position + 1])


def _said_before_at(sentences: list[SentenceFeatures], position: int, year: int | None) -> bool:
    """Whether the sentence's words were said before the news: dated by its own attribution,
    or, for a quote running over two sentences, by the attribution closing it in the next one
    ("“We will mend the roads first. | Then the schools,” she said at a hustings in May 2019")."""
    if said_before(_after_closing(sentences, position), year):
        return True
    return position + 1 < len(sentences) and _opens_quote(sentences[position].text) and \
        said_before(_after_closing(sentences, position + 1), year)


def _after_closing(sentences: list[SentenceFeatures], position: int) -> str:
    """The sentence, less the end of a quote the sentence before it opened (whose closing mark,
    when straight, would read as one opening)."""
    text = sentences[position].text
    if position and _opens_quote(sentences[position - 1].text):
        closing = CLOSING.match(text)
        return text[closing.end():] if closing else text
    return text


def _opens_quote(text: str) -> bool:
    """Whether the sentence ends inside a quote it opened (an odd number of quote marks)."""
    return sum(text.count(mark) for mark in "“”\"") % 2 == 1


def said_before(text: str, year: int | None = None) -> bool:
    """Whether the sentence's attribution, outside its quotes, dates the words before the news
    ("… ,” he tweeted back in March"; "… ,” she told a radio show in 2016" in an article of a
    later ``year``), or cites someone's earlier analysis (CITED): a quote given again from the
    past is background, however new its words to the story; what the words say about the past
    does not count ("… last year,” she said")."""
    outside = _outside_quotes(text)
    return bool(CITED.search(outside)) or any(
        m.group("year") is None or year is not None and int(m.group("year")) < year
        for m in SAID_BEFORE.finditer(outside))


def ranked(news: list[News]) -> list[News]:
    """Strongest evidence first: the strongest of REASONS a sentence has, then how many rules
    found it new (a sentence several rules find is news more often), then article order; a
    correction's sentences in article order (its note, then what is right), and so the lead's
    (the development, then what it adds)."""
    return sorted(news, key=lambda n: (min(REASONS.index(r) for r in n.reasons),
                                       0 if {"correction", "lead"} & set(n.reasons)
                                       else -len(n.reasons),
                                       n.position))


def _reasons(
    sentence: SentenceFeatures, previous: SentenceFeatures | None, best: float, story: _Story,
    weights: dict[str, float], names: frozenset[str], *, new_event: bool = False,
) -> tuple[str, ...]:
    """Which rules find it new: new facts, a new quote, a new claim, or more of the new
    development just before it.

    A new figure counts unless the sentence restates an earlier one almost word for word; a
    new day set for something ahead whatever else it restates (the story never named that
    day); a new name, date, time or age only in a sentence that is mostly new (a rewrite
    reframes "on Tuesday" as "March 4" or "0830 GMT" as "9:30 a.m. local time"); a day after
    every day the story named in such a sentence too, but in a ``new_event``'s, whatever it
    restates ("walked out again on Monday": the running story's events happen again)."""
    reasons = []
    if best < NUMBER_COVERED and not all(figures.known(v, story.figures, story.written)
                                         for v in sentence.figures):
        reasons.append("figure")
    if any(d[:2] == SCHEDULED and NAMED + d[2:] not in story.facts for d in sentence.days):
        reasons.append("date")
    if (best < NAME_COVERED or new_event) and _later_day(sentence, story):
        reasons.append("later day")
    if names and best < NAME_COVERED:
        reasons.append("name")
    if sentence.quote and best < QUOTE_COVERED and _quotes_new_words(sentence.text, story.words):
        reasons.append("quote")
    if previous is not None and best < CONTINUATION_COVERED and (
            sentence.continues or _same_person(previous, sentence)):
        reasons.append("continuation")
    if not sentence.hedged and _claim(sentence, best, story, weights):
        reasons.append("claim")
    return tuple(reasons)


def _later_day(sentence: SentenceFeatures, story: _Story) -> bool:
    """Whether the sentence tells what happened on a day after every day the story named (each
    of its readings: "on Monday" may be the last or the next), as the writer's own words: the
    story has moved on ("The strike ended on Tuesday when the crews voted …" after Monday's
    walkout). The day a saying was made is not one ("… said on Tuesday": a rewrite dates the
    story's quotes afresh), nor a day in a quote."""
    named = [d[2:] for d in sentence.days if d[:2] == NAMED]
    if not named or not story.latest_day or min(named) <= story.latest_day:
        return False
    return _event_day(sentence.text)


def _event_day(text: str) -> bool:
    """Whether the writer names a day, outside quotes, that is not the day of a saying."""
    return bool(DAY_TOLD.search(SAID_ON.sub(" ", _outside_quotes(text))))


def _new_names(sentence: SentenceFeatures, story: _Story) -> frozenset[str]:
    """The sentence's names, numbers and dates the story never had: a name none of whose forms
    the story used (``_known_name_word``, ``_acronym_known``), any number."""
    return frozenset(
        f for f in _unknown_facts(sentence, story) if f.startswith(NOVEL_FACT_PREFIXES)
        and (f[0] == "n" or not all(_known_name_word(w, story) for w in f[2:].split()))
        and not _acronym_known(f, story))


def _unknown_facts(sentence: SentenceFeatures, story: _Story) -> frozenset[str]:
    """The sentence's facts the story never had, less the times told from another event. Those
    are number keys, so the text is searched for them only when a number is new: the search
    tries some thirty number words at every character."""
    unknown = sentence.facts - story.facts
    if any(f[:2] == "n:" for f in unknown):
        return unknown - relative_time_keys(sentence.text)
    return unknown


def relative_time_keys(text: str) -> set[str]:
    """The number keys of the times the sentence tells from another event ("12 hours after"):
    the one number a rewrite of the story's lead adds is often how long after it came."""
    return {key for m in RELATIVE_TIME.finditer(text) for key in number_keys(m.group(1))}


def _known_name_word(word: str, story: _Story) -> bool:
    """A word of a name the story has used, or an ordinal whose number it had ("69th" in the
    "69th Emmy Awards" after "the 69th annual Emmy Awards", where the parse made the ordinal an
    entity of its own)."""
    if known(word, story.words):
        return True
    ordinal = ORDINAL.fullmatch(word)
    return ordinal is not None and "n:" + ordinal.group(1) in story.facts


def _acronym_known(fact: str, story: _Story) -> bool:
    """Whether a name is one the story gave in the other form, written out or as its initials
    ("American Israel Public Affairs Committee" for "AIPAC", or the other way round): a rewrite
    spelling out an organisation the story named is not naming a newcomer."""
    if fact[:2] != "e:":
        return False
    words = fact[2:].split()
    letters = initials(words)
    if len(words) > 1 and len(letters) >= ACRONYM_LETTERS:
        return "e:" + letters in story.facts or letters in story.words
    return len(words) == 1 and words[0] in story.acronyms


def initials(words: Sequence[str]) -> str:
    """A name's initials, its small linking words left out ("of", "and", "for")."""
    return "".join(w[0] for w in words if w not in LINKING_WORDS)


def _claim(sentence: SentenceFeatures, best: float, story: _Story,
           weights: dict[str, float]) -> bool:
    """At least CLAIM_NOVEL_WORDS words the story never used, most of the sentence's weight; or
    nearly as much with a verb of its own predicate the story never used (an event told anew
    of something the story named: "the opening had been put back a week")."""
    total = math.fsum(_w(weights, "l:" + lemma) for lemma in sentence.lemmas) or 1e-9
    novel = [lemma for lemma in sentence.lemmas if lemma not in story.words]
    if len(novel) < CLAIM_NOVEL_WORDS:
        return False
    union = 1 - math.fsum(_w(weights, "l:" + lemma) for lemma in novel) / total
    if union < CLAIM_UNION and best < CLAIM_BEST:
        return True
    return union < CLAIM_PREDICATE_UNION and best < CLAIM_PREDICATE_BEST and \
        bool(sentence.predicate) and not any(known(w, story.words) for w in sentence.predicate)


def _quotes_new_words(text: str, story_words: frozenset[str]) -> bool:
    """Whether the quoted words include one the story never used (in any form): a snippet
    restating the story's lead in other words keeps its quote (an invented example: "must
    end this pointless inquiry"), and that quote is not news. A quote the sentence does not
    close is not checked."""
    quoted = [w for span in QUOTED.findall(text) for w in WORD.findall(span.lower())]
    if not quoted:
        return True
    return any(len(w) >= QUOTED_WORD and w not in FUNCTION_WORDS
               and not _known_form(w, story_words) for w in quoted)


def _known_form(word: str, story_words: frozenset[str]) -> bool:
    """A word the story has used, or an inflection of one ("risen" for "rise")."""
    return known(word, story_words) or any(
        word.startswith(other) for other in story_words if len(other) > 3)


def known(word: str, story_words: frozenset[str]) -> bool:
    """A word the story has used, allowing other forms of a name (Moldova, Moldovans)."""
    if word in story_words:
        return True
    if len(word) < 5:
        return False
    for other in story_words:
        if other[:5] == word[:5]:
            common = len(os.path.commonprefix([word, other]))
            if common >= max(5, min(len(word), len(other)) - 3):
                return True
    return False


def _same_person(previous: SentenceFeatures, sentence: SentenceFeatures) -> bool:
    """Whether the sentence names someone the previous new sentence named."""
    mentioned = sentence.people | sentence.facts | {"e:" + lemma for lemma in sentence.lemmas}
    return bool(previous.people & mentioned)


def _changed_figure(sentence: SentenceFeatures, covers: list[frozenset[str]],
                    index: Earlier) -> bool:
    """A restatement of earlier sentences with a figure they did not have in place of one they
    had: the toll that rose, the rate that was cut again."""
    stated = sentence.figures - denied(sentence.text) if sentence.figures else sentence.figures
    if not stated:
        return False
    earlier = [list(f) for lemmas in covers for f in index.figures(lemmas)]
    return figures.changed(list(stated), earlier)


def _best_cover(
    sentence: SentenceFeatures, index: Earlier, weights: dict[str, float]
) -> tuple[float, list[frozenset[str]]]:
    """The largest weighted share of the sentence's lemmas found in one earlier sentence, and
    the earlier sentences covering at least NUMBER_COVERED of it. Lemmas are summed in sorted
    order: a set's order follows the process's hash seed, and a float sum follows its order."""
    covered: dict[frozenset[str], float] = {}
    total = 0.0
    for lemma in sorted(sentence.lemmas):
        weight = _w(weights, "l:" + lemma)
        total += weight
        for lemmas in index.postings.get(lemma, ()):
            covered[lemmas] = covered.get(lemmas, 0.0) + weight
    if not total:
        return 0.0, []
    best = max(covered.values(), default=0.0) / total
    return best, [n for n, w in covered.items() if w / total >= NUMBER_COVERED]


def _w(weights: dict[str, float], key: str) -> float:
    return weights.get(key, 1.0)
