"""/who-said for guests and people of another organisation: only quotes of the stories the
channels they are in follow, found and counted in the database's query, never another story's.
Signed requests over real HTTP, real SQLite, the fake Slack Web API with its channel membership."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.stories.tracking import add_topic
from handlers.shortcuts.who_said_message import CALLBACK_ID
from storage.db import transaction
from tests.fakes.interactive import message_shortcut_body
from tests.fakes.signing import REPORTER, event_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.world import add_article, add_story, add_update

DESK, CHAT, SHARED, NEWSROOM = "C0FERRYDESK", "C0CHAT", "C0SHARED", "C0NEWSROOM"
GUEST, SINGLE, PARTNER, MEMBER = "U0STRINGER", "U0ONEDESK", "U0PARTNER", "U0MEMBER"
SEEN = "The night timetable will be cut back from January"
HIDDEN = 12
"""Quotes of a story the guests' channels never got, each matching the same words."""
ASKERS = [(GUEST, CHAT), (SINGLE, DESK), (PARTNER, SHARED)]
"""A multi-channel guest typing in a channel that follows nothing (their desk counts through
users.conversations), a single-channel guest in their desk, a partner in the shared channel."""


@pytest.fixture
def desks(runtime, fake_slack, fresh_db):
    """The ferry desk and the shared channel follow Ferries; the newsroom, a harbour sale. The
    ferry story holds one quote; the sale, twelve newer ones with the same words in them.
    Each /subscribe refreshes App Home after it answers (listing channels): waited for, or it
    may take a failure a test sets up for the guest's own users.conversations."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_user(SINGLE, single_channel_guest=True)
    fake_slack.add_user(PARTNER, team="T0PARTNER")
    for channel, people in ((DESK, {GUEST, SINGLE, MEMBER}), (CHAT, {GUEST, MEMBER}),
                            (SHARED, {PARTNER, MEMBER}), (NEWSROOM, {MEMBER})):
        fake_slack.add_channel(channel).members.update(people)
    with transaction(fresh_db):
        ferries = add_topic(fresh_db, name="Ferries", query="ferry OR ferries")
        sale = add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
    for channel, topic in ((DESK, "Ferries"), (SHARED, "Ferries"), (NEWSROOM, "Harbour takeover")):
        run_command(runtime, fake_slack, "/subscribe", topic, channel=channel)
    wait_for(lambda: len(home_listings(fake_slack)) == 3 * 2 and
             f"<#{NEWSROOM}>" in json.dumps(fake_slack.views.get(REPORTER)))
    said = add_article(fresh_db, title="Ferry timetable thinned", quotes=((SEEN, "Ola Fenn"),))
    add_story(fresh_db, article_id=said, title="Ferry timetable thinned", topic_ids=(ferries,))
    first = add_article(fresh_db, title="Harbour sold", quotes=(
        ("Once the sale closes the night timetable will be cut back from January, "
         "bid 0", "Ida Marsh"),))
    story = add_story(fresh_db, article_id=first, title="Harbour sold", topic_ids=(sale,))
    for n in range(1, HIDDEN):
        later = add_article(fresh_db, title=f"Harbour sold, part {n}", quotes=(
            (f"Once the sale closes the night timetable will be cut back from January, bid {n}",
             "Ida Marsh"),))
        add_update(fresh_db, story_id=story, article_id=later, whats_new=())


def home_listings(fake_slack) -> list[str]:
    """App Home's look at the private channels, wirewatch's and the person's, each refresh."""
    return [c.params.get("user") for c in fake_slack.calls_to("users.conversations")
            if c.params.get("types") == "private_channel"]


def asked(fake_slack) -> list[str]:
    return [c.params.get("user") for c in fake_slack.calls_to("users.conversations")
            if c.params.get("types") == "public_channel,private_channel"]


def who_said(runtime, fake_slack, text: str, user: str, channel: str) -> str:
    return run_command(runtime, fake_slack, "/who-said", text, user=user, channel=channel)["text"]


