import http.client
import json
import logging
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.ingest.http_api import IngestApp
from bot.runner import HttpServer, ingest_app
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb
from storage.inbox import pending
from tests.sources.conftest import TOKEN
from tests.sources.stories import BRIDGE, FERRY, ORCHARD
from tests.stopping import LAST_RESORT_S, joined, wait_for


def test_a_token_set_with_a_stray_space_still_lets_its_clients_in(db_path, settings, nlp):
    """A token pasted into an env file with a space or a line end after it: clients send it
    as they have it, without, as the header's syntax makes them."""
    dbs = ThreadLocalDb(db_path)
    worker = IngestWorker(dbs, settings, nlp=nlp, idle_wait=0.2)
    app = ingest_app(replace(settings, ingest_token=f"{TOKEN} \n"), dbs, worker)
    assert app is not None
    server = HttpServer(app, host="127.0.0.1", port=0)
    server.start()
    try:
        status, body, _ = post(server.port, article(FERRY))
        assert (status, body["accepted"]) == (202, 1), body
    finally:
        server.stop()


def a_recent_day_written_both_ways() -> date:
    """The latest day before today whose day and month could be read either way (both 12 or
    under, not equal) and whose other reading lies further from today: what a desk posts."""
    today = datetime.now(UTC).date()
    for back in range(1, 60):
        day = today - timedelta(days=back)
        if day.day <= 12 and day.day != day.month:
            swapped = date(day.year, day.day, day.month)
            if abs(swapped - today) > abs(day - today):
                return day
    raise AssertionError("no such day in the last 60")


@pytest.mark.parametrize("written", ["%d/%m/%Y 09:00", "%m/%d/%Y 09:00", "%d.%m.%Y 09:00"],
                         ids=["british", "american", "german"])
def test_a_date_readable_both_ways_is_read_the_way_nearer_today(endpoint, written):
    """A British CMS writes 2 December as 02/12; read American, it is 12 February, months old:
    the article would be held as too old to alert, and its story placed months back."""
    port, dbs = endpoint
    day = a_recent_day_written_both_ways()
    status, body, _ = post(port, article(FERRY, published=day.strftime(written)))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["published"] == f"{day.isoformat()}T09:00:00+00:00"


@pytest.mark.parametrize("paragraph, line", [("\u2029", "\u2028"), ("\x0c", "\x0b")],
                         ids=["unicode-separators", "word-page-and-line-breaks"])
def test_paragraphs_broken_by_separator_characters_are_paragraphs(endpoint, paragraph, line):
    """Copy exported from InDesign or Word, or JSON written by JavaScript, breaks paragraphs
    with U+2029 (or a form feed) and lines with U+2028 (or Word's vertical tab), not line
    ends. No title is sent: the first paragraph is the headline."""
    headline, text = FERRY
    first, *rest = text.split("\n\n")
    sent = paragraph.join([headline, first.replace(" stopped work", f"{line}stopped work"),
                           *rest])
    port, dbs = endpoint
    status, body, _ = post(port, {"text": sent})
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["title"] == headline
    assert stored["body"].count("\n\n") >= len(rest), stored["body"]
    assert "crossingstopped" not in stored["body"] and "crossing\nstopped" not in stored["body"]


def test_paragraphs_broken_by_br_tags_in_plain_copy_are_paragraphs(endpoint):
    """A CMS's JSON export whose body is text with `<br />` between paragraphs (it does not
    open with a tag): the tags are breaks, not text shown to the desk."""
    headline, text = FERRY
    port, dbs = endpoint
    sent = text.replace("\n\n", "<br /><br />").replace('"', "&quot;")
    status, body, _ = post(port, {"title": headline, "text": sent})
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert "<br" not in stored["body"] and "&quot;" not in stored["body"], stored["body"]
    assert stored["body"].count("\n\n") == text.count("\n\n")


@pytest.mark.parametrize("written, hours", [
    ("2 hours ago", 2), ("Published an hour ago", 1), ("3h ago", 3), ("vor 3 Stunden", 3),
    ("il y a 3 heures", 3), ("hace 3 horas", 3)])
def test_a_date_written_relative_to_now_is_read_so(endpoint, written, hours):
    """A scraper passes on the page's "2 hours ago": it was read as 02:00 today ("3h ago" as
    3 August, "vor 3 Stunden" as the 3rd of the month)."""
    port, dbs = endpoint
    sent_at = datetime.now(UTC)
    status, body, _ = post(port, article(FERRY, published=written))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    read = datetime.fromisoformat(stored["published"])
    assert abs(read - (sent_at - timedelta(hours=hours))) < timedelta(minutes=5), stored


