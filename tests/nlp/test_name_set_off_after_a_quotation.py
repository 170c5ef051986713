""""“…” / Berg, in the wake of …, told reporters that …": a name opening its line and set off by
a comma is the speaker of the verb after the aside, even where the parser hung the name on the
quotation before and left the verb no subject. On text written here."""

from __future__ import annotations

SLOGAN = ("Tomas Berg chairs the ferry board.\n"
          "“Vote for me and we will finally have a board that listens.”\n"
          "Berg, in the wake of a poll showing his support down to 14 percent, told reporters on "
          "Sunday that the fares would stay frozen.")


def test_a_name_set_off_at_the_start_of_its_line_speaks(quotes_of, only):
    quote = only(quotes_of(SLOGAN), "indirect", "stay frozen")
    assert (quote.text, quote.speaker.name) == ("that the fares would stay frozen", "Tomas Berg")


def test_a_name_the_parser_made_the_subject_is_unchanged(quotes_of, only):
    text = ("Tomas Berg chairs the ferry board. Berg, after a week of bad headlines, told "
            "reporters on Monday that the fares would stay frozen.")
    assert only(quotes_of(text), "indirect", "stay frozen").speaker.name == "Tomas Berg"