@pytest.mark.parametrize(("user", "channel"), ASKERS)
def test_a_guest_finds_the_quotes_of_the_stories_their_channels_follow_only(
        runtime, fake_slack, desks, user, channel):
    """Words of a quote, ``from:`` a speaker and ``share``: the ferry story's quote is found, the
    sale's twelve newer ones (ranked first for a member) are never shown nor counted; one
    users.conversations call a command."""
    found = who_said(runtime, fake_slack, "night timetable will be cut back", user, channel)
    assert "Ola Fenn" in found and "Ferry timetable thinned" in found, found
    assert "Ida Marsh" not in found and "sale" not in found and "more" not in found, found
    assert found.count("•") == 1, found
    by_name = who_said(runtime, fake_slack, "from:Ida Marsh", user, channel)
    assert "No quotes from Ida Marsh" in by_name and "sale" not in by_name, by_name
    assert "Ola Fenn" in who_said(runtime, fake_slack, "from: Ola Fenn", user, channel)
    named = who_said(runtime, fake_slack, "Ida Marsh", user, channel)
    assert "No quote matches" in named and "sale" not in named, named
    shared = run_command(runtime, fake_slack, "/who-said", "share cut back from January",
                         user=user, channel=channel)
    assert "Ida Marsh" not in shared["text"] and "Ola Fenn" in shared["text"], shared
    assert shared["response_type"] == ("ephemeral" if channel == CHAT else "in_channel"), \
        "the guest's chat channel follows nothing: see the next test"
    assert asked(fake_slack) == [user] * 5, asked(fake_slack)


def share(runtime, fake_slack, text: str, user: str, channel: str) -> dict:
    return run_command(runtime, fake_slack, "/who-said", f"share {text}", user=user,
                       channel=channel)


def test_a_guest_shares_into_a_channel_only_the_quotes_of_what_it_follows(
        runtime, fake_slack, desks):
    """The stringer is in the newsroom's channel too (a private desk, following the harbour
    sale) and in the channel shared with the partner (following Ferries): sharing there, a sale
    quote, theirs to read, is answered only to them, saying why and marking it; a ferry quote
    is posted; in their chat channel, which follows nothing, neither is."""
    for channel in (NEWSROOM, SHARED):
        fake_slack.channels[channel].members.add(GUEST)
    info = len(fake_slack.calls_to("conversations.info"))
    held = share(runtime, fake_slack, "sale closes night timetable", GUEST, SHARED)
    assert held["response_type"] == "ephemeral" and "Ida Marsh" in held["text"], held
    assert "Not posted to the channel" in held["text"], held
    assert held["text"].count("not followed in this channel") == held["text"].count("•")
    posted = share(runtime, fake_slack, "from:Ola Fenn", GUEST, SHARED)
    assert posted["response_type"] == "in_channel" and "Ola Fenn" in posted["text"], posted
    assert "not followed" not in posted["text"] and "Not posted" not in posted["text"], posted
    chat = share(runtime, fake_slack, "from:Ola Fenn", GUEST, CHAT)
    assert chat["response_type"] == "ephemeral" and "one of these quotes is" in chat["text"]
    assert len(fake_slack.calls_to("conversations.info")) == info, "a guest's: no call"


def test_a_member_shares_into_a_channel_shared_with_another_organisation_only_its_stories(
        runtime, fake_slack, desks):
    """The shared channel is Slack Connect: a member's share of the newsroom's sale quotes
    there is answered only to them, saying why; a ferry quote, which the channel follows, is
    posted without asking Slack; their ordinary channel (the chat) takes the sale quotes as
    before; an invitation pending counts as shared; when Slack does not say, nothing is posted."""
    fake_slack.channels[SHARED].ext_shared = True
    held = share(runtime, fake_slack, "sale closes night timetable", MEMBER, SHARED)
    assert held["response_type"] == "ephemeral" and "shared with another organisation" in \
        held["text"] and held["text"].count("Ida Marsh") == 5, held
    info = len(fake_slack.calls_to("conversations.info"))
    posted = share(runtime, fake_slack, "from:Ola Fenn", MEMBER, SHARED)
    assert posted["response_type"] == "in_channel" and "Ola Fenn" in posted["text"], posted
    assert len(fake_slack.calls_to("conversations.info")) == info, "no call: all followed here"
    ordinary = share(runtime, fake_slack, "sale closes night timetable", MEMBER, CHAT)
    assert ordinary["response_type"] == "in_channel" and "Not posted" not in ordinary["text"]
    fake_slack.channels[CHAT].pending_ext_shared = True
    pending = share(runtime, fake_slack, "sale closes night timetable", MEMBER, CHAT)
    assert pending["response_type"] == "ephemeral", pending
    fake_slack.fail_next(1, status=500, methods={"conversations.info"})
    unsaid = share(runtime, fake_slack, "sale closes night timetable", MEMBER, DESK)
    assert unsaid["response_type"] == "ephemeral" and "did not say" in unsaid["text"], unsaid


