"""Every path by which a record reaches the log goes through the filter that masks credentials
and escapes control characters: a record's stack (``stack_info``), a traceback another handler
formatted first (cached raw on the record), and a thread dying of an exception, which Python
writes to stderr itself. The handler is the one `wirewatch` installs (``redact_logs``)."""

from __future__ import annotations

import io
import logging
import threading

from bot.redact import log_thread_failures

ADDRESS = "https://desk:hunter2@gazette.example/rss?apikey=k3y-of-the-desk\x1b]0;pwned\x07"
SECRETS = ("hunter2", "k3y-of-the-desk", "\x1b", "\x07")


def assert_masked(written: str) -> None:
    assert "desk:***@gazette.example/rss?apikey=***" in written, written
    assert not any(secret in written for secret in SECRETS), repr(written)


def test_a_records_stack_is_masked_as_its_message_is(log_text):
    """``stack_info=True`` writes each frame's source line: here the call's, naming the feed
    with its password and key (before: the message masked, the stack written as it was)."""
    logging.getLogger("bot.ingest").warning("poll of https://desk:hunter2@gazette.example/rss?apikey=k3y-of-the-desk failed", stack_info=True)  # noqa: E501
    written = log_text.getvalue()
    assert "Stack (most recent call last)" in written and "stack_info=True" in written, written
    assert_masked(written)


def test_a_traceback_another_handler_formatted_first_is_masked(log_text):
    """A library's logger with a handler of its own formats the traceback first, and the
    record keeps it (``exc_text``): the root's handler wrote that cache as it was."""
    library = logging.getLogger("bot.ingest.library")
    own = logging.StreamHandler(io.StringIO())
    library.addHandler(own)
    try:
        raise ValueError(f"could not read {ADDRESS}")
    except ValueError:
        library.exception("unexpected failure")
    finally:
        library.removeHandler(own)
    written = log_text.getvalue()
    assert "ValueError: could not read" in written, written
    assert_masked(written)


def test_a_thread_dying_of_an_exception_is_said_through_the_log(log_text, capfd):
    """Python writes a thread's unhandled exception to stderr itself, past every handler."""

    def poll() -> None:
        raise ConnectionError(f"lost {ADDRESS}")

    before = threading.excepthook
    log_thread_failures()
    try:
        thread = threading.Thread(target=poll, name="feed-poll")
        thread.start()
        thread.join()
    finally:
        threading.excepthook = before
    written = log_text.getvalue()
    assert "thread feed-poll stopped on an exception it did not handle" in written, written
    assert "ConnectionError: lost" in written, written
    assert_masked(written)
    assert "hunter2" not in capfd.readouterr().err
