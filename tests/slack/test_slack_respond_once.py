"""An answer through a request's response_url goes once: a connection dropped after Slack took
it (a blip, a proxy) is not sent again, and a refused answer is said in the log."""

from __future__ import annotations

import logging

from tests.fakes.signing import command_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.world import add_article, add_story

QUOTE = "we will not raise the fares again this year"


def test_a_shared_answer_whose_connection_drops_is_posted_once(runtime, fake_slack, fresh_db,
                                                               caplog):
    article = add_article(fresh_db, title="Ferry fares rise", quotes=((QUOTE, "Ada Brandt"),))
    add_story(fresh_db, article_id=article, title="Ferry fares rise")
    fake_slack.drop_next(1, methods={"response_url"})
    body = command_body("/who-said", "share raise the fares again",
                        response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200

    def sent() -> list:
        return fake_slack.calls_to("response_url", ok_only=False)

    wait_for(lambda: len(sent()) > 1 or any("may have reached the person" in r.getMessage()
                                            for r in caplog.records))
    [answer] = sent()
    assert "Ada Brandt" in answer.params["text"] and answer.params["response_type"] == "in_channel"
    assert not any(r.levelname == "ERROR" for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_an_answer_slack_refuses_is_said_in_the_log(runtime, fake_slack, caplog):
    """Slack answers a response_url with an error status when it cannot take the answer (an
    outage, a response_url used too often or too late): the person sees nothing, so the log
    says so, with Slack's status."""
    fake_slack.fail_next(1, status=500, methods={"response_url"})
    body = command_body("/who-said", "nobody said this", response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [line] = wait_for(lambda: [r.getMessage() for r in caplog.records
                               if "refused an answer" in r.getMessage()])
    assert "HTTP 500" in line


def test_an_answer_slack_holds_back_is_sent_again_after_its_retry_after(runtime, fake_slack,
                                                                       caplog):
    """Slack answers 429 to a response_url (answers sent too fast): it did not take the answer,
    so sending it again cannot show it twice. Before: logged as refused, and the person saw
    nothing. Now sent once more, after the Retry-After."""
    fake_slack.fail_next(1, status=429, retry_after=1, methods={"response_url"})
    body = command_body("/who-said", "nobody said this", response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [answer] = wait_for(fake_slack.responses)
    assert answer["text"]
    assert [c.status for c in fake_slack.calls_to("response_url", ok_only=False)] == [429, 200]


def test_an_answer_refused_at_the_socket_is_sent_when_slack_listens_again(runtime, fake_slack,
                                                                          caplog):
    """Slack's address refuses the connection as the command is answered: nothing was sent,
    so sending it again cannot show it twice. Before: "may have reached the person or not;
    not sent again", and the person saw nothing. Now sent again two seconds on, once."""
    caplog.set_level(logging.INFO, logger="bot.slack.respond")
    caplog.set_level(logging.INFO, logger="bot.alerts.held_back")
    body = command_body("/who-said", "nobody said this", response_url=fake_slack.response_url())
    fake_slack.refuse_connections()
    assert post_signed(events_url(runtime), body).status == 200
    [armed] = wait_for(lambda: [r.getMessage() for r in caplog.records
                                if "sent again in" in r.getMessage()])
    fake_slack.accept_connections()
    assert armed == ("an answer through response_url: cannot reach Slack (Connection refused): "
                     "nothing was sent; sent again in 2 s")
    [answer] = wait_for(fake_slack.responses)
    assert answer["text"]
    wait_for(lambda: "an answer through response_url: made again after cannot reach Slack"
             in caplog.text)
    assert len(fake_slack.calls_to("response_url", ok_only=False)) == 1
    assert "may have reached the person" not in caplog.text


def test_an_answer_refused_then_dropped_is_not_sent_a_third_time(runtime, fake_slack, caplog):
    """Refused at the socket, then sent again and its connection dropped after Slack read it:
    Slack may show it, so it is not sent once more, and the line says why, of this try. Before:
    "made again, and Slack answered RemoteDisconnected"; then "Slack may have acted on the
    earlier try", of the try that had been refused (Slack never saw it)."""
    caplog.set_level(logging.INFO, logger="bot.slack.respond")
    body = command_body("/who-said", "nobody said this", response_url=fake_slack.response_url())
    fake_slack.refuse_connections()
    assert post_signed(events_url(runtime), body).status == 200
    wait_for(lambda: "sent again in" in caplog.text)
    fake_slack.drop_next(1, methods={"response_url"})
    fake_slack.accept_connections()
    [line] = wait_for(lambda: [r.getMessage() for r in caplog.records
                               if "not made again" in r.getMessage()])
    assert line.startswith("an answer through response_url: made again; the connection "
                           "dropped (") and line.endswith("): Slack may have acted on this "
                                                          "try; not made again"), line
    assert len(fake_slack.calls_to("response_url", ok_only=False)) == 1
