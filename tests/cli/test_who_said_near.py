"""`wirewatch who-said` says when a quote it found is not the words asked, as `/who-said` does,
in its text and its `--json` (a real SQLite file, the real spaCy model)."""

import json

from tests.invoke import invoke

ARTICLE = {"title": "Ostmere quay stays shut",
           "text": "\u201cWe will not reopen the quay until the pilings are replaced, every last "
                   "one,\u201d said harbourmaster Ivo Renn on Monday. \"Nobody warned the crews,\" "
                   "he added."}
NEAR = " · not word for word"


def _asked(db_path, *words: str) -> tuple[str, list[dict]]:
    printed = invoke(db_path, "who-said", *words).output
    hits = json.loads(invoke(db_path, "who-said", "--json", *words).output)["hits"]
    return printed, hits


def test_who_said_marks_a_near_match_in_text_and_json(db_path, tmp_path):
    """Before: “Nobody warned the crews” was printed for "Nobody warned the boats" as if it were
    the words asked, and its `--json` hit said nothing of it."""
    (tmp_path / "quay.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "quay.json")).exit_code == 0
    printed, hits = _asked(db_path, "Nobody warned the boats")
    assert printed.startswith("“Nobody warned the crews” — Ivo Renn"), printed
    assert printed.count(NEAR) == 1 and "Ostmere quay stays shut · file quay.json" in printed, \
        printed
    assert hits[0]["text"] == "Nobody warned the crews" and hits[0]["word_for_word"] is False, hits
    for same in ("we will not reopen the quay ... every last one", "“Nobody warned the crews”",
                 "the pilings are replaced […] every last one"):
        printed, hits = _asked(db_path, same)
        assert "— Ivo Renn" in printed and NEAR not in printed, (same, printed)
        assert hits[0]["word_for_word"] is True, (same, hits)


def test_a_speaker_s_latest_quotes_are_not_weighed_against_the_name(db_path, tmp_path):
    """A speaker's answer lists what they said, not words asked: nothing to mark."""
    (tmp_path / "quay.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "quay.json")).exit_code == 0
    printed, hits = _asked(db_path, "from:Renn")
    assert printed.count("— Ivo Renn") == 2 and NEAR not in printed, printed
    assert [hit["word_for_word"] for hit in hits] == [None, None], hits
