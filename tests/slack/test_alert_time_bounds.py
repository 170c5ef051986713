"""An alert is built in bounded time whatever its what's-new holds: a pattern that backtracks
holds the GIL, and alerts are built in the process that answers Slack. The story stage passes a
sentence of 20,000 `“` on as a fact of an update (tried through the real pipeline). Run in a
child process given a generous 60 s of CPU time: before the fix, minutes; now milliseconds."""

import json

from bot.models import QuotePick
from bot.models.alert_bounds import VIEW_CHARS
from bot.models.cuts import CUT_MARK
from storage.db import transaction
from storage.quote_subscriptions import (
    find_quote_subscription,
    queue_quote_alert,
    subscribe_quotes,
)
from tests.conftest import in_child
from tests.slack.world import add_article
from tests.stories.hourly import ingest_hourly

BUILD = """
import json, sys
from bot.alerts.blocks import alert_blocks, distinct_whats_new
from bot.models.alerts import AlertView
facts = tuple(json.loads(sys.stdin.read()))
view = AlertView(kind="update", story_id=3, article_id=9, topics=("Ferries",),
                 headline="Ferry fees rise", summary=(), whats_new=facts, source="Harbour Wire",
                 url="https://news.example/f1", published="2026-12-02")
print(len(distinct_whats_new(view)), len(alert_blocks(view)))
"""


def test_a_fact_of_100000_opening_quote_marks_is_shown_at_once() -> None:
    facts = ["The ferry union said fees would rise to 40 euros on Friday, " + "“" * 100_000 +
             " the notice read.", "\"We will not pay a cent more for it,\" a driver said.",
             "A driver told the crowd \"We will not pay a cent more for it\" in Dover."]
    distinct, blocks = map(int, in_child(BUILD, facts).split())
    assert distinct == 2 and blocks > 0  # the same quote twice is shown once


STORED = """
import json, sys, time
from bot.alerts.blocks import alert_blocks, alert_text
from bot.alerts.console import render_text
from storage.alerts import alert_view
from storage.db import open_db
from tests.fakes.block_kit import MESSAGE_TEXT, block_problems
given = json.loads(sys.stdin.read())
db = open_db(given["db"])
started, problems, shown = time.process_time(), [], {}
for kind in ("new", "update"):
    view = alert_view(db, given["story"], given["article"], kind)
    for standalone in (False, True):
        for own_thread in (True, False):
            blocks = alert_blocks(view, standalone=standalone, own_thread=own_thread)
            text = alert_text(view, standalone=standalone, own_thread=own_thread)
            problems += block_problems(blocks, text=text, max_text=MESSAGE_TEXT)
            shown[f"{kind} {standalone} {own_thread}"] = text, [
                b["text"]["text"] for b in blocks if b["type"] == "section"]
    shown[kind] = render_text(view)
print(json.dumps({"cpu": time.process_time() - started, "problems": problems, "shown": shown}))
"""
MEGABYTE = 1_000_000
AT = "2026-12-07T09:00:00+00:00"
REPORT = """Lantern keepers of Fenwick Vale vote to strike

The lantern keepers of Fenwick Vale voted on Monday to stop work for a week, their guild said."""
UPDATE = """Fenwick Vale lantern strike begins at dusk

The lantern keepers of Fenwick Vale began their strike at dusk on Tuesday, the guild said.

"We will keep the harbour lamps dark until the council pays what it owes," said Orla Brenn, the guild's secretary."""


