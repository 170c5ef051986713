"""A line set alone under a date line is asked whether the copy after it writes its words in
lower case (``bot.ingest.headings``): the copy is read once for every such line, not searched
again for each, so a hostile copy of thousands of them cleans in time linear in its length."""

import time

import pytest

from bench.heading_cost import PAIR, PROSE, TITLE
from bot.ingest.clean import clean_article
from bot.ingest.headings import LowerCase, is_heading
from bot.models import RawArticle


def _cpu_seconds(pairs: int) -> float:
    text = PROSE + PAIR * pairs + "The tidewater stayed high all week."
    began = time.process_time()
    article = clean_article(RawArticle(text=text, origin="pairs.txt", title=TITLE))
    assert "Key Tidewater Facts" in article.body
    return time.process_time() - began


def test_four_times_the_heading_lines_cost_about_four_times_as_much() -> None:
    """CPU time, which other load does not stretch much: 4x the lines took about 16x before
    (13.5 s for a quarter of a megabyte; ``bench.heading_cost``), about 4x now."""
    small, large = _cpu_seconds(1_000), _cpu_seconds(4_000)
    assert large < 7 * small, f"{small:.2f} s then {large:.2f} s"


@pytest.mark.parametrize(("copy", "written"), [
    (["the tidewater rose"], True),
    (["the tidewater's edge"], True),
    (["the tidewater’s edge"], True),
    (["The Tidewater rose"], False),
    (["a tidewater-fed pond"], False),
    (["tidewaters rose"], False),
])
def test_a_word_is_written_in_lower_case_bare_or_with_its_s(copy, written) -> None:
    assert LowerCase(copy).writes("tidewater") is written


def test_only_the_paragraphs_after_the_line_count() -> None:
    lower = LowerCase(["Key Tidewater Facts", "the tidewater rose", "Key Tidewater Facts",
                       "Boats came in."])
    assert is_heading("Key Tidewater Facts", lower, 0)
    assert not is_heading("Key Tidewater Facts", lower, 2)