PEOPLE_DM, GROUP_DM, HIDDEN_ROOM = "D0MEMBERPARTNER", "C0MPDM", "C0LEGAL"


def share_in(runtime, fake_slack, channel: str, name: str, text: str = "sale closes night "
             "timetable") -> dict:
    return run_command(runtime, fake_slack, "/who-said", f"share {text}", user=MEMBER,
                       channel=channel, channel_name=name)


def test_a_member_shares_nothing_where_wirewatch_cannot_see_who_reads(
        runtime, fake_slack, desks):
    """A direct message with the partner, a group direct message, a private channel wirewatch
    is not in: Slack tells an app nothing of who reads them (conversations.info answers
    channel_not_found, or missing_scope for direct messages: the manifest asks no im:read), so
    a member's share of quotes they do not follow is answered only to them, saying why and how
    to share; in their own direct message with wirewatch it is posted (only they read it)."""
    fake_slack.add_conversation(PEOPLE_DM, {MEMBER, PARTNER})
    fake_slack.add_conversation(GROUP_DM, {MEMBER, PARTNER, GUEST}, kind="mpim")
    fake_slack.add_channel(HIDDEN_ROOM, private=True, member=False).members.update(
        {MEMBER, PARTNER})
    direct = share_in(runtime, fake_slack, PEOPLE_DM, "directmessage")
    assert direct["response_type"] == "ephemeral", direct
    assert "direct message between people" in direct["text"], direct
    assert "paste what should go out" in direct["text"], direct
    calls = len(fake_slack.calls)
    group = share_in(runtime, fake_slack, GROUP_DM, "mpdm-member--partner--stringer-1")
    assert group["response_type"] == "ephemeral" and "group direct message" in group["text"]
    assert [c.method for c in fake_slack.calls[calls:]] == ["response_url"], "no Slack call"
    hidden = share_in(runtime, fake_slack, HIDDEN_ROOM, "privategroup")
    assert hidden["response_type"] == "ephemeral", hidden
    assert "wirewatch is not in this conversation" in hidden["text"], hidden
    assert "`/invite @wirewatch`" in hidden["text"], hidden
    own = share_in(runtime, fake_slack, "D" + MEMBER[1:], "directmessage")
    assert own["response_type"] == "in_channel" and "Not posted" not in own["text"], own
    fake_slack.fail_next(1, status=500, methods={"conversations.open"})
    unsaid = share_in(runtime, fake_slack, "D" + MEMBER[1:], "directmessage")
    assert unsaid["response_type"] == "ephemeral" and "did not say" in unsaid["text"], unsaid


def test_a_member_still_finds_every_quote_without_asking_slack_for_channels(
        runtime, fake_slack, desks):
    found = who_said(runtime, fake_slack, "night timetable will be cut back", MEMBER, CHAT)
    assert found.count("Ida Marsh") == 5, found
    assert "sale closes" in who_said(runtime, fake_slack, "from:Ida Marsh", MEMBER, CHAT)
    assert asked(fake_slack) == []


