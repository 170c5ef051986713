import json
from pathlib import Path

from click.testing import CliRunner

from bench.stories_eval import bcubed, score
from bot.cli import cli
from tests.invoke import invoke

ROOT = Path(__file__).resolve().parents[2]
STREAM = ROOT / "bench" / "data" / "stories_stream.jsonl"


def first_lines(count):
    return [json.loads(line) for line in STREAM.read_text().splitlines()[:count]]


def test_replay_writes_one_verdict_line_per_article(db_path, tmp_path):
    gold = first_lines(12)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({k: g[k] for k in ("id", "time", "title", "text")})
                                for g in gold) + "\n{not json\n")
    result = invoke(db_path, "stories", "replay", str(source))
    out = [json.loads(line) for line in result.output.splitlines()]
    lines = [line for line in out if "moved_from" not in line]
    moved = [line for line in out if "moved_from" in line]
    assert [line["id"] for line in lines[:12]] == [g["id"] for g in gold]
    assert lines[12]["verdict"] == "failed" and lines[12]["story"] is None
    assert lines[12]["running"] is None
    for line in lines[:12]:
        assert set(line) == {"id", "story", "running", "verdict", "whats_new",
                             "running_verdict", "running_whats_new"}
        assert line["verdict"] in ("new", "duplicate", "update")
        assert line["running_verdict"] in ("new", "duplicate", "update")
        assert line["running"] <= line["story"]  # a running story is its first event's story
    for line in moved:  # an article a later one took out of its story: its story now
        assert set(line) == {"id", "story", "running", "verdict", "whats_new",
                             "running_verdict", "running_whats_new", "moved_from"}
        assert line["verdict"] == "new" and line["story"] != line["moved_from"]
    figures = score(gold, lines[:12] + moved)
    assert figures["bcubed_f1"] > 0.75
    assert not db_path.exists()


def test_replay_of_a_file_with_no_record_says_what_it_reads(db_path, tmp_path):
    """Before: an article file given to replay wrote a failed line per paragraph and exited 0,
    as if the replay had worked."""
    article = tmp_path / "story.txt"
    article.write_text("Dam opens\n\nThe new dam opened on Friday.\n")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "replay", str(article)])
    assert result.exit_code == 1
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["failed"] * 2
    assert "no line of INPUT.jsonl is an article" in result.stderr
    assert "`wirewatch ingest FILE`" in result.stderr


def test_replay_refuses_an_existing_database(db_path, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("")
    keep = tmp_path / "kept.db"
    keep.write_bytes(b"")
    result = CliRunner().invoke(cli, ["stories", "replay", "--keep", str(keep), str(source)])
    assert result.exit_code != 0 and "already exists" in result.output


def test_split_moves_an_article_into_its_own_story(db_path, tmp_path):
    gold = first_lines(3)
    paths = []
    for g in gold:
        path = tmp_path / f"{g['id']}.json"
        path.write_text(json.dumps({"title": g["title"], "text": g["text"], "published": g["time"]}))
        paths.append(str(path))
    invoke(db_path, "ingest", *paths)
    stories = json.loads(invoke(db_path, "stories", "list", "--json").output)
    assert len(stories) == 1 and stories[0]["article_count"] == 3
    result = invoke(db_path, "stories", "split", "3")
    assert "moved from story #1 to new story #2" in result.output
    listed = {s["id"]: s["article_count"] for s in json.loads(
        invoke(db_path, "stories", "list", "--json").output)}
    assert listed == {1: 2, 2: 1}
    alone = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "split", "3"])
    assert alone.exit_code != 0 and "already alone in story #2" in alone.output
    missing = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "split", "99"])
    assert missing.exit_code != 0  # before: "no article 99" and no more
    assert missing.output.strip().splitlines()[-1] == (
        "Error: no article 99; an article's number is on its line of `wirewatch stories "
        "timeline STORY` (`/story` in Slack)")


def test_topics_add_reports_query_errors_and_show_lists_stories(db_path, tmp_path):
    bad = CliRunner().invoke(cli, ["--db", str(db_path), "topics", "add", "Bad", "NATO AND (x"])
    assert bad.exit_code != 0
    assert "unbalanced '('" in bad.output and "^" in bad.output
    gold = first_lines(2)
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": gold[0]["title"], "text": gold[0]["text"]}))
    invoke(db_path, "ingest", str(path))
    added = invoke(db_path, "topics", "add", "NATO membership")
    assert "tracking 'NATO membership': NATO AND membership" in added.output
    assert "1 running story already matches it" in added.output
    shown = invoke(db_path, "topics", "show", "NATO membership")
    assert "story 1" in shown.output and "matched: NATO in" in shown.output


def test_bcubed_punishes_over_merging():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed(gold, {"a": 1, "b": 1, "c": 2, "d": 2}) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(gold, {"a": 1, "b": 1, "c": 1, "d": 1})
    assert precision == 0.5 and recall == 1.0
