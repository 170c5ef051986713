"""`wirewatch topics add Port strike`, typed without quotes: the shell hands over two words and
the newcomer means one topic, "Port strike". It used to become the topic "Port" with the query
"strike" (every strike anywhere, under the wrong name). Ambiguous input is refused with the
quoted forms; anything with query syntax, or quoted, is taken as typed. The real command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import invoke
from tests.cli.test_first_hour import one_error_line, wirewatch
from tests.stopping import LAST_RESORT_S


def topics(db: str) -> str:
    """Each topic's line of `topics list`, without the indented line under it (its latest
    story)."""
    listed = wirewatch("--db", db, "topics", "list")
    assert listed.returncode == 0, listed.stderr
    return "".join(line for line in listed.stdout.splitlines(keepends=True)
                   if not line.startswith(" "))


def test_a_name_of_two_words_typed_without_quotes_is_refused_with_the_quoted_form(tmp_path):
    db = str(tmp_path / "w.db")
    line = one_error_line(wirewatch("--db", db, "topics", "add", "Port", "strike"))
    assert 'wirewatch topics add "Port strike"' in line, line
    assert "wirewatch topics add Port --query strike" in line, line
    assert "Nothing was added" in line
    assert "Port" not in topics(db)
    added = wirewatch("--db", db, "topics", "add", "Port strike")
    assert added.returncode == 0 and added.stdout.startswith("tracking 'Port strike': "), added
    named = wirewatch("--db", db, "topics", "add", "Port", "--query", "strike")
    assert named.returncode == 0 and named.stdout.startswith("tracking 'Port': strike"), named


def test_what_cannot_be_a_name_is_taken_as_typed(tmp_path):
    db = str(tmp_path / "w.db")
    for args, shown in ((("NATO", "NATO", "AND", "membership"), "'NATO': NATO AND membership"),
                        (("Dams", "dam OR reservoir"), "'Dams': dam OR reservoir"),
                        (("Rates", "interest rates"), "'Rates': interest rates"),
                        (("Docks", "dock*"), "'Docks': dock*"),
                        (("Sybiha", 'person:"Andrii Sybiha"'), "'Sybiha': person:\"Andrii Sybiha\""),
                        (("Ferry strike", "ferry", "strike"), "'Ferry strike': ferry strike")):
        added = wirewatch("--db", db, "topics", "add", *args)
        assert added.returncode == 0, (args, added.stderr)
        assert added.stdout.startswith(f"tracking {shown}"), (args, added.stdout)
    both = wirewatch("--db", db, "topics", "add", "Port strike", "strike", "--query", "dock*")
    assert both.returncode == 1 and "not both" in both.stderr, both


def pasted(command: str, db: str) -> subprocess.CompletedProcess[str]:
    """A suggested command as a person pastes it into their shell (this venv's `wirewatch`)."""
    env = {**os.environ, "WIREWATCH_DB": db,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env,
                          timeout=LAST_RESORT_S)


def test_both_suggested_commands_do_what_they_say_when_pasted_into_a_shell(tmp_path):
    """A name with a character the shell reads ("AT&T": & would run `wirewatch topics add AT`
    in the background) is quoted in each suggestion."""
    db = str(tmp_path / "w.db")
    line = one_error_line(wirewatch("--db", db, "topics", "add", "AT&T", "layoffs"))
    whole = re.search(r"needs quotes: (wirewatch topics add .+?) \(its query", line)
    split = re.search(r"with the query layoffs: (wirewatch topics add .+?)\. Nothing", line)
    assert whole and split, line
    for command in (split.group(1), whole.group(1)):
        done = pasted(command, db)
        assert done.returncode == 0, (command, done.stderr)
    assert topics(db).splitlines() == ["AT&T: layoffs", "AT&T layoffs: AT AND T AND layoffs"]


def test_a_full_width_name_is_its_plain_letters_and_a_long_name_is_refused(tmp_path):
    db = str(tmp_path / "w.db")
    added = wirewatch("--db", db, "topics", "add", "Ｆｅｒｒｙ talks")
    assert added.returncode == 0 and added.stdout.startswith("tracking 'Ferry talks': "), added
    again = one_error_line(wirewatch("--db", db, "topics", "add", "Ferry talks"))
    assert "topic 'Ferry talks' already exists" in again, again
    long = one_error_line(wirewatch("--db", db, "topics", "add", "x" * 101, "--query", "ferry"))
    assert "at most 100 characters (this one has 101)" in long, long
    listed = topics(db).splitlines()
    assert len(listed) == 1 and "Ferry talks" in listed[0], listed


def test_a_name_whose_signs_its_query_cannot_search_says_so(tmp_path):
    db = str(tmp_path / "w.db")
    added = wirewatch("--db", db, "topics", "add", "10%")
    assert added.returncode == 0 and added.stdout.startswith("tracking '10%': 10\n"), added
    assert "“%” is not searched for" in added.stdout, added.stdout
    assert "wirewatch topics edit 10% QUERY" in added.stdout, added.stdout
    given = wirewatch("--db", db, "topics", "add", "AT&T", "--query", '"AT&T" OR telecom')
    assert given.returncode == 0 and "not searched for" not in given.stdout, given


def test_show_remove_and_edit_read_a_name_of_several_words_typed_without_quotes(db_path):
    """`topics show Port strikes` answered "Got unexpected extra argument (strikes)", and
    `topics edit Port strikes QUERY` "no topic named 'Port'": show and remove take the words as
    the name, as Slack's /topics does; edit, whose query follows, names the command to type."""
    assert invoke(db_path, "topics", "add", "Port strikes", "strike AND port").exit_code == 0
    shown = invoke(db_path, "topics", "show", "Port", "strikes")
    assert shown.exit_code == 0 and shown.output.startswith("Port strikes: strike AND port"), \
        shown.output
    edit = invoke(db_path, "topics", "edit", "Port", "strikes", "strike AND (port OR dock*)")
    assert edit.exit_code == 1, edit.output
    assert ("no topic named 'Port'; is it \"Port strikes\"? A name of several words needs "
            "quotes: wirewatch topics edit \"Port strikes\" 'strike AND (port OR dock*)'. "
            "Nothing was changed.") in edit.output, edit.output
    removed = invoke(db_path, "topics", "remove", "Port", "strikes")
    assert removed.exit_code == 0 and removed.output == "removed 'Port strikes'\n", removed.output


def test_edit_of_a_name_typed_without_quotes_gives_the_name_hint_before_not_both(db_path):
    """`topics edit Port strikes --query x` answered "not both" (strikes read as the query):
    fixing that, the typist met the name's refusal next. The name is said first, with the
    query given to --query in the command to type."""
    assert invoke(db_path, "topics", "add", "Port strikes", "strike AND port").exit_code == 0
    edit = invoke(db_path, "topics", "edit", "Port", "strikes", "--query", "strike AND dock*")
    assert edit.exit_code == 1, edit.output
    assert ("no topic named 'Port'; is it \"Port strikes\"? A name of several words needs "
            "quotes: wirewatch topics edit \"Port strikes\" 'strike AND dock*'. "
            "Nothing was changed.") in edit.output, edit.output
    both = invoke(db_path, "topics", "edit", "Port strikes", "strike", "--query", "dock*")
    assert "not both" in both.output, both.output


def test_add_of_a_name_typed_without_quotes_and_a_query_option_gives_the_name_hint(tmp_path):
    """`topics add Port strike --query 'strike AND dock*'` answered "not both" (strike read as
    the query), which left the name unquoted: with the query given to --query, the words
    after the name are the name's. The command to type is said, and does what it says."""
    db = str(tmp_path / "w.db")
    line = one_error_line(wirewatch("--db", db, "topics", "add", "Port", "strike", "--query",
                                    "strike AND dock*"))
    typed = "wirewatch topics add \"Port strike\" --query 'strike AND dock*'"
    assert line.endswith(f'is the topic "Port strike"? A name of several words needs quotes: '
                         f"{typed} (the query goes after the name or with --query, not both)."
                         " Nothing was added."), line
    assert topics(db).startswith("no topics yet")
    done = pasted(typed, db)
    assert done.returncode == 0, done.stderr
    assert topics(db) == "Port strike: strike AND dock*\n"


def test_a_name_off_by_a_plural_or_a_letter_is_answered_with_the_names_meant(db_path):
    """`topics show Ferry` listed the topics without saying which was meant, as Slack's
    /topics did; now the same names near it are offered (``close_names``), none for a far one."""
    for name in ("Ferries", "Ferry fares", "Rates"):
        assert invoke(db_path, "topics", "add", name).exit_code == 0
    shown = invoke(db_path, "topics", "show", "Ferry")
    assert shown.exit_code == 1 and shown.output.rstrip().endswith(
        "(did you mean Ferries or \"Ferry fares\"?)"), shown.output
    edited = invoke(db_path, "topics", "edit", "rate", "interest")
    assert edited.output.rstrip().endswith("(did you mean Rates?)"), edited.output
    far = invoke(db_path, "topics", "remove", "Elections")
    assert far.exit_code == 1 and "did you mean" not in far.output, far.output


def test_an_empty_name_is_said_to_be_empty(db_path):
    """Before: 'is the topic " foo"?', offering `topics add '' --query foo`, refused in turn."""
    for name in ("", "  "):
        result = invoke(db_path, "topics", "add", name, "dockworkers")
        assert result.exit_code == 1
        assert result.output == ("Error: the topic's name is empty: give it one, then the "
                                 "query: wirewatch topics add \"Port strike\" dockworkers\n"), \
            result.output
    assert "no topics yet" in invoke(db_path, "topics", "list").output