@pytest.mark.parametrize("written, days, hour, minute", [
    ("Updated 2 days ago at 10:00", 2, 10, 0), ("3 days ago at 9:30 pm", 3, 21, 30),
    ("vor 2 Tagen um 10:00", 2, 10, 0), ("il y a 2 jours à 10h00", 2, 10, 0),
    ("hace 2 días a las 10:00", 2, 10, 0)])
def test_a_day_relative_to_now_with_a_time_of_day_is_that_time_on_that_day(
        endpoint, written, days, hour, minute):
    """"Updated 2 days ago at 10:00" was read as 10:00 today: only a whole "N units ago" was
    relative, so dateutil took the time and dropped the days."""
    port, dbs = endpoint
    sent_on = datetime.now(UTC).date()
    status, body, _ = post(port, article(FERRY, published=written))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    day = sent_on - timedelta(days=days)
    expected = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
    assert stored["published"] == expected.isoformat(), stored


def test_a_body_of_json_lines_is_a_batch(endpoint):
    """`curl --data-binary @export.jsonl`: one article a line, as a batch would be; before,
    400 "malformed JSON at line 2 column 1: Extra data" and nothing taken."""
    port, dbs = endpoint
    body = "\n".join(json.dumps(article(story)) for story in (FERRY, BRIDGE)) + "\n"
    status, payload, _ = post(port, body.encode())
    assert status == 200 and payload["accepted"] == 2, payload
    assert [r["status"] for r in payload["results"]] == ["stored", "stored"]
    status, payload, _ = post(port, (json.dumps(article(ORCHARD)) + "\n{cut").encode())
    assert status == 400 and "line 2" in payload["error"], payload
    assert dbs.get()["articles"].count == 2


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"],
                         ids=["line-separator", "paragraph-separator", "next-line"])
def test_json_lines_holding_a_unicode_line_separator_in_a_string_are_read(endpoint, separator):
    """JSON lets U+2028, U+2029 and U+0085 stand unescaped in a string (a CMS writing copy
    pasted from Word or JavaScript as UTF-8); Python's str.splitlines cut the line there, so
    the whole batch was refused (400 "malformed JSON at line 1") and nothing taken."""
    port, dbs = endpoint
    headline, text = FERRY
    first = article((headline, text.replace(" stopped work", f"{separator}stopped work", 1)))
    lines = [json.dumps(first, ensure_ascii=False), json.dumps(article(BRIDGE))]
    status, payload, _ = post(port, ("\n".join(lines) + "\n").encode("utf-8"))
    assert status == 200 and payload["accepted"] == 2, payload
    assert sorted(r["title"] for r in dbs.get()["articles"].rows) == sorted([headline,
                                                                             BRIDGE[0]])


def test_json_lines_past_the_batch_limit_are_refused_before_they_are_decoded(endpoint):
    """A batch of more lines than one request takes is refused at the first line over: before,
    every line was decoded first (a bad line 500 lines past the limit was what the caller was
    told about, and 10 MB of lines cost the server half a gigabyte)."""
    port, dbs = endpoint
    lines = ["{}"] * 1_500 + ["{not json"]
    status, payload, _ = post(port, ("\n".join(lines) + "\n").encode("utf-8"))
    assert status == 400 and "between 1 and 1000 articles" in payload["error"], payload
    assert dbs.get()["articles"].count == 0


def test_a_json_list_past_the_batch_limit_is_refused_before_it_is_decoded(endpoint):
    """A JSON list of more items than one request takes is refused at the first item over:
    before, the whole list was decoded first (a fault 500 items past the limit was what the
    caller was told about, and 10 MB of ``[{},{},…]`` cost the server 300 MB)."""
    port, dbs = endpoint
    status, payload, _ = post(port, ("[" + "{}," * 1_500 + "{not json]").encode("utf-8"))
    assert status == 400 and "between 1 and 1000 articles" in payload["error"], payload
    assert dbs.get()["articles"].count == 0


