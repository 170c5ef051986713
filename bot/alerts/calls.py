"""One Web API call from the sender or the digests, its failure sorted by what to do next."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.error import URLError

from slack_sdk.errors import SlackApiError

from bot.alerts.token import DEAD_TOKEN, TokenDead, is_dead_token

T = TypeVar("T")
RETRY_LATER = frozenset({"internal_error", "fatal_error", "service_unavailable",
                         "request_timeout"})
RATE_LIMITED = frozenset({"ratelimited"})
"""Slack's answer (HTTP 200, ok false) that this call came too soon, as a 429 says: the channel
waits, never a refusal of the message (which would lose it)."""
POSTED_TOO_MUCH = frozenset({"rate_limited", "message_limit_exceeded"})
"""Slack's answers that the app or the workspace posted too much: a pause for every channel."""
PACED_PER_CHANNEL = frozenset({"chat.postMessage"})
"""The method Slack paces per channel (about a message a second each): its 429 holds the
channel; any other method's holds that method, whatever the channel (``per_method``)."""
SAID_RATE_LIMITED_WAIT = 10.0
"""Seconds posting pauses after such an answer when it gives no Retry-After (it names no wait;
a 429 does): ten of Slack's message-a-second slots, so a pause is not asked about every second."""
WORKSPACE_MOVING = frozenset({"team_added_to_org", "org_login_required"})
"""Slack's answers while it moves the workspace into an Enterprise organisation (its Web API
is unavailable at times until the move is done): nothing was taken, so wait and post then."""
POSTING_SUSPENDED = {
    "ekm_access_denied": "an admin suspended posting (the workspace's encryption keys revoked)",
    "accesslimited": "the workspace limits API calls to networks this host is not on",
}
"""Slack's answers when it refuses every post of the workspace, whatever its channel or
message, until an admin acts: nothing was taken, so wait and post then."""
POSTS_REFUSED = {
    "missing_scope": "the bot token lacks chat:write; reinstall the app from slack/manifest.yml",
    "not_allowed_token_type": "SLACK_BOT_TOKEN is not the app's bot token (xoxb-)",
    "team_access_not_granted": "the app is not granted this workspace of the organisation; an "
                               "org admin adds it",
}
"""Slack's answers to a post that no other post could get past (the app may post nowhere)
until an admin acts: each post is held, not failed (a lookup so refused is its own case)."""
WORKSPACE_WAIT = 60.0
"""Seconds posting pauses after a moving or a suspended workspace's answer: a move takes
minutes or more, and asking once a minute whether an admin lifted a suspension costs one call."""
LONGEST_WAIT = 300.0
"""Seconds at most that one 429 pauses posting (or a role lookup) for: a Retry-After of hours,
from a proxy or a fault, would silence every channel until a restart; asking again after five
minutes costs one call, and Slack answers with a new Retry-After if it still means it."""
SHORTEST_WAIT = 1.0
"""Seconds at least that one 429 holds a channel back: a Retry-After of 0 (or less; Slack's
smallest is 1) would have the sender, which passes four times a second, ask again at each."""
OUTAGE_WAIT = 15.0
"""Seconds at most between asks while Slack's Web API is down after it answered (unless a
Retry-After asks for longer): one alert's try every 15 s costs Slack nothing, and a desk waits
at most that long once Slack is back."""
ANSWER_LATE_WAIT = 30.0
"""Seconds before a call whose answer never came in time (the client's timeout, a gateway's
504) is looked for: Slack may still be working on it and post it after the client gave up, so
a look at once finds nothing and posts it twice; three of the client's 10 s timeouts."""
REQUEST_REFUSED = frozenset({
    "invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long",
    "no_text", "too_many_attachments", "invalid_attachments", "attachment_payload_limit_exceeded",
    "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large",
    "metadata_must_be_sent_from_app", "markdown_text_conflict", "too_many_contact_cards",
    "invalid_arguments", "invalid_arg_name", "invalid_array_arg", "invalid_charset",
    "invalid_form_data", "invalid_post_type", "missing_post_type", "invalid_json",
    "json_not_object", "as_user_not_supported", "cannot_reply_to_message",
    "duplicate_channel_not_found", "duplicate_message_not_found", "messages_tab_disabled",
    "slack_connect_file_link_sharing_blocked", "slack_connect_canvas_sharing_blocked",
    "slack_connect_lists_sharing_blocked", "no_permission", "access_denied",
    "method_deprecated", "deprecated_endpoint", "unknown_method", "too_many_blocks",
    "duplicate_external_id"})
