"""`POST /ingest`: one article or a batch as JSON, behind a bearer token, answered per article."""

from __future__ import annotations

import hmac
import json
import logging
import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from bot.http_server import Head, Refusal, client_group
from bot.ingest import json_list
from bot.ingest.bounds import bounded_fields
from bot.ingest.field_names import Unread, field_name, other_names
from bot.ingest.records import (
    characters,
    json_lines,
    object_on_first_line,
    record_to_article,
)
from bot.models import InboxResult, IngestFailure, RawArticle
from storage.db import ThreadLocalDb, transaction
from storage.inbox import enqueue

log = logging.getLogger(__name__)
PATHS = ("", "/", "/ingest")
MAX_BATCH = 1000
BATCH_SIZE = f"send between 1 and {MAX_BATCH} articles per request"
SLOTS = 2
MAX_WAIT = 10.0
STATUS_TEXT = {200: "200 OK", 202: "202 Accepted", 400: "400 Bad Request",
               401: "401 Unauthorized", 404: "404 Not Found", 405: "405 Method Not Allowed",
               411: "411 Length Required", 413: "413 Content Too Large",
               503: "503 Service Unavailable"}
USAGE = ('send a JSON object {"title", "text", "url", "source", "published"} '
         f"({other_names()}: docs/sources.md, JSON field names) "
         "or a list of them, with the header Authorization: Bearer <token>")


class Worker(Protocol):
    """The ingest worker as this endpoint sees it (it lives above ingest/, beside the pipeline)."""

    def notify(self) -> None: ...

    def wait_for(self, ids: list[int], *, timeout: float) -> dict[int, InboxResult]: ...


