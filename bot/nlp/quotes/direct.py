"""Direct quotes and fragments: each quoted span gets the speaker its paragraph gives it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from bot.models import Quote, Speaker
from bot.nlp.quotes.attribution import (
    TERMINALS,
    Attribution,
    according_to,
    attribution_from,
    lead_in_attribution,
    region_after,
    region_before,
    surface_attribution,
)
from bot.nlp.quotes.charged import one_charged
from bot.nlp.quotes.marks import Paragraph, QuoteSpan
from bot.nlp.quotes.reporting import (
    casts_as,
    cue_of,
    is_passive,
    is_reporting,
    judging,
    wants,
)
from bot.nlp.quotes.subjects import document_issuer, passive_agent, subject_of
from bot.nlp.quotes.turns import introductions, label_key, untitled
from bot.nlp.speakers import SpeakerResolver, descriptions, documents
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.words import DASHES, PRONOUN_GENDER

UNKNOWN = Speaker(None, "unknown")
Found = tuple[Attribution, Speaker, float]
SENTENCE_END = (".", "!", "?", "…")
PULL_CLOSERS = ('"', "”")
"""Marks closing a pull quote whose last line names its speaker ("“…\nAna Ruiz, Institute.”")."""
PULL_WORDS = 12
SPOKEN_WORDS = 3
LABEL_WORDS = 5
HEADLINE_WORDS = 25
PAUSE_WORDS = 6
"""A line of narrative between two quotes short enough to be a pause, not a new scene."""
GOING_ON = {"add", "continue"}
ALSO_WORDS = {"more", "also", "again"}
"""Words that may open "More from the report: “…”"."""
"""Verbs by which he/she goes on from the words just quoted ("“…,” he added")."""
CLAUSE_DEPS = {"ccomp", "parataxis"}
"""How the parser hangs quoted words on the verb that tells them."""
NAMED_KINDS = {"person", "organisation"}
MINOR_WORDS = {"the", "of", "a", "an", "and", "in", "on", "to", "for", "with", "at", "by", "or"}


def is_fragment(body: str, span: QuoteSpan) -> bool:
    """A few words quoted inside someone else's sentence (a name, a label, a scare quote)."""
    if span.label:
        return False
    text = body[span.start:span.end]
    words = span.words(body)
    before = _text_before(body, span.open)
    opens_sentence = not before or before[-1] in ".!?:;\n—–-" or before.endswith("\u2019")
    if opens_sentence:
        return False
    if is_partial(body, span) or not any(c.isalpha() for c in text):
        return True
    if words <= 6 and _titled(text.split()):
        return True  # a title or a slogan, even with the full stop inside: on “Meet the Press.”
    if text.rstrip("’'\"”").endswith(SENTENCE_END) and words > 1:
        return False
    return words <= 3


def _text_before(body: str, at: int) -> str:
    """The last words before ``at``, trailing space removed (a bounded look, not a copy)."""
    return body[max(0, at - 80):at].rstrip()


def _titled(words: list[str]) -> bool:
    """Every word capitalised but small ones inside ("Meet the Press", "In the Gutter")."""
    return all(w[:1].isupper() or i > 0 and w in MINOR_WORDS for i, w in enumerate(words))


def _aspectual(verb: Token) -> bool:
    """"She will continue to be “the town's loudest friend”": "continue to" says nothing."""
    return verb.lemma_ == "continue" and any(c.dep_ == "xcomp" for c in verb.children)


def is_partial(body: str, span: QuoteSpan) -> bool:
    """Lower-case words of someone's woven into the reporter's clause ("said it was “a …”")."""
    before = _text_before(body, span.open)
    return bool(before) and before[-1].isalnum() and body[span.start:span.start + 1].islower()


def _sibling(known: list[tuple[int, Found]], at: int) -> Found:
    """The attribution of the nearest attributed quote before ``at`` in the paragraph, else of
    the first after it ("“A,” Ruiz said. “B,” Patel said. “C.”": C is Patel's)."""
    before = [found for start, found in known if start < at]
    return before[-1] if before else known[0][1]


def _goes_on(found: Found) -> bool:
    """"he added", "she continued", "he went on": a he/she subject of a verb of going on."""
    verb = found[0].verb
    return _tagged_by(found) is not None and (verb.lemma_ in GOING_ON or verb.lemma_ == "go" and
                                              any(c.dep_ == "prt" and c.lower_ == "on"
                                                  for c in verb.children))


def _tagged_by(found: Found) -> str | None:
    """The he/she that is the subject of the quote's speech tag ("“…,” she said"), if any."""
    subject = found[0].subject
    if subject is None or subject.lower_ not in PRONOUN_GENDER or subject.dep_ != "nsubj":
        return None
    return subject.lower_


def _told_by(verb: Token, pronoun: str | None) -> bool:
    """The verb's subject is that he/she."""
    return pronoun is not None and any(c.dep_ == "nsubj" and c.lower_ == pronoun
                                       for c in verb.children)