@pytest.mark.parametrize("body, said", [
    ('[{"text": "a"} {"text": "b"}]', "malformed JSON at line 1 column 16: Expecting ',' delimiter"),
    ('[{"text": "a"},\n {"text": ]', "malformed JSON at line 2 column 11: Expecting value"),
    ('[{"text": "a"}] {}', "malformed JSON at line 1 column 17: Extra data"),
    ("[" * 15_000, "JSON nested too deeply"),
], ids=["no-comma", "no-value", "extra-data", "nested"])
def test_a_broken_json_list_is_refused_whole_with_where_it_broke(endpoint, body, said):
    """A list is read item by item now: a fault after good items still refuses the batch, said
    as ``json.loads`` said it, and takes nothing."""
    port, dbs = endpoint
    status, payload, _ = post(port, body.encode("utf-8"))
    assert (status, payload["error"]) == (400, said), payload
    assert dbs.get()["articles"].count == 0 and not pending(dbs.get(), limit=1)


AN_HOUR_AGO = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


@pytest.mark.parametrize("published", [
    int(AN_HOUR_AGO.timestamp()), int(AN_HOUR_AGO.timestamp()) * 1000,
    str(int(AN_HOUR_AGO.timestamp())), AN_HOUR_AGO.timestamp() + 0.0,
], ids=["seconds", "milliseconds", "seconds-as-text", "seconds-as-float"])
def test_a_date_in_unix_time_is_read(endpoint, published):
    """A CMS exporting its dates as Unix time (JavaScript's Date.now() in milliseconds): the
    article keeps its date, for the story stage's windows and for what is too old to alert."""
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, published=published))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["published"] == AN_HOUR_AGO.isoformat()


@pytest.mark.parametrize("published", [-1764672000, 2026, 10 ** 20, True],
                         ids=["negative", "a-year", "beyond-2100", "true"])
def test_a_unix_time_no_clock_would_write_is_refused_saying_why(endpoint, published):
    port, dbs = endpoint
    status, payload, _ = post(port, article(FERRY, published=published))
    assert status == 400, payload
    assert "field 'published'" in payload["error"], payload
    assert dbs.get()["inbox"].count == 0


@pytest.mark.parametrize("published", ["-1", "2026", "12", "3.5"])
def test_a_string_only_of_a_short_number_is_refused_saying_why(endpoint, published):
    """"2026" or "-1" as the published string was read by dateutil as a day of this month
    (the 2nd or the 1st of it) and stored as the article's date."""
    port, dbs = endpoint
    status, payload, _ = post(port, article(FERRY, published=published))
    assert status == 400, payload
    assert f"field 'published' is '{published}', a number too short" in payload["error"], payload
    assert dbs.get()["inbox"].count == 0


def test_eight_digits_stay_a_compact_date(endpoint):
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, published="20261202"))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["published"] == "2026-12-02T00:00:00+00:00"


def post(port, body, *, token=TOKEN, path="/ingest", headers=None, method="POST"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S)
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request(method, path, body=data, headers=sent)
    response = conn.getresponse()
    payload = json.loads(response.read() or b"{}")
    conn.close()
    return response.status, payload, response.headers


def article(story, **extra):
    return {"title": story[0], "text": story[1], **extra}


def test_one_article_is_stored_and_answered(endpoint):
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, url="https://gazette.example/ferry",
                                         source="Harbour Gazette"))
    assert status == 200 and body["accepted"] == 1
    [result] = body["results"]
    assert result["status"] == "stored" and result["verdict"] == "new"
    stored = dbs.get()["articles"].get(result["article_id"])
    assert stored["url"] == "https://gazette.example/ferry" and stored["source"] == "Harbour Gazette"


def test_batch_gets_one_outcome_per_article(endpoint):
    port, dbs = endpoint
    batch = [article(BRIDGE), {"title": "no text here"}, article(ORCHARD), article(BRIDGE)]
    status, body, _ = post(port, batch)
    assert status == 200 and body["accepted"] == 3
    assert [r["status"] for r in body["results"]] == ["stored", "failed", "stored", "duplicate"]
    assert "no 'text'" in body["results"][1]["reason"]
    assert dbs.get()["articles"].count == 2


@pytest.mark.parametrize("token", [None, "wrong-token", TOKEN + "x"])
def test_requests_without_the_token_are_refused(endpoint, token, caplog):
    caplog.set_level(logging.DEBUG)
    port, dbs = endpoint
    status, body, headers = post(port, article(FERRY), token=token)
    assert status == 401 and body["error"] == "missing or wrong bearer token"
    assert headers["WWW-Authenticate"].startswith("Bearer")
    assert pending(dbs.get(), limit=5) == [] and dbs.get()["inbox"].count == 0
    assert TOKEN not in caplog.text and TOKEN not in json.dumps(body)


