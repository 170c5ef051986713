"""Property tests for article cleaning: it never crashes, and it never drops a real paragraph."""

from __future__ import annotations

import contextlib
import string
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest.clean import CleanError, clean_article, split_paragraphs
from bot.ingest.dates import normalise_time, published_time
from bot.ingest.records import record_to_article
from bot.models import IngestFailure, RawArticle
from tests.hardening.conftest import scale

EXAMPLES = scale(200, 3000)
CHECKS = settings(max_examples=EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words a sentence may use: generated lowercase words plus risky real ones that also start
# furniture patterns (by, published, subscribe, share, watch, sign, follow, reporting).
RISKY = ["by", "published", "updated", "posted", "subscribe", "subscribers", "share", "shares",
         "watch", "sign", "up", "follow", "us", "click", "here", "reporting", "editing",
         "increased", "decreased", "related", "read", "more", "print", "email", "comments",
         "date", "contrast", "noon", "the", "and", "of", "said", "minister", "percent"]
NAMES = ["Sousa", "Pinto", "NATO", "Kyiv", "Lisbon", "Reuters", "AGL", "Smith", "EU", "Oslo"]
lower_word = st.one_of(st.sampled_from(RISKY),
                       st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=9))
number = st.one_of(
    st.integers(0, 100_000).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}%"),
    st.integers(1, 999).map(lambda n: f"${n} million"),
    st.integers(1, 28).map(lambda d: f"Nov {d}, 2024"),
)
word = st.one_of(lower_word, lower_word, lower_word, st.sampled_from(NAMES), number)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _has_ordinary_words(words: list[str]) -> bool:
    """Prose, as opposed to a name list like 'By Ana Sousa.': at least two lowercase words."""
    return sum(1 for w in words[1:] if w[:1].islower()) >= 2


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=4, max_size=16).filter(_has_ordinary_words))
    punct = [draw(st.sampled_from(["", "", "", ","])) for _ in words[:-1]] + [""]
    body = " ".join(w + p for w, p in zip(words, punct, strict=True))
    end = draw(st.sampled_from([".", ".", ".", "!", "?"]))
    shape = draw(st.sampled_from(["plain", "plain", "quote_first", "quote_after", "quote_all"]))
    speaker = draw(st.sampled_from(NAMES))
    if shape == "quote_first":
        return f"“{_capitalise(body)},” {speaker} said."
    if shape == "quote_after":
        return f"{speaker} said: “{_capitalise(body)}{end}”"
    if shape == "quote_all":
        return f'"{_capitalise(body)}{end}"'
    return _capitalise(body) + end


prose_paragraph = st.lists(sentence(), min_size=1, max_size=4).map(" ".join)

headline = st.lists(st.one_of(word, st.sampled_from(NAMES)), min_size=3, max_size=12).map(
    lambda ws: _capitalise(" ".join(ws)).rstrip(".,!?"))
ticker = st.one_of(
    st.tuples(st.sampled_from(["AGL", "DAX", "IBEX", "KSE100", "OGDC"]),
              st.integers(1, 99_999), st.integers(0, 99), st.sampled_from(["▲ +", "▼ -"]),
              st.integers(0, 9), st.integers(0, 99)).map(
        lambda t: f"{t[0]} {t[1]}.{t[2]:02d} {t[3]}{t[4]}.{t[5]:02d}%"),
    st.tuples(st.integers(1, 28), st.integers(10, 99), st.integers(0, 99)).map(
        lambda t: f"date 2026-03-{t[0]:02d} KSE {t[1]}.{t[2]:02d} Decreased By ▼ -0.12 (-0.29%)"),
)
share = st.sampled_from(["Share this article", "Share", "Tweet", "Email", "Print",
                         "Copy link", "Advertisement", "Subscribe to our newsletter",
                         "Follow us on Facebook", "Listen to this article", "3 min read"])
read_more = headline.map(lambda h: f"READ MORE: {h}")
byline = st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)).map(
    lambda t: f"By {t[0]} {t[1]}")
