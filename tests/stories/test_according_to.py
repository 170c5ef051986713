""""According to …" opening a sentence is someone's words as much as "…, according to" closing it.
Before, the verbs-of-saying mark was case-sensitive: a sentence that opened with "According to
the union" was read as the writer's own, and a claim it alone made new was dropped as a writer's
analysis, where the same words with the attribution at the end were news. Through the real
pipeline (real spaCy, a real SQLite file)."""

import pytest

from bot.stories import novelty
from tests.stories.ferry_strike import a_day_apart

CLAIM = "the deckhands intend to picket the harbour cafeteria every weekend until autumn"
UPDATE = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

{claim}"""


def test_an_attribution_opening_the_sentence_is_someones_words():
    for told in ("According to the union, the crews will stay out.",
                 "Tweeted the mayor: the quay stays shut.", "Said the skipper: no sailings."):
        assert novelty.SPOKEN.search(told), told
    for own in ("Accordingly, the timetable was cut.", "Saidi Rowe runs the kiosk."):
        assert not novelty.SPOKEN.search(own), own


@pytest.mark.parametrize("sentence", [f"According to the union, {CLAIM}.",
                                      f"{CLAIM[0].upper()}{CLAIM[1:]}, according to the union."])
def test_a_claim_reads_alike_wherever_its_attribution_stands(pipeline, sentence):
    first, update = a_day_apart(pipeline, UPDATE.format(claim=sentence), "claimed")
    assert update.verdict.story_id == first.verdict.story_id
    assert sentence in update.verdict.whats_new
