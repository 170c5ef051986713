"""An alert is built in bounded time whatever its what's-new holds: a pattern that backtracks
holds the GIL, and alerts are built in the process that answers Slack. The story stage passes a
sentence of 20,000 `“` on as a fact of an update (tried through the real pipeline). Run in a
child process given a generous 60 s of CPU time: before the fix, minutes; now milliseconds."""

from tests.conftest import in_child

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
