"""The quote and speaker packages built with mypyc (bot/nlp/compiled.py): the build runs only
while its stamp matches every source it read, never with WIREWATCH_COMPILED=0, and gives the
quotes the interpreted code gives; an article the quote stage fails on fails alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bot.nlp.quotes
from bench.ingest_throughput import _stage_costs
from bot.models import ErrorKind, RawArticle
from bot.nlp.compiled import (
    BUILD,
    SHARED,
    SUFFIX,
    Build,
    check,
    current,
    source_hash,
)
from bot.nlp.compiled_build import build, missing_tools, stamp_now
from bot.pipeline import Pipeline, Status
from tests.conftest import MODEL, ROOT
from tests.stopping import LAST_RESORT_S

WHICH = """
import json, sys
import bot.nlp.quotes.direct, bot.nlp.speakers.registry
from bot.nlp.compiled import current
print(json.dumps({"files": [bot.nlp.quotes.direct.__file__, bot.nlp.speakers.registry.__file__],
                  "compiled": current().compiled, "why": current().why,
                  "shared": "wirewatch_nlp__mypyc" in sys.modules}))
"""

QUOTES = """
import json, sys
from bot.nlp.compiled import current
from bot.nlp.load import load_pipeline
from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
given = json.load(sys.stdin)
nlp = load_pipeline(given["model"])
lines = [current().label]
for text, byline in given["articles"]:
    doc = nlp(text)
    found = quotes_in_doc(doc, text=text, byline=byline)
    lines += [repr(q) for q in found] + [repr(s) for s in statements(doc, found, text=text)]
print(json.dumps(lines))
"""

# Written for these tests: direct quotes before and after their verbs, pronouns and
# descriptions, reported speech, a question and answer, a document released and published,
# first names that give a gender, a writer's "I".
ARTICLES = [
    ("Harbour dredging to start in spring\n\nThe port authority will dredge the inner harbour "
     "from March, its director Mara Okonjo said on Monday. \"Larger ferries cannot turn in the "
     "basin as it is,\" Okonjo said. She added that the work would take about ten weeks.\n\n"
     "\"We were never asked,\" said Tobias Wren, who chairs the fishermen's association. He "
     "said boats would lose a month of landings.", None),
    ("A report drafted and published by the county audit office found that two of the five "
     "depots had no fire plan. According to the office, the council was told in 2023. The "
     "council's spokesman, Idris Penhale, said the plans were being written.\n\nQ: When will "
     "they be done?\nA: Before the summer, we expect.", None),
    ("Council leader Ruth Abara and her deputy, Colm Teague, said the budget was balanced. "
     "Teague warned that reserves were \"thin\" and said residents should expect higher fees. "
     "\"It is the last year we can do this,\" he said. Abara disagreed, saying the county had "
     "more room than he thought.", None),
    ("I spent a morning with the night crews of the rail depot. \"Nobody sees us,\" one "
     "cleaner told me, asking not to be named. The operator said staffing was adequate, but a "
     "union official, Pia Lund, said the crews were short by a third.", "Jonah Vale"),
]


def child(script: str, root: Path, *, compiled: str | None = None, given: object = None) -> str:
    """What ``script`` prints, run in a child Python with ``root``'s ``bot`` package."""
    done = subprocess.run([sys.executable, "-c", script], cwd=root, env=env_for(root, compiled),
                          text=True, input=json.dumps(given), capture_output=True,
                          timeout=LAST_RESORT_S)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def env_for(root: Path, compiled: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_COMPILED"}
    env["PYTHONPATH"] = str(root)
    if compiled is not None:
        env["WIREWATCH_COMPILED"] = compiled
    return env


def checked(root: Path, *, compiled: str | None = None) -> tuple[int, str]:
    """`python -m bot.nlp.compiled_build --check` (what docker/Dockerfile's stages run) on
    ``root``'s ``bot``: its exit status and what it printed."""
    done = subprocess.run([sys.executable, "-m", "bot.nlp.compiled_build", "--check"], cwd=root,
                          env=env_for(root, compiled), text=True, capture_output=True,
                          timeout=LAST_RESORT_S)
    return done.returncode, done.stdout + done.stderr[-3000:]


def which(root: Path, *, compiled: str | None = None) -> dict:
    return json.loads(child(WHICH, root, compiled=compiled))


def needs_the_build() -> None:
    """Skipped only where no build can be made; a build that is missing or stale fails."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"mypyc cannot build here ({missing}): the interpreted code is all there is")
    build = check(BUILD, "")
    assert build.compiled, f"{build.why}; `make test` builds it before the tests"


def fake_build(folder: Path) -> Path:
    """A build's files (empty extensions) and a stamp of the sources as they are."""
    stamp = stamp_now()
    for name in [m.removesuffix(".py") + SUFFIX for m in stamp["modules"]] + [SHARED + SUFFIX]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).touch()
    for name in stamp["data"]:
        (folder / name).write_text("data\n", encoding="utf-8")
    (folder / "stamp.json").write_text(json.dumps(stamp), encoding="utf-8")
    return folder


