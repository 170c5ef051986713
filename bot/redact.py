"""Credentials in URLs, masked wherever a URL is shown or logged: a feed address may carry a
password (``user:pass@``) or an API key (``?apikey=…``) that only the fetcher should see."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from urllib3.util import parse_url

MASK = "***"
SECRET_NAMES = re.compile(r"key|token|secret|passw|pwd|pass$|auth|sig|session|credential|"
                          r"access|private|^code$|^jwt$", re.IGNORECASE)
TOKEN_LIKE = re.compile(r"^(?:xox[a-z]-|xapp-|sk-|gh[pousr]_|glpat-|AKIA)|^(?=.*\d)(?=.*[A-Za-z])"
                        r"[A-Za-z0-9_\-+/=.]{32,}$")
URL = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s<>\"'|`]+", re.IGNORECASE)
CREDENTIAL_WORDS = frozenset({
    "key", "apikey", "token", "secret", "password", "passwd", "passcode", "pwd", "pw", "pass",
    "auth", "authorization", "sig", "signature", "session", "sessionid", "sid", "credential",
    "credentials", "jwt", "bearer", "login", "ticket", "jsessionid", "phpsessid"})
"""Words of a query parameter's name that make its value a credential: a link shown without
it still opens the page (``author=``, ``design=`` or ``access=`` are kept)."""
NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
ISSUED = re.compile(r"^(?:xox[a-z]-|xapp-|sk-|gh[pousr]_|glpat-|AKIA)")
LOOKS_SECRET = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[^\s\-]{6,}$")
"""A short value mixing letters and digits, as a password does (a post's ``p=123`` or a
slug's ``p=news-2`` does not)."""
PAIRS = re.compile(r"([&;])")
SEPARATOR = re.compile(r"(/|\\|%5C|%2F)", re.IGNORECASE)
"""What ends a path's segment, for masking: a slash, and a backslash or slash however written
(the fetch sends ``\\`` as ``%5C``, which a browser, and many a server, read as ``/``: a
``\\token\\abc`` names a token as ``/token/abc`` does)."""
PATH_NAMES = frozenset({
    "token", "apikey", "accesstoken", "authtoken", "apitoken", "secretkey", "privatekey",
    "clientsecret", "password", "passwd", "pwd", "jwt", "sessionid", "jsessionid"})
"""A path segment so named is followed by the credential it names (``/token/abc123``); fewer
names than a parameter's words: a path's ``/key/points``, ``/session/`` or ``/login/`` is a
page."""


def redact_url(url: str) -> str:
    """``url`` as the fetch reads it (``as_fetched``), with its password, secret-looking query
    values and token-like values masked."""
    try:
        fetched = as_fetched(url)
        parts = urlsplit(fetched)
        netloc = _netloc(parts.netloc)
    except ValueError:
        return URL.sub(MASK, url) if "@" in url or "=" in url else url
    query = _masked(parts.query)
    path = _path(parts.path, host_moved=fetched != url)
    return urlunsplit((parts.scheme, netloc, path, query,
                       fragment_pairs(parts.fragment, _masked)))


def redact(text: str) -> str:
    """``text`` with every URL in it redacted (error messages quote the addresses they failed)."""
    return URL.sub(lambda m: redact_url(m.group(0)), text) if "://" in text else text


def as_fetched(url: str) -> str:
    """``url`` as urllib3 (the fetch) reads it where ``urlsplit`` reads another host: a
    backslash ends the host for urllib3 alone (``http://a\\@b/`` is host a, path
    ``/%5C@b/``), so an address is shown with the host it is fetched from."""
    return parse_url(url).url if "\\" in urlsplit(url).netloc else url


def _path(path: str, *, host_moved: bool) -> str:
    """The path with its secrets masked, its segments split where a server may split them
    (``SEPARATOR``); its first segment's ``user:password@`` masked as ``_netloc`` masks one
    (``host_moved``: its whole first ``/`` segment is what ``urlsplit`` read as the host's; a
    feed address kept as a browser reads it has ``http://a/:pw@b/`` for ``http://a\\:pw@b/``)."""
    pieces = SEPARATOR.split(path)
    segments = pieces[::2]
    secret = secret_segments(segments)
    moved = len(SEPARATOR.split(path.lstrip("/").split("/", 1)[0])) // 2 + 1 if host_moved else 1
    pieces[::2] = [MASK if at in secret else
                   _matrix(_netloc(segment, whole=False) if 0 < at <= moved else segment)
                   for at, segment in enumerate(segments)]
    return "".join(pieces)


def _netloc(netloc: str, *, whole: bool = True) -> str:
    """``user:***@host``; ``whole``: a user alone masked too (``***@host``), as a token; else
    (what ``urlsplit`` read as the host's, now the path's) only a password."""
    userinfo, at, host = netloc.rpartition("@")
    if not at:
        return netloc
    user, colon, _ = userinfo.partition(":")
    if colon:
        return f"{user}:{MASK}@{host}"
    return f"{MASK}@{host}" if whole else netloc


def _param(pair: str) -> str:
    name, equals, value = pair.partition("=")
    if equals and value and (SECRET_NAMES.search(name) or TOKEN_LIKE.search(value)
                             or is_credential(name, value)):
        return f"{name}={MASK}"
    return pair


def _masked(query: str) -> str:
    return "".join(_param(p) for p in PAIRS.split(query))


def _matrix(segment: str) -> str:
    """A path segment with the credentials of its ``;name=value`` parameters masked
    (``/a;jsessionid=…``)."""
    head, semicolon, params = segment.partition(";")
    return head + semicolon + _masked(params) if semicolon else segment


def secret_segments(segments: list[str]) -> set[int]:
    """Which of a path's segments hold a credential: the one after a segment named as one
    (``PATH_NAMES``), and any value only an issuer writes (``sk-…``, ``xoxb-…``)."""
    found = {at for at, segment in enumerate(segments) if ISSUED.search(unquote_plus(segment))}
    return found | {at + 1 for at, segment in enumerate(segments[:-1])
                    if is_path_name(segment) and segments[at + 1]}


def is_path_name(segment: str) -> bool:
    return re.sub(r"[-_.]", "", unquote_plus(segment).lower()) in PATH_NAMES


def fragment_pairs(fragment: str, pairs_as: Callable[[str], str]) -> str:
    """A fragment read as parameters where it holds them (``#access_token=…&expires_in=…``, or
    an app's route ``#/story?token=…``), given as ``pairs_as`` gives them (a route whose pairs
    are all gone loses its ``?``); ``#latest`` as it is."""
    route, question, pairs = fragment.rpartition("?")
    if "=" not in pairs:
        return fragment
    given = pairs_as(pairs)
    return route + question + given if given else route


def is_credential(name: str, value: str) -> bool:
    """Whether a query parameter (as written, percent-encoded) carries a key, token or password:
    by a word of its name (``apiKey``, ``access_token``, ``X-Amz-Signature``), a value only an
    issuer writes (``sk-…``), or a one-letter ``p`` whose value looks like a password."""
    name = unquote_plus(name)
    words = {w.lower() for w in NAME_WORDS.findall(name)} | {name.lower().strip("_-.[]")}
    if words & CREDENTIAL_WORDS or ISSUED.search(unquote_plus(value)):
        return True
    return name.lower() == "p" and bool(LOOKS_SECRET.search(unquote_plus(value)))


CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal or log viewer acts on rather than shows (ESC starts a sequence that
clears the screen or retitles the window, CR overwrites the line, a line end forges a new
record, bidi controls reorder it); the tab alone is left."""


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with the characters of ``CONTROL`` but ``keep`` written as escapes."""
    return CONTROL.sub(lambda m: m.group(0) if m.group(0) in keep else _escape(m.group(0)), text)


def _escape(char: str) -> str:
    """``\\x1b`` below DEL; ``\\u0085`` from DEL on, which JSON reads too (a JSON line written
    to the terminal holds those raw, and JSON refuses ``\\x85``)."""
    return ascii(char)[1:-1] if ord(char) < 0x7F else f"\\u{ord(char):04x}"


class RedactingFilter(logging.Filter):
    """On a handler: every record it writes has the URLs in its message redacted, and what an
    outsider wrote into it (a feed's link, a server's answer) shown, never acted on by the
    terminal reading the log: control characters escaped (a traceback keeps its lines, and
    has its URLs redacted too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = printable(redact(message) if "://" in message else message)
        if shown != message:
            record.msg, record.args = shown, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACK.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _lines_shown(record.exc_text)
        if record.stack_info:
            record.stack_info = _lines_shown(record.stack_info)
        return True


def _lines_shown(text: str) -> str:
    """A traceback or stack as the log shows it (a handler without the filter may have
    formatted it first and cached it raw on the record: done again here, which changes
    nothing already done)."""
    return printable(redact(text), keep="\n")


_TRACEBACK = logging.Formatter()
_THREADS = logging.getLogger("bot.threads")


def _log_thread_failure(args: threading.ExceptHookArgs) -> None:
    """A thread that dies of an exception: said through the log (and its filter), not
    written to stderr as it is."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else "a thread"
    _THREADS.error("thread %s stopped on an exception it did not handle", name,
                   exc_info=args.exc_value)


def redact_logs() -> None:
    """Put the filter on every handler of the root logger (call after configuring logging)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def log_thread_failures() -> None:
    """What a dying thread would write to stderr as it is goes through the log's handlers."""
    threading.excepthook = _log_thread_failure


@dataclass(frozen=True)
class LogSetup:
    """How this process logs, for a worker process to log the same way: without it a worker's
    records went to stderr through Python's last-resort handler, unfiltered (a feed's
    password or key in a URL, a terminal sequence an outsider wrote, as they were)."""

    level: int
    format: str | None

    @classmethod
    def here(cls) -> LogSetup:
        root = logging.getLogger()
        formats = [h.formatter._fmt for h in root.handlers if h.formatter is not None]
        return cls(root.level, formats[0] if formats else None)

    def install(self) -> None:
        """In the worker process: a handler as this process has, with the filter on it."""
        if self.format:
            logging.basicConfig(level=self.level, format=self.format, force=True)
        else:
            logging.basicConfig(level=self.level, force=True)
        redact_logs()
        log_thread_failures()
