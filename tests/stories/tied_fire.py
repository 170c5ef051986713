"""Two young stories of one event and a report tying them, in this project's own words: a
warehouse fire, and the smoke it sends over a valley (reported first as if on its own)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from tests.dated import recent_start

BLAZE = """Warehouse blaze in Corvel port district

Firefighters spent the night fighting a blaze at a Halden Logistics warehouse in the port district of Corvel, the fire service said on Monday.

Flames tore through the roof of the storage hall shortly after midnight, and twelve crews were called to the scene.

Nobody was inside the warehouse when the fire started, a Halden Logistics spokesman said."""
"""The first report of a warehouse fire."""

CLOUD = """Motorway shut as acrid cloud drifts over Aster valley

Police closed the A4 motorway through the Aster valley on Monday morning as an acrid cloud drifted over the road, and told drivers to take other routes.

Residents of Brennick were asked to keep windows and doors shut until the air cleared.

The county health office said people with asthma should stay indoors."""
"""The first report of its smoke, over a valley some way off, naming neither the fire nor the warehouse."""

BOTH = """Corvel warehouse blaze sends acrid cloud over Aster valley

The blaze at a Halden Logistics warehouse in Corvel sent an acrid cloud over the Aster valley, where police closed the A4 motorway and told drivers to take other routes.

Firefighters said flames tore through the roof of the storage hall after midnight, and residents of Brennick were asked to keep windows shut.

Nobody was hurt, the fire service said."""
"""A report tying the two: the fire and its smoke, about as like both."""

HOURS = (0, 3, 6)
"""The fire, its smoke three hours on, the report tying them three hours later."""


def articles(start: datetime = datetime(2026, 5, 4, 8, tzinfo=UTC)) -> list[RawArticle]:
    """The three reports, published at ``start`` and the hours after it."""
    return [RawArticle(text=text, origin=f"fire{n}",
                       published=(start + timedelta(hours=hours)).isoformat())
            for n, (text, hours) in enumerate(zip((BLAZE, CLOUD, BOTH), HOURS, strict=True))]


def recent(now: datetime) -> list[RawArticle]:
    """The three reports of the last day or two: from 08:00 UTC at least 12 hours before
    ``now`` (``recent_start``), so young enough to alert, on one calendar day at any hour."""
    return articles(recent_start(now, back=timedelta(hours=12)))
