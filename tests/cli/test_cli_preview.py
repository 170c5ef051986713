"""`wirewatch topics preview QUERY`: what a query would have matched, and why, adding nothing."""

from __future__ import annotations

import json

from tests.cli.test_cli import invoke
from tests.conftest import write


def test_preview_lists_matching_recent_stories_with_reasons(db_path, tmp_path):
    write(tmp_path / "dam.txt", "Dam opens on the Tarn\n\nThe new dam on the river opened on "
          "Friday after six years of work.")
    write(tmp_path / "choir.txt", "Choir wins prize\n\nThe town choir won the regional prize.")
    invoke(db_path, "ingest", str(tmp_path))
    result = invoke(db_path, "topics", "preview", "dam OR reservoir")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 story of the last 7 days would have matched dam OR reservoir"
    assert lines[1].startswith("  story ") and lines[1].endswith(": Dam opens on the Tarn")
    assert lines[2] == "    matched: dam in title"
    as_json = json.loads(invoke(db_path, "topics", "preview", "--json", "choir").output)
    assert [hit["title"] for hit in as_json] == ["Choir wins prize"]
    assert "no topics yet" in invoke(db_path, "topics", "list").output


def test_preview_names_the_stories_its_exclusions_leave_out(db_path, tmp_path):
    """`ferry AND NOT cruise` said only "0 stories … would have matched": a desk could not
    tell whether the NOT worked or nothing held "ferry". Now the stories the exclusions take
    away are listed after, each with the term; a story the query matches is not."""
    write(tmp_path / "cruise.txt", "Cruise ferry hits pier in fog\n\nA cruise ferry ran into "
          "the pier at Osk in thick fog on Wednesday. No one was hurt, the operator said.")
    write(tmp_path / "choir.txt", "Choir wins prize\n\nThe town choir won the regional prize.")
    invoke(db_path, "ingest", str(tmp_path))
    lines = invoke(db_path, "topics", "preview", "ferry AND NOT cruise").output.splitlines()
    assert lines[0] == "0 stories of the last 7 days would have matched ferry AND NOT cruise"
    assert lines[1] == "1 more story its exclusions leave out:", lines
    assert lines[2].startswith("  story ") and lines[2].endswith(": Cruise ferry hits pier in fog")
    assert lines[3] == "    left out: NOT cruise (title: cruise)", lines
    kept = invoke(db_path, "topics", "preview", "ferry AND NOT choir").output
    assert "leave out" not in kept and kept.startswith("1 story "), kept
    either = invoke(db_path, "topics", "preview", "ferry OR NOT choir").output
    assert "as in ferry AND NOT choir" in either, either  # an OR NOT matches nearly everything


def test_preview_refuses_a_bad_query_with_its_position(db_path):
    result = invoke(db_path, "topics", "preview", "dam AND (reservoir")
    assert result.exit_code == 1
    assert "bad query:" in result.output and "^" in result.output