class RequestError(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra


@dataclass(frozen=True)
class IngestApp:
    """A WSGI app; articles are queued durably and answered 202 at once.

    A client that wants each article's outcome adds ``?wait=SECONDS`` (at most 10). At most
    ``slots`` requests are handled at a time, so /ingest never holds the server threads that
    Slack's requests need (Slack gives up after 3 s); the rest are told to retry (503).
    """

    dbs: ThreadLocalDb
    token: str
    max_bytes: int
    worker: Worker | None = None
    wait_seconds: float = 0.0
    slots: int = SLOTS
    _busy: threading.BoundedSemaphore = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_busy", threading.BoundedSemaphore(self.slots))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            status, body = self._handle(environ)
        except RequestError as exc:
            status, body = exc.status, {"error": str(exc), **exc.extra}
        except Exception:
            log.exception("POST /ingest failed")
            status, body = 503, {"error": "internal error; nothing was accepted, try again"}
        line, headers, data = _answer(status, body)
        start_response(line, [*headers, ("Content-Length", str(len(data)))])
        return [data]

    def screen(self, head: Head) -> Refusal | None:
        """The checks of ``_handle`` made from the head, before the server reads the body: a
        caller without the token never has a byte of it read or buffered."""
        try:
            self._check_head(head.path, head.method, head.headers.get("AUTHORIZATION", ""))
            if head.length > self.max_bytes:
                raise RequestError(413, self._too_big())
        except RequestError as exc:
            line, headers, data = _answer(exc.status, {"error": str(exc), **exc.extra})
            return Refusal(line, data, headers)
        return None

    def _check_head(self, path: str, method: str | None, authorization: str) -> None:
        if path not in PATHS:
            raise RequestError(404, "not found; articles go to POST /ingest")
        if method != "POST":
            raise RequestError(405, f"use POST; {USAGE}")
        if not self._authorised(authorization):
            raise RequestError(401, "missing or wrong bearer token", usage=USAGE)

    def _handle(self, environ: dict) -> tuple[int, dict]:
        self._check_head(environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD"),
                         environ.get("HTTP_AUTHORIZATION", ""))
        if not self._busy.acquire(blocking=False):
            raise RequestError(503, f"{self.slots} ingest requests are already being handled; "
                               "nothing was accepted, retry in a second")
        try:
            return self._accept(environ)
        finally:
            self._busy.release()

    def _accept(self, environ: dict) -> tuple[int, dict]:
        value = self._json(self._body(environ))
        records = value if isinstance(value, list) else [value]
        if not records or len(records) > MAX_BATCH:
            raise RequestError(400, BATCH_SIZE)
        remote = environ.get("REMOTE_ADDR") or "?"
        items = [record_to_article(r, origin=_origin(r, remote, i, len(records)))
                 for i, r in enumerate(records)]
        if not isinstance(value, list) and isinstance(items[0], IngestFailure):
            raise RequestError(400, items[0].reason, usage=USAGE)
        status, answer = self._queue(items, wait=self._wait(environ),
                                     caller=client_group(remote))
        return status, {**answer, **_unread(records, items, remote)}

    def _wait(self, environ: dict) -> float:
        asked = parse_qs(environ.get("QUERY_STRING", "")).get("wait", [""])[0]
        if not asked:
            return self.wait_seconds
        try:
            seconds = float(asked)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or seconds < 0:
            raise RequestError(400, f"?wait= takes a number of seconds up to {MAX_WAIT:.0f}",
                               usage=USAGE)
        return min(seconds, MAX_WAIT)

    def _authorised(self, header: str) -> bool:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return False
        return hmac.compare_digest(given.strip().encode(), self.token.encode())

    def _body(self, environ: dict) -> bytes:
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared and not declared.isdigit():
            raise RequestError(400, "Content-Length is not a number")
        if declared and int(declared) > self.max_bytes:
            raise RequestError(413, self._too_big())
        stream = environ["wsgi.input"]
        limit = int(declared) if declared else self.max_bytes + 1
        data = stream.read(min(limit, self.max_bytes + 1))
        if len(data) > self.max_bytes:
            raise RequestError(413, self._too_big())
        return data

    def _too_big(self) -> str:
        return (f"request body is larger than the {self.max_bytes} byte limit "
                "(WIREWATCH_INGEST_MAX_MB); send smaller batches")

    @staticmethod
    def _json(data: bytes) -> Any:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RequestError(400, f"body is not UTF-8 (invalid byte at offset {exc.start})",
                               usage=USAGE) from None
        try:
            return IngestApp._list(text) if json_list.is_list(text) else json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and object_on_first_line(text):
                return IngestApp._json_lines(text)
            raise RequestError(400, f"malformed JSON at line {exc.lineno} column {exc.colno}: "
                               f"{exc.msg}", usage=USAGE) from None
        except RecursionError:
            raise RequestError(400, "JSON nested too deeply", usage=USAGE) from None
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            raise RequestError(400, f"JSON value not accepted: {str(exc)[:120]}",
                               usage=USAGE) from None

    @staticmethod
    def _list(text: str) -> list[Any]:
        """A batch as a JSON list, its items decoded one by one up to the batch limit: 10 MB of
        ``[{},{},…]`` decoded whole took 0.16 s and a peak of 327 MB before it was refused."""
        values: list[Any] = []
        for value in json_list.items(text):
            if len(values) == MAX_BATCH:
                raise RequestError(400, BATCH_SIZE)
            values.append(value)
        return values

    @staticmethod
    def _json_lines(text: str) -> list[Any]:
        """A body of JSON Lines (`curl --data-binary @export.jsonl`): one article a line; the
        lines past the batch limit are not read (10 MB of ``{}`` lines took 3.4 s and 568 MB)."""
        values: list[Any] = []
        for number, line in enumerate(json_lines(text), start=1):
            if not line.strip():
                continue
            if len(values) == MAX_BATCH:
                raise RequestError(400, BATCH_SIZE)
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise RequestError(400, f"malformed JSON at line {number} column {exc.colno}: "
                                   f"{exc.msg}", usage=USAGE) from None
            except (RecursionError, ValueError):
                raise RequestError(400, f"JSON value not accepted at line {number}",
                                   usage=USAGE) from None
        return values

    def _queue(self, items: list[RawArticle | IngestFailure], *, wait: float,
               caller: str) -> tuple[int, dict]:
        db = self.dbs.get()
        ids: dict[int, int] = {}
        with transaction(db):
            for index, item in enumerate(items):
                if isinstance(item, RawArticle):
                    ids[index] = enqueue(db, bounded_fields(item), caller=caller)
        outcomes: dict[int, InboxResult] = {}
        if ids and self.worker is not None:
            self.worker.notify()
            if wait > 0:
                outcomes = self.worker.wait_for(list(ids.values()), timeout=wait)
        results = [_result(index, item, ids.get(index), outcomes) for index, item in
                   enumerate(items)]
        queued = any(r["status"] == "queued" for r in results)
        return (202 if queued else 200), {"accepted": len(ids), "results": results}


def _answer(status: int, body: dict) -> tuple[str, tuple[tuple[str, str], ...], bytes]:
    """Status line, headers (but the length) and JSON body of an answer."""
    headers = [("Content-Type", "application/json; charset=utf-8")]
    if status == 401:
        headers.append(("WWW-Authenticate", 'Bearer realm="wirewatch"'))
    if status == 405:
        headers.append(("Allow", "POST"))
    if status == 503:
        headers.append(("Retry-After", "1"))
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return STATUS_TEXT.get(status, f"{status} Error"), tuple(headers), data


def _unread(records: list[Any], items: list[RawArticle | IngestFailure],
            remote: str) -> dict[str, list[str]]:
    """The request's field names no article was read from, once (``not_read``), and logged."""
    unread = Unread()
    for record, item in zip(records, items, strict=True):
        if isinstance(item, RawArticle):
            unread.add(record)
    if not unread.said():
        return {}
    log.warning("POST /ingest from %s: %s", remote, unread.said())
    return {"not_read": unread.shown()}


def _origin(record: Any, remote: str, index: int, count: int) -> str:
    url = record.get(field_name(record, "url")) if isinstance(record, dict) else None
    if isinstance(url, str) and url.strip():
        return characters(url.strip()[:500])
    return f"POST /ingest from {remote}" + (f" [{index}]" if count > 1 else "")


def _result(index: int, item: RawArticle | IngestFailure, inbox_id: int | None,
            outcomes: dict[int, InboxResult]) -> dict:
    if isinstance(item, IngestFailure):
        return {"index": index, "status": "failed", "reason": item.reason}
    row = outcomes.get(inbox_id) if inbox_id is not None else None
    if row is None or row.status == "pending":
        return {"index": index, "status": "queued", "id": inbox_id}
    result = {"index": index, "status": row.status, "id": inbox_id}
    for name in ("article_id", "story_id", "verdict", "reason"):
        if getattr(row, name) is not None:
            result[name] = getattr(row, name)
    return result
