import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.cli.quotes import NO_GOOD_LINE
from bot.nlp.compiled import current
from storage.db import open_db, transaction
from storage.subscriptions import subscribe
from storage.topics import get_topic, insert_topic, list_topics
from tests.conftest import write
from tests.invoke import invoke
from tests.stopping import LAST_RESORT_S

ROOT = Path(__file__).resolve().parents[2]


def test_ingest_reports_each_file_and_exits_nonzero_on_failure(db_path, tmp_path):
    good = write(tmp_path / "good.txt", "Dam opens\n\nThe new dam opened on Friday.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    default = {k: v for k, v in os.environ.items() if k != "WIREWATCH_NLP_PROCESSES"}
    result = subprocess.run(  # the default: one analysis worker process, stopped at the end
        [sys.executable, "-m", "bot", "--db", str(db_path), "ingest", str(good), str(bad)],
        capture_output=True, text=True, env={**default, "WIREWATCH_DB": ""}, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"failed     {bad}: binary file, not text" in result.stderr
    assert "1 stored, 0 duplicate, 1 failed" in result.stdout


def test_ingest_of_an_address_or_an_empty_folder_says_what_it_reads(db_path, tmp_path):
    """Before: `ingest https://example.com/rss` failed as "https:/example.com/rss: no such
    file or folder", and an empty folder gave "0 stored, 0 duplicate, 0 failed" alone."""
    address = invoke(db_path, "ingest", "https://example.com/rss")
    assert address.exit_code == 1
    assert address.output.splitlines()[0] == (
        "failed     https://example.com/rss: an address, not a file or folder: wirewatch "
        "sources add URL follows a feed; ingest reads files and folders saved here")
    (tmp_path / "inbox").mkdir()
    write(tmp_path / "inbox" / ".draft.txt", "Dam opens\n\nThe new dam opened on Friday.")
    empty = invoke(db_path, "ingest", str(tmp_path / "inbox"))
    assert empty.exit_code == 0 and empty.output.splitlines() == [
        "0 stored, 0 duplicate, 0 failed",
        f"nothing to read: {tmp_path / 'inbox'} holds no file (hidden ones are left out); "
        "ingest reads .txt, .html, .json and .jsonl files"]


HUGE = "99999999999999999999"


@pytest.mark.parametrize("args", [
    ("stories", "list", "--limit", HUGE), ("topics", "show", "Dams", "--limit", HUGE),
    ("inbox", "retry", HUGE), ("stories", "split", HUGE), ("db", "compact", "--days", "1e300"),
    ("db", "compact", "--days", "nan"), ("sources", "add", ".", "--every", HUGE),
    ("run", "--console", "--interval", "-1"), ("run", "--console", "--interval", "nan"),
    ("run", "--console", "--port", HUGE)])
def test_a_number_past_what_the_database_or_the_clock_holds_is_a_usage_error(db_path, args):
    """Before: OverflowError or ValueError tracebacks (a limit, an id, --every, --days), and
    `run --console --interval -1` (or nan) spun a core printing nothing."""
    invoke(db_path, "topics", "add", "Dams")
    result = invoke(db_path, *args)
    assert result.exit_code == 2 and "Invalid value for" in result.output, result.output


def test_ingest_json_output_and_duplicate(db_path, tmp_path):
    path = write(tmp_path / "a.txt", "Dam opens\n\nThe new dam opened on Friday.")
    invoke(db_path, "ingest", str(path))
    result = invoke(db_path, "ingest", "--json", str(path))
    [line] = result.output.splitlines()
    assert json.loads(line)["status"] == "duplicate"


def test_json_lines_saved_as_json_are_read_line_by_line(db_path, tmp_path):
    """An export of one article per line, as many tools write them, named .json: before, the
    whole file failed ("malformed JSON at line 2 column 1: Extra data") and nothing was read."""
    lines = [{"title": "Dam opens", "text": "The new dam opened on Friday."},
             {"title": "Reservoir fills", "text": "The reservoir filled within a week."}]
    path = write(tmp_path / "export.json", "\n".join(json.dumps(r) for r in lines) + "\n")
    result = invoke(db_path, "ingest", "--json", str(path))
    assert [json.loads(line)["status"] for line in result.output.splitlines()] == [
        "stored", "stored"], result.output


def test_topics_add_list_remove(db_path):
    assert invoke(db_path, "topics", "add", "Dams", "dam OR reservoir").exit_code == 0
    assert invoke(db_path, "topics", "add", "Dams").exit_code == 1
    listed = json.loads(invoke(db_path, "topics", "list", "--json").output)
    assert [(t["name"], t["query"]) for t in listed] == [("Dams", "dam OR reservoir")]
    assert invoke(db_path, "topics", "remove", "dams").exit_code == 0
    assert "no topics yet" in invoke(db_path, "topics", "list").output


def test_a_topic_whose_stored_query_is_no_longer_read_is_marked_in_the_list(db_path):
    """A topic stored before today's checks ('ferry -strike') matches nothing: topics list says
    so on its line, with why and the topics edit that mends it (``--json``: ``not_read``)."""
    invoke(db_path, "topics", "add", "Dams", "dam OR reservoir")
    db = open_db(db_path)
    with transaction(db):
        insert_topic(db, name="Night ferries", query="ferry -strike")
    lines = invoke(db_path, "topics", "list").output.splitlines()
    assert lines[:2] == ["Dams: dam OR reservoir", "  no story yet"], lines
    assert lines[2].startswith("Night ferries: ferry -strike  ⚠ matches nothing: its query is "
                               "no longer read ('-strike' would match strike"), lines
    assert lines[2].endswith("mend it with: wirewatch topics edit \"Night ferries\" QUERY")
    listed = json.loads(invoke(db_path, "topics", "list", "--json").output)
    assert [t["not_read"] is None for t in listed] == [True, False], listed
    assert invoke(db_path, "topics", "edit", "Night ferries", "ferry AND NOT strike").exit_code == 0
    assert "⚠" not in invoke(db_path, "topics", "list").output


def test_a_stored_topic_that_matches_nearly_every_article_is_marked_with_its_edit(db_path):
    """Stored before add refused them, 'NOT strike' and 'ferry OR NOT strike' match every
    article without strike; topics list said nothing. Now marked, with the edit that mends
    each; nothing stored is changed, and an OR branch of only a NOT is refused at add."""
    db = open_db(db_path)
    with transaction(db):
        insert_topic(db, name="Strikes", query="NOT strike")
        insert_topic(db, name="Night ferries", query="ferry OR NOT strike")
    lines = invoke(db_path, "topics", "list").output.splitlines()
    assert lines[0].startswith("Night ferries: ferry OR NOT strike  ⚠ matches nothing: its "
                               "query would match nearly every article ('NOT strike' alone "
                               "matches every article without strike"), lines
    assert lines[0].endswith('mend it with: wirewatch topics edit "Night ferries" '
                             '"ferry AND NOT strike"'), lines
    assert lines[1].startswith("Strikes: NOT strike  ⚠ matches nothing: its query would match "
                               "nearly every article (a topic needs at least one word to look "
                               "for"), lines
    assert lines[1].endswith('mend it with: wirewatch topics edit Strikes '
                             '"port AND NOT strike"'), lines
    listed = json.loads(invoke(db_path, "topics", "list", "--json").output)
    assert [t["matches_nearly_all"] is not None for t in listed] == [True, True], listed
    assert [t["not_read"] for t in listed] == [None, None], listed
    added = invoke(db_path, "topics", "add", "Ports", "port OR NOT strike")
    assert added.exit_code != 0 and "as in port AND NOT strike" in added.output, added.output
    assert [t.query for t in list_topics(db)] == ["ferry OR NOT strike", "NOT strike"]
    assert invoke(db_path, "topics", "edit", "Night ferries", "ferry AND NOT strike").exit_code == 0
    assert "⚠" not in invoke(db_path, "topics", "list").output.split("Strikes:")[0]


def test_topics_list_says_when_each_topic_last_had_a_story(db_path, tmp_path):
    """Before: a topic that matched nothing for a week (a query too narrow) was listed as one
    alerting every hour is: its name and query, nothing more."""
    invoke(db_path, "topics", "add", "Dams", "dam OR reservoir")
    invoke(db_path, "topics", "add", "Bridge closures", "bridge AND clos*")
    invoke(db_path, "ingest", str(write(tmp_path / "dam.txt", "Dam opens\n\nThe new dam on "
                                        "the river opened on Friday.")))
    lines = invoke(db_path, "topics", "list").output.splitlines()
    assert lines[0:2] == ["Bridge closures: bridge AND clos*", "  no story yet"], lines
    assert lines[2] == "Dams: dam OR reservoir" and lines[3].startswith("  latest story 20")
    assert lines[3].endswith(" UTC"), lines
    db = open_db(db_path)
    with transaction(db):  # a week and more goes by with no story for either
        db.execute("UPDATE topics SET created_at = datetime('now', '-8 days')")
        db.execute("UPDATE stories SET last_seen = datetime('now', '-9 days', '-1 hour')")
    lines = invoke(db_path, "topics", "list").output.splitlines()
    assert lines[1] == ("  no story matched in the 8 days since it was added: wirewatch topics "
                        "preview 'bridge AND clos*' --days 30 shows what a query matches, then "
                        'wirewatch topics edit "Bridge closures" QUERY changes it'), lines
    assert lines[3].startswith("  latest story ") and lines[3].endswith(" UTC, 9 days ago")
    listed = json.loads(invoke(db_path, "topics", "list", "--json").output)
    assert [t["latest_story_at"] is None for t in listed] == [True, False]


def test_a_topic_name_not_found_is_answered_with_the_names_there_are(db_path):
    assert "no topics yet in" in invoke(db_path, "topics", "show", "port").output
    invoke(db_path, "topics", "add", "Port strikes", "strike AND port")
    invoke(db_path, "topics", "add", "Ferries")
    for command in ("show", "remove"):  # was "no topic named 'port'" alone
        result = invoke(db_path, "topics", command, "port")
        assert result.exit_code == 1
        assert "no topic named 'port'; the topics are: Ferries, \"Port strikes\"" in result.output
    assert invoke(db_path, "topics", "remove", "port strikes").exit_code == 0


def test_a_topic_named_in_other_letters_is_answered_with_its_own_name(db_path):
    """Before: `topics add "PORT STRIKES"` said "topic 'PORT STRIKES' already exists" and
    pointed to editing it under that name; edit and remove echoed the letters typed."""
    invoke(db_path, "topics", "add", "Port strikes", "strike AND port")
    again = invoke(db_path, "topics", "add", "PORT STRIKES")
    assert "topic 'Port strikes' already exists (strike AND port); to change its query, keeping " \
        "its subscriptions: wirewatch topics edit \"Port strikes\" QUERY" in again.output
    edited = invoke(db_path, "topics", "edit", "port strikes", "strike AND dock*")
    assert edited.output.startswith("'Port strikes': strike AND port -> strike AND dock*")
    removed = invoke(db_path, "topics", "remove", "port strikes")
    assert removed.exit_code == 0 and removed.output == "removed 'Port strikes'\n"


def test_quotes_extract_given_an_article_file_says_what_it_reads(db_path, tmp_path):
    write(tmp_path / "a.txt", "Ferry strike\n\n\"We stay out,\" said Ada Brandt.\n")
    result = invoke(db_path, "quotes", "extract", str(tmp_path / "a.txt"))
    assert result.exit_code == 1
    assert "line 1: not JSON" in result.output  # and only that, for each line, before
    assert "each line is one JSON object" in result.output
    assert "`wirewatch ingest FILE`" in result.output
    long = write(tmp_path / "long.txt", "\n\n".join(f"Paragraph {n} of the copy." for n in range(12)))
    lines = invoke(db_path, "quotes", "extract", str(long)).output.splitlines()
    assert lines == ["line 1: not JSON (Expecting value)", "line 3: not JSON (Expecting value)",
                     "line 5: not JSON (Expecting value)", "… and 9 more lines like these",
                     NO_GOOD_LINE]  # was one line for each of the 12 paragraphs, then this
    write(tmp_path / "mixed.jsonl", '{"id": "a", "text": "Nothing quoted."}\nnot json\n')
    mixed = invoke(db_path, "quotes", "extract", str(tmp_path / "mixed.jsonl"))
    assert mixed.exit_code == 1 and "each line is one JSON object" not in mixed.output


GOOD_LINE = {"id": "good", "time": "2026-12-03T06:00:00Z", "title": "Harbour bridge",
             "text": "The harbour authority said on Monday that the bridge would reopen."}
HOSTILE_LINES = [
    b'{"id": "latin", "text": "caf\xe9 cr\xe8me"}',  # saved as Latin-1, not UTF-8
    b"[" * 100_000,
    b'{"id": "count", "text": "Counted.", "views": 1' + b"0" * 5_000 + b"}",
    b'{"id": "half", "text": "The bridge \\ud83d reopens, the authority said."}',
]


@pytest.mark.parametrize("command", [("quotes", "extract"), ("stories", "replay")])
def test_a_hostile_jsonl_file_fails_line_by_line_not_with_a_traceback(db_path, tmp_path,
                                                                       command):
    """Lines not UTF-8, nested 100,000 deep, holding a 5,000-digit number or half a UTF-16
    pair escaped: both commands ended in a traceback (UnicodeDecodeError, RecursionError,
    ValueError; spaCy's UnicodeEncodeError on the half pair), the good lines unread."""
    source = tmp_path / "archive.jsonl"
    source.write_bytes(b"\n".join([*HOSTILE_LINES, json.dumps(GOOD_LINE).encode()]) + b"\n")
    result = CliRunner().invoke(cli, ["--db", str(db_path), *command, str(source)],
                                catch_exceptions=False)
    said = result.stdout + result.stderr
    for reason in ("not UTF-8 text (invalid byte at column 29)", "JSON nested too deeply",
                   "a JSON number of more than 4,300 digits"):
        assert reason in said, said
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids[-2:] == ["half", "good"], result.stdout
    assert result.exit_code == (1 if command[0] == "quotes" else 0)


@pytest.mark.parametrize("command", [("stories", "list"), ("topics", "show", "Ferries"),
                                     ("who-said", "ferry")])
def test_a_limit_below_one_is_refused(db_path, tmp_path, command):
    write(tmp_path / "a.txt", "Ferry strike\n\nFerry crews stopped work on Monday.\n")
    invoke(db_path, "ingest", str(tmp_path / "a.txt"))
    invoke(db_path, "topics", "add", "Ferries", "ferry")
    for limit in ("0", "-1"):  # 0 said "no stories yet in …"; -1 was no limit
        result = invoke(db_path, *command, "--limit", limit)
        assert result.exit_code == 2 and "--limit" in result.output, result.output


@pytest.mark.parametrize("command, option, says", [
    (("topics", "list"), ("--db", "x.db"), "--db goes before the command: wirewatch --db FILE "
                                           "topics list"),
    (("ingest",), ("-v", "a.txt"), "-v goes before the command: wirewatch -v ingest"),
    (("stories", "list"), ("--verbose",), "--verbose goes before the command: wirewatch -v "
                                          "stories list")])
def test_a_global_option_after_the_command_says_where_it_goes(db_path, command, option, says):
    result = invoke(db_path, *command, *option)  # was "No such option '--db'"
    assert result.exit_code == 2 and says in result.output, result.output


def test_a_topics_query_is_changed_in_place_keeping_its_subscriptions(db_path, tmp_path):
    write(tmp_path / "ferry.txt", "Ferry crews strike at Lodmark\n\nFerry crews at Lodmark "
          "stopped work on Monday over new rosters, their union said.")
    write(tmp_path / "dam.txt", "Dam opens on the Tarn\n\nThe new dam on the river Tarn opened "
          "on Friday after six years of work.")
    invoke(db_path, "ingest", str(tmp_path))
    invoke(db_path, "topics", "add", "Watch", "ferry OR strike")
    db = open_db(db_path)
    topic = get_topic(db, "Watch")
    assert topic
    with transaction(db):
        subscribe(db, topic_id=topic.id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-12-02T20:00:00+00:00")
    again = invoke(db_path, "topics", "add", "Watch", "dam")  # said "already exists", no more
    assert again.exit_code == 1 and "wirewatch topics edit Watch QUERY" in again.output
    result = invoke(db_path, "topics", "edit", "Watch", "dam", "OR", "reservoir")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "'Watch': ferry OR strike -> dam OR reservoir",
        "1 running story matches it; 1 running story no longer"]
    shown = invoke(db_path, "topics", "show", "Watch").output.splitlines()
    assert shown[0] == "Watch: dam OR reservoir" and "Dam opens on the Tarn" in shown[1]
    assert len([line for line in shown if line.startswith("  story ")]) == 1
    assert db.execute("SELECT count(*) FROM subscriptions WHERE topic_id = ?",
                      [topic.id]).fetchone()[0] == 1
    same = invoke(db_path, "topics", "edit", "Watch", "dam OR reservoir").output.splitlines()
    assert same[1] == "1 running story matches it"
    bad = invoke(db_path, "topics", "edit", "Watch", "dam AND (")
    assert bad.exit_code == 1 and "bad query" in bad.output
    assert invoke(db_path, "topics", "show", "Watch").output.startswith("Watch: dam OR reservoir")


def test_a_story_the_edited_query_still_matches_says_why_by_the_new_query(db_path, tmp_path):
    """Before, `topics show` after `topics edit` gave the old query's terms ("matched: ferry
    in title") for a story the new query kept, words the topic no longer asks for."""
    write(tmp_path / "ferry.txt", "Ferry crews strike at Lodmark\n\nFerry crews at Lodmark "
          "stopped work on Monday over new rosters, their union said.")
    invoke(db_path, "ingest", str(tmp_path / "ferry.txt"))
    invoke(db_path, "topics", "add", "Watch", "--query", "ferry")
    assert invoke(db_path, "topics", "edit", "Watch", "strike AND rosters").exit_code == 0
    shown = invoke(db_path, "topics", "show", "Watch").output.splitlines()
    assert shown[2] == "    matched: strike in title; rosters in sentence 1", shown


def test_topics_show_says_each_matched_term_once(db_path, tmp_path):
    write(tmp_path / "a.txt", "Strike at the port of Lodmark\n\nCrane drivers at the port of "
          "Lodmark went on strike, and the port of Vell joined the strike at noon.")
    invoke(db_path, "ingest", str(tmp_path / "a.txt"))
    invoke(db_path, "topics", "add", "Ports", "port AND strike")
    shown = invoke(db_path, "topics", "show", "Ports").output.splitlines()
    assert shown[2] == "    matched: port in title; strike in title"  # was port… port… port…


def test_who_said_finds_stored_quote_and_survives_fts_syntax(db_path, tmp_path):
    write(tmp_path / "q.txt", "Dam opens\n\n\"We finished two months early,\" said engineer "
          "Lena Dahl on Friday.")
    invoke(db_path, "ingest", str(tmp_path / "q.txt"))
    assert "We finished two months early" in invoke(db_path, "who-said", "two months").output
    for hostile in ['"unbalanced', "NEAR(", "a AND", "*", "-x", "quotes_fts:x", "'; DROP"]:
        assert invoke(db_path, "who-said", "--", hostile).exit_code == 0


def test_demo_prints_alerts_for_the_sample_topics():
    result = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "NEW STORY · Port strikes" in result.output
    assert f"({current().line})\n" in result.output  # which code runs (make demo builds it)
    assert "Central bank rates" in result.output
    assert "UPDATE · Port strikes" in result.output
    assert result.output.count("(nothing posted: a rewrite that adds no new facts)") >= 2
    assert "(nothing posted: no tracked topic matches this story)" in result.output
    assert "too old to alert" not in result.output  # the samples are dated March 2025
    assert "  wirewatch run --console --watch inbox/" in result.output  # the next step
    step = next(line for line in result.output.splitlines() if "--watch inbox/" in line)
    kinds = set(re.findall(r"\.\w+", step.split("(then drop", 1)[1]))
    assert kinds == {".txt", ".html", ".json", ".jsonl"}  # as the folder reads (.jsonl left out)


def test_the_demo_names_the_command_as_make_demo_runs_it():
    """`make demo` runs .venv/bin/wirewatch, which is not on PATH: its next steps say so."""
    script = ROOT / ".venv" / "bin" / "wirewatch"
    if not script.exists():
        pytest.skip("no .venv/bin/wirewatch (make creates it)")
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_DB"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not (Path(p) / "wirewatch").exists())
    result = subprocess.run([".venv/bin/wirewatch", "demo"], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=LAST_RESORT_S)
    assert result.returncode == 0, result.stderr
    assert "  .venv/bin/wirewatch run --console --watch inbox/" in result.stdout
    assert "  .venv/bin/python docs/try_slack.py" in result.stdout  # README's Slack recipe