def restamp(folder: Path, change) -> None:
    stamp = json.loads((folder / "stamp.json").read_text(encoding="utf-8"))
    change(stamp)
    (folder / "stamp.json").write_text(json.dumps(stamp), encoding="utf-8")


def test_a_build_is_chosen_only_while_its_stamp_matches_every_source(tmp_path):
    build = fake_build(tmp_path / "build")
    assert check(build, "").compiled
    assert check(build, "0") == Build(False, "WIREWATCH_COMPILED=0")
    read = sorted(json.loads((build / "stamp.json").read_text())["sources"])
    assert "bot/models/quotes.py" in read and "bot/nlp/speakers/first_names.txt" in read

    restamp(build, lambda s: s["sources"].update({"bot/models/quotes.py": "0" * 64}))
    assert check(build, "") == Build(
        False, "bot/models/quotes.py changed since the build (make rebuilds it)")
    restamp(build, lambda s: s["sources"].update(
        {"bot/models/quotes.py": source_hash(ROOT / "bot/models/quotes.py")}))
    assert check(build, "").compiled

    restamp(build, lambda s: s["modules"].pop())
    assert "gained or lost a file" in check(build, "").why
    build = fake_build(tmp_path / "again")
    restamp(build, lambda s: s.update(python="cpython-310 .cpython-310-x86_64-linux-gnu.so"))
    assert "the build is for cpython-310" in check(build, "").why
    build = fake_build(tmp_path / "third")
    (build / "bot/nlp/speakers/first_names.txt").unlink()
    assert not check(build, "").compiled and "incomplete" in check(build, "").why
    assert not check(tmp_path / "none", "").compiled
    build = fake_build(tmp_path / "fourth")
    restamp(build, lambda s: s.update(sources=["bot/models/quotes.py"]))
    assert "is not one the build writes" in check(build, "").why


