import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.stage import StoryStage
from tests.conftest import write

STORY = ("Harbour bridge closed after ship strike\n\n"
         "The harbour bridge in Halden was closed on Monday after a cargo ship hit one of its "
         "pillars, police said.\n\n"
         "\"Nobody was hurt, but the bridge will stay shut until engineers have inspected it,\" "
         "said police spokesperson Kari Holm.")


def test_good_files_stored_bad_ones_reported(pipeline, fresh_db, tmp_path):
    write(tmp_path / "in" / "1.txt", STORY)
    (tmp_path / "in" / "2.txt").write_bytes(b"\x00\x01binary")
    write(tmp_path / "in" / "3.json", '{"title": "Rates held", "text": "The bank held rates '
          'at 4% on Thursday, citing sticky inflation."}')
    outcomes = list(pipeline.ingest_paths([str(tmp_path / "in")]))
    assert [o.status for o in outcomes] == ["stored", "failed", "stored"]
    assert outcomes[1].reason == "binary file, not text"
    assert fresh_db["articles"].count == 2
    article_id = outcomes[0].article_id
    assert fresh_db.execute("SELECT count(*) FROM sentences WHERE article_id = ?",
                            [article_id]).fetchone()[0] == 2
    labels = {r[0] for r in fresh_db.execute(
        "SELECT label FROM entities WHERE article_id = ?", [article_id])}
    assert "GPE" in labels or "PERSON" in labels


def test_same_article_twice_is_stored_once(pipeline, fresh_db, tmp_path):
    path = write(tmp_path / "a.txt", STORY)
    copy = write(tmp_path / "b.txt", STORY.replace("  ", " ") + "\n\n")
    first = list(pipeline.ingest_paths([str(path), str(copy)]))
    again = list(pipeline.ingest_paths([str(path)]))
    assert [o.status for o in first + again] == ["stored", "duplicate", "duplicate"]
    assert first[1].article_id == again[0].article_id == first[0].article_id
    assert [o.origin for o in first] == [str(path), str(copy)]
    assert fresh_db["articles"].count == 1


class ExplodingStories(StoryStage):
    """A story stage that fails on one headline, to prove the article's writes roll back."""

    def store(self, db, prepared, *args, **kwargs):
        if "explode" in prepared.parsed.article.title:
            raise RuntimeError("story stage failed")
        return super().store(db, prepared, *args, **kwargs)


def test_failure_while_storing_leaves_nothing_half_written(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp, stories=ExplodingStories())
    items = [RawArticle(text="Please explode now\n\nA long enough sentence about \"it all\".",
                        origin="bad"),
             RawArticle(text=STORY, origin="good")]
    outcomes = list(pipeline.ingest(items))
    assert [o.status for o in outcomes] == ["failed", "stored"]
    assert "story stage failed" in (outcomes[0].reason or "")
    assert fresh_db["articles"].count == 1
    assert {r["article_id"] for r in fresh_db["quotes"].rows} == {outcomes[1].article_id}
    assert fresh_db.execute("SELECT count(*) FROM sentences s LEFT JOIN articles a "
                            "ON a.id = s.article_id WHERE a.id IS NULL").fetchone()[0] == 0


@pytest.mark.parametrize("batch", [1, 3])
def test_order_is_kept_across_batches(fresh_db, settings, nlp, batch):
    pipeline = Pipeline(fresh_db, settings.with_overrides(nlp_batch_size=batch), nlp=nlp)
    items = [RawArticle(text=f"Item number {i} was filed on day {i}.", origin=str(i))
             for i in range(5)]
    assert [o.origin for o in pipeline.ingest(items)] == ["0", "1", "2", "3", "4"]
