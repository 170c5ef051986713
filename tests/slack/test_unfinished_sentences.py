"""A what's-new sentence that stops short (a feed's teaser cut mid-sentence) says so with "…"."""

from __future__ import annotations

from bot.alerts.blocks import alert_blocks
from bot.alerts.console import render_text
from bot.alerts.mrkdwn import finished
from bot.models import AlertView

CUT = "Dockworkers said the strike would go on until the port authority"


def _update(*whats_new: str) -> AlertView:
    return AlertView(kind="update", story_id=3, article_id=9, topics=("Port strike",),
                     headline="Strike goes on", summary=("Dockworkers walked out.",),
                     whats_new=whats_new, source="Harbour Wire", url=None, published=None)


def test_a_sentence_cut_short_ends_with_an_ellipsis_and_a_whole_one_does_not():
    assert finished(CUT) == CUT + "…"
    assert finished("Talks resume on Friday.") == "Talks resume on Friday."
    assert finished("“We will not go back,” she said.”") == "“We will not go back,” she said.”"
    assert finished("Ada Brandt said:") == "Ada Brandt said…"
    assert finished("The union asked (again).") == "The union asked (again)."


def test_an_update_in_slack_and_in_the_terminal_marks_the_cut_sentence():
    view = _update("Talks resume on Friday.", CUT)
    [news] = [b["text"]["text"] for b in alert_blocks(view)
              if b["type"] == "section" and b["text"]["text"].startswith("What's new")]
    assert news.splitlines()[1:] == ["• Talks resume on Friday.", f"• {CUT}…"]
    assert "   • Dockworkers said the strike would go on until the port authority…" in \
        render_text(view).splitlines()
