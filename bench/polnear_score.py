"""Scoring quotes against PolNeAR gold with the definitions of ../shared/dev/score_quotes.py.

Quote matching: normalised tokens, longest common contiguous run >= 50% of the gold quote's
tokens, or character overlap >= 50% of the gold span; one-to-one, greedy by best overlap.
Per kind (``--types`` in the scorer), predictions matched to gold of another kind are dropped.
Speaker: case-insensitive, equal, or either name's last token among the other's tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

KINDS = ("direct", "mixed", "indirect")
SCOPES: dict[str, frozenset[str]] = {
    "direct": frozenset({"direct"}),
    "mixed": frozenset({"mixed"}),
    "indirect": frozenset({"indirect"}),
    "direct+mixed": frozenset({"direct", "mixed"}),
    "all": frozenset(KINDS),
}
PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
ResolutionKey = tuple[str, str, int, int]


def norm_tokens(text: str | None) -> list[str]:
    return PUNCT.sub(" ", (text or "").lower()).split()


def longest_run(gold: list[str], predicted: list[str]) -> int:
    """Length of the longest common contiguous run of tokens."""
    best = 0
    previous = [0] * (len(predicted) + 1)
    for g in gold:
        current = [0] * (len(predicted) + 1)
        for j, p in enumerate(predicted, start=1):
            if g == p:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def speaker_ok(gold: str, predicted: str | None) -> bool:
    g, p = norm_tokens(gold), norm_tokens(predicted)
    return bool(g and p) and (g == p or g[-1] in p or p[-1] in g)


def _span(quote: Mapping) -> tuple[int, int] | None:
    start, end = quote.get("start"), quote.get("end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return None


def _strength(gold: Mapping, g_tokens: list[str], pred: Mapping, p_tokens: list[str]) -> float:
    ratio = longest_run(g_tokens, p_tokens) / len(g_tokens) if g_tokens else 0.0
    gs, ps = _span(gold), _span(pred)
    if gs and ps:
        shared = min(gs[1], ps[1]) - max(gs[0], ps[0])
        if shared > 0:
            ratio = max(ratio, shared / (gs[1] - gs[0]))
    return ratio


def match(gold: Sequence[Mapping], predicted: Sequence[Mapping]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, one-to-one, best overlap first."""
    g_tokens = [norm_tokens(q.get("quote")) for q in gold]
    p_tokens = [norm_tokens(q.get("quote")) for q in predicted]
    candidates = []
    for i, g in enumerate(g_tokens):
        if not g and not _span(gold[i]):
            continue
        for j, p in enumerate(p_tokens):
            ratio = _strength(gold[i], g, predicted[j], p)
            if ratio >= 0.5:
                candidates.append((-ratio, -len(g) * ratio, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def kind_of(quote: Mapping) -> str:
    return str(quote.get("type") or "direct").lower()


@dataclass
class Tally:
    """Counts for one scope of quote kinds."""

    counts: Counter = field(default_factory=Counter)

    def ratios(self) -> dict[str, float | int]:
        c = self.counts
        precision = c["matched"] / c["predicted"] if c["predicted"] else 0.0
        recall = c["matched"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, float | int] = {
            "gold": c["gold"], "predicted": c["predicted"], "matched": c["matched"],
            "precision": precision, "recall": recall, "f1": f1}
        for source in ("named", "resolved"):
            n = c[f"{source}_n"]
            out[f"{source}_speakers"] = n
            out[f"{source}_accuracy"] = c[f"{source}_ok"] / n if n else float("nan")
            out[f"{source}_missing"] = c[f"{source}_missing"]
        return out


@dataclass(frozen=True)
class ArticleCounts:
    """One article's counts per scope: the unit a bootstrap over articles resamples."""

    doc_id: str
    scopes: dict[str, Counter]


def article_counts(split: str, gold: Iterable[Mapping],
                   predictions: Mapping[str, Sequence[Mapping]],
                   resolutions: Mapping[ResolutionKey, str | None]) -> list[ArticleCounts]:
    """Each gold article's counts for every scope, in the order given."""
    out = []
    for record in gold:
        doc_id = str(record["id"])
        gold_qs, pred_qs = record["quotes"], predictions.get(doc_id, [])
        pairs = match(gold_qs, pred_qs)
        scopes: dict[str, Counter] = {scope: Counter() for scope in SCOPES}
        for scope, kinds in SCOPES.items():
            _count(scopes[scope], split, doc_id, gold_qs, pred_qs, pairs, kinds, resolutions)
        out.append(ArticleCounts(doc_id, scopes))
    return out


def figures(articles: Iterable[ArticleCounts]) -> dict[str, dict]:
    """P/R/F1 and speaker accuracy of the articles' counts summed (pooled, not averaged)."""
    tallies = {scope: Tally() for scope in SCOPES}
    for article in articles:
        for scope, tally in tallies.items():
            tally.counts.update(article.scopes[scope])
    return {scope: tally.ratios() for scope, tally in tallies.items()}


def _count(c: Counter, split: str, doc_id: str, gold_qs: Sequence[Mapping],
           pred_qs: Sequence[Mapping], pairs: list[tuple[int, int]], kinds: frozenset[str],
           resolutions: Mapping[ResolutionKey, str | None]) -> None:
    dropped = {j for i, j in pairs if kind_of(gold_qs[i]) not in kinds}
    c["gold"] += sum(kind_of(q) in kinds for q in gold_qs)
    c["predicted"] += len(pred_qs) - len(dropped)
    for i, j in pairs:
        g = gold_qs[i]
        if kind_of(g) not in kinds:
            continue
        c["matched"] += 1
        said_by = pred_qs[j].get("speaker")
        for source, name in speaker_targets(split, doc_id, g, resolutions):
            c[f"{source}_n"] += 1
            c[f"{source}_ok"] += speaker_ok(name, said_by)
            c[f"{source}_missing"] += not said_by


def speaker_targets(split: str, doc_id: str, gold: Mapping,
                    resolutions: Mapping[ResolutionKey, str | None]) -> list[tuple[str, str]]:
    """("named", name) when the gold source is a name; ("resolved", name) when hand-resolved."""
    name = str(gold.get("speaker") or "unknown")
    if name.strip().lower() != "unknown":
        return [("named", name)]
    span = _span(gold)
    if span is None:
        return []
    resolved = resolutions.get((split, doc_id, span[0], span[1]))
    return [("resolved", resolved)] if resolved else []
