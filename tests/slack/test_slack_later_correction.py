"""What Slack shows when a later report takes a weakly joined article out of its story: the
article was an update in that story's thread; its own story then posts once, as a new story,
and the later report threads under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.digest import send_due_digests
from bot.models import RawArticle
from bot.pipeline import Outcome, Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.dated import recent_start
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.stories.test_later_correction import articles


def desk_pipeline(db, settings, nlp, t0, *, name: str, query: str) -> Pipeline:
    """The pipeline feeding C0DESK, which follows the topic as it happens."""
    with transaction(db):
        topic = add_topic(db, name=name, query=query)
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at=t0.isoformat())
    return Pipeline(db, settings, nlp=nlp)


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    """The pipeline feeding a desk that follows the port of Averna as it happens."""
    return desk_pipeline(fresh_db, slack_settings, nlp, t0, name="Averna port", query="Averna")


def delivered_in_turn(runtime, pipeline: Pipeline, t0) -> int:
    """The four articles ingested in three batches, each batch's alerts delivered before the
    next (the later report moves the walkout out): how many alerts were sent."""
    contract, again, walkout, later = articles(recent_start(datetime.now(UTC)))
    sent = 0
    for batch in ([contract, again], [walkout], [later]):
        list(pipeline.ingest(batch))
        while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
            sent += 1
    return sent


def test_the_moved_article_posts_once_as_a_new_story(runtime, fake_slack, pipeline, t0):
    sent = delivered_in_turn(runtime, pipeline, t0=t0)
    first, in_thread, moved, update = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and in_thread.thread_ts == first.ts
    assert "Dockers walk out" in in_thread.text and "Update" in in_thread.text
    assert moved.thread_ts is None and "New story" in moved.text
    assert "Dockers walk out" in moved.text
    assert update.thread_ts == moved.ts and "Thursday" in " ".join(
        b["text"]["text"] for b in update.blocks if b["type"] == "section")
    assert runtime.deliver_pending(now=t0 + timedelta(seconds=sent + 5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 4


def test_the_moved_articles_new_story_says_where_this_channel_saw_it_before(
        runtime, fake_slack, fresh_db, pipeline, t0):
    """The desk read the walkout as an update in the contract story's thread: its new-story
    alert says it was posted here as an update of that story, linking that message, so the
    same headline twice reads as the correction it is."""
    delivered_in_turn(runtime, pipeline, t0=t0)
    first, in_thread, moved, update = fake_slack.posts("C0DESK")
    [old] = fresh_db.execute("SELECT title FROM stories WHERE id = (SELECT story_id FROM "
                             "alerts WHERE ts = ?)", [first.ts]).fetchone()
    lines = [e["text"] for b in moved.blocks if b["type"] == "context" for e in b["elements"]
             if "Posted here before" in e.get("text", "")]
    link = f"https://fake.slack.com/archives/C0DESK/p{in_thread.ts.replace('.', '')}"
    assert len(lines) == 1 and f"<{link}|" in lines[0], moved.blocks
    assert f"|{old}>" in lines[0] and "Dockers walk out" not in old, lines[0]
    assert moved.text.endswith("— moved out of another story"), moved.text
    assert not any("Posted here before" in str(b) for b in update.blocks)


def test_an_update_not_yet_posted_when_its_article_moves_is_not_posted_in_the_old_thread(
        runtime, fake_slack, fresh_db, pipeline, t0):
    contract, again, walkout, later = articles(recent_start(datetime.now(UTC)))
    list(pipeline.ingest([contract, again]))
    runtime.deliver_pending(now=t0)
    list(pipeline.ingest([walkout]))  # its update waits in the outbox (Slack slow, say)
    list(pipeline.ingest([later]))  # and the later report takes it out of the story
    for second in range(1, 6):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    first, moved, update = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and "Dockers walk out" not in first.text
    assert moved.thread_ts is None and "New story" in moved.text
    assert "Dockers walk out" in moved.text and update.thread_ts == moved.ts
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE status = 'withdrawn'"
                            ).fetchone()[0] == 1


@dataclass(frozen=True)
class HourlyDesk:
    """A channel with an hourly digest of the Averna topic, and the pipeline feeding it."""

    db: Database
    pipeline: Pipeline
    client: WebClient
    now: datetime

    @property
    def hour(self) -> datetime:
        """The next full hour: the end of the first digest's period."""
        return self.now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)

    def digest(self, hours_later: int) -> int:
        """Sends the digests due just after the next full hour, ``hours_later`` hours on."""
        return send_due_digests(self.db, self.client,
                                now=self.hour + timedelta(hours=hours_later, seconds=30))

    def ingest_after(self, digests: int, raw: RawArticle) -> Outcome:
        """Ingests ``raw`` after that many digests, in the hour before the next one: what it
        stores, and a move it makes, are stamped ten minutes into that hour (the digests run
        on the test's clock, the pipeline on the machine's)."""
        moved, last = self._moved(), self._last_row()
        [result] = self.pipeline.ingest([raw])
        at = (self.hour + timedelta(hours=digests - 1, minutes=10)).isoformat()
        with transaction(self.db):
            self.db.execute("UPDATE story_articles SET created_at = ? WHERE id > ?", [at, last])
            self.db.conn.executemany("UPDATE story_articles SET moved_at = ? WHERE id = ?",
                                     [(at, row) for row in self._moved() - moved])
        return result

    def _moved(self) -> set[int]:
        return {row[0] for row in self.db.execute(
            "SELECT id FROM story_articles WHERE moved_at IS NOT NULL")}

    def _last_row(self) -> int:
        return self.db.execute("SELECT coalesce(max(id), 0) FROM story_articles").fetchone()[0]