"""Slack's documented answers that the request itself is wrong (its blocks, text, metadata or
arguments; the method or the permission): the same message would be refused again, so it goes
once as plain text, then fails with the code. Any code not known to wirewatch (nor listed
here) is retried as a 5xx is (``unknown_answer``): Slack adds codes, and a transient one must
not fail alerts for good."""
UNKNOWN_CODE = "a code wirewatch does not know"
"""Said in the reason of each try made again after such an answer (``unknown_answer``,
``open_direct``): `/wirewatch status` finds the alerts it holds by it."""
LOOKUP_TRIES = 10
"""An "already posted?" lookup Slack refuses this often gives up (an alert's, about 9 minutes
of backoff; a digest's, as many passes): the message is failed, or its period skipped, loudly."""
UNREACHABLE = frozenset({"user_disabled", "user_not_found", "user_not_visible",
                         "invalid_user_combination"})
"""Slack's answers to opening a person's direct messages that say nobody can be reached there:
the account is gone, or the bot may not see or message them (another organisation's, a
restricted account): their subscriptions pause, as a gone channel's do."""
GONE = frozenset({"channel_not_found", "is_archived", "not_in_channel", "channel_is_archived",
                  "restricted_action", "restricted_action_read_only_channel",
                  "restricted_action_thread_only_channel"}) | UNREACHABLE

_KNOWN = (RETRY_LATER | RATE_LIMITED | POSTED_TOO_MUCH | WORKSPACE_MOVING | DEAD_TOKEN | GONE
          | REQUEST_REFUSED | POSTING_SUSPENDED.keys() | POSTS_REFUSED.keys()
          | {"thread_not_found", "message_not_found", "invalid_thread_ts",
             "restricted_action_non_threadable_channel", "not_found", "hash_conflict"})
"""Every code some caller sorts (the sender's own thread answers, views.publish's stale view
among them): any other is news to wirewatch."""


