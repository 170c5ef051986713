"""Articles through the real pipeline an hour apart, as a desk receives a developing story."""

from bot.models import RawArticle


def ingest_hourly(pipeline, *texts: str) -> list:
    """The outcomes of ``texts`` published at 08:00, 09:00, … on one day, in that order."""
    items = [RawArticle(text=t, origin=f"hourly{i}",
                        published=f"2025-05-06T{8 + i:02d}:00:00+00:00")
             for i, t in enumerate(texts)]
    return list(pipeline.ingest(items))
