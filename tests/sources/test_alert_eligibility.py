"""The pure rule for whether a stored article may alert, and the pipeline applying it."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.eligibility import BACKGROUND, alert_hold
from bot.config import ConfigError, load_settings
from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.sources.stories import BRIDGE, FERRY, LIBRARY, ORCHARD

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def hold(published, *, background=False, limit=72.0):
    return alert_hold(background=background, published=published, ingested_at=NOW,
                      max_age_hours=limit)


def test_age_limit_is_measured_from_the_articles_own_time_to_its_arrival():
    assert hold("2026-05-10T11:00:00+00:00") is None
    assert hold("2026-05-07T12:00:00+00:00") is None, "exactly the limit still alerts"
    assert hold("2026-05-07T11:59:00+00:00").startswith(
        "too old to alert: published 2026-05-07 11:59 UTC, 3 days before it arrived")
    assert "40 days before it arrived (limit 72 h)" in hold("2026-03-31T12:00:00+00:00")
    assert hold("2026-05-10T08:00:00", limit=3).endswith("4 hours before it arrived (limit 3 h)"), \
        "a time without a zone is UTC"
    assert hold("2026-05-12T09:00:00+00:00") is None, "a future date is not old"


def test_no_date_an_unreadable_date_or_no_limit_alerts():
    assert hold(None) is None and hold("") is None and hold("last Tuesday") is None
    assert hold("2020-01-01T00:00:00+00:00", limit=0) is None


def test_background_never_alerts_whatever_its_date():
    assert hold(None, background=True) == BACKGROUND
    assert hold("2026-05-10T11:00:00+00:00", background=True, limit=0) == BACKGROUND


def test_pipeline_holds_old_and_background_articles_and_alerts_the_rest(pipeline, fresh_db):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Desk", query="ferry OR library OR frost OR bridge")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0LIVE",
                  mode="realtime", created_by="U1", at="2026-01-01T00:00:00+00:00")
    now = datetime.now(UTC)
    articles = [
        RawArticle(text=FERRY[1], title=FERRY[0], origin="fresh",
                   published=(now - timedelta(hours=2)).isoformat()),
        RawArticle(text=LIBRARY[1], title=LIBRARY[0], origin="old",
                   published=(now - timedelta(hours=80)).isoformat()),
        RawArticle(text=ORCHARD[1], title=ORCHARD[0], origin="undated"),
        RawArticle(text=BRIDGE[1], title=BRIDGE[0], origin="background", background=True),
    ]
    outcomes = {o.origin: o for o in pipeline.ingest(articles)}
    assert {o.status for o in outcomes.values()} == {"stored"}
    alerted = [r[0] for r in fresh_db.execute(
        "SELECT articles.title FROM alerts JOIN articles ON articles.id = alerts.article_id "
        "ORDER BY alerts.id")]
    assert alerted == [FERRY[0], ORCHARD[0]]
    assert outcomes["old"].reason.startswith("too old to alert")
    assert outcomes["background"].reason == BACKGROUND
    assert outcomes["fresh"].reason is None and outcomes["undated"].reason is None
    assert fresh_db["alert_holds"].count == 2


def test_no_limit_lets_old_articles_alert(pipeline, fresh_db):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Desk", query="library")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0LIVE",
                  mode="realtime", created_by="U1", at="2026-01-01T00:00:00+00:00")
    pipeline.settings = replace(pipeline.settings, alert_max_age_hours=0)
    old = RawArticle(text=LIBRARY[1], title=LIBRARY[0], origin="old",
                     published="2019-06-01T08:00:00+00:00")
    [outcome] = pipeline.ingest([old])
    assert outcome.reason is None and fresh_db["alerts"].count == 1


@pytest.mark.parametrize("value, expected", [(None, 72.0), ("", 72.0), ("0", 0.0),
                                             ("12.5", 12.5)])
def test_alert_max_age_setting(value, expected):
    env = {} if value is None else {"WIREWATCH_ALERT_MAX_AGE_HOURS": value}
    assert load_settings(env).alert_max_age_hours == expected


@pytest.mark.parametrize("value", ["three days", "-1", "nan"])
def test_bad_alert_max_age_is_a_clear_error(value):
    with pytest.raises(ConfigError, match="WIREWATCH_ALERT_MAX_AGE_HOURS must be"):
        load_settings({"WIREWATCH_ALERT_MAX_AGE_HOURS": value})