class Retry(Exception):
    """Slack did not take the message this time; try again after ``delay`` seconds."""

    def __init__(self, reason: str, delay: float, in_flight: bool,
                 rate_limited: bool = False, refused: bool = False,
                 everywhere: bool = False, late: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.delay = reason, delay
        self.in_flight, self.rate_limited = in_flight, rate_limited
        self.refused = refused  # Slack said no (not 5xx, not the network): may never change
        self.everywhere = everywhere  # the pause is the workspace's, not the channel's
        self.late = late  # no answer came: Slack may still make the post after this
        self.dropped = False  # the call left and no answer of Slack's came back (its connection
        # closed, or something in between answered in its place: ``not_slacks``): Slack may
        # still be making it for the late wait (no late window: the outage is told at once)
        self.answered = False  # set by a poster: Slack answered its try, so is done with it
        self.tried = False  # a try spent though nothing was posted: counted, so the backoff grows
        self.outage = False  # Slack's Web API itself is down (unreachable, 5xx): the run's, not
        # this call's: delivery waits for it as a whole (``bot.slack.identity.Identity.lost``)
        self.wait: float | None = None  # the Retry-After such an answer gave, if any
        self.method: str | None = None  # a rate limit of this Web API method (``per_method``)
        self.asked = True  # False: held back with no call made, so it tells nothing of Slack


class ChannelGone(Exception):
    """The channel is archived or deleted, the bot is not in it, or its posting permissions
    leave the bot out; or the person's account is gone: its subscriptions pause."""


def call(request: Callable[[], T]) -> T:
    """Run one call: Retry for 429, 5xx and network errors (``_network_step``); TokenDead;
    ChannelGone; else raise."""
    try:
        return request()
    except SlackApiError as exc:
        step = _next_step(exc)
        if step is None:
            raise
        if isinstance(step, Retry) and exc.response.status_code >= 500 and not step.late:
            step.outage = True  # a gateway's 504 is a late answer: Slack may still post it
            if _header(exc.response.headers, "retry-after") is not None:
                step.wait = retry_after(exc.response.headers)
        raise step from exc
    except OSError as exc:
        raise _network_step(exc) from exc


def _network_step(exc: OSError) -> Retry:
    """A call the network failed: never sent (Slack cannot have acted on it: tried again as
    soon as Slack answers, nothing to look for), its answer late (Slack may still act on it),
    or dropped after it was sent (Slack may have acted on it: looked for first)."""
    said = socket_said(exc)
    if not_sent(exc):
        step = Retry(f"cannot reach Slack ({said}); nothing was sent", 0, False)
    elif isinstance(exc, TimeoutError):  # for the answer (one while sending is ``not_sent``)
        return Retry("Slack did not answer in time; it may still post it", ANSWER_LATE_WAIT,
                     True, late=True)
    else:
        step = Retry(f"the connection dropped after the call was sent ({said}); Slack may "
                     "have acted on it", 0, True)
        step.dropped = True
    step.outage = True
    return step


def not_sent(exc: OSError) -> bool:
    """The request never reached Slack whole: urllib raises URLError for what fails before
    the answer is awaited (connecting: refused, DNS, no route; the TLS handshake; writing the
    request, which Slack acts on only once it has all of it), and the error itself for what
    fails after it was sent (a reset, a close before the answer, a read timeout)."""
    return isinstance(exc, URLError) and isinstance(exc.reason, OSError)


def socket_said(exc: OSError) -> str:
    """What the socket said ("Connection refused"), else the error's kind; no token is in it
    (that goes in a header)."""
    reason = getattr(exc, "reason", None)
    cause = reason if isinstance(reason, OSError) else exc
    return cause.strerror or cause.__class__.__name__


def _next_step(exc: SlackApiError) -> Exception | None:
    """What a failed call means: a pause for every channel (Retry, rate_limited), a try again
    of a call Slack may have taken (in flight), a dead token, a gone channel; None: Slack
    refused this call itself."""
    headers, status, code = exc.response.headers, exc.response.status_code, error_code(exc)
    if status == 429:
        return _of_method(Retry("rate limited by Slack", retry_after(headers), False, True), exc)
    if status == 504:  # a gateway between gave up waiting, Slack's or a proxy's page
        return Retry("Slack's gateway did not get its answer in time (HTTP 504); it may still "
                     "post it", ANSWER_LATE_WAIT, True, late=True)
    if not from_slack(headers):
        return not_slacks(status)
    if code in RATE_LIMITED or code in POSTED_TOO_MUCH:
        limited = Retry(f"rate limited by Slack ({code})", _said_wait(headers), False, True,
                        everywhere=code in POSTED_TOO_MUCH)
        return limited if limited.everywhere else _of_method(limited, exc)
    if code in WORKSPACE_MOVING:
        return Retry(f"Slack is moving the workspace into an Enterprise organisation ({code})",
                     WORKSPACE_WAIT, False, True, everywhere=True)
    if code in POSTING_SUSPENDED:
        return Retry(f"Slack refuses every post of the workspace ({code}: "
                     f"{POSTING_SUSPENDED[code]})", WORKSPACE_WAIT, False, True,
                     everywhere=True)
    if is_dead_token(code):
        return TokenDead(code)
    if status >= 500 or code in RETRY_LATER:
        return Retry(f"Slack answered {status} {code}", 0, True)
    return ChannelGone(code) if code in GONE else None


def not_slacks(status: int) -> Retry:
    """An answer in Slack's place (a proxy's page): whether Slack has the call, or will make it
    still, is not known, as after a dropped connection: looked for after the late wait."""
    step = Retry(f"the answer was not Slack's (HTTP {status}, not JSON: a proxy's page?); "
                 "Slack may have the call", 0, True)
    step.dropped = True
    return step


def _of_method(retry: Retry, exc: SlackApiError) -> Retry:
    """A rate limit, told which method Slack held back (the last part of the call's URL)."""
    url = str(getattr(exc.response, "api_url", "") or "")
    retry.method = url.rstrip("/").rsplit("/", 1)[-1] or None
    return retry


def per_method(retry: Retry) -> str | None:
    """The method a rate limit holds back for every caller (Slack's tiers are per method and
    workspace), or None: a post's is its channel's (PACED_PER_CHANNEL), a pause everywhere's
    is every channel's."""
    if not retry.rate_limited or retry.everywhere or retry.method in PACED_PER_CHANNEL:
        return None
    return retry.method


def post_held(exc: SlackApiError) -> Retry | None:
    """A post refused for a reason no post could get past (POSTS_REFUSED): a pause for every
    channel, the message kept; None for any other refusal."""
    code = error_code(exc)
    if code not in POSTS_REFUSED:
        return None
    return Retry(f"Slack refuses every post of the app ({code}: {POSTS_REFUSED[code]})",
                 WORKSPACE_WAIT, False, True, everywhere=True)


def passing(exc: SlackApiError) -> bool:
    """Slack's answer says nothing final of the call: one of its documented passing faults
    (RETRY_LATER) or a code wirewatch does not know (it knows every other it sorts)."""
    code = error_code(exc)
    return code in RETRY_LATER or code not in _KNOWN


def unknown_answer(exc: SlackApiError) -> Retry | None:
    """A post's refusal whose code wirewatch does not know (``call`` sorted every code it
    knows): Slack answered, but said neither that the message is wrong (REQUEST_REFUSED) nor
    that it did nothing, so a try again later, looked for first; None for a known refusal."""
    if not passing(exc):
        return None
    code = error_code(exc)
    retry = Retry(f"Slack answered {exc.response.status_code} {code}, {UNKNOWN_CODE}; tried "
                  "again later", 0, True)
    retry.answered = True
    return retry


def open_direct(request: Callable[[], T]) -> T:
    """``call`` for conversations.open of a person's direct messages (nothing is posted by it):
    an answer that says nothing final is a Retry, and one no direct message could get past
    (POSTS_REFUSED: the token lacks im:write) holds that person's messages a minute, as a
    refused post is held; neither fails them. Any other Retry (a 5xx, a dropped connection, a
    code nobody knows) spends a try, as a post's does, so the backoff grows: nothing is in
    flight, since opening posts nothing."""
    try:
        return call(request)
    except Retry as retry:
        if not retry.rate_limited:
            retry.in_flight, retry.tried = False, True
        raise
    except SlackApiError as exc:
        code = error_code(exc)
        if code in POSTS_REFUSED:
            raise Retry(f"Slack refuses to open direct messages ({code}: the bot token lacks "
                        "im:write, or is not the app's; reinstall the app from "
                        "slack/manifest.yml)", WORKSPACE_WAIT, False, True) from exc
        if passing(exc):
            unknown = "" if code in RETRY_LATER else f", {UNKNOWN_CODE}"
            again = Retry(f"Slack answered {code} to opening direct messages{unknown}", 0,
                          False)
            again.tried = True
            raise again from exc
        raise


def retry_after(headers: dict | None) -> float:
    """Slack's Retry-After in seconds, within SHORTEST_WAIT..LONGEST_WAIT (1 when missing or
    unreadable); an HTTP date (a proxy's 429 may give one) counts from the answer's Date."""
    value = _header(headers, "retry-after")
    if value is None:
        return 1.0
    try:
        seconds = float(value)
    except ValueError:
        seconds = _until_date(value, _header(headers, "date"))
    return min(max(seconds, SHORTEST_WAIT), LONGEST_WAIT) if math.isfinite(seconds) else 1.0


def _header(headers: dict | None, name: str) -> str | None:
    """A header's first value, whatever its case (the SDK gives a list for a repeated one)."""
    for key, value in (headers or {}).items():
        if key.lower() == name:
            first = value[0] if isinstance(value, list | tuple) and value else value
            return first if isinstance(first, str) else ""
    return None


def _until_date(value: str, answered: str | None) -> float:
    """Seconds from the answer's Date (else this machine's clock) to the HTTP date ``value``;
    1 when it is none."""
    try:
        until = parsedate_to_datetime(value)
        since = parsedate_to_datetime(answered) if answered else datetime.now(UTC)
        return (until - since).total_seconds()
    except (TypeError, ValueError, IndexError):
        return 1.0


def from_slack(headers: dict | None) -> bool:
    """Slack's Web API answers in JSON, even to refuse; any other answer (a proxy's sign-in or
    error page, HTTP 200 or not) says nothing of whether Slack took the call."""
    kinds = [str(v) for k, v in (headers or {}).items() if k.lower() == "content-type"]
    return not kinds or any("json" in kind.lower() for kind in kinds)


def held_for(exc: SlackApiError) -> float | None:
    """Seconds a rate limit holds its method, the same for every caller: a 429's Retry-After,
    an ok-false "ratelimited" answer's (``_said_wait``); None for any other answer."""
    if exc.response.status_code == 429:
        return retry_after(exc.response.headers)
    return _said_wait(exc.response.headers) if error_code(exc) in RATE_LIMITED else None


def _said_wait(headers: dict | None) -> float:
    """An ok-false rate limit's pause: its Retry-After if it has one, else ours."""
    if any(name.lower() == "retry-after" for name in headers or {}):
        return retry_after(headers)
    return SAID_RATE_LIMITED_WAIT


def error_code(exc: SlackApiError) -> str:
    data = exc.response.data if isinstance(exc.response.data, dict) else {}
    return str(data.get("error") or "unknown_error")
