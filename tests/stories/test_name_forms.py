"""A name the story gave in another form is no newcomer: spelled out after its initials (or the
other way round), or with an ordinal the parse had made an entity of its own. Through the real
pipeline (real spaCy, a real SQLite file), a rewrite writing out the union the story called by
its initials is no update, while an organisation the story never named still is news."""

from bot.models import SentenceContent
from bot.stories import novelty
from bot.stories.features import SentenceFeatures
from tests.stories.hourly import ingest_hourly

REPORT = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, the NSU said.

The Lindholm ferry company said services would stay suspended until further notice."""

SPELLED_OUT = """Lindholm ferry crews stay out

Representatives of the Nordic Seafarers Union said the walkout by crews over unpaid overtime was continuing at the harbour."""

NEWCOMER = """Lindholm ferry crews stay out

Representatives of the Baltic Dockworkers Federation said the walkout by crews over unpaid overtime was continuing at the harbour."""


def test_a_union_spelled_out_after_its_initials_is_not_news(pipeline):
    first, rewrite = ingest_hourly(pipeline, REPORT, SPELLED_OUT)
    assert rewrite.verdict.story_id == first.verdict.story_id
    assert rewrite.verdict.kind == "duplicate"
    assert rewrite.verdict.whats_new == ()


def test_an_organisation_the_story_never_named_is_still_news(pipeline):
    first, update = ingest_hourly(pipeline, REPORT, NEWCOMER)
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    assert any("Baltic Dockworkers Federation" in s for s in update.verdict.whats_new)


def test_initials_leave_out_linking_words_and_need_three_letters():
    assert novelty.initials(["university", "of", "north", "carolina"]) == "unc"
    assert novelty.acronyms(["e:nordic seafarers union", "e:district of columbia",
                             "e:lindholm", "n:3"]) == frozenset({"nsu"})


REGATTA = novelty.Earlier.of(novelty.stored([SentenceContent(
    ("annual", "regatta", "open", "harbour"), ("n:14", "e:lindholm regatta"), False, ())]))


def regatta_news(ordinal: str) -> list[str]:
    """What's new in a sentence naming the regatta with this ordinal, after a story that gave
    "the 14th annual Lindholm Regatta" (the ordinal an entity of its own, so a number key)."""
    sentence = SentenceFeatures(f"The {ordinal} Lindholm Regatta drew big crowds.",
                                frozenset({"draw", "big", "crowd"}),
                                frozenset({f"e:{ordinal} lindholm regatta"}), False)
    return novelty.whats_new([sentence], REGATTA, {})


def test_an_ordinal_the_story_had_does_not_make_a_name_new_and_another_does():
    assert regatta_news("14th") == []
    assert regatta_news("15th") == ["The 15th Lindholm Regatta drew big crowds."]
