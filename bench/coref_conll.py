"""spaCy's parse of an article as CoNLL-U with Universal Dependencies labels, for xrenner.

spaCy's English models label dependencies in the ClearNLP scheme (``dobj``, ``pobj`` under a
``prep``, ``attr`` under a copula); xrenner's English model was built on UD (GUM), where the
noun governs its preposition (``case``) and a predicate nominal governs its copula (``cop``).
The tree is reshaped for those two, a name's words hang off its first word (``flat``, as UD has
it, where spaCy makes them compounds of the last) and the other labels are renamed; the columns
are UD's (UPOS, then the PTB tag xrenner's rules read). Whitespace tokens are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

RENAMED = {
    "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass",
    "dobj": "obj", "dative": "iobj", "poss": "nmod:poss", "neg": "advmod",
    "relcl": "acl:relcl", "npadvmod": "obl:npmod", "quantmod": "advmod",
    "predet": "det:predet", "preconj": "cc:preconj", "intj": "discourse", "meta": "dep",
    "prt": "compound:prt", "oprd": "xcomp", "acomp": "xcomp", "attr": "xcomp",
    "ROOT": "root", "prep": "advmod", "agent": "advmod", "pcomp": "advcl", "pobj": "obl",
}
PREPOSITIONS = frozenset({"prep", "agent"})
VERBAL = frozenset({"VERB", "AUX", "ADJ", "ADV"})


@dataclass(frozen=True)
class Arc:
    """One token's head (an index into the doc, or -1 for the root) and UD label."""

    head: int
    label: str


def ud_arcs(sent: Span) -> dict[int, Arc]:
    """The UD tree of one sentence, keyed by doc token index."""
    arcs = {t.i: Arc(-1 if t.head.i == t.i else t.head.i, t.dep_) for t in sent}
    for token in sent:
        if token.dep_ in PREPOSITIONS:
            _lower_preposition(arcs, token.i, sent)
    for token in sent:
        if token.lemma_ == "be" and token.dep_ not in PREPOSITIONS:
            _raise_predicate(arcs, token.i, sent)
    for run in _name_runs(sent):
        _flatten_name(arcs, run)
    return {i: Arc(arc.head, RENAMED.get(arc.label, arc.label)) for i, arc in arcs.items()}


def _children(arcs: dict[int, Arc], head: int) -> list[int]:
    return [i for i, arc in arcs.items() if arc.head == head]


def _lower_preposition(arcs: dict[int, Arc], prep: int, sent: Span) -> None:
    """``said -prep-> in -pobj-> court`` becomes ``said -obl-> court -case-> in``."""
    objects = [i for i in _children(arcs, prep) if arcs[i].label in ("pobj", "pcomp")]
    if not objects:
        return
    governed, up = objects[0], arcs[prep].head
    if arcs[governed].label == "pobj":
        verbal = up >= 0 and sent.doc[up].pos_ in VERBAL
        label, marker = ("obl" if verbal or up < 0 else "nmod"), "case"
    else:
        label, marker = "advcl", "mark"
    arcs[governed] = Arc(up, label if up >= 0 else "root")
    arcs[prep] = Arc(governed, marker)
    for other in _children(arcs, prep):
        arcs[other] = Arc(governed, arcs[other].label)


def _raise_predicate(arcs: dict[int, Arc], be: int, sent: Span) -> None:
    """``she -nsubj-> is -attr-> mayor`` becomes ``mayor -nsubj-> she``, ``mayor -cop-> is``."""
    predicates = [i for i in _children(arcs, be) if arcs[i].label == "attr"]
    if not predicates:
        return
    predicate = predicates[0]
    arcs[predicate] = Arc(arcs[be].head, arcs[be].label)
    arcs[be] = Arc(predicate, "cop")
    for other in _children(arcs, be):
        arcs[other] = Arc(predicate, arcs[other].label)


def _name_runs(sent: Span) -> list[list[int]]:
    """Runs of two or more adjacent proper nouns (a name, maybe with its title)."""
    runs: list[list[int]] = [[]]
    for token in sent:
        if token.pos_ == "PROPN":
            runs[-1].append(token.i)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) > 1]


def _flatten_name(arcs: dict[int, Arc], words: list[int]) -> None:
    """``Ana -compound-> Ruiz`` (spaCy) becomes ``Ana -flat-> Ruiz`` headed by Ana (UD)."""
    first, root = words[0], words[-1]
    if any(arcs[i].head not in words or arcs[i].label != "compound" for i in words[:-1]):
        return
    arcs[first] = arcs[root]
    outside = [i for w in words for i in _children(arcs, w) if i not in words]
    for i in words[1:]:
        arcs[i] = Arc(first, "flat")
    for other in outside:
        arcs[other] = Arc(first, arcs[other].label)


@dataclass(frozen=True)
class Conll:
    """The CoNLL-U text and, for each of its tokens in order, the doc token it stands for."""

    text: str
    tokens: Sequence[int]


def to_conll(doc: Doc) -> Conll:
    """The whole article, one CoNLL-U block a sentence, whitespace tokens left out."""
    blocks: list[str] = []
    order: list[int] = []
    for sent in doc.sents:
        kept = [t for t in sent if not t.is_space]
        if not kept:
            continue
        number = {t.i: n for n, t in enumerate(kept, start=1)}
        arcs = ud_arcs(sent)
        lines = [_line(doc, i, number, arcs) for i in number]
        blocks.append("\n".join(lines))
        order.extend(number)
    return Conll("\n\n".join(blocks) + "\n\n", tuple(order))


def _line(doc: Doc, i: int, number: dict[int, int], arcs: dict[int, Arc]) -> str:
    token, arc = doc[i], arcs[i]
    head = arc.head
    while head >= 0 and head not in number:
        head = arcs[head].head if head in arcs else -1
    tag = token.tag_ or "XX"
    label = arc.label if head >= 0 else "root"
    lemma = token.lemma_.strip() or token.text
    fields = (str(number[i]), token.text, lemma, token.pos_ or "X", tag, "_",
              str(number[head] if head >= 0 else 0), label, "_", "_")
    return "\t".join(fields)
