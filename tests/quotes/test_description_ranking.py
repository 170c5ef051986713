"""The description ranker's features (bench/description_features.py), read through the real
extraction on an article written here; the ranker is not shipped (it did not beat the rules on
PolNeAR part b), so no test shows it overruling them. The replay records around the
interpreted rules: with the compiled build in this process, the file runs again in a child on the
interpreted code."""

import pytest

from bench import description_fit
from bench.description_features import FEATURES
from bench.polnear_eval import _statements
from bot.cli.quotes import quote_record
from bot.nlp.compiled import current
from tests.interpreted import run_interpreted

in_child = pytest.mark.skipif(current().compiled, reason="run on the interpreted code by "
                              "test_the_replay_on_the_interpreted_code")

TEXT = ("Sen. Ana Ruiz of Oregon and Governor Tom Brandt met farmers in Salem on Monday. "
        "Brandt spoke first about the water budget. The Harbour Freight Association backed "
        "the plan.\n\n"
        "Ruiz criticised the plan on Tuesday. “This budget fails the farmers of this state,” "
        "the senator said.")


def _event(nlp):
    doc = nlp(TEXT)
    record = {"id": "t1", "text": TEXT, "quotes": []}
    predictions, events = description_fit.replay([record], [doc])
    return doc, predictions["t1"], events["t1"]


def _values(event, name):
    row = next(r for r in event.rows if r[0] == name)
    return dict(zip(FEATURES, row[2], strict=True)), row[1]


@in_child
def test_features_of_each_candidate_for_the_senator(nlp):
    _, _, events = _event(nlp)
    senator = next(e for e in events if e.text == "senator")
    assert all(len(row[2]) == len(FEATURES) for row in senator.rows)
    ruiz, ruiz_rules = _values(senator, "Ana Ruiz")
    brandt, _ = _values(senator, "Tom Brandt")
    body, _ = _values(senator, "Harbour Freight Association")
    assert ruiz_rules and senator.chosen == "Ana Ruiz"
    assert ruiz["rules"] == 1.0 and brandt["rules"] == 0.0
    assert ruiz["head_in_role"] == 1.0 and brandt["head_in_role"] == 0.0  # "Sen." is senator
    assert ruiz["person_fit"] == brandt["person_fit"] == 1.0 and body["person_fit"] == 0.0
    assert ruiz["last_subject"] == 1.0 and brandt["last_subject"] == 0.0
    assert ruiz["sentences_since"] < brandt["sentences_since"]
    assert body["person"] == 0.0 and body["body_fit"] == 0.0  # "the senator" is no body


@in_child
def test_recording_the_features_leaves_the_extraction_unchanged(nlp):
    doc, predicted, _ = _event(nlp)
    assert predicted == [quote_record(q) for q in _statements(nlp(TEXT), TEXT)]
    quote = next(q for q in predicted if "This budget" in q["quote"])
    assert quote["speaker"] == "Ana Ruiz"


@in_child
def test_a_resolved_quote_labels_its_candidates(nlp):
    doc, predicted, events = _event(nlp)
    start = TEXT.index("“This budget")
    end = TEXT.index("state,”") + len("state,”")
    gold = {"quote": TEXT[start:end], "speaker": "unknown", "start": start, "end": end,
            "type": "direct", "speaker_mention": "the senator"}
    record = {"id": "t1", "text": TEXT, "quotes": [gold]}
    found = description_fit.groups([record], {"t1": predicted}, {"t1": events},
                                   {("train", "t1", start, end): "Ana Ruiz"})
    assert len(found) == 1
    labels = dict(zip((r[0] for r in found[0].event.rows), found[0].labels, strict=True))
    assert labels["Ana Ruiz"] and not labels["Tom Brandt"]


@pytest.mark.skipif(not current().compiled, reason="the tests above run in this process")
def test_the_replay_on_the_interpreted_code():
    done = run_interpreted(__file__)
    assert done.returncode == 0 and "3 passed" in done.stdout, done.stdout[-3000:]
