"""Timeline times are Slack date tokens, so each reader sees their own time zone."""

from bot.alerts.timeline_blocks import entry_line
from bot.models import TimelineEntry


def _entry(when: str | None) -> TimelineEntry:
    return TimelineEntry(article_id=1, title="Ferry refloated at high tide", source="Harbour Daily",
                         url=None, when=when, verdict="update")


def test_a_known_time_is_a_slack_date_token_with_a_utc_fallback():
    line = entry_line(_entry("2026-11-24T09:00:00+00:00"))
    assert "<!date^1795510800^{date_short_pretty} {time}|24 Nov 2026 09:00 UTC>" in line


def test_an_unreadable_time_is_shown_as_stored():
    assert "*not a date*" in entry_line(_entry("not a date"))
    assert "*time unknown*" in entry_line(_entry(None))
