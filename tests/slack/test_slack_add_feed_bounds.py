"""`/wirewatch sources add` says a failed check as the source keeps it (``kept_error``), not
cut again at 300 characters in the middle of a word.
The Bolt app over real HTTP, the fake Slack Web API, a real feed server on 127.0.0.1, real
SQLite. Invented copy."""

from __future__ import annotations

from dataclasses import replace

from tests.slack.conftest import run_command, started
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Route


def _answer(slack_settings, fake_slack, server: FeedServer, path: str) -> str:
    """The answer to adding ``path`` of ``server`` from Slack."""
    with started(replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))) as rt:
        return run_command(rt, fake_slack, "/wirewatch",
                           f"sources add <{server.url(path)}>")["text"]


def test_a_failed_check_is_said_whole_not_cut_inside_a_word(slack_settings, fresh_db,
                                                             fake_slack):
    """Before: '⚠️ It does not work now: redirect loop: http://127.0.0.1:…/loop/tidetabl…', the
    address cut inside and the advice after it lost."""
    path = "/loop/" + "tidetables" * 26
    with FeedServer() as server:
        server.routes[path] = Route(b"", status=302, headers={"Location": server.url(path)})
        text = _answer(slack_settings, fake_slack, server, path)
        address = server.url(path)
    assert (f"It does not work now: redirect loop: {address} leads back to an address already "
            "visited; fix the address or ask the publisher. It stays added") in text, text