def test_without_a_c_compiler_the_build_says_so_in_one_line_and_set_up_goes_on(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CC", str(tmp_path / "no-such-cc"))
    monkeypatch.delenv("WIREWATCH_COMPILED", raising=False)  # set, the build says that instead
    assert build(tmp_path / "build") == 0
    assert capsys.readouterr().out == (
        f"not compiling the quote and speaker code (no C compiler: {tmp_path / 'no-such-cc'} "
        "is not installed): the interpreted code runs\n")
    assert check(tmp_path / "build", "") == Build(  # before: "(make builds it)", and no why
        False, f"no compiled build in {tmp_path / 'build'}: set-up could not make it "
               f"(no C compiler: {tmp_path / 'no-such-cc'} is not installed)")


def test_wirewatch_compiled_0_runs_the_interpreted_sources():
    ran = which(ROOT, compiled="0")
    assert ran["files"] == [str(ROOT / "bot/nlp/quotes/direct.py"),
                            str(ROOT / "bot/nlp/speakers/registry.py")]
    assert ran["why"] == "WIREWATCH_COMPILED=0" and not ran["compiled"] and not ran["shared"]


def test_check_says_which_code_runs_and_fails_unless_it_is_the_build(tmp_path):
    """What the image's stages run. Before: no such option; the builder stage tested that a
    stamp was there, which a stale build's is."""
    assert checked(ROOT, compiled="0") == (
        1, "quote and speaker code runs interpreted: WIREWATCH_COMPILED=0\n")
    shutil.copytree(ROOT / "bot", tmp_path / "bot",
                    ignore=shutil.ignore_patterns("__pycache__", "_compiled*"))
    fake_build(tmp_path / "bot" / "_compiled")
    models = tmp_path / "bot/models/__init__.py"
    models.write_text(models.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    assert checked(tmp_path) == (1, "quote and speaker code runs interpreted: "
                                    "bot/models/__init__.py changed since the build (make "
                                    "rebuilds it)\n")


def test_a_stale_build_is_never_imported(tmp_path):
    needs_the_build()
    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    ran = which(tmp_path)
    assert ran["compiled"] and ran["shared"]
    assert checked(tmp_path) == (0, f"quote and speaker code runs compiled (mypyc): {ran['why']}\n")
    assert all(f.startswith(str(tmp_path / "bot/_compiled/")) for f in ran["files"])

    words = tmp_path / "bot/nlp/speakers/words.py"
    kept = words.read_text(encoding="utf-8")
    words.write_text(kept + "\nEDITED = True\n", encoding="utf-8")
    ran = which(tmp_path)
    assert ran["files"] == [str(tmp_path / "bot/nlp/quotes/direct.py"),
                            str(tmp_path / "bot/nlp/speakers/registry.py")]
    assert ran["why"] == "bot/nlp/speakers/words.py changed since the build (make rebuilds it)"
    assert not ran["compiled"] and not ran["shared"]
    words.write_text(kept, encoding="utf-8")

    (tmp_path / "bot/nlp/quotes/novel.py").write_text("NEW = 1\n", encoding="utf-8")
    assert "gained or lost a file" in which(tmp_path)["why"]
    (tmp_path / "bot/nlp/quotes/novel.py").unlink()
    next((tmp_path / "bot/_compiled/bot/nlp/quotes").glob("marks.*")).unlink()
    ran = which(tmp_path)
    assert not ran["compiled"] and "incomplete (bot/nlp/quotes/marks.py)" in ran["why"]


def test_the_build_and_the_interpreted_code_give_the_same_quotes():
    needs_the_build()
    given = {"model": MODEL, "articles": ARTICLES}
    compiled = json.loads(child(QUOTES, ROOT, given=given))
    interpreted = json.loads(child(QUOTES, ROOT, compiled="0", given=given))
    assert compiled[0] == "compiled (mypyc)" and interpreted[0] == "interpreted"
    assert compiled[1:] == interpreted[1:]
    assert sum("Quote(" in line for line in compiled) >= 8


STORIES = [
    ("Pier repairs begin", "Work on the north pier began on Monday, the harbour office said. "
     "\"It will be shut until May,\" said engineer Lotte Brand."),
    ("Tram fares to rise", "Tram fares will rise by ten cents in June, the transit board said. "
     "\"Costs went up and we held fares for two years,\" board chair Amos Kell said."),
    ("Market hall reopens", "The covered market reopened on Saturday after a new roof, the "
     "town said. \"Traders are glad to be back,\" said market manager Rhea Quist."),
]


def test_an_article_the_quote_stage_fails_on_fails_alone(fresh_db, settings, nlp, monkeypatch):
    """A wrong annotation the build checks at run time is a TypeError on some article."""
    extract = bot.nlp.quotes.extract_quotes

    def failing_on_trams(parsed):
        if parsed.article.title == "Tram fares to rise":
            raise TypeError("str object expected; got None")
        return extract(parsed)

    monkeypatch.setattr(bot.nlp.quotes, "extract_quotes", failing_on_trams)
    raws = [RawArticle(text=f"{title}\n\n{body}", origin=f"s{i}", published=f"2026-04-0{i + 1}")
            for i, (title, body) in enumerate(STORIES)]
    outcomes = list(Pipeline(fresh_db, settings, nlp=nlp).ingest(raws))
    assert [o.status for o in outcomes] == [Status.STORED, Status.FAILED, Status.STORED]
    assert outcomes[1].failure is ErrorKind.INTERNAL
    assert outcomes[1].reason == "internal error: str object expected; got None"
    assert fresh_db["articles"].count == 2
    speakers = {row["speaker"] for row in fresh_db["quotes"].rows}
    assert {"Lotte Brand", "Rhea Quist"} <= speakers


def test_the_bench_stage_row_of_quotes_names_the_code_that_ran(fresh_db, settings, nlp):
    raws = [RawArticle(text=f"{STORIES[0][0]}\n\n{STORIES[0][1]}", origin="s0")]
    costs = _stage_costs(Pipeline(fresh_db, settings, nlp=nlp), raws)[0]
    assert f"bot.nlp.quotes.extract_quotes, {current().label}" in costs
