"""A small bench's `[ROUNDS] [ROWS]`: what is given is read, what is left out is the default."""

import pytest

from bench.given import whole_numbers


def test_given_numbers_are_read_in_order_and_the_rest_default():
    assert whole_numbers(5, 200_000, given=[]) == [5, 200_000]
    assert whole_numbers(5, 200_000, given=["3"]) == [3, 200_000]
    assert whole_numbers(5, 200_000, given=["3", "1000"]) == [3, 1000]
    assert whole_numbers(15, given=["2", "ignored"]) == [2]


def test_a_word_that_is_no_number_stops_the_bench():
    with pytest.raises(ValueError):
        whole_numbers(5, given=["many"])
