"""The writer's own "I": the person an article names as its writer, for "“…,” I said" in its
narrative: an excerpt's author ("the second of three excerpts from Tomas Berg's new memoir"),
the name signed under a letter or an op-ed's closing line ("Ana Ruiz is a professor …"), or the
byline's one writer; and the "I" of an interview's answers ("A: I think …"), the person it
introduces."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import takewhile
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from bot.models import Speaker
from bot.nlp.speakers.columns import Columns
from bot.nlp.speakers.first_names import first_name_gender

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

EXCERPTING = frozenset({"excerpt", "excerpts", "excerpted", "adapted", "extract", "extracts",
                        "extracted"})
"""Words that say the text below is taken from a writing: "excerpts from", "adapted from"."""
WRITINGS = frozenset({"book", "memoir", "memoirs", "autobiography", "diary", "essay", "novel"})
"""What a first-person excerpt is taken from, owned by its writer ("Berg's new memoir")."""
JOINING = frozenset({"and"})
"""A word that joins two signers' names: a letter several people sign has no one "I"."""
MAX_NAME_WORDS = 4
MAX_SIGNATURE_WORDS = 6
"""A signature line's words, name and place ("— Ana Maria Ruiz, Port Halden")."""
MAX_TITLE_WORDS = 2
"""Words before the name that opens a closing line ("Rep. Ana Ruiz")."""
ANSWER_LABELS = frozenset({"A:"})
"""What opens an interview's answer in a transcript ("A: I think …")."""
QUESTION_LABELS = frozenset({"Q:"})
"""What opens an interview's question: an answer runs on, over unlabelled paragraphs, to it."""
LABELS = ANSWER_LABELS | QUESTION_LABELS
MIN_ANSWERS = 2
"""Answers that make a transcript: one "A:" line alone may be anything."""
INTERVIEW_WORDS = frozenset({"interview", "interviewed", "q&a", "questions", "transcript"})
"""Words by which an introduction says an interview follows, not an explainer's own answers."""


def excerpts_writer(r: SpeakerResolver) -> Speaker | None:
    """The person whose writing the article says it is taken from, outside quotation marks;
    None when it says no such thing (a news report's "I" stays no one's)."""
    for i in r.reg.columns.lowered(EXCERPTING):
        token = r.reg.doc[i]
        if r.reg.quoted(token.idx):
            continue
        for owner in _owners(token):
            speaker, _ = r.resolve(owner)
            if speaker.kind == "person" and speaker.name is not None:
                return speaker
    return None


def _owners(excerpt: Token) -> list[Token]:
    """The owners of the writings a "from" phrase on ``excerpt`` names ("from Berg's book")."""
    return [owner for prep in excerpt.children if prep.dep_ == "prep" and prep.lower_ == "from"
            for writing in prep.subtree if writing.lemma_.lower() in WRITINGS
            for owner in writing.children if owner.dep_ == "poss"]


def sign_offs(r: SpeakerResolver) -> list[tuple[int, Speaker | None]]:
    """Each line that signs what is above it, by the index of its first token, with the
    writer it names: a name alone ("— Ana Ruiz, Halden"), anywhere, or the last paragraph's
    opening "Ana Ruiz is a professor …"; None where it names no one person (two signers)."""
    paras = _paragraphs(r.reg.columns, r.reg.doc)
    found = [(p.start, _signer(p)) for p in paras if _signature(p)]
    if paras and not (found and found[-1][0] == paras[-1].start):
        writer = _closing_line(r, paras[-1])
        if writer is not None:
            found.append((paras[-1].start, writer))
    return found


def interview(r: SpeakerResolver) -> tuple[list[tuple[int, int]], Speaker | None]:
    """A transcript's answers, as (first, end) token indexes (``_answers``), and who gives
    them: the person named most before the first answer (the introduction's interviewee), the
    first named of those named as often; no answers where fewer than ``MIN_ANSWERS``
    paragraphs open on "A:" or nothing before them says an interview follows (an explainer
    answers itself)."""
    answers = _answers(_paragraphs(r.reg.columns, r.reg.doc))
    if len(answers) < MIN_ANSWERS or \
            not any(t.lower_ in INTERVIEW_WORDS for t in r.reg.doc[:answers[0][0]]):
        return [], None
    before = r.reg.doc[answers[0][0]].idx
    named = Counter(m.key for m in r.reg.mentions
                    if m.offset < before and m.speaker.kind == "person")
    if not named:
        return answers, None
    most = max(named.values())
    first = next(m for m in r.reg.mentions
                 if m.speaker.kind == "person" and named.get(m.key) == most)
    return answers, first.speaker


