"""A digest line shows the latest update's first fact (its strongest: what's new comes strongest
first) and counts what it leaves out as what it is: facts, not updates."""

from __future__ import annotations

from bot.alerts.digest_blocks import DigestItem, digest_plain


def _line(item: DigestItem) -> str:
    return digest_plain("Ferries", "hourly", [item]).splitlines()[-1]


def test_a_digest_line_counts_the_facts_it_does_not_show():
    item = DigestItem(story_id=1, is_new=True, headline="Ferry crews walk out", url=None,
                      source="Harbour Gazette", whats_new=(), articles=1)
    item = item.with_update(("Talks resume on Friday.", "The union will vote.",
                             "Ferries run on Sunday."))
    assert item.articles == 2
    assert _line(item).endswith("Talks resume on Friday. (+2 more facts)")
    one = item.with_update(("Crews return on Monday.", "Pay talks end."))
    assert _line(one).endswith("Crews return on Monday. (+4 more facts)")
    single = DigestItem(story_id=2, is_new=False, headline="Dam opens", url=None, source=None,
                        whats_new=("Water rose.", "Roads closed."), articles=1)
    assert _line(single).endswith("Water rose. (+1 more fact)")
