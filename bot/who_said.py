"""Answering "who said …?": a quote from any fragment of it, or a speaker's latest quotes.

Any text is a valid query. Words are pulled out of it and each one is sent to FTS5 as a quoted
phrase, so operators, column filters or stray quotes in the query are never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from bot.models import StoredQuote, StoryIds
from storage.quotes import (
    fts_quote_ids,
    latest_by_speaker,
    normalise,
    quote_texts,
    quotes_by_ids,
    speaker_named,
    speakers_by_last_word,
    term_counts,
    terms_with_prefix,
)

FROM = re.compile(r"^\s*from\s*:\s*(?P<name>.*)$", re.IGNORECASE | re.DOTALL)
ELLIPSIS = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|…|\.\s*\.\s*\.")
"""Where a quote asked for leaves words out: `...`, `…`, or either in square brackets."""
QUOTE_CHARS = "\"“”„«»‘’'`"
STOPWORD_TEXT = (
    "a an and are as at be but by for from has have he her his i in is it its of on or our "
    "she so that the their them they this to was we were will with would you"
)
STOPWORDS = frozenset(STOPWORD_TEXT.split())
MAX_TERMS = 8
RAREST = 4
PHRASE_WORDS = 12
PHRASE_BUDGET_MS = 20.0
CANDIDATES = 200
MIN_SCORE = 55.0
HELP = ("No quote matches that. Try a shorter fragment of the quote, or a speaker's name "
        "as `from:NAME`.")
EMPTY = "Give a few words of the quote, e.g. `/who-said not off the table`, or `from:NAME`."
Said = tuple[str, str | None]
"""A quote's words (normalised) and its speaker: a rewrite repeating both is listed once."""
UNSAID = ("Nobody is quoted saying that: it stands in quotation marks with no speaker (a scare "
          "quote, a name or a title) in “{title}”.")


@dataclass(frozen=True)
class QuoteHit:
    text: str
    kind: str
    speaker: str | None
    speaker_kind: str | None
    role: str | None
    article_id: int
    article_title: str
    source: str | None
    published: str | None
    url: str | None
    score: float = 0.0
    origin: str | None = None
    arrived: str | None = None


@dataclass(frozen=True)
class WhoSaidAnswer:
    """``mode`` is text (find a quote) or speaker (that person's latest quotes)."""

    query: str
    mode: str
    hits: tuple[QuoteHit, ...]
    message: str | None = None


def who_said(db: Database, query: str, *, limit: int = 5,
             stories: Collection[int] | None = None) -> WhoSaidAnswer:
    """The best matching quotes for any query text; never raises on what the user typed.
    ``stories``: only quotes of these stories' articles are searched (a guest's reach); None,
    every quote. Their JSON array is made once (``StoryIds``) for every statement of the search."""
    limit = max(1, min(int(limit), 50))
    stories = None if stories is None else StoryIds.of(stories)
    named = FROM.match(query)
    if named:
        return _by_speaker(db, query, named.group("name"), limit=limit, forced=True,
                           stories=stories)
    words = words_of(query)
    if not words:
        return WhoSaidAnswer(query=query, mode="text", hits=(), message=EMPTY)
    if len(words) <= 4 and not any(c in query for c in QUOTE_CHARS):
        answer = _by_speaker(db, query, query, limit=limit, forced=False, stories=stories)
        if answer.hits:
            return answer
    hits, unsaid = _by_text(db, query, words, limit=limit, stories=stories)
    message = None if hits else UNSAID.format(title=unsaid.article_title[:150]) if unsaid \
        else HELP
    return WhoSaidAnswer(query=query, mode="text", hits=hits, message=message)


def echoes(quotes: Sequence[tuple[str, str, str | None]]) -> set[int]:
    """Which of ``quotes`` (kind, words as ``normalise`` gives them, speaker) a listing leaves
    out as echoes: a fragment whose words a longer quote of the same speaker among them holds
    (`said the offer was "final and fair"`) is listed by that one, in its clause."""
    if all(kind != "fragment" for kind, _, _ in quotes):
        return set()
    said: dict[str | None, set[str]] = {}
    for _, words, speaker in quotes:
        said.setdefault(speaker, set()).add(f" {words} ")
    held = {speaker: "\n".join(texts) for speaker, texts in said.items()}
    return {i for i, (kind, words, speaker) in enumerate(quotes)
            if kind == "fragment" and held[speaker].count(f" {words} ") > 1}


