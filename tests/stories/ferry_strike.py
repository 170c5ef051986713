"""The invented ferry strike several what's-new tests report on a second day: its first report,
and the two reports put through the real pipeline a day apart."""

from bot.models import RawArticle

WALKOUT = """Ferry crews strike on Skarsund crossings

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began.

Fjordlink chief executive Halvard Brenne said the company regretted the disruption to passengers."""

MONDAY_EVENING, TUESDAY_EVENING = "2025-05-05T20:00:00+00:00", "2025-05-06T20:00:00+00:00"


def a_day_apart(pipeline, later: str, origin: str) -> list:
    """The outcomes of ``WALKOUT`` on Monday evening and ``later`` on Tuesday evening."""
    return pipeline.ingest([RawArticle(text=WALKOUT, origin="walkout", published=MONDAY_EVENING),
                            RawArticle(text=later, origin=origin, published=TUESDAY_EVENING)])
