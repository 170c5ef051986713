"""An alert says each thing once: a quote a page repeats, a sentence cut from inside the key
quote, a key quote the summary already holds (seen on real copy in a desk's day)."""

from __future__ import annotations

from bot.alerts.blocks import alert_blocks
from bot.alerts.console import render_text
from bot.models import AlertView, KeyQuote

PULL = ("“We will not sail again until every missed hour is paid,” said Petra Solberg, "
        "the union's negotiator.")
REPEATED = ("“We will not sail again until every missed hour is paid,” says Petra Solberg, "
            "who has led the crews' talks since 2019 and sits on the harbour board.")
FARES = "The company said it had lost 240,000 euros in ticket sales since the walkout began."
INSIDE = "The company has broken its word to every crew member, and we are going to court."
QUOTE = KeyQuote("This is a lockout. The company has broken its word to every crew member, "
                 "and we are going to court. Nobody sails until it pays.",
                 "Petra Solberg", "union negotiator")


def _view(kind: str, summary: tuple[str, ...], whats_new: tuple[str, ...],
          quote: KeyQuote | None = QUOTE) -> AlertView:
    return AlertView(kind=kind, story_id=3, article_id=9, topics=("Ferries",),
                     headline="Ferry strike", summary=summary, whats_new=whats_new,
                     source="Harbour Wire", url="https://news.example/f1",
                     published="2026-03-06", key_quote=quote)


def _sections(view: AlertView, *, standalone: bool = False) -> list[str]:
    return [b["text"]["text"] for b in alert_blocks(view, standalone=standalone)
            if b["type"] == "section"]


def test_a_quote_the_page_repeats_is_one_whats_new_item_and_counted_once():
    view = _view("update", ("Crews walked out.",),
                 (PULL, FARES, REPEATED, "Mediators met on Wednesday.", "Hotels cancelled."),
                 quote=None)
    [updates] = _sections(view)
    lines = updates.splitlines()
    assert lines[1] == f"• {PULL}"
    assert lines[2:4] == [f"• {FARES}", "• Mediators met on Wednesday."]
    assert lines[4] == "+1 more in <https://news.example/f1|the article>"


def test_a_sentence_from_inside_the_key_quote_gives_way_to_the_quote():
    view = _view("update", ("Crews walked out.",), (FARES, INSIDE, "Mediators met on Wednesday."))
    updates, quote = _sections(view)
    assert "broken its word" not in updates
    assert updates.splitlines()[1:] == [f"• {FARES}", "• Mediators met on Wednesday."]
    assert quote.startswith("“This is a lockout.") and quote.endswith("— Petra Solberg, "
                                                                      "union negotiator")


def test_a_key_quote_the_summary_holds_is_not_said_again():
    summary = ("Ferry crews walked out on Monday.",
               "“This is a lockout. The company has broken its word to every crew member, and "
               "we are going to court. Nobody sails until it pays,” Petra Solberg said.")
    assert _sections(_view("new", summary, ())) == [" ".join(summary)]
    standalone = _sections(_view("update", summary, (FARES,)), standalone=True)
    assert len(standalone) == 2 and not standalone[1].startswith("“")
    other = _view("new", ("Ferry crews walked out on Monday.",), ())
    assert _sections(other)[1].startswith("“This is a lockout.")


def test_a_key_quote_whose_words_the_summary_holds_only_inside_longer_words_is_shown():
    """"It was a scandal" is not in "it was a scandalous waste": the quote line stays."""
    quote = KeyQuote("It was a scandal", "Ada Brandt", "mayor")
    summary = ("Mayor Ada Brandt said that it was a scandalous waste of public money.",)
    sections = _sections(_view("new", summary, (), quote=quote))
    assert sections[1] == "“It was a scandal” — Ada Brandt, mayor", sections


def test_a_sentence_whose_words_the_key_quote_holds_only_inside_longer_words_is_news():
    """"Ports will reopen on Monday" is not cut from "All airports will reopen on Monday …"."""
    quote = KeyQuote("All airports will reopen on Monday once the strike ends, and the ferries "
                     "a day later.", "Petra Solberg", "union negotiator")
    ports = "Ports will reopen on Monday."
    updates, _ = _sections(_view("update", ("Crews walked out.",), (ports, FARES), quote=quote))
    assert updates.splitlines()[1:] == [f"• {ports}", f"• {FARES}"], updates


def test_the_terminal_says_each_thing_once_too():
    """`wirewatch run --console` and the demo print what the Slack message would say."""
    summary = ("Ferry crews walked out on Monday.",
               "“This is a lockout. The company has broken its word to every crew member, and "
               "we are going to court. Nobody sails until it pays,” Petra Solberg said.")
    assert "> “" not in render_text(_view("new", summary, ()))
    update = render_text(_view("update", ("Crews walked out.",),
                               (PULL, FARES, REPEATED, "Hotels cancelled.", summary[1])))
    assert update.count("We will not sail") == 1 and update.count("This is a lockout") == 1
    assert "> “" not in update
    quoted = render_text(_view("update", ("Crews walked out.",), (FARES,)))
    assert "> “This is a lockout." in quoted
