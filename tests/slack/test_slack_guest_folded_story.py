"""What a guest sees of a story folded into an earlier one (a report told both): the channel
they are in had the later story's alert, then stopped following its topic, so the earlier
story, which holds the later one's reports now, is outside their reach. They read the later
story's own reports as they could before (`/story`, by number, its title or a report's; the
alert's Timeline and Show quotes; `/who-said`), never the earlier story's. Signed requests to
the Bolt app over real HTTP; the fake Slack's guest user."""

from __future__ import annotations

import pytest

from bot.alerts.blocks import MUTE, QUOTES, TIMELINE
from bot.models import Quote, Speaker, Verdict, VerdictKind
from storage import stories as store
from storage.alerts import enqueue_alerts, is_muted
from storage.db import transaction
from storage.quotes import insert_quotes
from storage.subscriptions import unsubscribe
from tests.slack.conftest import run_command
from tests.slack.test_slack_buttons_after_a_move import _message, click, shown
from tests.slack.test_slack_sender import follow
from tests.storage.test_story_fold import at as hour
from tests.storage.test_story_fold import two_stories

GUEST = "U0GUEST"
EARLIER = "Ferry runs aground off Skerra"
LATER_OWN = ("Skerra ferry passengers brought ashore", "Lifeboat crews praised after Skerra rescue")
UNSEEN = "was joined to a story the channels you are in do not follow"


@pytest.fixture
def folded_away(runtime, fake_slack, fresh_db, at) -> tuple[int, int, dict]:
    """(earlier, later, the later story's alert in C0DESK, a guest's channel, as a message)."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel("C0DESK").members.add(GUEST)
    earlier, later, articles, topic = two_stories(fresh_db)
    follow(fresh_db, topic, "C0DESK")
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(later, VerdictKind.NEW), articles[0], [topic])
    assert runtime.deliver_pending(now=at(0)) == 1
    with transaction(fresh_db):
        assert unsubscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK")
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=hour(10))
    [post] = fake_slack.posts("C0DESK")
    return earlier, later, _message(post)


def read_as_before(said: str, earlier: int, later: int) -> None:
    assert all(title in said for title in LATER_OWN), said
    assert f"Story {later} {UNSEEN}" in said, said
    assert said.index(UNSEEN) < said.index(LATER_OWN[1]), "said under the title, first"
    assert EARLIER not in said, "the earlier story's own report is outside the guest's reach"
    assert f"story {earlier}" not in said.casefold(), "nor is its number said"


def test_a_guest_reads_a_folded_story_they_followed_as_it_was_not_the_story_holding_it(
        runtime, fake_slack, folded_away):
    earlier, later, _ = folded_away
    for typed in (str(later), "passengers ashore", "lifeboat crews praised"):
        said = shown(run_command(runtime, fake_slack, "/story", typed, user=GUEST,
                                 channel="C0DESK"))
        read_as_before(said, earlier, later)
    hidden = shown(run_command(runtime, fake_slack, "/story", str(earlier), user=GUEST,
                               channel="C0DESK"))
    assert hidden.startswith(f"No story {earlier}.") and EARLIER not in hidden, hidden


def test_a_guests_timeline_button_under_the_folded_storys_alert_reads_it_as_it_was(
        runtime, fake_slack, folded_away):
    earlier, later, message = folded_away
    read_as_before(shown(click(runtime, fake_slack, message, TIMELINE, user=GUEST)), earlier,
                   later)


def test_a_members_timeline_button_under_the_folded_storys_alert_says_it_was_joined(
        runtime, fake_slack, folded_away):
    """A member reads the story holding the reports, told the story of the alert was joined
    to it (not that the alert's report was moved out of it, as a correction's move is told)."""
    earlier, later, message = folded_away
    said = shown(click(runtime, fake_slack, message, TIMELINE))
    assert f"Story {later} was joined to this one: its reports are here." in said, said
    assert EARLIER in said and all(title in said for title in LATER_OWN), said
    assert "moved out" not in said, said


def test_a_members_mute_under_the_folded_storys_alert_mutes_the_story_holding_it_saying_so(
        runtime, fake_slack, fresh_db, folded_away):
    """Mute acts on the story the alert's reports are in now, and says the alert's story was
    joined to it (not that a report was moved out, as a correction's move is told)."""
    earlier, later, message = folded_away
    said = shown(click(runtime, fake_slack, message, MUTE))
    assert f"_{LATER_OWN[0]}_ (`/story {later}`), was joined to this one" in said, said
    assert "moved out" not in said, said
    assert is_muted(fresh_db, earlier, ["C0DESK"]) and not is_muted(fresh_db, later, ["C0DESK"])


def said(db, article_id: int, text: str, who: str) -> None:
    """``who`` is quoted saying ``text`` in the article, as the quote stage stores it."""
    with transaction(db):
        insert_quotes(db, article_id, [Quote(text=text, start=0, end=len(text), kind="direct",
                                             speaker=Speaker(name=who, kind="person"),
                                             confidence=0.9)])


@pytest.fixture
def quoted(fresh_db, folded_away) -> tuple[int, int, dict]:
    """The same, a quote in the folded story's first report and one in the earlier story's."""
    earlier, later, _ = folded_away
    [own] = fresh_db.execute("SELECT article_id FROM story_articles WHERE story_id = ? "
                             "ORDER BY id LIMIT 1", [earlier]).fetchone()
    [folded] = fresh_db.execute("SELECT article_id FROM story_articles WHERE folded_from = ? "
                                "ORDER BY id LIMIT 1", [later]).fetchone()
    said(fresh_db, folded, "Every passenger was on the quay before the tide turned", "Piet Olsen")
    said(fresh_db, own, "The hull was holed before the tide turned", "Rana Holt")
    return folded_away


def test_a_guest_finds_the_folded_storys_quotes_they_could_before_and_no_other(
        runtime, fake_slack, quoted):
    """/who-said searches a guest's reach: the quote of the folded story's report is found
    (its report is the earlier story's now), and shared into the channel that followed it;
    the earlier story's own quote is not."""
    found = run_command(runtime, fake_slack, "/who-said", "before the tide turned", user=GUEST,
                        channel="C0DESK")["text"]
    assert "Piet Olsen" in found and "Rana Holt" not in found, found
    assert EARLIER not in found, found
    shared = run_command(runtime, fake_slack, "/who-said", "share before the tide turned",
                         user=GUEST, channel="C0DESK")
    assert shared["response_type"] == "in_channel", "the channel follows the folded story"
    assert "Piet Olsen" in shared["text"] and "Rana Holt" not in shared["text"], shared
    member = run_command(runtime, fake_slack, "/who-said", "before the tide turned",
                         channel="C0DESK")["text"]
    assert "Piet Olsen" in member and "Rana Holt" in member, member


def test_a_guests_show_quotes_under_the_folded_storys_alert_lists_its_own_reports_quotes(
        runtime, fake_slack, quoted):
    earlier, later, message = quoted
    listed = shown(click(runtime, fake_slack, message, QUOTES, user=GUEST))
    assert "Piet Olsen" in listed and "Rana Holt" not in listed, listed
    assert f"Story {later} {UNSEEN}: only the quotes" in listed, listed
    assert EARLIER not in listed and f"story {earlier}" not in listed.casefold(), listed
    member = shown(click(runtime, fake_slack, message, QUOTES))
    assert "Piet Olsen" in member and "Rana Holt" in member, member
    assert member.startswith(f"*Quotes in* _{EARLIER}_"), member
    assert f"_{LATER_OWN[0]}_ (`/story {later}`), was joined to this one" in member, member
