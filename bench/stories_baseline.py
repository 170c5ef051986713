"""A plain TF-IDF centroid clusterer, the yardstick for story clustering (no spaCy).

Each article (title and text) is a vector of sublinear term frequencies (1 + log tf) times an
inverse document frequency learned online from the articles seen so far, normalised. It joins
the story whose centroid (the normalised sum of its articles' vectors) is most alike, if the
cosine is at least 0.15 and the story had an article within the last day; else it starts one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

THRESHOLD = 0.15
WINDOW = timedelta(days=1)
WORD = re.compile(r"[^\W\d_]{2,}")
STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "our",
    "she", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "which",
    "who", "will", "with", "would", "you", "said", "says", "after", "about", "into", "over",
    "than", "then", "there", "these", "those", "also", "more"
})


@dataclass
class _Story:
    ident: int
    last: datetime
    total: Counter = field(default_factory=Counter)
    norm: float = 0.0


def _terms(text: str) -> Counter:
    return Counter(w for w in WORD.findall(text.casefold()) if w not in STOP)


class Baseline:
    def __init__(self, *, threshold: float = THRESHOLD, window: timedelta = WINDOW) -> None:
        self.threshold, self.window = threshold, window
        self.df: Counter = Counter()
        self.docs = 0
        self.stories: list[_Story] = []

    def add(self, *, title: str, text: str, when: datetime) -> int:
        """The story id this article goes to (a new one when nothing is alike enough)."""
        tf = _terms(f"{title}\n{text}")
        self.docs += 1
        self.df.update(tf.keys())
        vector = {t: (1 + math.log(n)) * math.log((1 + self.docs) / (1 + self.df[t]))
                  for t, n in tf.items()}
        length = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vector = {t: w / length for t, w in vector.items()}
        best, score = None, 0.0
        for story in self.stories:
            if when - story.last <= self.window and story.norm:
                cosine = sum(w * story.total.get(t, 0.0) for t, w in vector.items()) / story.norm
                if cosine > score:
                    best, score = story, cosine
        if best is None or score < self.threshold:
            best = _Story(len(self.stories) + 1, when)
            self.stories.append(best)
        best.total.update(vector)
        best.norm = math.sqrt(sum(w * w for w in best.total.values()))
        best.last = max(best.last, when)
        return best.ident


def parse_time(value: str | None) -> datetime:
    when = datetime.fromisoformat((value or "1970-01-01T00:00:00+00:00").replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=datetime.now().astimezone().tzinfo)


def run(rows: list[dict]) -> list[dict]:
    """Replay-shaped output rows: {"id", "story", "verdict"} (new or joined)."""
    baseline, seen, out = Baseline(), set(), []
    for row in rows:
        story = baseline.add(title=str(row.get("title") or ""), text=str(row.get("text") or ""),
                             when=parse_time(row.get("time")))
        out.append({"id": row["id"], "story": story,
                    "verdict": "duplicate" if story in seen else "new", "whats_new": []})
        seen.add(story)
    return out
