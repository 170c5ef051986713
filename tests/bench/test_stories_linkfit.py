"""The learned link score's tool: its fit, its measures, and the real stage deciding by it."""

from __future__ import annotations

import math

import numpy as np

from bench import stories_linkfit as linkfit
from tests.stories import test_later_correction as later_correction

CRANE = ("Crane collapses at Port Velmor container terminal",
         "A gantry crane collapsed at the Port Velmor container terminal on Tuesday morning, "
         "injuring two dock workers, the port authority of Velmor said. The authority halted "
         "loading at berths four and five while engineers from Hallstrand Cranes inspect the "
         "structure. Dock union leader Mira Osterberg called for an inquiry.")
CRANE_AGAIN = ("Port Velmor halts loading after gantry crane collapse",
               "Loading stopped at two berths of the Port Velmor container terminal after a "
               "gantry crane collapsed on Tuesday, hurting two dock workers. Mira Osterberg of "
               "the dock union demanded an inquiry, and Hallstrand Cranes sent engineers to "
               "examine the wreck, the Velmor port authority said.")
LIBRARY = ("Lindqvist library reopens after roof repairs",
           "The Lindqvist public library in Arnsby reopened its reading rooms on Tuesday after "
           "eight months of roof repairs. Librarian Tomas Eklund said the children's wing "
           "would follow in the spring.")


def rows() -> list[dict]:
    made = []
    for n, (story, (title, text)) in enumerate(
            [("crane", CRANE), ("library", LIBRARY), ("crane", CRANE_AGAIN)]):
        made.append({"id": f"a{n}", "time": f"2024-03-05T0{8 + n}:00:00+00:00", "title": title,
                     "text": text, "story": story, "half": "tune"})
    return made


def constant(intercept: float) -> linkfit.Model:
    return linkfit.Model(tuple(0.0 for _ in linkfit.FEATURES), intercept)


def test_fit_finds_the_feature_the_labels_follow():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, len(linkfit.FEATURES)))
    y = (x[:, 2] + 0.3 * rng.normal(size=600) > 0).astype(float)
    model = linkfit.fit(x, y)
    assert max(range(len(model.weights)), key=lambda i: abs(model.weights[i])) == 2
    assert model.weights[2] > 0
    assert linkfit.auc(x @ np.array(model.weights), y) > 0.95


def test_auc_counts_order_and_ties():
    labels = np.array([1.0, 1.0, 0.0, 0.0])
    assert linkfit.auc(np.array([0.9, 0.8, 0.2, 0.1]), labels) == 1.0
    assert linkfit.auc(np.array([0.1, 0.2, 0.8, 0.9]), labels) == 0.0
    assert linkfit.auc(np.array([0.5, 0.5, 0.5, 0.5]), labels) == 0.5
    assert math.isnan(linkfit.auc(np.array([0.3]), np.array([1.0])))


def test_decisions_count_right_wrong_and_missed_joins():
    def pair(article: str, story: int, value: float) -> linkfit.Pair:
        return linkfit.Pair(article, story, {"log_hand": value})
    pairs: list[tuple[linkfit.Pair, bool, dict]] = [(pair("x", 1, 0.9), True, {}), (pair("x", 2, 0.1), False, {}),
             (pair("y", 1, 0.8), False, {}), (pair("z", 3, 0.2), True, {}),
             (pair("w", 4, 0.1), False, {})]
    found = linkfit.decisions(pairs, lambda p: p.values["log_hand"], 0.5)
    assert found == (2, 1, 1)


def test_recording_stage_labels_pairs_and_decides_by_the_model(nlp):
    stream = rows()
    stage = linkfit.RecordingStage()
    results = linkfit.replay(stream, stage, nlp=nlp)
    story = {r["id"]: r["story"] for r in results}
    assert story["a2"] == story["a0"] != story["a1"]
    crane = [(p, right) for p, right, _ in linkfit.labelled(stream, stage) if p.article == "a2"]
    assert crane and all(set(p.values) == set(linkfit.FEATURES) for p, _ in crane)
    assert [right for p, right in crane if p.story_id == story["a0"]] == [True]

    never = linkfit.replay(stream, linkfit.RecordingStage(model=constant(-50.0)), nlp=nlp)
    assert len({r["story"] for r in never}) == 3
    always = linkfit.replay(stream, linkfit.RecordingStage(model=constant(50.0)), nlp=nlp)
    joined = {r["id"]: r["story"] for r in always}
    assert joined["a2"] == joined["a0"]


def test_the_replay_gives_a_moved_article_its_new_story(nlp):
    """As `wirewatch stories replay` does: an article a later report took out of its story is
    scored in the story it ends in, not the one it first joined."""
    stream = [{"id": f"a{n}", "time": when, "title": text.split("\n")[0],
               "text": text.split("\n", 2)[2], "story": "walkout" if n > 1 else "cranes",
               "half": "tune"} for n, (text, when) in enumerate(later_correction.stream())]
    story = {r["id"]: r["story"] for r in linkfit.replay(stream, linkfit.RecordingStage(),
                                                         nlp=nlp)}
    assert story["a2"] == story["a3"] != story["a0"] == story["a1"]
