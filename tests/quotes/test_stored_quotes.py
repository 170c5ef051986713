"""Quotes found during ingest are stored with their speaker, kind and offsets."""

from bot.models import RawArticle

BODY = ("Transport Secretary Helen Achebe said the rail strike would end on Friday.\n\n"
        "“Trains will run normally from Saturday morning,” Achebe told the BBC.\n\n"
        "Union officials called the offer “a first step”.")


def test_ingested_article_has_its_quotes_stored(pipeline, fresh_db):
    [outcome] = pipeline.ingest([RawArticle(text=BODY, origin="t", title="Rail strike ends")])
    rows = list(fresh_db.query(
        "SELECT * FROM quotes WHERE article_id = ? ORDER BY start", [outcome.article_id]))
    body = fresh_db["articles"].get(outcome.article_id)["body"]
    direct = [r for r in rows if r["kind"] == "direct"]
    assert [r["speaker"] for r in direct] == ["Helen Achebe"]
    assert direct[0]["speaker_role"] == "Transport Secretary"
    assert direct[0]["cue"] == "told the BBC"
    assert body[direct[0]["start"]:direct[0]["end"]] == direct[0]["text"]
    assert {r["kind"] for r in rows} == {"direct", "indirect", "fragment"}
