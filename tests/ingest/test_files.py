import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.ingest.clean import clean_article
from bot.ingest.files import iter_paths, read_path
from bot.models import IngestFailure, RawArticle
from tests.conftest import write

MB = 1024 * 1024


def read_all(path, max_bytes=10 * MB):
    return list(read_path(path, max_bytes=max_bytes))


def test_txt_json_list_and_jsonl(tmp_path):
    txt = write(tmp_path / "a.txt", "Headline\n\nBody text here.")
    js = write(tmp_path / "b.json", json.dumps([{"title": "T1", "text": "One."},
                                                {"title": "T2", "text": "Two.", "url": "u"}]))
    jl = write(tmp_path / "c.jsonl", '{"text": "Three."}\n\n{"text": "Four.", "source": "S"}\n')
    assert read_all(txt) == [RawArticle(text="Headline\n\nBody text here.", origin=str(txt))]
    assert [a.title for a in read_all(js)] == ["T1", "T2"]
    assert [(a.text, a.source) for a in read_all(jl)] == [("Three.", None), ("Four.", "S")]


def test_html_main_text_is_extracted(tmp_path):
    page = write(tmp_path / "p.html", (
        "<html><head><title>Bridge reopens</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Bridge reopens</h1><p>The Vasco da Gama bridge reopened on Sunday after "
        "repairs that took three weeks, the operator said in a statement.</p><p>Traffic was "
        "expected to return to normal levels by Monday morning, officials told reporters.</p>"
        "</article><footer>Copyright 2025</footer></body></html>"))
    [article] = read_all(page)
    assert article.title == "Bridge reopens"
    assert "reopened on Sunday" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text


SHORT_PARAGRAPHS = [
    "Tug crews at Northhaven stayed ashore on Tuesday as the strike entered its third day.",
    "The port said four ships were waiting outside the harbour.",
    '"We are ready to talk," said Mira Holt, the union organiser.',
]


def test_a_short_saved_page_keeps_each_paragraph_and_no_furniture(tmp_path):
    """Under 250 characters trafilatura's baseline gave one block: byline, lead and the rest."""
    nav = "<ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul>"
    paragraphs = "".join(f"<p>{text}</p>" for text in SHORT_PARAGRAPHS)
    shapes = {
        "article": f"<nav>{nav}</nav><article><h1>Tugs idle at Northhaven</h1><p class='byline'>"
                   f"By Ana Ruiz</p>{paragraphs}</article>",
        "divs": nav + "<div class='story'>" + "".join(f"<div>{text}</div>"
                                                     for text in SHORT_PARAGRAPHS) + "</div>",
    }
    for name, body in shapes.items():
        page = write(tmp_path / f"{name}.html", (
            f"<html><head><title>Tugs idle at Northhaven</title></head><body>{body}<footer><p>"
            "Harbour Wire. All rights reserved.</p></footer></body></html>"))
        [article] = read_all(page)
        assert isinstance(article, RawArticle), name
        assert clean_article(article).body.split("\n\n") == SHORT_PARAGRAPHS, name


def test_a_saved_page_keeps_the_time_it_was_published(tmp_path):
    """htmldate gave the day alone, and dropped a time of today as after its latest date."""
    earlier = (datetime.now(UTC) - timedelta(minutes=5)).replace(microsecond=0)
    for stamp, when in (("2026-11-30T23:30:00+01:00", datetime(2026, 11, 30, 22, 30, tzinfo=UTC)),
                        (earlier.isoformat(), earlier)):
        page = write(tmp_path / "p.html", (
            "<html><head><title>Tug crews walk out</title><meta property="
            f"'article:published_time' content='{stamp}'></head><body><article><h1>Tug crews "
            "walk out</h1><p>Tug crews at the port of Lodmark walked out on Wednesday "
            "morning, leaving four ships unable to berth.</p></article></body></html>"))
        [article] = read_all(page)
        assert isinstance(article, RawArticle) and article.published
        assert datetime.fromisoformat(article.published) == when  # was that day's midnight


def test_a_saved_page_dated_only_by_its_copyright_year_is_undated(tmp_path):
    """'© 2026 Harbour Wire' in the footer was read as 1 January 2026: too old to alert."""
    body = ("<article><h1>Tug crews walk out</h1><p>Tug crews at the port of Lodmark walked out "
            "on Wednesday morning, leaving four ships unable to berth.</p></article>")
    for head, year_only, published in (
            ("", "&copy; 2026 Harbour Wire", None), ("", "Archive: 2025", None),
            ("<meta property='article:published_time' content='2026-12-01'>",
             "&copy; 2026 Harbour Wire", "2026-12-01T00:00:00")):
        page = write(tmp_path / "p.html", (
            f"<html><head><title>Tug crews walk out</title>{head}</head><body>{body}<footer><p>"
            f"{year_only}</p></footer></body></html>"))
        [article] = read_all(page)
        assert isinstance(article, RawArticle)
        assert article.published == published, year_only  # was 2026-01-01, 2025-01-01


