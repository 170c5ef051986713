"""`source:` from the command line: preview and show say which source matched, the ingest lines
say nothing alerts for an update from a source left out, and an empty `source:` is refused."""

from __future__ import annotations

import json

from tests.cli.test_cli import invoke
from tests.conftest import write
from tests.stories.test_topic_sources import STREAM, recent


def _stream(path, stream=STREAM):
    """The stream as a .jsonl file, dated over the last hours (``recent``: older news would
    not alert)."""
    lines = [json.dumps({"title": item.text.split("\n")[0], "text": item.text.split("\n\n", 1)[1],
                         "source": item.source, "url": item.url, "published": item.published})
             for item in recent(stream)]
    return write(path, "\n".join(lines) + "\n")


def test_preview_and_show_say_the_source_that_matched(db_path, tmp_path):
    invoke(db_path, "ingest", str(_stream(tmp_path / "stream.jsonl", STREAM[:2])))
    preview = invoke(db_path, "topics", "preview", 'dockworkers AND source:"harbour daily"')
    assert preview.exit_code == 0, preview.output
    assert preview.output.splitlines()[2] == ('    matched: dockworkers in title; '
                                              'source Harbour Daily')
    nobody = invoke(db_path, "topics", "preview", "dockworkers AND source:Reuters")
    assert nobody.output.startswith("0 stories of the last 7 days")
    added = invoke(db_path, "topics", "add", "Harbour", "source:harbourdaily.example")
    assert added.exit_code == 0, added.output
    shown = invoke(db_path, "topics", "show", "Harbour").output.splitlines()
    assert shown[2] == "    matched: source www.harbourdaily.example"


def test_an_update_from_a_source_left_out_says_why_nothing_alerts(db_path, tmp_path):
    invoke(db_path, "topics", "add", "Port", 'dockworkers AND NOT source:"Example Wire"')
    result = invoke(db_path, "ingest", str(_stream(tmp_path / "stream.jsonl")))
    assert result.exit_code == 0, result.output
    silent = [line for line in result.output.splitlines() if "no alert" in line]
    assert len(silent) == 2, result.output  # the first report and the third: Example Wire
    assert all("no tracked topic matches this story" not in line for line in silent[1:])


def test_an_empty_source_is_refused_with_its_place(db_path):
    result = invoke(db_path, "topics", "add", "Port", "strike AND source:")
    assert result.exit_code == 1
    assert "'source:' needs a name after it" in result.output
    assert result.output.splitlines()[-1] == "  " + " " * len("strike AND ") + "^"
    assert "no topics yet" in invoke(db_path, "topics", "list").output


def test_sources_add_names_the_feed_and_list_says_what_source_matches(db_path):
    added = invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check",
                   "--name", "Coast  Desk")
    assert added.exit_code == 0, added.output
    assert 'source: matches it as "Coast Desk"' in added.output
    invoke(db_path, "sources", "add", "https://relay.example/feed", "--no-check", "--relays")
    listed = invoke(db_path, "sources", "list").output.splitlines()
    assert '    source: matches it as "Coast Desk"' in listed
    assert ("    source: matches it by its title at its next poll, kept (--name chooses "
            "another), or the outlet an entry names in its own <source>") in listed
    assert [(s["name"], s["relays"]) for s in json.loads(
        invoke(db_path, "sources", "list", "--json").output)] == [("Coast Desk", 0), (None, 1)]
    folder = invoke(db_path, "sources", "add", ".", "--name", "Desk")
    assert folder.exit_code != 0 and "--name and --relays are for feeds" in folder.output