def test_body_over_the_cap_is_refused_with_413(endpoint):
    port, dbs = endpoint
    huge = [article(FERRY, url=f"https://x.example/{n}") for n in range(30)]
    status, body, _ = post(port, huge)
    assert status == 413 and "20000 byte limit" in body["error"]
    assert dbs.get()["inbox"].count == 0


def test_chunked_body_over_the_cap_is_refused_with_413(endpoint):
    port, dbs = endpoint
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S)
    chunks = (json.dumps(article(FERRY)).encode() for _ in range(40))
    conn.request("POST", "/ingest", body=chunks, encode_chunked=True,
                 headers={"Authorization": f"Bearer {TOKEN}", "Transfer-Encoding": "chunked"})
    response = conn.getresponse()
    assert response.status == 413, response.read()
    assert dbs.get()["inbox"].count == 0


@pytest.mark.parametrize("body, words", [
    (b'{"title": "cut', "malformed JSON at line 1"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b'"just a string"', "expected a JSON object"),
    (b"[]", "between 1 and 1000"),
    (b'{"title": "x", "text": ""}', "field 'text' is blank, not text"),
])
def test_bad_bodies_get_a_clear_json_error(endpoint, body, words):
    port, dbs = endpoint
    status, payload, _ = post(port, body)
    assert status == 400 and words in payload["error"]
    assert dbs.get()["inbox"].count == 0


def test_wrong_method_and_path(endpoint):
    port, _ = endpoint
    assert post(port, b"", method="GET")[0] == 405
    assert post(port, article(FERRY), path="/other")[0] == 404


def test_half_a_character_escaped_in_json_is_stored_not_retried_for_ever(endpoint):
    """JSON may escape half of a UTF-16 pair alone (a CMS cutting an emoji in two): SQLite
    refused the article's text, and the client was told 503 "try again", for ever, with a
    traceback each time. Each half alone reads as U+FFFD, as a browser shows it."""
    port, dbs = endpoint
    sent = article(FERRY, source="Harbour Gazette \udfff",
                   url="https://gazette.example/ferry-\ud83d")
    sent["title"] += " \ud83d"
    status, body, _ = post(port, json.dumps(sent).encode())
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["title"].endswith("\ufffd") and stored["source"] == "Harbour Gazette \ufffd"


@pytest.mark.parametrize("field", ["title", "source"])
def test_a_field_of_only_white_space_past_its_limit_is_stored_not_retried_for_ever(endpoint,
                                                                                   field):
    """A title (or outlet) of 600 spaces or line separators, past the 500 characters kept: the
    cut at a word found no word (IndexError), so `/ingest` answered 503 "try again" with a
    traceback, for ever, and nothing was stored."""
    port, dbs = endpoint
    sent = article(FERRY, **{field: " \u2028" * 300})
    status, body, _ = post(port, json.dumps(sent).encode())
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert stored["body"] and stored[field] != "…", "padding is no title: none, as empty"


def test_a_caller_waiting_for_its_outcome_is_answered_queued_once_the_worker_halts(
        db_path, settings, nlp):
    """A stop halts the worker before it stops the server: a caller waiting for an article's
    outcome (here as long as the test may take) is answered at once that it is queued, for the
    next start, instead of holding the stop's bound until its connection is cut."""
    dbs = ThreadLocalDb(db_path)
    worker = IngestWorker(dbs, settings, nlp=nlp)
    app = IngestApp(dbs, token=TOKEN, max_bytes=20_000, worker=worker, wait_seconds=LAST_RESORT_S)
    server = HttpServer(app, host="127.0.0.1", port=0)
    server.start()
    answers: list[tuple[int, dict]] = []
    caller = threading.Thread(target=lambda: answers.append(post(server.port, article(FERRY))[:2]))
    try:
        caller.start()
        wait_for(lambda: pending(dbs.get(), limit=5))
        worker.halt()
        joined(caller)
    finally:
        server.stop()
    [(status, body)] = answers
    assert status == 202 and body["results"][0]["status"] == "queued", body
    assert len(pending(dbs.get(), limit=5)) == 1, "left in the inbox for the next start"
