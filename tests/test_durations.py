"""One span reads the same wherever the desk sees it: a run's last heartbeat, an article's age
on arrival, a feed's silence and its next try (they said '4 h', '4 hours' and '4 min' apart)."""

from datetime import UTC, datetime, timedelta

from bot.alerts.eligibility import alert_hold
from bot.durations import span_words
from bot.run_lines import ago

NOW = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


def test_the_largest_unit_that_gives_two_whole_ones_rounded_down():
    said = [span_words(timedelta(seconds=s)) for s in
            (-5, 0, 1, 59, 119, 120, 7199, 7200, 172799, 172800, 40 * 86400 + 86399)]
    assert said == ["0 seconds", "0 seconds", "1 second", "59 seconds", "119 seconds",
                    "2 minutes", "119 minutes", "2 hours", "47 hours", "2 days", "40 days"]


def test_a_heartbeat_and_an_articles_age_say_the_same_span_the_same_way():
    for span, words in ((timedelta(minutes=10, seconds=30), "10 minutes"),
                        (timedelta(hours=4, minutes=59), "4 hours"),
                        (timedelta(days=3, minutes=1), "3 days")):
        then = NOW - span
        assert ago(then.isoformat(), NOW) == f"{words} ago"
        held = alert_hold(background=False, published=then.isoformat(), ingested_at=NOW,
                          max_age_hours=0.1)
        assert held and held.endswith(f", {words} before it arrived (limit 0.1 h)"), held
