"""The invented stories the source tests feed are unrelated: the story stage keeps each pair
apart in a two-article archive, where every word weighs nearly alike (so a headline word one
shares with the other's body, "Road" in a street's name against a ring road, once joined the
library's reopening to the bridge's closure and printed it as the bridge's news)."""

from itertools import permutations

import pytest

from bot.models import RawArticle
from tests.sources.stories import ALL


@pytest.mark.parametrize("first,second", list(permutations(ALL, 2)),
                         ids=lambda story: story[0].split()[0])
def test_two_of_the_invented_stories_make_two_stories(first, second, pipeline):
    items = [RawArticle(text=text, title=title, origin=str(n), source="Harbour Gazette",
                        published=f"2026-12-04T20:0{n}:00+00:00")
             for n, (title, text) in enumerate((first, second))]
    verdicts = [outcome.verdict for outcome in pipeline.ingest(items)]
    assert [v and v.kind.value for v in verdicts] == ["new", "new"]
    assert len({v and v.story_id for v in verdicts}) == 2