def counts(digest_text: str) -> str:
    """What a digest's notification says it holds: "1 new story", "2 new stories, 1 updated"."""
    return digest_text.split(": ", 1)[1].split(" — ")[0]


def hourly(db, settings, nlp, fake_slack: FakeSlack, *, name: str, query: str) -> HourlyDesk:
    """C0DIG with an hourly digest of a topic subscribed two hours ago, and its pipeline."""
    now = datetime.now(UTC)
    with transaction(db):
        topic = add_topic(db, name=name, query=query)
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at=(now - timedelta(hours=2)).isoformat())
    return HourlyDesk(db, Pipeline(db, settings, nlp=nlp),
                      WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url), now)


@pytest.fixture
def hourly_desk(fresh_db, slack_settings, nlp, fake_slack) -> HourlyDesk:
    return hourly(fresh_db, slack_settings, nlp, fake_slack, name="Averna port", query="Averna")


def test_a_digest_after_the_correction_lists_the_moved_story_as_new(hourly_desk, fake_slack):
    """The hourly digest listed the walkout as an update of the contract story; the next hour
    a later report takes it out. The next digest must not show that report as an update of a
    story its reader never saw: it lists the walkout's story as new, with what the report
    added."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    for batch in ([contract, again], [walkout]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    hourly_desk.ingest_after(1, later)
    assert hourly_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert counts(first.text) == "1 new story" and "walked off the job" in str(first.blocks)
    assert counts(second.text) == "1 new story", second.text
    [item] = [b["text"]["text"] for b in second.blocks if b["type"] == "section"]
    assert item.startswith("🆕 New: *Dockers walk out") and "kept up their walkout" in item


def test_a_move_stored_before_its_time_was_kept_lists_the_moved_story_as_new(hourly_desk,
                                                                             fake_slack):
    """A database moved on from before stories/m008 holds moves without their time: the next
    digest reads them by the earlier rule, and lists the moved story as new."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    for batch in ([contract, again], [walkout]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    hourly_desk.ingest_after(1, later)
    with transaction(hourly_desk.db):
        assert hourly_desk.db.execute("UPDATE story_articles SET moved_at = NULL "
                                      "WHERE moved_at IS NOT NULL").rowcount == 1
    assert hourly_desk.digest(1) == 1
    second = fake_slack.posts("C0DIG")[1]
    assert counts(second.text) == "1 new story", second.text


WALKOUT_VOTE = """Averna dockers vote to stay out as pension talks move to Friday

Dockworkers at Port Averna voted on Wednesday to keep up their walkout over pension cuts, the dockers' union said, after 412 of its 450 members backed the strike.

The talks with the employer, first set for Thursday, were moved to Friday at the request of the mediator, the union said."""


def lists_the_vote_as_an_update(hourly_desk: HourlyDesk, fake_slack: FakeSlack,
                                published: str) -> None:
    """After a first digest that listed the walkout's story as new: the vote, an update of
    it, reads as one in the next digest, not as the story new again."""
    vote = hourly_desk.ingest_after(1, RawArticle(text=WALKOUT_VOTE, origin="a4",
                                                  published=published))
    assert vote.verdict is not None and vote.verdict.kind == "update"
    assert hourly_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert counts(first.text) == "2 new stories", first.text
    assert counts(second.text) == "1 updated", second.text