def test_each_bad_file_fails_alone_with_its_reason(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "latin1.txt").write_bytes("Новости дня".encode("cp1251"))
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50 * MB)
    write(tmp_path / "broken.json", '{"title": "x", "text": ')
    write(tmp_path / "notext.json", '{"title": "x"}')
    write(tmp_path / "photo.pdf", "%PDF-1.4")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    reasons = {}
    for path in iter_paths([tmp_path]):
        assert isinstance(path, Path)
        for result in read_all(path):
            assert isinstance(result, IngestFailure)
            reasons[path.name] = result.reason
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["latin1.txt"].startswith("not UTF-8 text")
    assert "over the 10 MB limit" in reasons["huge.txt"]
    assert reasons["broken.json"].startswith("malformed JSON at line 1")
    assert "no 'text'" in reasons["notext.json"]
    assert "unsupported file type '.pdf'" in reasons["photo.pdf"]
    assert reasons["dangling.txt"].startswith("cannot read")


def test_bad_jsonl_line_fails_alone(tmp_path):
    jl = tmp_path / "mixed.jsonl"
    jl.write_bytes(b'{"text": "Good one."}\n{oops\n\xff\xfe\n[1]\n{"text": "Good two."}\n')
    results = read_all(jl)
    assert [r.text for r in results if isinstance(r, RawArticle)] == ["Good one.", "Good two."]
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert [f.origin.rsplit(":", 1)[1] for f in failures] == ["2", "3", "4"]


def test_missing_path_and_hidden_files(tmp_path):
    write(tmp_path / ".hidden.txt", "x")
    write(tmp_path / "sub" / "ok.txt", "Body.")
    found = list(iter_paths([tmp_path, tmp_path / "nope.txt"]))
    assert found[0] == tmp_path / "sub" / "ok.txt"
    assert found[1] == IngestFailure(str(tmp_path / "nope.txt"), "no such file or folder")


def test_a_saved_pages_byline_is_kept_as_the_articles_byline(tmp_path):
    """trafilatura takes the byline out of a page's text as its author: short page or long,
    the article had no byline, though its copy named one."""
    paragraphs = "".join(f"<p>{text}</p>" for text in SHORT_PARAGRAPHS)
    for name, body in {"short": paragraphs, "long": paragraphs * 4}.items():
        page = write(tmp_path / f"{name}.html", (
            "<html><head><title>Tugs idle at Northhaven</title></head><body><nav><a href='/'>"
            "Home</a></nav><article><h1>Tugs idle at Northhaven</h1><p class='byline'>By Ana "
            f"Ruiz</p>{body}</article><footer><p>Harbour Wire.</p></footer></body></html>"))
        [raw] = read_all(page)
        assert isinstance(raw, RawArticle), name
        article = clean_article(raw)
        assert (article.byline, "Ana Ruiz" in article.body) == ("Ana Ruiz", False), name
        assert article.body.startswith(SHORT_PARAGRAPHS[0]), name


def test_a_folders_articles_keep_the_offset_their_times_were_written_in(tmp_path, pipeline,
                                                                        fresh_db):
    """A record's date, a saved page's and a date line of a text file, each written in New
    York's evening: stored in UTC (the next day) with the offset they were written in."""
    body = ("Tug crews at the port of Lodmark walked out on Tuesday evening, leaving four ships "
            "unable to berth.")
    write(tmp_path / "in" / "a.json", json.dumps(
        {"title": "Tugs out", "text": body, "published": "Tue, 02 Dec 2025 20:00:00 -0500"}))
    write(tmp_path / "in" / "b.html", (
        "<html><head><title>Tug crews walk out</title><meta property='article:published_time' "
        "content='2025-12-02T20:00:00-05:00'></head><body><article><h1>Tug crews walk out</h1>"
        f"<p>{body.replace('Tug', 'Lodmark tug')}</p></article></body></html>"))
    write(tmp_path / "in" / "c.txt", f"Tug crews strike\n\nPublished Dec. 2, 2025 8 p.m. EST\n\n"
          f"{body.replace('four', 'five')}")
    outcomes = list(pipeline.ingest_paths([str(tmp_path / "in")]))
    assert len(outcomes) == 3 and all(o.article_id for o in outcomes), outcomes
    assert fresh_db.execute("SELECT published, published_offset FROM articles").fetchall() == \
        [("2025-12-03T01:00:00+00:00", -300)] * 3