def as_speech(kind: str, speaker: str | None) -> bool:
    """Whether a quote is listed as someone's words: a quoted phrase no one is said to have
    said (a scare quote, a name, a title: a fragment with no speaker) is not."""
    return kind != "fragment" or speaker is not None


def words_of(text: str) -> list[str]:
    return normalise(text).split()


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _by_text(db: Database, query: str, words: list[str], *, limit: int,
             stories: Collection[int] | None) -> tuple[tuple[QuoteHit, ...], QuoteHit | None]:
    """Candidates by the query's rarest indexed words, narrowed by the exact phrase if many;
    the quotes found, and the best quoted phrase of no one's (``as_speech``) matching."""
    terms = _indexed_terms(db, _search_terms(words))
    ids = _candidates(db, terms, stories)
    if len(ids) >= CANDIDATES and 2 <= len(words) <= PHRASE_WORDS:
        match = " AND ".join([*(_phrase(t) for t in terms), _phrase(" ".join(words))])
        ids = fts_quote_ids(db, match, limit=CANDIDATES, budget_ms=PHRASE_BUDGET_MS,
                            stories=stories) or ids
    return _ranked(db, normalise(query)[:400], ids, limit=limit, parts=_parts(query))


def _search_terms(words: list[str]) -> list[str]:
    """The most telling words: stopwords dropped (unless that leaves none), longest first."""
    unique = list(dict.fromkeys(words))
    content = [w for w in unique if w not in STOPWORDS] or unique
    return sorted(content, key=len, reverse=True)[:MAX_TERMS * 2]


def _indexed_terms(db: Database, terms: list[str]) -> list[str]:
    """Terms as the index knows them, rarest first: typos corrected, unknown words dropped."""
    counts = term_counts(db, terms)
    found: dict[str, int] = {}
    for term in terms:
        fixed = (term, counts[term]) if term in counts else _closest_term(db, term)
        if fixed:
            found[fixed[0]] = fixed[1]
    return sorted(found, key=found.__getitem__)[:RAREST]


def _closest_term(db: Database, term: str) -> tuple[str, int] | None:
    """The closest indexed word sharing the first two letters (small typos), if any."""
    if len(term) < 4:
        return None
    pool = terms_with_prefix(db, term[:2])
    best = process.extractOne(term, list(pool), scorer=fuzz.ratio, score_cutoff=75)
    return (best[0], pool[best[0]]) if best else None


def _candidates(db: Database, terms: list[str], stories: Collection[int] | None) -> list[int]:
    """Quotes with every term; failing that, with all terms but one (a misremembered word)."""
    if not terms:
        return []
    ids = fts_quote_ids(db, " AND ".join(_phrase(t) for t in terms), limit=CANDIDATES,
                        stories=stories)
    if ids or len(terms) < 3:
        return ids
    found: list[int] = []
    for skip in range(len(terms)):
        rest = terms[:skip] + terms[skip + 1:]
        found.extend(fts_quote_ids(db, " AND ".join(_phrase(t) for t in rest), limit=50,
                                   stories=stories))
    return list(dict.fromkeys(found))


def _ranked(db: Database, wanted: str, ids: list[int], *, limit: int,
            parts: list[str]) -> tuple[tuple[QuoteHit, ...], QuoteHit | None]:
    """The best ``limit`` quotes said by someone; and, when there is none, the best phrase
    quoted as no one's. One holding ``parts`` in order (the words asked, an ellipsis leaving
    some out) scores as one holding the words asked."""
    scored: dict[Said, tuple[float, int]] = {}
    unsaid: dict[Said, tuple[float, int]] = {}
    fragments: set[Said] = set()
    for quote in quote_texts(db, ids):
        plain = normalise(quote.text)
        whole = 100.0 if len(parts) > 1 and _in_order(parts, plain) else _score(wanted, plain)
        score = whole + (2.0 if quote.kind == "direct" else 0.0)
        key = (plain, quote.speaker)
        kept = scored if as_speech(quote.kind, quote.speaker) else unsaid
        if score >= MIN_SCORE and (key not in kept or kept[key][1] < quote.id):
            kept[key] = (score, quote.id)
        if quote.kind == "fragment":
            fragments.add(key)
    best = _best(db, _without_echoes(scored, fragments), limit)
    return best, None if best else next(iter(_best(db, unsaid, 1)), None)


