"""Whom a subscription may notify, said alike by `/wirewatch help`, `/subscribe`'s usage and the
check itself: a member names people, an admin people and user groups. The real Bolt app over
HTTP, the fake Slack, a real SQLite file."""

from __future__ import annotations

from tests.slack.conftest import run_command

MEMBER = "U0MEMBER"
GROUP = "<!subteam^S0DESK|@desk-leads>"


def test_a_member_s_subscribe_usage_offers_the_notify_a_member_may_set(runtime, fake_slack):
    """Before: a member's usage offered `notify @person @desk-group`, which their help left out
    and the check refuses them."""
    added = run_command(runtime, fake_slack, "/topics", "add Tides tide OR tidal")["text"]
    assert "Tides" in added, added
    helped = run_command(runtime, fake_slack, "/wirewatch", "help", user=MEMBER)["text"]
    assert "[notify @person]" in helped and "@group" not in helped, helped
    for text in ("help", "", "Tides weekly"):
        said = run_command(runtime, fake_slack, "/subscribe", text, user=MEMBER)["text"]
        assert "`… notify @person` pings them" in said and "group" not in said, (text, said)
        admin = run_command(runtime, fake_slack, "/subscribe", text)["text"]
        assert "`… notify @person @group` pings them" in admin, (text, admin)
    refused = run_command(runtime, fake_slack, "/subscribe", f"Tides notify {GROUP}",
                          user=MEMBER)["text"]
    assert "Nothing subscribed" not in refused and "admin" in refused, refused
    admin = run_command(runtime, fake_slack, "/subscribe", f"Tides notify {GROUP}")["text"]
    assert "This channel will now get *Tides*" in admin, admin


def test_a_member_s_notify_errors_offer_only_the_people_they_may_name(runtime, fake_slack):
    """Before: a member who typed a name, @here or nothing after `notify` was told to pick "the
    person or the user group", with `@europe-desk` in the example: a user group refused them."""
    added = run_command(runtime, fake_slack, "/topics", "add Tides tide OR tidal")["text"]
    assert "Tides" in added, added
    for text in ("Tides notify harbourmaster", "Tides notify @here", "Tides notify",
                 'quotes person:"Ada Brandt" notify harbourmaster'):
        said = run_command(runtime, fake_slack, "/subscribe", text, user=MEMBER)["text"]
        assert "pick the person from Slack's list" in said, (text, said)
        assert "group" not in said and "Nothing was subscribed" in said, (text, said)
        admin = run_command(runtime, fake_slack, "/subscribe", text)["text"]
        assert "pick the person or the user group" in admin, (text, admin)