def _answers(paras: list[Span]) -> list[tuple[int, int]]:
    """The paragraphs opening on "A:", each with the unlabelled ones after it up to the next
    "Q:" (an answer told in several paragraphs); after the last question, the "A:" alone."""
    labels = [_label(p) for p in paras]
    out: list[tuple[int, int]] = []
    for at, para in enumerate(paras):
        if labels[at] not in ANSWER_LABELS:
            continue
        end = next((i for i in range(at + 1, len(paras)) if labels[i]), len(paras))
        last = end - 1 if end < len(paras) and labels[end] in QUESTION_LABELS else at
        out.append((para.start, paras[last].end))
    return out


def _label(para: Span) -> str:
    """"Q:" or "A:" when the paragraph opens on one, else ""."""
    label = para[0].text + para[1].text if len(para) > 1 else ""
    return label if label in LABELS else ""


def bylined(byline: str | None) -> Speaker | None:
    """The one person a byline names ("Ana Ruiz, Halden Herald" → Ana Ruiz), by a known first
    name; None for two writers, a desk or an outlet ("Staff Reports", "The Associated Press")."""
    name = (byline or "").split(",")[0].split("|")[0].strip()
    words = name.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS or any(w.lower() in JOINING for w in words) or \
            not all(w[:1].isupper() and any(c.isalpha() for c in w) for w in words) or \
            first_name_gender(words[0]) is None:
        return None
    return Speaker(name, "person")


def _paragraphs(columns: Columns, doc: Doc) -> list[Span]:
    """The article's paragraphs as spans of words, line breaks left out."""
    out: list[Span] = []
    start = 0
    for i in _line_breaks(columns, doc):
        if i > start:
            out.append(doc[start:i])
        start = i + 1
    if len(doc) > start:
        out.append(doc[start:len(doc)])
    return out


def _line_breaks(columns: Columns, doc: Doc) -> list[int]:
    """Indexes of the blank tokens that break a line, found from the line breaks of the text
    (a Token built for every word of a long article cost more than the rest of this module)."""
    text = doc.text if columns.text is None else columns.text
    found: list[int] = []
    at = text.find("\n")
    while at != -1:
        token = doc[bisect_right(columns.idx, at) - 1]
        if token.is_space:
            found.append(token.i)
        at = text.find("\n", max(at + 1, token.idx + len(token.text)))
    return found


def _signature(para: Span) -> bool:
    """A short line of capitalised words with no verb, after an optional dash, that opens on
    a person's name: a name signed under a letter, a place perhaps ("— Ana Ruiz, Halden")."""
    name = _name_run(para)  # read first: most lines open on no name, and are not read on
    if len(name) < 2 or not (any(t.ent_type_ == "PERSON" for t in name) or
                             first_name_gender(name[0].text) is not None):
        return False
    words = [t for t in para if t.is_alpha]
    return 2 <= len(words) <= MAX_SIGNATURE_WORDS and \
        all(t.text[:1].isupper() or t.lower_ in JOINING for t in words) and \
        not any(t.pos_ in ("VERB", "AUX") for t in para)


def _name_run(para: Span) -> list[Token]:
    """The proper nouns a line opens on, after a dash or other mark."""
    start = next((t.i for t in para if not t.is_punct), para.end)
    return list(takewhile(lambda t: t.pos_ == "PROPN", para.doc[start:para.end]))


def _signer(para: Span) -> Speaker | None:
    """The one person a signature names; None when it is signed by several."""
    if any(t.lower_ in JOINING or t.text == "&" for t in para):
        return None
    return Speaker(" ".join(t.text for t in _name_run(para)), "person")


def _closing_line(r: SpeakerResolver, para: Span) -> Speaker | None:
    """"Ana Ruiz is a professor of law …", "Rep. Ana Ruiz, D-Ore., chairs …": a paragraph
    opening on a full name, subject of a present-tense verb, that says who the writer is."""
    root = para[0].sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if root.tag_ != "VBZ" or subject is None or r.reg.quoted(para[0].idx):
        return None
    if subject.ent_type_ != "PERSON":
        return _untagged_name(subject, para)
    name = [t for t in subject.subtree if t.ent_type_ == "PERSON" and t.i <= subject.i]
    if len(name) < 2 or name[0].i - para.start > MAX_TITLE_WORDS:
        return None
    return _person(r, subject)


def _untagged_name(subject: Token, para: Span) -> Speaker | None:
    """A closing line's subject the recogniser tagged otherwise ("Paul Harlan Ridley" as an
    organisation): a person by a run of proper nouns opening the line on a known first name."""
    name = para.doc[para.start:subject.i + 1]
    if not 2 <= len(name) <= MAX_NAME_WORDS or any(t.pos_ != "PROPN" for t in name) or \
            any(t.dep_ != "compound" for t in name[:-1]) or first_name_gender(name[0].text) is None:
        return None
    return Speaker(" ".join(t.text for t in name), "person")


def _person(r: SpeakerResolver, token: Token) -> Speaker | None:
    speaker, _ = r.resolve(token)
    return speaker if speaker.kind == "person" and speaker.name is not None else None