def test_stories_timeline_shows_each_article_in_order(db_path, tmp_path):
    write(tmp_path / "a.txt", "Dam opens on the Tarn\n\nThe new dam on the river Tarn opened on "
          "Friday after six years of work. It holds back the river above the town.")
    invoke(db_path, "ingest", str(tmp_path / "a.txt"))
    result = invoke(db_path, "stories", "timeline", "dam", "opens")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Dam opens on the Tarn (story ") and lines[1].startswith("Now: ")
    assert lines[2] == "Reports, in the order they reached us:"
    assert lines[3].endswith(" · first report: Dam opens on the Tarn")
    assert invoke(db_path, "stories", "timeline", "volcano").exit_code == 1


def test_the_timeline_says_which_topics_the_story_alerts_under_and_why(db_path, tmp_path):
    """Before: asked "why did this alert?", the timeline named no topic and no matched word
    (only `topics show`, topic by topic, did)."""
    invoke(db_path, "topics", "add", "Dams", "dam OR reservoir")
    invoke(db_path, "topics", "add", "Rivers", "--query", "river")
    write(tmp_path / "a.txt", "Dam opens on the Tarn\n\nThe new dam on the river Tarn opened on "
          "Friday after six years of work.")
    write(tmp_path / "b.txt", "Choir wins prize\n\nThe town choir won the regional prize.")
    invoke(db_path, "ingest", str(tmp_path))
    dam = invoke(db_path, "stories", "timeline", "dam", "opens").output.splitlines()
    assert dam[-1] == ("Why it alerts: topic Dams matched dam in title; topic Rivers matched "
                       "river in sentence 1"), dam
    choir = invoke(db_path, "stories", "timeline", "choir").output.splitlines()
    assert choir[-1] == "Why it alerts: no tracked topic matches it (only quote subscriptions can)"
    as_json = json.loads(invoke(db_path, "stories", "timeline", "--json", "dam", "opens").output)
    assert as_json["topics"] == [{"name": "Dams", "matched": "dam in title"},
                                 {"name": "Rivers", "matched": "river in sentence 1"}]


def test_a_story_is_found_by_its_words_in_any_order_and_its_articles_can_be_split(db_path,
                                                                                 tmp_path):
    write(tmp_path / "a.txt", "Strike shuts the harbour at Lodmark\n\nCrane drivers at Lodmark "
          "stopped work on Monday, and no ship was unloaded, the harbour office said.")
    invoke(db_path, "ingest", str(tmp_path / "a.txt"))
    listed = invoke(db_path, "stories", "list").output.splitlines()
    assert "  1 article  " in listed[0]  # was "1 articles"
    result = invoke(db_path, "stories", "timeline", "harbour", "strike")  # was not found
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("(story 1, 1 article)")
    write(tmp_path / "b.txt", "Strike shuts the harbour at Lodmark for a second day\n\nCrane "
          "drivers at Lodmark stopped work on Monday and again on Tuesday, and no ship was "
          "unloaded, the harbour office said. Four ships now wait offshore.")
    invoke(db_path, "ingest", str(tmp_path / "b.txt"))
    lines = invoke(db_path, "stories", "timeline", "1").output.splitlines()
    assert lines[1] == "Now:" and "Four ships now wait offshore." in lines[2]
    assert lines[3] == ("First reported: Crane drivers at Lodmark stopped work on Monday, and no "
                        "ship was unloaded, the harbour office said.")
    _, second = [line for line in lines if line.startswith("  article ")]  # the number stories
    number = second.split(" · ")[0].split()[-1]  # split takes; was only in --json
    moved = invoke(db_path, "stories", "split", number)
    assert moved.exit_code == 0 and f"article {number} moved" in moved.output
    missing = invoke(db_path, "stories", "timeline", "harbour", "volcano")
    assert missing.exit_code == 1
    assert "wirewatch stories list shows the latest stories" in missing.output


def test_a_number_no_row_could_have_is_said_not_a_traceback(db_path):
    """"²" passes str.isdigit but not int(), and SQLite refuses an integer past 2**63 - 1:
    `stories timeline` and `sources remove` ended in a ValueError or OverflowError traceback."""
    for args in (("stories", "timeline", "\u00b2"), ("stories", "timeline", "9" * 20),
                 ("sources", "remove", "\u00b2"), ("sources", "remove", "9" * 20)):
        result = invoke(db_path, *args)
        assert result.exit_code == 1 and result.output.startswith("Error: no "), result.output


def test_a_path_no_folder_could_have_is_said_not_a_traceback(db_path):
    """~ before a user this machine does not have: expanduser raised RuntimeError out of
    `sources add` and `sources remove`, a traceback."""
    for args in (("sources", "add", "~nobody-here/inbox"), ("sources", "remove", "~s~")):
        result = invoke(db_path, *args)
        assert result.exit_code == 1 and result.output.startswith("Error: "), result.output
        assert "Traceback" not in result.output and "RuntimeError" not in result.output


def test_stories_list_json_gives_the_summary_as_sentences_and_show_is_the_timeline(db_path,
                                                                                   tmp_path):
    """Before: `stories list --json` gave the summary as JSON text inside the JSON
    ("[\\"The new dam…"), and `stories show 1`, as `topics show` reads, was "No such command"; a number
    that is no story's said only "no story 7"."""
    write(tmp_path / "dam.txt", "Dam opens on the Tarn\n\nThe new dam on the river Tarn opened "
          "on Friday after six years of work.")
    invoke(db_path, "ingest", str(tmp_path / "dam.txt"))
    [listed] = json.loads(invoke(db_path, "stories", "list", "--json").output)
    assert listed["summary"] == ["The new dam on the river Tarn opened on Friday after six "
                                 "years of work."], listed
    shown = invoke(db_path, "stories", "show", "1")
    assert shown.exit_code == 0 and shown.output == invoke(db_path, "stories", "timeline",
                                                           "1").output
    assert "show" not in invoke(db_path, "stories", "--help").output.split("Commands:")[1]
    missing = invoke(db_path, "stories", "show", "7")  # was "no story 7", and no more
    assert missing.exit_code == 1 and "no story 7; wirewatch stories list shows" in missing.output


def test_preview_days_and_an_empty_who_said_are_refused_as_usage(db_path):
    """Before: `topics preview strike --days 999999999` ended in a traceback (OverflowError),
    `--days 0` or `-3` looked at "the last -3 days"; `who-said ""` answered with Slack's
    `/who-said …` and exit status 0."""
    for days in ("999999999", "0", "-3"):
        result = invoke(db_path, "topics", "preview", "strike", "--days", days)
        assert result.exit_code == 2 and "1<=x<=36500" in result.output, result.output
    assert invoke(db_path, "topics", "preview", "strike", "--days", "30").exit_code == 0
    empty = invoke(db_path, "who-said", " ")
    assert empty.exit_code == 2
    assert 'give a few words of the quote: wirewatch who-said "not off the table"' in empty.output
    assert "/who-said" not in empty.output


def test_a_query_of_only_an_exclusion_says_a_topic_needs_a_word_to_look_for(db_path):
    """Before: `preview '-strike'` answered "No such option '-s'", `-- -strike` "write NOT
    strike", and `NOT strike` was previewed and added (a topic matching every other article)."""
    for words in (("-strike",), ("--", "-strike"), ("NOT strike",)):
        result = invoke(db_path, "topics", "preview", *words)
        assert result.exit_code != 0, result.output
        assert "a topic needs at least one word to look for" in result.output, result.output
        assert "port AND NOT strike" in result.output, result.output
    for command in (("add", "Strikes", "NOT strike"), ("add", "Strikes", "-strike"),
                    ("add", "Strikes", "--query", "NOT strike")):
        result = invoke(db_path, "topics", *command)
        assert "a topic needs at least one word to look for" in result.output, result.output
    assert "no topics yet" in invoke(db_path, "topics", "list").output
    invoke(db_path, "topics", "add", "Strikes", "--query", "strike")
    for query in ("-strike", "NOT strike"):
        edited = invoke(db_path, "topics", "edit", "Strikes", query)
        assert "a topic needs at least one word to look for" in edited.output, edited.output
    assert "Strikes: strike" in invoke(db_path, "topics", "show", "Strikes").output


def test_a_query_word_starting_with_a_dash_is_never_read_as_short_options(db_path):
    """Before: `preview -hike` was read as -h -i -k -e ("No such option '-i'"), as was `fare
    -hike --days 3`. Each is now the query's word, refused with NOT; -h alone is still help,
    and `--` still works (`add Earthquakes -quake`, which added "uake": the next test)."""
    assert invoke(db_path, "topics", "add", "Fares", "--query", "fare").exit_code == 0
    for words in (("preview", "-hike"), ("preview", "fare", "-hike", "--days", "3"),
                  ("preview", "--", "-hike"), ("add", "Hikes", "-hike"),
                  ("add", "Hikes", "--query", "-hike"),
                  ("edit", "Fares", "fare", "-hike")):
        result = invoke(db_path, "topics", *words)
        assert result.exit_code != 0, (words, result.output)
        assert "would match" in result.output and "NOT " in result.output, (words, result.output)
        assert "No such option" not in result.output, (words, result.output)
    assert [t.split(":")[0] for t in invoke(db_path, "topics", "list").output.splitlines()
            if not t.startswith(" ")] == ["Fares"]
    assert "Show which stories" in invoke(db_path, "topics", "preview", "-h").output
    assert invoke(db_path, "topics", "add", "Ports", "-q", "port").exit_code == 0


def test_a_word_glued_to_an_option_taking_a_value_is_refused_with_both_readings(db_path):
    """Before: `add Strikes -qstrike` was refused as if it left qstrike out ("would match
    qstrike"), and desk48's `-quake` the same, while the typist may have meant -q strike: both
    readings are said, as `add Port strike` is, and nothing is added."""
    for word, query, left in (("-qstrike", "strike", "qstrike"), ("-quake", "uake", "quake")):
        result = invoke(db_path, "topics", "add", "Strikes", word)
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())
        assert f"'{word}' reads two ways: -q {query} (--query {query}), or {left} left out, " \
            f"which a query writes NOT {left} after what to look for (port AND NOT {left})" \
            in said, said
    assert invoke(db_path, "topics", "list").output.startswith("no topics yet"), "added"
    assert invoke(db_path, "topics", "add", "Strikes", "-q", "strike").exit_code == 0


def test_edit_takes_the_query_with_q_as_add_does(db_path):
    """Before: `topics edit Ports -q "port AND strike"` was refused ("'-q' would match q"),
    though `topics add` takes -q; edit now reads --query/-q as add does, with its checks."""
    assert invoke(db_path, "topics", "add", "Ports", "-q", "port").exit_code == 0
    result = invoke(db_path, "topics", "edit", "Ports", "-q", "port AND strike")
    assert result.exit_code == 0, result.output
    assert "'Ports': port -> port AND strike" in result.output, result.output
    both = invoke(db_path, "topics", "edit", "Ports", "--query", "dock", "strike")
    assert both.exit_code == 1 and "not both" in both.output, both.output
    glued = invoke(db_path, "topics", "edit", "Ports", "-qdock")
    assert "'-qdock' reads two ways" in " ".join(glued.output.split()), glued.output
    none = invoke(db_path, "topics", "edit", "Ports")
    assert none.exit_code == 2 and "QUERY" in none.output, none.output
    assert invoke(db_path, "topics", "list").output.startswith("Ports: port AND strike")