def test_when_slack_does_not_list_a_guests_channels_only_the_one_typed_in_counts(
        runtime, fake_slack, desks):
    fake_slack.fail_next(1, status=500, methods={"users.conversations"})
    elsewhere = who_said(runtime, fake_slack, "night timetable will be cut back", GUEST, CHAT)
    assert "No quote matches" in elsewhere and "Ida Marsh" not in elsewhere, elsewhere
    fake_slack.fail_next(1, status=500, methods={"users.conversations"})
    here = who_said(runtime, fake_slack, "night timetable will be cut back", GUEST, DESK)
    assert "Ola Fenn" in here and "Ida Marsh" not in here, here


@pytest.mark.parametrize(("user", "channel"), [*ASKERS, (MEMBER, CHAT)])
def test_who_said_this_on_a_message_answers_a_guest_from_their_stories_only(
        runtime, fake_slack, desks, user, channel):
    def shortcut(text: str) -> str:
        seen = len(fake_slack.responses())
        body = message_shortcut_body(CALLBACK_ID, text, user=user, channel=channel,
                                     response_url=fake_slack.response_url())
        assert post_signed(events_url(runtime), body).status == 200
        return json.dumps(wait_for(lambda: fake_slack.responses()[seen:])[0])

    found = shortcut(f"did you see “{SEEN}”?")
    if user == MEMBER:
        assert "Ida Marsh" in found, "the sale's newer quotes first, as before"
    else:
        assert "Ola Fenn" in found and "Ida Marsh" not in found, found
    assert ("Ida Marsh" in shortcut("“Once the sale closes the night timetable”")) == \
        (user == MEMBER)


FREELANCER = "U0FREELANCE"
GRAIN = ("Grain silo fire at Easthaven quay\n\nA fire broke out in a grain silo on the Easthaven "
         "quay on Wednesday night. \"The sprinklers held the flames to one bin,\" said fire "
         "chief Tove Brann. Ships were kept off the quay until morning.")
GRAIN_AGAIN = ("Easthaven quay reopens after silo fire\n\nThe Easthaven quay reopened on "
               "Thursday after the grain silo fire. \"Every bin has now been checked twice,\" said "
               "fire chief Tove Brann. Loading resumed at noon.")


def account_changed(runtime, n: int, **flags: bool) -> None:
    """Slack's ``user_change`` for the freelancer, with the account's role flags."""
    event = {"type": "user_change", "event_ts": f"170000010{n}.000100",
             "user": {"id": FREELANCER, "deleted": False, **flags}}
    reply = post_signed(events_url(runtime), event_body(event), content_type="application/json")
    assert reply.status == 200


def running(db) -> tuple[int, int]:
    """(topic, quote) subscriptions not paused."""
    return tuple(db.execute(f"SELECT count(*) FROM {table} WHERE paused_at IS NULL").fetchone()[0]
                 for table in ("subscriptions", "quote_subscriptions"))


