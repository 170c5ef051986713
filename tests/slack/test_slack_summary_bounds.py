"""A summary is bounded before it is stored, whatever the chat endpoint answers or the article
holds: at most three sentences, each and all cut at a word. Before, an endpoint's reply of one
sentence as long as most of a megabyte was stored whole as the new story's summary (and read
back by every alert, digest and `/story` of it). The endpoint is a real server on 127.0.0.1;
the alert and `/story` go to the fake Slack, which refuses blocks as Slack does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.blocks import alert_blocks, alert_text
from bot.alerts.timeline_blocks import timeline_blocks, timeline_text
from bot.models import AlertView, KeyQuote, RawArticle
from bot.models.stories import StoryTimeline, TimelineEntry
from bot.nlp.summary import (
    MAX_SENTENCES,
    SENTENCE_CHARS,
    SUMMARY_CHARS,
    ChatSummariser,
    ExtractiveSummariser,
)
from bot.pipeline import Pipeline
from bot.stories.stage import StoryStage
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.fakes.block_kit import MESSAGE_TEXT, block_problems
from tests.fakes.chat_endpoint import chat_endpoint, chat_reply
from tests.slack.conftest import run_command
from tests.stopping import LAST_RESORT_S

LONG = "The pilots of Marrow Point " + "and the tug crews beside them " * 29_000 + "agreed."
"""One sentence of about 870,000 characters: within the megabyte a reply is read up to."""
MANY = " ".join(f"Clause {n} of the harbour levy " + "was read aloud again " * 200 + "today."
                for n in range(8))
LEVY = RawArticle(
    title="Marrow Point pilots settle harbour levy dispute",
    text="Harbour pilots at Marrow Point settled their dispute over the new levy on Thursday, "
         "their association said. Tug crews will return to the usual rota from Monday, the port "
         "authority said.",
    source="Estuary Ledger", origin="levy", published=datetime.now(UTC).isoformat())


@pytest.fixture
def endpoint(request) -> Iterator[str]:
    with chat_endpoint(chat_reply(request.param)) as url:
        yield url


def _within_bounds(summary: list[str]) -> None:
    assert 0 < len(summary) <= MAX_SENTENCES, len(summary)
    assert all(len(sentence) <= SENTENCE_CHARS for sentence in summary), \
        [len(sentence) for sentence in summary]
    assert sum(len(sentence) for sentence in summary) <= SUMMARY_CHARS


@pytest.mark.parametrize("endpoint", [LONG, MANY], indirect=True, ids=["one-sentence", "many"])
def test_a_chat_summary_is_bounded_before_it_is_stored_and_every_block_is_taken(
        endpoint, runtime, fake_slack, fresh_db, slack_settings, nlp, t0):
    summariser = ChatSummariser(url=endpoint, model="tiny", api_key=None, timeout=LAST_RESORT_S)
    pipeline = Pipeline(fresh_db, slack_settings, nlp=nlp,
                        stories=StoryStage(summariser=summariser))
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour levy", query="levy AND pilots")
    run_command(runtime, fake_slack, "/subscribe", "Harbour levy", channel="C0DESK")
    [outcome] = list(pipeline.ingest([LEVY]))
    assert outcome.verdict is not None
    stored = json.loads(fresh_db["stories"].get(outcome.verdict.story_id)["summary"])
    _within_bounds(stored)
    assert stored[0].startswith(("The pilots of Marrow Point", "Clause 0")), "the reply's"
    assert stored[0].endswith("…")
    sent = 0
    while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
        sent += 1
    [alert] = fake_slack.posts("C0DESK")
    assert block_problems(alert.blocks, text=alert.text, allow_links=True,
                          max_text=MESSAGE_TEXT) == []
    reply = run_command(runtime, fake_slack, "/story", str(outcome.verdict.story_id))
    assert block_problems(reply["blocks"], text=reply["text"]) == []
    assert fake_slack.refused_responses == []


def test_an_extractive_summary_of_one_endless_sentence_is_bounded():
    """The article's own sentence: its lead sentence was kept whole, however long."""
    summary = ExtractiveSummariser().summarise(title="Marrow Point levy", sentences=[LONG])
    _within_bounds(summary)
    assert summary[0].endswith("…")


@pytest.mark.parametrize("kind", ["new", "update"])
@pytest.mark.parametrize("standalone", [False, True])
def test_a_megabyte_summary_stored_before_still_gives_blocks_slack_takes(kind, standalone):
    """A story summarised before summaries were bounded: its alerts and `/story` cut it."""
    summary = (LONG, LONG.replace("a", "&<a>"), LONG)
    view = AlertView(kind=kind, story_id=4, article_id=9, topics=("Harbour levy",),
                     headline=LEVY.title or "", summary=summary,
                     whats_new=tuple(LONG[:600] for _ in range(12)), source="Estuary Ledger",
                     url="https://estuary-ledger.example/levy", published=LEVY.published,
                     key_quote=KeyQuote(LONG[:5000], "Ada Quill", "pilot"),
                     story_title=LEVY.title or "", continues=(3, LONG[:400]))
    for own_thread in (True, False):
        blocks = alert_blocks(view, standalone=standalone, own_thread=own_thread)
        text = alert_text(view, standalone=standalone, own_thread=own_thread)
        assert block_problems(blocks, text=text, max_text=MESSAGE_TEXT) == []
    entry = TimelineEntry(article_id=9, title=LEVY.title or "", source="Estuary Ledger",
                          url="https://estuary-ledger.example/levy", when=LEVY.published,
                          verdict=kind, whats_new=view.whats_new[:3])
    timeline = StoryTimeline(story_id=4, title=LEVY.title or "", summary=summary,
                             article_count=60, entries=(entry,) * 60, latest=(entry,) * 4)
    blocks = timeline_blocks(timeline)
    assert block_problems(blocks, text=timeline_text(timeline), max_text=MESSAGE_TEXT) == []