def _interviewer(verb: Token) -> Token | None:
    """Whom "in an interview with Z" before the verb in its sentence names (wherever the
    parser hung the phrase)."""
    for talk in verb.doc[verb.sent.start:verb.i]:
        if talk.lemma_ == "interview" and talk.dep_ == "pobj" and talk.head.lower_ == "in":
            return next((o for w in talk.children if w.dep_ == "prep" and w.lower_ == "with"
                         for o in w.children if o.dep_ == "pobj"), None)
    return None


def _answers(token: Token, asked: Token) -> bool:
    """"… was asked about it and said, “…”": a reporting verb joined to the asking, with no
    object of its own, gives the answer, not the question."""
    return token.head == asked and is_reporting(token) and \
        not any(c.dep_ == "dobj" for c in token.children)


def _names_before(tokens: list[Token]) -> list[Token]:
    """The proper nouns the tokens end in, last first ("… — Ana Ruiz" gives Ruiz, Ana)."""
    names = []
    for token in reversed(tokens):
        if token.pos_ != "PROPN":
            break
        names.append(token)
    return names


def _runs_on(span: QuoteSpan, before: list[Quote],
             by_start: dict[int, QuoteSpan]) -> Speaker | None:
    """A paragraph going on with the quotation left open before it has that quotation's
    speaker ("From X, writing in the Gazette:" / "“…" / "“…")."""
    last = by_start.get(before[-1].start) if before else None
    if not span.continued or last is None or last.closed or last.paragraph != span.paragraph - 1:
        return None
    return before[-1].speaker if before[-1].speaker.name is not None else None


