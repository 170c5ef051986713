"""The quick looks for a word before a costly pattern must never turn away a line the pattern
reads: `re.IGNORECASE` matches 'ı' and 'İ' to 'i', 'ſ' to 's' and the Kelvin sign to 'k'."""

import re
import string

from bot.ingest import furniture

ODD_CASES = "ıİſK\u212a"


def test_folded_reads_every_odd_case_letter_as_a_case_blind_pattern_does():
    for letter in string.ascii_lowercase:
        pattern = re.compile(letter, re.IGNORECASE)
        for odd in ODD_CASES + letter.upper():
            if pattern.fullmatch(odd):
                assert furniture.folded(odd) == letter, (odd, letter)


def test_furniture_written_with_odd_case_letters_is_still_found():
    assert furniture.is_ticker("HARBOUR INDEX 41.75 DECREAſED BY 0.12 (-0.29%)")
    assert furniture.is_share_prompt("Get our morning newſletter Sign up here")
    assert furniture.is_video_player(
        "Ferry fares rise again at noon VİDEO Ferry fares rise again at noon")
