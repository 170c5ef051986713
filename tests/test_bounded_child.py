"""``in_child`` bounds a child's CPU time, not its wall time: a child that keeps computing
fails the test however idle the machine, and one that only waits (as on a machine loaded with
other jobs, where it waits its turn) does not."""

import pytest

from tests.conftest import in_child


def test_a_child_past_its_cpu_time_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="more than 1 s of CPU time"):
        in_child("while True:\n    pass\n", None, cpu_s=1)


def test_a_child_that_waits_longer_than_its_cpu_time_is_not_failed() -> None:
    script = "import json, sys, time\ntime.sleep(2)\nprint(json.loads(sys.stdin.read()))\n"
    assert in_child(script, "woke", cpu_s=1) == "woke\n"