def test_a_member_made_a_guest_gets_nothing_more_by_direct_message(
        runtime, fake_slack, fresh_db, pipeline):
    """Staff who subscribed themselves (a topic, a person's quotes) and are then made a guest
    (a freelancer's contract ends): their direct messages stop, as a guest may subscribe to
    nothing and reads only what their channels follow; made a member again, they resume."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Quay fires", query="silo OR fire")
    for text in ("me Quay fires", 'me quotes person:"Tove Brann"'):
        said = run_command(runtime, fake_slack, "/subscribe", text, user=FREELANCER)["text"]
        assert "Only" not in said, said
    dm = "D" + FREELANCER[1:]
    fake_slack.add_user(FREELANCER, guest=True)
    account_changed(runtime, 1, is_restricted=True, is_ultra_restricted=False)
    wait_for(lambda: fresh_db.execute("SELECT count(*) FROM subscriptions WHERE paused_at IS "
                                      "NULL").fetchone()[0] == 0)
    assert running(fresh_db) == (0, 0), "the topic and the quotes alike"
    list(pipeline.ingest([RawArticle(text=GRAIN, origin="g1", source="Coast Wire")]))
    runtime.deliver_pending(now=datetime.now(UTC) + timedelta(minutes=1))
    assert "sprinklers" not in json.dumps([m.blocks for m in fake_slack.posts(dm)]), dm
    home = run_command(runtime, fake_slack, "/wirewatch", "status", user=FREELANCER,
                       channel=dm)["text"]
    assert "a guest's now" in home, home
    fake_slack.add_user(FREELANCER)
    account_changed(runtime, 2, is_restricted=False, is_ultra_restricted=False)
    wait_for(lambda: running(fresh_db) == (1, 1))
    list(pipeline.ingest([RawArticle(text=GRAIN_AGAIN, origin="g2", source="Coast Wire")]))
    runtime.deliver_pending(now=datetime.now(UTC) + timedelta(minutes=2))
    shown = json.dumps([m.blocks for m in fake_slack.posts(dm)])
    assert "checked twice" in shown and "sprinklers" not in shown, shown


def test_a_quote_a_digest_brought_into_the_desk_is_in_its_guests_reach(
        runtime, fake_slack, fresh_db, desks):
    """A daily digest of a person's quotes posted in the desk lists a quote of a story the desk
    follows no topic of: its guests find it, as they find a quote alerted there as it happens;
    the partner, whose channel got neither, does not."""
    said = add_article(fresh_db, title="Harbour pilots vote",
                       quotes=(("Pilots will not board after dark", "Per Lund"),))
    add_story(fresh_db, article_id=said, title="Harbour pilots vote")
    quote = fresh_db.execute("SELECT id FROM quotes WHERE article_id = ?", [said]).fetchone()[0]
    alerted = add_article(fresh_db, title="Tug crews rested",
                          quotes=(("Tug crews get two nights off", "Per Lund"),))
    story = add_story(fresh_db, article_id=alerted, title="Tug crews rested")
    sent = ("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "created_at) VALUES (?, ?, ?, 'quote', 'sent', 1, '2026-12-02T21:00:00+00:00')")
    with transaction(fresh_db):
        fresh_db.execute(sent, [story, alerted, DESK])
        digest = fresh_db.execute(sent, [None, None, DESK]).lastrowid
        fresh_db.execute("INSERT INTO quote_alert_items (alert_id, quote_id, subscription_id) "
                         "VALUES (?, ?, 1)", [digest, quote])
    for user, channel in ASKERS:
        found = who_said(runtime, fake_slack, "from:Per Lund", user, channel)
        for words in ("Pilots will not board", "Tug crews get"):
            assert (words in found) == (user != PARTNER), (user, found)


def test_an_answer_read_as_a_guest_only_because_slack_was_slow_is_never_shared(
        runtime, fake_slack, desks):
    """users.info answers 429: the member asking reads as a guest, told why, and their
    ``share`` answers only to them (a channel should not get a partial answer and its note)."""
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"users.info"})
    reply = run_command(runtime, fake_slack, "/who-said", "share night timetable will be cut",
                        user=MEMBER, channel=DESK)
    assert "did not say in time" in reply["text"] and "Who said" in reply["text"], reply
    assert reply["response_type"] == "ephemeral", reply


def test_a_guest_finds_their_story_by_words_behind_many_newer_ones_elsewhere(
        runtime, fake_slack, fresh_db, desks):
    """`/story WORDS`: the desk's ferry story, older than six hundred other stories with the same
    words that the desk does not follow, is found (the reach is part of the search); none of
    those is named."""
    with transaction(fresh_db):
        fresh_db["stories"].insert_all(
            {"title": f"Ferry timetable thinned again, route {n}", "summary": "[]",
             "created_at": "2026-12-02T20:00:00+00:00", "updated_at": "2026-12-02T20:00:00+00:00",
             "article_count": 1} for n in range(600))
    for user, channel in ASKERS:
        found = run_command(runtime, fake_slack, "/story", "timetable ferry", user=user,
                            channel=channel)
        shown = json.dumps(found)
        assert "Ferry timetable thinned" in shown and "route" not in shown, (user, shown[:300])
    member = json.dumps(run_command(runtime, fake_slack, "/story", "timetable ferry",
                                    user=MEMBER, channel=CHAT))
    assert "route 599" in member, member[:300]
