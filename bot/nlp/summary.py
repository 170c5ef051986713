"""Summaries of new stories: extractive by default, or an OpenAI-compatible chat model."""

from __future__ import annotations

import http.client
import json
import logging
import re
import urllib.error
import urllib.request
from typing import Protocol

from bot.config import Settings
from bot.ingest import furniture
from bot.ingest.guarded import SocketCutoff
from bot.models.cuts import cut
from bot.nlp.summary_http import opener
from bot.redact import redact

log = logging.getLogger(__name__)
MIN_WORDS = 6
MAX_SENTENCES = 3
MAX_CHARS = 700
SENTENCE_CHARS = 600
"""The most a summary sentence is stored with (cut at a word, with "…")."""
SUMMARY_CHARS = 1200
"""The most a summary is stored with in all: what an alert shows of it whole (``STORY_CHARS``)."""
LEAST_ROOM = 60
"""Room left under ``SUMMARY_CHARS`` below which no further sentence is begun."""
PROMPT = ("Summarise this news article in two or three short factual sentences. Use only facts "
          "in the article. Reply with the sentences only.")


class Summariser(Protocol):
    def summarise(self, *, title: str, sentences: list[str]) -> list[str]:
        """Two or three sentences that tell a reader what the story is."""
        ...


def clean_sentence(sentence: str) -> str:
    """A sentence on one line, without a headline that the parser ran into it."""
    lines = [line.strip() for line in sentence.strip().split("\n") if line.strip()]
    while len(lines) > 1 and furniture.looks_like_headline(lines[0]):
        lines.pop(0)
    return " ".join(" ".join(lines).split())


def bounded(sentences: list[str]) -> list[str]:
    """At most ``MAX_SENTENCES`` of ``SENTENCE_CHARS``, ``SUMMARY_CHARS`` in all: an endpoint's
    reply or an article's sentence as long as a megabyte is stored, and read back by every
    alert of its story, as a summary a reader can take in."""
    kept: list[str] = []
    room = SUMMARY_CHARS
    for sentence in sentences[:MAX_SENTENCES]:
        most = min(SENTENCE_CHARS, room)
        if kept and most < LEAST_ROOM:
            break
        text = sentence if len(sentence) <= most else cut(sentence, most)
        kept.append(text)
        room -= len(text)
    return kept


def prose(sentence: str) -> bool:
    """A sentence of the article's prose, not furniture or an embedded headline."""
    text = clean_sentence(sentence)
    if len(text.split()) < MIN_WORDS or not furniture.ends_like_prose(text):
        return False
    if furniture.is_share_prompt(text) or furniture.is_related_link(text):
        return False
    return not (furniture.is_ticker(text) or furniture.byline_of(text))


class ExtractiveSummariser:
    """The lead sentences that read as prose: wire copy puts the news first."""

    def summarise(self, *, title: str, sentences: list[str]) -> list[str]:
        chosen: list[str] = []
        size = 0
        for sentence in sentences:
            text = clean_sentence(sentence)
            if not prose(text) or text.casefold() == title.strip().casefold():
                continue
            if chosen and size + len(text) > MAX_CHARS:
                break
            chosen.append(text)
            size += len(text)
            if len(chosen) == MAX_SENTENCES or (len(chosen) == 2 and size > MAX_CHARS // 2):
                break
        return bounded(chosen)


class ChatSummariser:
    """Asks an OpenAI-compatible /chat/completions endpoint; extractive when that fails."""

    def __init__(self, *, url: str, model: str, api_key: str | None, timeout: float,
                 fallback: Summariser | None = None) -> None:
        self.url = url.rstrip("/")
        if not self.url.endswith("/chat/completions"):
            self.url += "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.fallback = fallback or ExtractiveSummariser()

    def summarise(self, *, title: str, sentences: list[str]) -> list[str]:
        cutoff = SocketCutoff(self.timeout)
        try:
            result = self._ask(title, sentences, cutoff)
        except urllib.error.HTTPError as exc:
            log.warning("summary endpoint failed (%s); using the extractive summary",
                        _redirected(exc) or f"HTTP {exc.code}")
            result = []
        except (OSError, http.client.HTTPException, ValueError, KeyError, IndexError,
                TypeError, RecursionError) as exc:  # a reply nested past reading too
            log.warning("summary endpoint failed (%s); using the extractive summary",
                        self._late(cutoff) or type(exc).__name__)
            result = []
        finally:
            cutoff.cancel()
        return bounded(result) or self.fallback.summarise(title=title, sentences=sentences)

    def _late(self, cutoff: SocketCutoff) -> str | None:
        """Why a call cut off at its timeout failed (its error is only the socket's end)."""
        if not cutoff.expired:
            return None
        return (f"no whole answer within {self.timeout:g} s, WIREWATCH_SUMMARY_TIMEOUT; "
                "it may be dripping its answer")

    def _ask(self, title: str, sentences: list[str], cutoff: SocketCutoff) -> list[str]:
        body = json.dumps({
            "model": self.model,
            "temperature": 0,
            "messages": [{"role": "system", "content": PROMPT},
                         {"role": "user", "content": f"{title}\n\n" + " ".join(sentences)}],
        }).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        with opener(cutoff).open(request, timeout=self.timeout) as response:
            reply = json.loads(response.read(1_000_000))
        text = reply["choices"][0]["message"]["content"]
        if not isinstance(text, str):
            raise TypeError("content is not text")
        return split_reply(text)


def _redirected(exc: urllib.error.HTTPError) -> str | None:
    """What to say of a redirect the endpoint answered, or None for any other error."""
    if not 300 <= exc.code < 400:
        return None
    where = redact(str(exc.headers.get("Location") or "an address it does not give"))
    return (f"it answered {exc.code}, a redirect to {where}, not followed so that the API key "
            "goes nowhere else; if that is the endpoint's address, set WIREWATCH_SUMMARY_URL "
            "to it")


def split_reply(text: str) -> list[str]:
    """A model's reply as at most three clean sentences."""
    lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line) for line in text.splitlines()]
    joined = " ".join(line.strip() for line in lines if line.strip())
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", joined)
    return [p.strip() for p in parts if p.strip()][:MAX_SENTENCES]


def summariser_from(settings: Settings) -> Summariser:
    """The chat backend when URL and model are configured, else the extractive one."""
    if settings.summary_url and settings.summary_model:
        if not settings.summary_url.startswith(("http://", "https://")):
            log.warning("WIREWATCH_SUMMARY_URL is not http(s); using extractive summaries")
            return ExtractiveSummariser()
        return ChatSummariser(url=settings.summary_url, model=settings.summary_model,
                              api_key=settings.summary_api_key, timeout=settings.summary_timeout)
    return ExtractiveSummariser()