class DirectQuotes:
    """Attributes every quoted span of one article, paragraph by paragraph."""

    def __init__(self, doc: Doc, body: str, spans: list[QuoteSpan], paras: list[Paragraph],
                 resolver: SpeakerResolver, quoted: set[int],
                 starts: list[int] | None = None) -> None:
        self.doc, self.body, self.spans, self.paras = doc, body, spans, paras
        self.resolver, self.quoted = resolver, quoted
        self.starts = starts if starts is not None else [t.idx for t in doc]
        self.fragment = {s: is_fragment(body, s) for s in spans}
        self.by_open = {s.open: s for s in spans}
        self.introduced: dict[str, str] | None = None
        """The full-name label of each surname labelling transcript turns, read at the first."""
        self.untold_sex: dict[int, str] = {}
        """Quotes (by where their words start) tagged by a he/she no rule resolved: its gender."""

    def token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def extract(self) -> list[Quote]:
        quotes: list[Quote] = []
        previous: Quote | None = None
        previous_para = question = -2
        by_para: dict[int, list[QuoteSpan]] = {}
        for span in self.spans:  # grouped once, not filtered again for each paragraph
            by_para.setdefault(span.paragraph, []).append(span)
        for para in self.paras:
            in_para = by_para.get(para.index, [])
            if not in_para:
                if self.body[para.start:para.end].rstrip().endswith("?"):
                    question = para.index
                continue
            adjacent = previous if previous_para == para.index - 1 else None
            if adjacent is None and question == para.index - 1:
                adjacent = self._interviewee(previous, self.paras[question])
            found = self._paragraph(para, in_para, adjacent)
            quotes.extend(found)
            directs = [q for q in found if q.kind == "direct" or q.speaker.name is not None
                       and q.verb is not None]  # "X shot back, saying he's “…”" / "“…”"
            if directs:
                previous, previous_para = directs[-1], para.index
        return [self._against_tag(q) for q in self._from_context(self._close_runs(quotes))]

    def _against_tag(self, quote: Quote) -> Quote:
        """"The judge asked …. “…,” she said", with no woman named: the quote's own he/she
        resolved to no one, and whoever the text around gives it (the last person, a sibling
        quote's speaker) may not be a person the article shows to be of the other sex."""
        gender = self.untold_sex.get(quote.start)
        reg = self.resolver.reg
        if gender is None or quote.speaker.kind != "person" or quote.speaker.name is None or \
                reg.gender(reg.key_of(quote.speaker.name)) in (None, gender):
            return quote
        return replace(quote, speaker=UNKNOWN, confidence=conf.UNKNOWN)

    def _from_context(self, quotes: list[Quote]) -> list[Quote]:
        """A quote nothing in its sentence attributes: whoever the text around it introduces."""
        by_start = {s.start: s for s in self.spans}
        out: list[Quote] = []
        for quote in quotes:
            span = by_start.get(quote.start)
            # not "“…,” I said" with no writer named, nor a turn whose label names no one
            if quote.kind == "direct" and quote.speaker.name is None and span is not None and \
                    quote.verb is None and not span.label:
                speaker = _runs_on(span, out, by_start) or self._it_goes_on(span, out) or \
                    self._context_speaker(span, later=not self._it_tagged(span)) or \
                    self._after_pause(span, out, by_start)
                if speaker is not None:
                    quote = replace(quote, speaker=speaker, confidence=conf.CONTEXT)
            elif quote.kind == "fragment" and quote.speaker.name is None and span is not None:
                quote = self._headline_fragment(quote, span)
            out.append(quote)
        return out

    def _headline_fragment(self, quote: Quote, span: QuoteSpan) -> Quote:
        """"Ruiz: Levy Is ‘A Tax On Boats’": words quoted in a "Name: words" headline are the
        named person's, as the headline's claim is."""
        speaker = self._headline_label(self.paras[span.paragraph], span)
        if speaker is None:
            return quote
        return replace(quote, speaker=speaker, confidence=min(conf.HEADLINE, conf.FRAGMENT_CAP))

    def _it_goes_on(self, span: QuoteSpan, before: list[Quote]) -> Speaker | None:
        """"“…,” it reads. / “…,” it said.": a tag whose "it" names no one goes on with the
        speaker of the quote just before it, in its paragraph or the one before."""
        last = before[-1] if before else None
        if last is None or last.kind != "direct" or last.speaker.name is None or \
                self.token_at(last.start) < self._indexes(
                    self.paras[max(0, span.paragraph - 1)].start, span.open).start or \
                not self._it_tagged(span):
            return None
        return last.speaker

    def _it_tagged(self, span: QuoteSpan) -> bool:
        """The quote's sentence ends on "it" and a verb ("“…,” it stated.")."""
        after = region_after(self.doc, self.token_at(max(span.close - 1, span.open)) + 1,
                             self.quoted, self.paras[span.paragraph].end)
        words = [t for t in after if not (t.is_punct or t.is_space)]
        return len(words) == 2 and words[0].lower_ == "it" and words[1].pos_ == "VERB"

    def _context_speaker(self, span: QuoteSpan, *, later: bool) -> Speaker | None:
        """The subject of the narrative before the quote in its paragraph, else the speaker a
        paragraph ending in a colon introduces, else the subject of the paragraph before, else
        (``later``) the speaker of the paragraph after, the only one a quote opening the
        article has ("“…” / That was Ruiz's answer" is not covered); not for a quote whose tag
        is an "it" no rule resolved ("“…,” it stated" is no one named after it)."""
        para = self.paras[span.paragraph]
        speaker = self._headline_label(para, span) or \
            self.resolver.last_person(span.open, since=para.start)
        if speaker is not None:
            return speaker
        if span.paragraph == 0:  # a quote leading the article: "“…” / Ana Ruiz, who …, said"
            alone = not self.body[para.start:span.open].strip()
            return self._first_speaker(self.paras[1]) if later and alone and \
                len(self.paras) > 1 else None
        before = self.paras[span.paragraph - 1]
        introduced = self._introduced(before) or self._statement_before(before)
        if introduced is not None:
            return introduced
        speaker = self._last_speaker(before) or \
            self.resolver.last_person(before.end, since=before.start)
        if speaker is not None or not later or span.paragraph + 1 >= len(self.paras):
            return speaker
        return self._first_speaker(self.paras[span.paragraph + 1])

    def _after_pause(self, span: QuoteSpan, before: list[Quote],
                     by_start: dict[int, QuoteSpan]) -> Speaker | None:
        """"“…” / She waits. / “…”": a quote after a short line of narrative that names no one
        goes on with whoever spoke the quote just before that line."""
        last = by_start.get(before[-1].start) if before else None
        if last is None or last.paragraph != span.paragraph - 2 or \
                before[-1].speaker.name is None or before[-1].kind != "direct":
            return None
        pause = self.paras[span.paragraph - 1]
        tokens = self._tokens(pause.start, pause.end)
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        if not words or len(words) > PAUSE_WORDS or tokens[-1].text == ":" or \
                any(t.pos_ == "PROPN" for t in words):
            return None
        return before[-1].speaker

    def _headline_label(self, para: Paragraph, span: QuoteSpan) -> Speaker | None:
        """"Dr. Ana Ruiz: Brandt ‘Not Fit To Run The Harbour’": a headline-length paragraph
        opening with a person's name and a colon is that person's claim, quotes included."""
        text = self.body[para.start:span.open]
        label, colon, _ = text.partition(": ")
        words = label.split()
        if not colon or not words or \
                len(self.body[para.start:para.end].split()) > HEADLINE_WORDS:
            return None
        if len(words) <= LABEL_WORDS and all(w[:1].isupper() for w in words):
            names = [w for w in words if not w.endswith(".")][-2:]  # "Dr. Ana Ruiz", "Rep. Ruiz"
            speaker = self.resolver.person_named(" ".join(names)) if names else None
            if speaker is not None:
                return speaker
        return self._opening_name(words)

    def _opening_name(self, words: list[str]) -> Speaker | None:
        """"Ruiz on the Harbour Vote: ‘…’", "Ana Ruiz Visits Leeds: ‘…’": a headline's words
        before the colon open with their subject, the person whose name they begin with."""
        for n in (2, 1):
            opening = words[:n]
            speaker = self.resolver.person_named(" ".join(opening))
            if speaker is not None and speaker.name is not None and all(
                    w.lower() in speaker.name.lower().split() for w in opening):
                return speaker
        return None

    def _introduced(self, para: Paragraph) -> Speaker | None:
        """"In a statement, the group's president wrote:" introduces the next paragraph."""
        text = self.body[para.start:para.end].rstrip()
        if not text.endswith(":"):
            return None
        colon = self.token_at(para.start + len(text) - 1)
        tokens = region_before(self.doc, colon, self.quoted, para.start)
        found = attribution_from(tokens, self.quoted, last=True)
        if found is None or found.subject is None:
            return self._label(tokens)
        speaker, _ = self.resolver.resolve(found.subject)
        return speaker if speaker.name is not None else None

    def _statement_before(self, para: Paragraph) -> Speaker | None:
        """"… the board issued a statement apologising to Berg." then “…”: the quote is the
        statement, its issuer's, not the last person the paragraph named."""
        tokens = self._tokens(para.start, para.end)
        last = next((t for t in reversed(tokens) if not t.is_space), None)
        return None if last is None else documents.issued_in(self.resolver, last.sent)

    def _label(self, tokens: list[Token]) -> Speaker | None:
        """"Ruiz:" or "Senator Ana Ruiz:" alone before the words: a transcript-style turn."""
        words = [t for t in tokens if not t.is_space and t.text != ":"]
        if not words or len(words) > 4 or any(t.pos_ != "PROPN" for t in words):
            return None
        speaker, _ = self.resolver.resolve(words[-1])
        return speaker if speaker.kind == "person" else None

    def _last_speaker(self, para: Paragraph) -> Speaker | None:
        """Whom the last sentence of the paragraph before reports speaking ("The closure, Dahl
        wrote, shows why the port needs Berg's crane." / “…”): the named subject of its last
        reporting verb, not the last person it mentions."""
        indexes = self._indexes(para.start, para.end)
        if not indexes:
            return None
        sent = self.doc[indexes[-1]].sent
        for i in range(indexes[-1], max(indexes.start, sent.start) - 1, -1):
            if i in self.quoted or not is_reporting(self.doc[i]):
                continue
            subject = subject_of(self.doc[i], self.quoted)
            speaker = self.resolver.resolve(subject)[0] if subject is not None else None
            if speaker is not None and speaker.name is not None and \
                    speaker.kind in NAMED_KINDS:
                return speaker
        return None

    def _first_speaker(self, para: Paragraph) -> Speaker | None:
        """The subject of the first reporting verb of the paragraph after the quote."""
        for token in self._tokens(para.start, para.end):
            if token.i in self.quoted or not is_reporting(token):
                continue
            subject = subject_of(token, self.quoted)
            if subject is None:
                return None
            speaker, _ = self.resolver.resolve(subject)
            return speaker if speaker.name is not None else None
        return None

    def _close_runs(self, quotes: list[Quote]) -> list[Quote]:
        """A quote left open at a paragraph's end takes the speaker of the part that follows."""
        by_start = {s.start: s for s in self.spans}
        out = list(quotes)
        for i in range(len(out) - 2, -1, -1):
            span, nxt = by_start.get(out[i].start), by_start.get(out[i + 1].start)
            if span is None or nxt is None or span.closed or not nxt.continued:
                continue
            if out[i].speaker.name is None and out[i + 1].speaker.name is not None:
                out[i] = self._carry(span, out[i + 1])
        return out

    def _paragraph(self, para: Paragraph, spans: list[QuoteSpan],
                   previous: Quote | None) -> list[Quote]:
        attributed = [self._attribute(para, s) for s in spans]
        if any(found is not None and _tagged_by(found) is not None for found in attributed):
            attributed = self._gone_on(attributed, spans, previous)
        known = [(s.open, a) for s, a in zip(spans, attributed, strict=True)
                 if a is not None and (not self.fragment[s] or self._spoken(s))]
        inherited = self._inherit(para, previous)
        out = []
        for span, found in zip(spans, attributed, strict=True):
            if self.fragment[span]:
                out.append(self._quote(span, "fragment", self._not_answered(span, found),
                                       confidence_cap=conf.FRAGMENT_CAP))
            elif found is not None:
                out.append(self._quote(span, "direct", found))
            elif known:
                out.append(self._quote(span, "direct", self._continued(spans, attributed, span)
                                       or _sibling(known, span.open),
                                       confidence_cap=conf.SIBLING_CAP))
            elif inherited is not None:
                out.append(self._carry(span, inherited))
            else:
                out.append(self._quote(span, "direct", None))
        return out

    def _continued(self, spans: list[QuoteSpan], attributed: list[Found | None],
                   span: QuoteSpan) -> Found | None:
        """"“The pier will reopen” - at which point the crowd chanted “Now!” - “and the crews
        will be back.”": a quote opening in lower case goes on with the nearest attributed quote
        before it that left its sentence open, not with the interruption ended by its own mark."""
        if not self.body[span.start:span.start + 1].islower():
            return None
        for before, found in zip(reversed(spans), reversed(attributed), strict=True):
            if before.open >= span.open or found is None or self.fragment[before]:
                continue
            text = self.body[before.start:before.end].rstrip()
            if not text.endswith((".", "!", "?")):
                return found
        return None

    def _gone_on(self, attributed: list[Found | None], spans: list[QuoteSpan],
                 previous: Quote | None) -> list[Found | None]:
        """"“…,” Ruiz said. “…,” she added": he/she going on is whoever spoke the quote just
        before (in the paragraph or the one before it), when that person may be a he/she and
        no one else is reported speaking in between; so is a he/she that tagged the quote
        before in the same paragraph ("“…,” she said about Ruiz. “…,” she said": one woman
        speaking, however much better known the one she speaks of)."""
        opening = self.paras[spans[0].paragraph].start if spans else 0
        last: tuple[Speaker, int, int, str | None] | None = \
            (previous.speaker, opening, -1, None) if previous is not None else None
        out: list[Found | None] = []
        for span, found in zip(spans, attributed, strict=True):
            if found is not None and not self.fragment[span]:
                tag = _tagged_by(found)
                going_on = _goes_on(found) or tag is not None and last is not None and \
                    last[3] == tag
                if last is not None and going_on and self._fits(last[0], found) and \
                        not self._reported_between(last[1], span.open, last[2], tag):
                    found = (found[0], last[0], found[2])
                last = (found[1], span.close, found[0].verb.i, tag)
            out.append(found)
        return out

    def _fits(self, speaker: Speaker, found: Found) -> bool:
        """The earlier speaker is a person the pronoun may mean, and not whom it was read as."""
        subject = found[0].subject
        reg = self.resolver.reg
        return subject is not None and speaker.kind == "person" and \
            speaker.name != found[1].name and \
            reg.gender(reg.key_of(speaker.name)) in (None, PRONOUN_GENDER[subject.lower_])

    def _reported_between(self, start: int, end: int, own: int, tag: str | None) -> bool:
        """A reporting verb outside quotes between two quotes, other than the first one's own
        ("Jansen said the crews would vote. “…,” he added": Jansen goes on, not the last quoted)
        and other than one whose subject is the tag's own he/she ("“…,” Jansen said. The deal,
        which he estimates …. “…,” he added": the same man telling on)."""
        return any(i != own and i not in self.quoted and is_reporting(self.doc[i]) and
                   not _told_by(self.doc[i], tag) for i in self._indexes(start, end))

    def _spoken(self, span: QuoteSpan) -> bool:
        """A partial quote long enough to be someone's words, not a label ("said that “we will
        not back down,”")."""
        return is_partial(self.body, span) and span.words(self.body) > SPOKEN_WORDS

    def _interviewee(self, previous: Quote | None, question: Paragraph) -> Quote | None:
        """An answer under an interviewer's question: whoever answered the last one, or the
        person the interview introduced."""
        if previous is not None:
            return previous
        person = self.resolver.last_person(question.start)
        if person is None:
            return None
        return Quote("", question.start, question.start, "direct", person,
                     confidence=conf.INTERVIEWEE)

    def _inherit(self, para: Paragraph, previous: Quote | None) -> Quote | None:
        """A paragraph of nothing but quotes continues the speaker of the previous paragraph."""
        if previous is None or previous.speaker.name is None:
            return None
        outside = any(i not in self.quoted and not ((t := self.doc[i]).is_punct or t.is_space)
                      for i in self._indexes(para.start, para.end))
        return previous if not outside else None

    def _tokens(self, start: int, end: int) -> list[Token]:
        return [self.doc[i] for i in self._indexes(start, end)]

    def _indexes(self, start: int, end: int) -> range:
        """Indexes of the tokens starting at or after ``start`` and before ``end``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def _attribute(self, para: Paragraph, span: QuoteSpan) -> Found | None:
        if span.label:
            return self._turn(span)
        if self.fragment[span]:
            governing = self._governing(span)
            if governing is not None:
                return governing
        opening = self.token_at(span.open)
        closing = self.token_at(max(span.close - 1, span.open))
        after = self._after(closing + 1, para)
        before = region_before(self.doc, opening - 1, self.quoted, para.start)
        asked = None if self.fragment[span] else self._asked_by(before)
        if asked is not None:
            return asked
        if before and before[-1].lower_ == "that" and not self.fragment[span]:
            governing = self._governing(span)  # "Trump claimed that “…,” one of the …said"
            if governing is not None:
                return governing
        ended = span.closed and self.body[span.start:span.end].endswith(".")
        prefers_before = bool(before) and (before[-1].text == ":" or ended or  # “….” New sentence
                                           self._both_introduce(before, after))
        signed = self._signed_label(before) or self._signature(span) or \
            self._named_label(before) or self._quoted_from(before)
        if signed is not None:
            return signed
        if ended and not self.fragment[span] and (self._reports_else(after) or
                                                  self._leads_on(after, {":"})):
            after = []  # "“….” The chief said he would have sacked him, according to reports."
        order = ((before, True), (after, False)) if prefers_before else \
            ((after, False), (before, True))
        for tokens, last in order:
            if not last and ended and self.fragment[span]:
                own = self._own_verb(para, span)
                if own is not None:
                    return own
            found = attribution_from(tokens, self.quoted, last=last,
                                     in_paragraph=not self.fragment[span])
            if found is not None and found.subject is not None:
                speaker, confidence = self.resolver.resolve(found.subject)
                if speaker.name is not None or self._narrators(found.subject):
                    return found, speaker, confidence
                self._untold(span, found.subject)
        found = None if self.fragment[span] else \
            surface_attribution(after, self.quoted) or self._speech_tag(span, after) or \
            lead_in_attribution(before, self.quoted)
        if found is not None and found.subject is not None:
            speaker, confidence = self.resolver.resolve(found.subject)
            if speaker.name is not None:
                return found, speaker, confidence - conf.SURFACE_PENALTY
            self._untold(span, found.subject)
        return None if self.fragment[span] else self._clause_of(para, span)

    def _asked_by(self, before: list[Token]) -> Found | None:
        """"X was asked by Y, “…?”", "In an interview with Z, X was asked, “…?”": the question
        quoted after a passive verb of asking is the asker's (its agent, else whom the
        interview was with), not its subject's; none named, no answer here."""
        verb = next((t for t in reversed(before) if t.lemma_ == "ask"), None)
        if verb is None or not is_passive(verb) or any(
                t.i > verb.i and (_answers(t, verb) or t.i > verb.right_edge.i and
                                  not t.is_punct) for t in before):
            return None
        asker = passive_agent(verb, self.quoted) or _interviewer(verb)
        if asker is None:
            return None
        speaker, confidence = self.resolver.resolve(asker)
        if speaker.name is None:
            return None
        return Attribution(verb, asker, cue_of(verb)), speaker, confidence

    def _untold(self, span: QuoteSpan, subject: Token) -> None:
        """Remember the sex of an unquoted he/she tagging the quote that resolved to no one."""
        if subject.lower_ in PRONOUN_GENDER and subject.i not in self.quoted:
            self.untold_sex.setdefault(span.start, PRONOUN_GENDER[subject.lower_])

    def _not_answered(self, span: QuoteSpan, found: Found | None) -> Found | None:
        """"Someone called it a “slow surrender,” and I agree": a phrase the narrative's "I"
        answers by a verb after it is not the writer's; "I called it a “…”" is."""
        if found is None or found[0].subject is None or not self._narrators(found[0].subject) or \
                found[0].verb.idx < span.open:
            return found
        return found[0], UNKNOWN, conf.UNKNOWN

    def _narrators(self, subject: Token) -> bool:
        """"“…,” I said." in the narrative: the writer's words, no one else's, named or not."""
        return subject.lower_ == "i" and subject.i not in self.quoted

    def _after(self, index: int, para: Paragraph) -> list[Token]:
        """The words after a quote, read on past a name or title quoted inside a comma-set
        aside (`“…,” Ana Ruiz, wearing a “Save the Pier” badge, said`)."""
        after = region_after(self.doc, index, self.quoted, para.end)
        while after and after[-1].i + 1 < len(self.doc) and after[-1].text not in TERMINALS and \
                any(t.text == "," for t in after[1:]):
            fragment = self._fragment_at(self.doc[after[-1].i + 1].idx)
            if fragment is None:
                break
            rest = region_after(self.doc, self.token_at(fragment.close - 1) + 1, self.quoted,
                                para.end)
            if not rest:
                break
            after = after + rest
        return after

    def _fragment_at(self, offset: int) -> QuoteSpan | None:
        """The quoted name or title (a fragment of two to six words) whose mark is at
        ``offset``."""
        span = self.by_open.get(offset)
        if span is None or not self.fragment[span] or not span.closed or \
                not 2 <= span.words(self.body) <= 6 or \
                self.body[span.start:span.end][-1:] in SENTENCE_END:
            return None
        return span

    def _signed_label(self, before: list[Token]) -> Found | None:
        """"Pollsters agree - Ana Ruiz: “…”": the name between a dash and the colon speaks."""
        if len(before) < 3 or before[-1].text != ":":
            return None
        names = _names_before(before[:-1])
        head = before[len(before) - 2 - len(names)] if len(names) < len(before) - 1 else None
        if not names or len(names) > 4 or head is None or head.text not in DASHES:
            return None
        speaker = self.resolver.person_named(" ".join(t.text for t in reversed(names)))
        return (Attribution(head, None, None), speaker, conf.SIGNED) if speaker else None

    def _reports_else(self, after: list[Token]) -> bool:
        """The sentence after a quote closed by a full stop reports words of its own (a clause
        of its reporting verb, or a verb beside "according to"): it does not attribute the
        quote."""
        if according_to(after) is not None:
            return any(t.pos_ == "VERB" for t in after)
        return any(is_reporting(t) and any(c.dep_ in {"ccomp", "xcomp"} and c.i not in self.quoted
                                           for c in t.children) for t in after)

    def _leads_on(self, after: list[Token], marks: set[str]) -> bool:
        """The words after the quote end in one of ``marks`` right before the next quote: they
        introduce it ("“….” Mr. Zahed said: “…”")."""
        return bool(after) and after[-1].text in marks and after[-1].i + 1 in self.quoted

    def _both_introduce(self, before: list[Token], after: list[Token]) -> bool:
        """"X responds with, “…?” Y then writes back, “…”": the words after the quote lead into
        the next one, so the words before, which lead into this one, attribute it."""
        if not after or before[-1].text not in {",", ":"}:
            return False
        if any(is_reporting(t) for t in before) and (
                self._reports_else(after) or self._leads_into_next(after)):
            return True  # "… telling her, “…!” She replied to him that …"
        return after[-1].text in {",", ":"} and after[-1].i + 1 < len(self.doc) and \
            after[-1].i + 1 in self.quoted

    def _leads_into_next(self, after: list[Token]) -> bool:
        """"He said, “…” - at which point the crowd chanted “…!”": a reporting verb running
        straight into the next quote introduces that one, not the quote before it."""
        return after[-1].i + 1 in self.quoted and any(is_reporting(t) for t in after)

    def _named_label(self, before: list[Token]) -> Found | None:
        """"… in the debate. Okoye: “…”": a name alone before a colon opens the words, or
        after a reporting verb that opens the sentence ("Continued Okoye: “…”")."""
        if len(before) < 2 or before[-1].text != ":":
            return None
        names = _names_before(before[:-1])
        opener = before[-2 - len(names)] if len(names) < len(before) - 1 else before[-1]
        inverted = opener.i == before[0].i and is_reporting(opener)
        if not opener.is_punct and not inverted:
            return None
        speaker = self._label(before[-1 - len(names):])
        verb = opener if inverted else before[-1]
        return (Attribution(verb, names[0], None), speaker, conf.TURN) if speaker else None

    def _quoted_from(self, before: list[Token]) -> Found | None:
        """"From the report: “…”", "More from Ruiz's letter: “…”" (also after a dash that
        ends a heading): the words are the source's."""
        dash = max((k for k, t in enumerate(before) if t.text in DASHES), default=-1)
        words = before[dash + 1:]
        opening = words[1:] if words and words[0].lower_ in ALSO_WORDS else words
        if not 3 <= len(opening) <= LABEL_WORDS + 2 or opening[0].lower_ != "from" or \
                opening[-1].text != ":":
            return None
        source = next((t for t in opening[1:-1] if t.head.i == opening[0].i and
                       t.dep_ == "pobj"), None)
        if source is None:
            return None
        speaker, confidence = self.resolver.resolve(source)
        return (Attribution(opening[0], source, None), speaker, confidence) \
            if speaker.name is not None else None

    def _signature(self, span: QuoteSpan) -> Found | None:
        """A quote closing its paragraph, signed in the next one: "“…” / — Ana Ruiz."."""
        if span.paragraph + 1 >= len(self.paras) or \
                self.body[span.close:self.paras[span.paragraph].end].strip(" .,"):
            return None
        nxt = self.paras[span.paragraph + 1]
        text = self.body[nxt.start:nxt.end].strip()
        if not span.closed and text.endswith(PULL_CLOSERS):
            return self._pull_quote(nxt, text)
        if text[:1] not in DASHES or len(text.split()) > 15:
            return None
        name = text.lstrip("".join(DASHES) + " ").split(",")[0].rstrip(". ")
        if not name or len(name.split()) > 4 or not name[:1].isupper():
            return None
        speaker = self.resolver.person_named(name)
        dash = self.doc[self.token_at(nxt.start + len(self.body[nxt.start:nxt.end]) -
                                      len(self.body[nxt.start:nxt.end].lstrip()))]
        return (Attribution(dash, None, None), speaker, conf.SIGNED) if speaker else None

    def _pull_quote(self, line: Paragraph, text: str) -> Found | None:
        """"“The pier must reopen.\nFormer harbour master Ana Ruiz, Port Institute.”": a quote
        left open at its paragraph's end and closed after a line naming its speaker."""
        words = text.rstrip("".join(PULL_CLOSERS) + " .").split(",")[0].split()
        if not words or len(text.split()) > PULL_WORDS or any(m in text[:-1] for m in "\"“”"):
            return None
        names: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper():
                break
            names.insert(0, word)
        names = [w for w in names if not w.endswith(".")]  # "S.C. Rep. Ana Ruiz"
        if not names or len(names) > 3:
            return None
        speaker = self.resolver.person_named(" ".join(names))
        mark = self.doc[self.token_at(line.start)]
        return (Attribution(mark, None, None), speaker, conf.SIGNED) if speaker else None

    def _speech_tag(self, span: QuoteSpan, after: list[Token]) -> Attribution | None:
        """"“…?” Okafor pressed." or "“…,” she laughed.": a clause of a subject and a verb alone
        after words that end in a comma, question or exclamation mark is their attribution."""
        text = self.body[span.start:span.close]
        words = [t for t in after if not t.is_punct and not t.is_space]
        if not text.rstrip("\"”’' ").endswith((",", "?", "!")) or not 2 <= len(words) <= 4 or \
                not after or after[-1].text not in {".", "!", "?"}:
            return None
        verb = next((t for t in words if t.pos_ == "VERB"), None)
        if verb is None or any(c.dep_ in {"dobj", "ccomp", "xcomp", "auxpass"}
                               and c.i not in self.quoted for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in {"PROPN", "PRON", "NOUN"}:
            return None
        return Attribution(verb, subject, None)

    def _clause_of(self, para: Paragraph, span: QuoteSpan) -> Found | None:
        """"“…,” the harbour chief scoffed at the plan": whatever the verb, the words the parser
        hangs on an unquoted verb of their paragraph as its clause are its subject's (not a
        relative clause's: "a post that read: “…”" is the post's)."""
        for i in self._indexes(span.start, span.close):
            tok = self.doc[i]
            verb = tok.head if tok.dep_ in CLAUSE_DEPS else self._as_clause(tok)
            if verb is not None and verb.i not in self.quoted and verb.pos_ == "VERB" and \
                    para.start <= verb.idx < para.end and verb.dep_ != "relcl":
                subject = subject_of(verb, self.quoted, in_paragraph=True)
                if subject is None:
                    return None
                speaker, confidence = self.resolver.resolve(subject)
                if speaker.kind not in NAMED_KINDS:
                    return None  # "“…,” a new ad opens": whom the text around introduces
                return Attribution(verb, subject, cue_of(verb)), speaker, confidence
        return None

    def _own_verb(self, para: Paragraph, span: QuoteSpan) -> Found | None:
        """A fragment that ends its sentence ("coached Berg to “breathe, breathe.”") is chosen by
        the subject of the verb it hangs from in that sentence, not by the next sentence."""
        first = self.doc[self.token_at(span.start)]
        chain = [a for a in first.ancestors if a.i not in self.quoted]
        if any(is_reporting(a) for a in chain):
            return None  # inside someone's reported words: theirs, or the context's
        verb = next((a for a in chain if a.pos_ in {"VERB", "AUX"}), None)
        subject = None if verb is None or verb.pos_ != "VERB" else \
            next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb is None or subject is None or not para.start <= verb.idx < span.open or \
                verb.dep_ == "relcl" or any(c.dep_ == "mark" for c in verb.children):
            return None  # "if she gave “…”": a condition in the writer's sentence, no choice
        speaker, confidence = self.resolver.resolve(subject)
        if speaker.kind not in NAMED_KINDS:
            return None
        return Attribution(verb, subject, cue_of(verb)), speaker, confidence

    def _as_clause(self, tok: Token) -> Token | None:
        """"As the band sang in 1990, “…”": an unquoted "as" clause the parser hangs on the
        quoted words' verb says whose they are."""
        return next((c for c in tok.children if c.dep_ == "advcl" and c.i not in self.quoted
                     and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)), None)

    def _governing(self, span: QuoteSpan) -> Found | None:
        """A fragment belongs to the reporting verb it hangs from ("said the army had kept the
        truce “to the letter” and accused …" is the spokesman's, not the army's)."""
        first = self.doc[self.token_at(span.start)]
        for ancestor in first.ancestors:
            if ancestor.i in self.quoted or not (is_reporting(ancestor) or judging(ancestor) or
                                                 casts_as(ancestor, first) or
                                                 wants(ancestor, first)) \
                    or _aspectual(ancestor) or \
                    any(c.dep_ == "neg" for c in ancestor.children):
                continue  # "resign for not calling it “…”": not the words of who did not say
            subject = passive_agent(ancestor, self.quoted) or one_charged(ancestor, self.quoted) \
                or subject_of(ancestor, self.quoted) or document_issuer(ancestor, self.quoted)
            if subject is None:
                return None
            speaker, confidence = self.resolver.resolve(subject)
            if speaker.name is None:
                return None
            return Attribution(ancestor, subject, cue_of(ancestor)), speaker, confidence
        return None

    def _turn(self, span: QuoteSpan) -> Found:
        """A transcript turn is spoken by the person its label names ("RUIZ:", "Ana Ruiz:"),
        else the title's holder ("THE PRESIDENT:"), else the person a full-name label
        introduced ("ANA RUIZ:" then "RUIZ:"); a label naming no one leaves it no one's."""
        para = self.paras[span.paragraph]
        written = self.body[para.start:span.open].strip()
        label = self.doc[self.token_at(span.open - 1)]
        speaker = self.resolver.person_named(untitled(written)) or \
            descriptions.title_holder(self.resolver, label) or self._introduced_as(written)
        if speaker is None:
            return Attribution(label, None, None), UNKNOWN, conf.UNKNOWN
        return Attribution(label, None, None), speaker, conf.TURN

    def _introduced_as(self, label: str) -> Speaker | None:
        """"DESMOND OKWUOSA:" then "OKWUOSA:": the person the full-name label introduced."""
        if self.introduced is None:
            self.introduced = introductions(self.body, self.spans, self.paras)
        full = self.introduced.get(label_key(label))
        if full is None:
            return None
        return self.resolver.person_named(full) or Speaker(full, "person")

    def _quote(self, span: QuoteSpan, kind: str,
               found: Found | None,
               confidence_cap: float = 1.0) -> Quote:
        text = self.body[span.start:span.end]
        if found is None:
            return Quote(text, span.start, span.end, kind, UNKNOWN, confidence=conf.UNKNOWN)
        attribution, speaker, confidence = found
        verb = attribution.verb
        verb_text: str | None = "according to" if verb.lower_ == "according" else verb.text
        if span.label or verb.is_punct:
            verb_text = None
        elif not is_reporting(verb) and verb_text != "according to":
            confidence -= conf.NOT_REPORTING_PENALTY
        return Quote(text, span.start, span.end, kind, speaker, verb=verb_text,
                     cue=attribution.cue, confidence=round(min(confidence, confidence_cap), 2))

    def _carry(self, span: QuoteSpan, previous: Quote) -> Quote:
        text = self.body[span.start:span.end]
        return Quote(text, span.start, span.end, "direct", previous.speaker, verb=previous.verb,
                     cue=previous.cue,
                     confidence=round(min(previous.confidence, conf.CARRIED_CAP), 2))