published = st.tuples(st.sampled_from(["Reuters", "Lusa Wire", ""]), st.integers(1, 28)).map(
    lambda t: f"{t[0]} Published {t[1]} Mar, 2026 9:05am".strip())
furniture_line = st.one_of(ticker, share, read_more, byline, published, headline)
separator = st.sampled_from(["\n\n", "\n\n", "\n", "\n \n", "\r\n\r\n"])


@st.composite
def scraped_page(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Prose paragraphs with furniture lines around and between them, and the prose alone."""
    prose = draw(st.lists(prose_paragraph, min_size=1, max_size=6))
    pieces: list[str] = []
    for paragraph in prose:
        pieces.extend(draw(st.lists(furniture_line, max_size=2)))
        pieces.append(paragraph)
    pieces.extend(draw(st.lists(furniture_line, max_size=2)))
    text = pieces[0]
    for piece in pieces[1:]:
        text += draw(separator) + piece
    return text, prose


@CHECKS
@given(page=scraped_page())
def test_cleaning_keeps_every_prose_paragraph_verbatim_and_in_order(page):
    text, prose = page
    article = clean_article(RawArticle(text=text, origin="page.txt"))
    paragraphs = article.body.split("\n\n")
    wanted = set(prose)
    assert [p for p in paragraphs if p in wanted] == prose


@CHECKS
@given(page=scraped_page())
def test_cleaning_removes_tickers_share_prompts_and_read_more_links(page):
    text, prose = page
    article = clean_article(RawArticle(text=text, origin="page.txt"))
    for paragraph in article.body.split("\n\n"):
        assert "READ MORE:" not in paragraph or paragraph in prose
        assert "▲" not in paragraph and "▼" not in paragraph
        assert paragraph not in ("Share this article", "Advertisement", "Copy link")


@CHECKS
@given(text=st.text(), title=st.one_of(st.none(), st.text()), published=st.one_of(
    st.none(), st.text()))
def test_cleaning_any_text_never_raises_anything_but_clean_error(text, title, published):
    try:
        article = clean_article(RawArticle(text=text, origin="x", title=title,
                                           published=published))
    except CleanError:
        return
    assert article.body.strip() and article.title


@CHECKS
@given(text=st.lists(st.sampled_from(list("Ab1 .,:|-–—()▲▼%$“”\"'\n\t\r\x00\u200b")
                                     + ["By ", "Published ", "READ MORE: ", "Share"])).map("".join))
def test_cleaning_furniture_alphabet_never_raises(text):
    with contextlib.suppress(CleanError):
        clean_article(RawArticle(text=text, origin="x"))
    assert all(p.strip() for p in split_paragraphs(text))


@CHECKS
@given(value=st.text())
def test_any_time_string_is_normalised_or_refused(value):
    result = normalise_time(value)
    assert result is None or result[:4].isdigit()
    read = published_time(value)
    if read:
        assert published_time(read.written) == read, "as written, it reads the same"


@CHECKS
@given(when=st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2090, 1, 1)),
       minutes=st.integers(-14 * 60, 14 * 60), rfc=st.booleans())
def test_a_time_written_with_an_offset_keeps_its_moment_and_that_offset(when, minutes, rfc):
    zoned = when.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=minutes)))
    read = published_time(format_datetime(zoned) if rfc else zoned.isoformat())
    assert read is not None
    assert (datetime.fromisoformat(read.moment), read.offset) == (zoned, minutes or None)
    assert datetime.fromisoformat(read.written).utcoffset() == zoned.utcoffset()


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@CHECKS
@given(record=st.one_of(json_value, st.dictionaries(
    st.sampled_from(["title", "text", "url", "source", "published", "other"]), json_value)))
def test_any_json_value_becomes_an_article_or_a_clear_failure(record):
    result = record_to_article(record, origin="r.json")
    assert isinstance(result, RawArticle | IngestFailure)
    if isinstance(result, IngestFailure):
        assert result.reason