def test_a_digest_after_the_moved_story_was_listed_new_lists_its_update_as_one(hourly_desk,
                                                                               fake_slack):
    """The correction came before the first digest, which listed the walkout's story as new;
    a later update of that story is an update in the next digest, not the story new again."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    for batch in ([contract, again], [walkout], [later]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    published = (hourly_desk.now - timedelta(hours=1)).isoformat()
    lists_the_vote_as_an_update(hourly_desk, fake_slack, published)


WALKOUT_REWRITE = """Pension row: dockworkers stay out as Oskarsdottir digs in

Dockworkers at Averna kept up their walkout over pension cuts, the dockers' union said.

Maren Oskarsdottir, who leads the union, said members would not return until the pension plan was restored in full."""
"""A later report of the walkout that adds nothing: it takes the walkout out of the contract
story, as a duplicate of it (no digest event of its own)."""


def test_a_correction_by_a_report_adding_nothing_lists_the_moved_story_once(hourly_desk,
                                                                            fake_slack):
    """The correction came before the first digest, which listed the walkout's story as new;
    its correcting report added nothing, so no event of its own tells a later digest that."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    published = str(later.published)  # nine hours after the walkout, as its later report
    rewrite = RawArticle(text=WALKOUT_REWRITE, origin="a3", published=published)
    for batch in ([contract, again], [walkout], [rewrite]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    lists_the_vote_as_an_update(hourly_desk, fake_slack, published)


FERRY = """Averna ferry adds a late crossing to Dornberg

The ferry line between Averna and Dornberg will add a late crossing on weekdays from June, its operator said, after a year of full evening boats.

The new boat leaves Averna at 11 at night and takes ninety minutes."""


def test_a_correction_after_the_digest_that_took_the_report_lists_the_story_new_once(
        hourly_desk, fake_slack):
    """The first digest took the walkout as the contract's news; in the next hour a rewrite
    of it takes it out (no event of its own) and the second digest lists another story only.
    The walkout's story first reaches the digest with its update: as a new story."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    for batch in ([contract, again], [walkout]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    published = str(later.published)  # nine hours after the walkout, as its later report
    for text, origin in ((WALKOUT_REWRITE, "a3"), (FERRY, "a5")):
        hourly_desk.ingest_after(1, RawArticle(text=text, origin=origin, published=published))
    assert hourly_desk.digest(1) == 1
    hourly_desk.ingest_after(2, RawArticle(text=WALKOUT_VOTE, origin="a4", published=published))
    assert hourly_desk.digest(2) == 1
    first, second, third = fake_slack.posts("C0DIG")
    assert "walked off the job" in str(first.blocks)
    assert not any(said in str(second.blocks) for said in ("walked off", "walkout"))
    assert counts(third.text) == "1 new story", third.text
    [item] = [b["text"]["text"] for b in third.blocks if b["type"] == "section"]
    assert item.startswith("🆕 New: *Dockers walk out") and "412 of its 450" in item


def test_a_digest_held_past_its_hour_by_slack_while_the_move_came_lists_the_story_new_once(
        hourly_desk, fake_slack):
    """Slack is down as the hour's digest falls due; ten minutes into the next hour the later
    report takes the walkout out of the contract story, and then Slack answers again. The held
    digest, read after the move, lists the walkout's story as new: the next digest lists the
    later report as its update, not the story new a second time."""
    contract, again, walkout, later = articles(recent_start(hourly_desk.now))
    for batch in ([contract, again], [walkout]):
        list(hourly_desk.pipeline.ingest(batch))
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    assert hourly_desk.digest(0) == 0
    hourly_desk.ingest_after(1, later)
    assert send_due_digests(hourly_desk.db, hourly_desk.client,
                            now=hourly_desk.hour + timedelta(minutes=20)) == 1
    assert hourly_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert counts(first.text) == "2 new stories", first.text
    assert "Dockers walk out" in str(first.blocks)
    assert counts(second.text) == "1 updated", second.text
    [item] = [b["text"]["text"] for b in second.blocks if b["type"] == "section"]
    assert "kept up their walkout" in item and not item.startswith("🆕")