def _megabyte(seed: str) -> str:
    return (seed * (MEGABYTE // len(seed) + 1))[:MEGABYTE]


def test_an_alert_of_fields_a_megabyte_each_is_made_in_milliseconds(pipeline, fresh_db,
                                                                      db_path) -> None:
    """Each field of an article and its story a megabyte, as a database can hold them (stored
    before their bounds, or read with a raised WIREWATCH_NLP_READ_CHARS): every form of its
    alert took 1 to 2 s of CPU (about 10 s for the eight, in the sender's turn); each field is
    now read for its first VIEW_CHARS, cut with a mark."""
    first, update = ingest_hourly(pipeline, REPORT, UPDATE)
    assert update.verdict.kind == "update"
    fact = _megabyte("The guild's lamps & <ledgers> stay dark tonight ")
    quote = _megabyte("We will keep the harbour lamps dark all winter ")
    with transaction(fresh_db):
        fresh_db.execute("UPDATE articles SET title = ?, source = ?, url = ?, origin = ? "
                         "WHERE id = ?", [_megabyte("Lamps dark in Fenwick Vale "),
                                          _megabyte("Vale Lantern Gazette "),
                                          "https://gazette.example/" + "x|" * MEGABYTE,
                                          _megabyte("lamps/"), update.article_id])
        fresh_db.execute("UPDATE stories SET summary = ?, title = ? WHERE id = ?",
                         [json.dumps([fact] * 3), _megabyte("Lamps "), update.verdict.story_id])
        fresh_db.execute("UPDATE story_articles SET whats_new = ? WHERE article_id = ?",
                         [json.dumps([fact, "x" * MEGABYTE] * 6), update.article_id])
        fresh_db.execute("UPDATE quotes SET text = ?, speaker = ?, speaker_role = ? "
                         "WHERE article_id = ?", [quote, _megabyte("Orla Brenn "),
                                                  _megabyte("secretary "), update.article_id])
    made = json.loads(in_child(STORED, {"db": str(db_path), "story": update.verdict.story_id,
                                        "article": update.article_id}))
    assert made["problems"] == []
    text, [what, *_] = made["shown"]["update True False"]
    assert text.startswith("New development · ") and "Lamps dark in Fenwick Vale" in text
    assert what.startswith("What's new:\n• The guild's lamps &amp; &lt;ledgers&gt;")
    terminal = made["shown"]["update"].splitlines()
    assert max(map(len, terminal)) < 2 * VIEW_CHARS
    said = " ".join(line.strip() for line in terminal)
    assert f"{CUT_MARK}” — Orla Brenn Orla Brenn" in said and said.count(CUT_MARK) > 5
    assert made["cpu"] < 0.5, f"{made['cpu']:.2f} s of CPU for ten forms of the alert"


QUOTES = """
import json, sys, time
from bot.alerts.quote_blocks import quote_blocks, quote_digest_blocks, quote_digest_text, quote_text
from storage.db import open_db
from storage.quote_subscriptions import quote_alert_rows
from tests.fakes.block_kit import MESSAGE_TEXT, block_problems
given = json.loads(sys.stdin.read())
db = open_db(given["db"])
started = time.process_time()
rows = quote_alert_rows(db, given["alert"])
made = [(quote_text(rows), quote_blocks(rows, story_id=1, article_id=given["article"])),
        (quote_digest_text(rows), quote_digest_blocks(rows))]
cpu = time.process_time() - started
problems = [p for text, blocks in made for p in block_problems(blocks, text=text,
                                                                max_text=MESSAGE_TEXT)]
print(json.dumps({"cpu": cpu, "problems": problems, "text": made[1][0],
                  "first": made[1][1][1]["text"]["text"], "kept": len(rows[0].text)}))
"""


def test_a_quote_digest_of_megabyte_quotes_is_made_in_milliseconds(fresh_db, db_path) -> None:
    """Twelve quotes of a megabyte each, their speaker and role as long: the quote alert and the
    digest read each field whole, several times (0.4 s of CPU); now its first VIEW_CHARS."""
    said = tuple((_megabyte(f"The lamps of pier {n} stay dark & <unpaid> "),
                  _megabyte("Orla Brenn ")) for n in range(12))
    article = add_article(fresh_db, title=_megabyte("Lamps dark "), quotes=said)
    with transaction(fresh_db):
        subscribe_quotes(fresh_db, query="Orla Brenn", target_type="channel",
                         target_id="C0VALE", mode="daily", created_by="U1", at=AT)
        sub = find_quote_subscription(fresh_db, query="Orla Brenn", target_type="channel",
                                      target_id="C0VALE")
        assert sub is not None
        picks = [QuotePick(row[0], sub.id) for row in fresh_db.execute(
            "SELECT id FROM quotes WHERE article_id = ?", [article])]
        alert = queue_quote_alert(fresh_db, story_id=None, article_id=None, target="C0VALE",
                                  items=picks, at=AT)
    made = json.loads(in_child(QUOTES, {"db": str(db_path), "alert": alert,
                                        "article": article}))
    assert made["problems"] == []
    assert made["text"] == "Daily quotes · Orla Brenn: 12 new"
    assert made["first"].startswith("“The lamps of pier 0 stay dark &amp; &lt;unpaid&gt;")
    assert made["kept"] <= VIEW_CHARS
    assert made["cpu"] < 0.5, f"{made['cpu']:.2f} s of CPU for a quote alert and a digest"