def _without_echoes(scored: dict[Said, tuple[float, int]],
                    fragments: set[Said]) -> dict[Said, tuple[float, int]]:
    if not fragments & scored.keys():
        return scored
    keys = list(scored)
    echoed = echoes([("fragment" if key in fragments else "", *key) for key in keys])
    return {key: scored[key] for i, key in enumerate(keys) if i not in echoed}


def _best(db: Database, scored: dict[Said, tuple[float, int]],
          limit: int) -> tuple[QuoteHit, ...]:
    best = sorted(scored.values(), key=lambda pair: (-pair[0], -pair[1]))[:limit]
    rows = {row.id: row for row in quotes_by_ids(db, [quote_id for _, quote_id in best])}
    return tuple(_hit(rows[quote_id], score) for score, quote_id in best if quote_id in rows)


def word_for_word(query: str, text: str) -> bool:
    """Whether a quote holds the words asked as typed (case, accents, punctuation and the kind
    of quotation marks aside; an ellipsis stands for words left out), so a near match found
    instead can be told as one."""
    parts = _parts(query)
    return bool(parts) and _in_order(parts, normalise(text))


def holds_words_asked(answer: WhoSaidAnswer, hit: QuoteHit) -> bool | None:
    """Whether ``hit`` of ``answer`` holds the words asked (``word_for_word``), so every place
    that shows it can mark a near match; None for a speaker's latest quotes (no words asked)."""
    return word_for_word(answer.query, hit.text) if answer.mode == "text" else None


def _parts(query: str) -> list[str]:
    """The query's words between the ellipses that leave words out, each part normalised."""
    return [part for piece in ELLIPSIS.split(query) if (part := normalise(piece))]


def _in_order(parts: list[str], plain: str) -> bool:
    """Whether ``plain`` (normalised) holds each part, as whole words, in this order."""
    text, at = f" {plain} ", 0
    for part in parts:
        found = text.find(f" {part} ", at)
        if found < 0:
            return False
        at = found + len(part) + 1
    return True


def _score(wanted: str, text: str) -> float:
    if not wanted or not text:
        return 0.0
    if wanted in text:
        return 100.0
    shorter, longer = sorted((wanted, text), key=len)
    partial = fuzz.partial_ratio(shorter, longer)
    return 0.7 * partial + 0.3 * fuzz.token_set_ratio(wanted, text)


def asked_speaker(query: str) -> str:
    """The name a speaker's answer was asked for (``from:NAME``, or the name alone): what its
    heading names, not the query's syntax."""
    named = FROM.match(query)
    return (named.group("name") if named else query).strip()


def _by_speaker(db: Database, query: str, name: str, *, limit: int, forced: bool,
                stories: Collection[int] | None) -> WhoSaidAnswer:
    names = _speakers_called(db, name)
    rows = latest_by_speaker(db, names, limit=limit * 4, stories=stories)
    once = _once(rows)
    echoed = echoes([(row.kind, normalise(row.text), row.speaker) for row in once]) \
        if any(row.kind == "fragment" for row in once) else set()
    hits = tuple(_hit(row, 100.0) for i, row in enumerate(once) if i not in echoed)[:limit]
    message = None
    if not hits:
        message = f"No quotes from {name.strip() or 'that speaker'} yet." if forced else HELP
    return WhoSaidAnswer(query=query, mode="speaker", hits=hits, message=message)


def _once(rows: list[StoredQuote]) -> list[StoredQuote]:
    """Each quote once, in the order given: rewrites and edits of an article repeat its
    quotes word for word."""
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for row in rows:
        key = (normalise(row.text), row.speaker)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _speakers_called(db: Database, name: str) -> list[str]:
    """Stored speakers named exactly ``name``, or ending with its last word and holding all."""
    words = words_of(name)
    if not words:
        return []
    exact = speaker_named(db, " ".join(name.split()))
    if exact:
        return [exact]
    wanted = set(words)
    return [s for s in speakers_by_last_word(db, words[-1]) if wanted <= set(words_of(s))]


def _hit(row: StoredQuote, score: float) -> QuoteHit:
    return QuoteHit(text=row.text, kind=row.kind, speaker=row.speaker,
                    speaker_kind=row.speaker_kind, role=row.speaker_role,
                    article_id=row.article_id, article_title=row.article_title,
                    source=row.source, published=row.published, url=row.url,
                    score=round(score, 1), origin=row.origin,
                    arrived=row.arrived)
