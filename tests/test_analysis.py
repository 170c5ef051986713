"""Parse, quotes and story features (bot/analysis.py): one or two worker processes give exactly the
output of the analysis thread, and an article spaCy or the features fail on fails alone."""

import json
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import psutil
import pytest

from bot.analysis import Analysed, Failed, Read, Shape, analyse, complete, pieces, read
from bot.config import ConfigError, load_settings
from bot.ingest.clean import clean_article
from bot.models import ErrorKind, IngestFailure, RawArticle
from bot.nlp.parse import parse_articles
from bot.pipeline import Pipeline, Status
from bot.replay import records, replay, result_line
from bot.stories.reading import extract
from bot.stories.stage import StoryStage
from storage.db import open_db
from tests.stopping import LAST_RESORT_S, wait_for

STORIES = [
    ("Ferry service resumes after storm", "The island ferry sailed again on Tuesday after three "
     "days in port, the operator said. \"We are back on the normal timetable,\" said harbour "
     "master Ines Varga."),
    ("Ferry operator adds freight crossings", "The island ferry operator added two freight "
     "crossings on Wednesday after the storm, harbour master Ines Varga said. \"Shops on the "
     "island need supplies,\" she said."),
    ("Library reopens after flood repairs", "The central library in Marrowfield reopened on "
     "Monday after six months of repairs to its flooded basement, the council said."),
    ("Bridge closed for inspection", "The old rail bridge at Carrow will close for two weeks "
     "from Friday for an inspection of its steel girders, the rail operator said."),
    ("Library extends opening hours", "Marrowfield's central library will open until nine on "
     "weekdays from next month, the council said on Thursday. \"People asked for evenings,\" "
     "librarian Tomas Rook said."),
    ("Ferry service resumes after storm", "The island ferry sailed again on Tuesday after three "
     "days in port, the operator said. \"We are back on the normal timetable,\" said harbour "
     "master Ines Varga."),
    ("Carrow bridge inspection finds corrosion", "Inspectors found corrosion on four steel "
     "girders of the old rail bridge at Carrow, which will stay closed for a month instead of "
     "two weeks, the rail operator said on Monday."),
    ("Council approves library budget", "Marrowfield council approved 1.2 million for the "
     "central library next year, up from 0.9 million, after the flood repairs."),
]


def stream() -> list[str]:
    """Dated records, and one without a time (the story stage's settings decide its time)."""
    records = [{"id": f"s{i}", "time": f"2026-03-0{1 + i // 3}T{8 + i}:00:00+00:00",
                "title": title, "text": body} for i, (title, body) in enumerate(STORIES)]
    del records[4]["time"]
    return [json.dumps(record) for record in records]


def test_worker_processes_replay_exactly_as_the_analysis_thread(tmp_path, settings, nlp):
    """0: the analysis thread; 1: the default, one worker process; 2: two of them."""
    lines = {}
    for processes in (0, 1, 2):
        run = settings.with_overrides(nlp_processes=processes, nlp_batch_size=2)
        lines[processes] = list(replay(stream(), db_path=tmp_path / f"p{processes}.db",
                                       settings=run, nlp=nlp))
    assert lines[2] == lines[1] == lines[0]
    verdicts = [line["verdict"] for line in lines[0]]
    assert verdicts.count("new") >= 3 and "duplicate" in verdicts and "failed" not in verdicts


def test_worker_processes_share_a_batch_in_the_pieces_nlp_pipe_parses(tmp_path, settings, nlp):
    """A batch of eight whose longest article allows two per nlp.pipe batch goes out as four
    pieces, two per piece, each parsed as one nlp.pipe batch; the output is one process's."""
    articles = [clean_article(RawArticle(text=f"{t}\n\n{b}", origin=str(i)))
                for i, (t, b) in enumerate(STORIES)]
    longest = max(len(a.body) for a in articles)
    cut = pieces(articles, Shape(8, 2 * longest + 1))
    assert [len(part) for part, _ in cut] == [2, 2, 2, 2]
    assert [a for part, _ in cut for a in part] == articles
    assert {shape for _, shape in cut} == {Shape(2, 2 * longest + 1)}
    lines = {}
    for processes in (0, 2):
        run = settings.with_overrides(nlp_processes=processes, nlp_batch_size=8,
                                      nlp_batch_chars=2 * longest + 1)
        lines[processes] = list(replay(stream(), db_path=tmp_path / f"q{processes}.db",
                                       settings=run, nlp=nlp))
    assert lines[2] == lines[0]
    assert [line["verdict"] for line in lines[0]].count("new") >= 3


def test_what_a_worker_process_sends_back_pickles_without_the_doc(settings, nlp):
    """A worker sends the parse, the quotes and the Doc's view; the story features made from the
    view once it has crossed (pickled) are those read off the Doc here."""
    articles = [clean_article(RawArticle(text=f"{t}\n\n{b}", origin=t)) for t, b in STORIES[:2]]
    sent = [r for r in read(nlp, articles, shape=Shape(settings.nlp_batch_size,
                                                       settings.nlp_batch_chars))
            if isinstance(r, Read)]
    assert len(sent) == 2 and all(r.parsed.doc is None and r.view for r in sent)
    back: list[Read] = pickle.loads(pickle.dumps(sent))
    made = [complete(r, StoryStage(stream_clock=True)) for r in back]  # undated: no arrival day
    here = [extract(parsed) for parsed in parse_articles(nlp, articles)]
    assert [m.prepared.features for m in made if isinstance(m, Analysed)] == here
    assert back[0].parsed.quotes == sent[0].parsed.quotes
    assert "Ines Varga" in [q.speaker.name for q in back[0].parsed.quotes]


def raws() -> list[RawArticle]:
    return [RawArticle(text=f"{title}\n\n{body}", origin=f"a{i}", published=f"2026-03-0{i + 1}")
            for i, (title, body) in enumerate(STORIES[:5])]


def test_an_article_spacy_fails_on_fails_alone_and_the_batch_goes_on(fresh_db, settings, nlp):
    """spaCy refuses a text longer than ``max_length``: the batch is parsed one by one."""
    pipeline = Pipeline(fresh_db, settings.with_overrides(nlp_batch_size=5), nlp=nlp)
    longest = max(len(body) for _, body in STORIES[:5])
    items = raws()
    items[3] = RawArticle(text="Bridge closed\n\n" + "The bridge stays shut. " * 40, origin="a3")
    saved = nlp.max_length
    nlp.max_length = longest + 50
    try:
        outcomes = list(pipeline.ingest(items))
    finally:
        nlp.max_length = saved
    assert [o.status for o in outcomes] == [Status.STORED] * 3 + [Status.FAILED, Status.STORED]
    assert outcomes[3].failure is ErrorKind.BAD_INPUT
    assert outcomes[3].reason is not None and "language analysis failed" in outcomes[3].reason
    assert fresh_db["articles"].count == 4


class BrokenFeatures(StoryStage):
    """A story stage whose feature step fails on one headline."""

    def prepare(self, parsed, view=None):
        if parsed.article.title and parsed.article.title.startswith("Bridge"):
            raise RuntimeError("features failed")
        return super().prepare(parsed, view)


def test_an_article_the_features_fail_on_fails_alone(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp, stories=BrokenFeatures())
    outcomes = list(pipeline.ingest(raws()))
    assert [o.status for o in outcomes] == [Status.STORED] * 3 + [Status.FAILED, Status.STORED]
    assert outcomes[3].failure is ErrorKind.INTERNAL
    assert outcomes[3].reason is not None and "features failed" in outcomes[3].reason
    assert fresh_db["articles"].count == 4


def test_failed_keeps_the_article_and_its_kind(settings, nlp):
    article = clean_article(raws()[0])
    nlp_saved = nlp.max_length
    nlp.max_length = 10
    try:
        [out] = analyse(nlp, [article], stories=StoryStage(),
                        shape=Shape(settings.nlp_batch_size, settings.nlp_batch_chars))
    finally:
        nlp.max_length = nlp_saved
    assert isinstance(out, Failed) and out.article == article
    assert out.kind is ErrorKind.BAD_INPUT


def kill_a_worker(pipeline: Pipeline, *, late: bool = False) -> int:
    """SIGKILL one analysis worker process and wait until it has died; returns its pid. Never
    reaped here (``psutil.Process.wait`` would reap a child, and the pool, which reaps it itself,
    would then wait for it for ever). ``late``: the pool sees the death a second later."""
    pid = pipeline.analyser.worker_pids()[0]
    victim = psutil.Process(pid)
    if late:
        hold_back(victim.ppid())
    victim.kill()
    wait_for(lambda: dead(victim), what=f"worker {pid} to die")
    return pid


def hold_back(forkserver: int) -> None:
    """Stop the forkserver for a second: it reaps the workers it forked and tells their pool
    when one dies, so the pool sees a death a second late, as on a loaded machine."""
    assert forkserver != os.getpid(), "workers forked from the forkserver only"
    os.kill(forkserver, signal.SIGSTOP)
    threading.Timer(1.0, os.kill, (forkserver, signal.SIGCONT)).start()


def dead(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def noticed(pipeline: Pipeline, killed: int) -> None:
    """Wait until the pool the killed worker was in has seen it die: the forkserver reaps it and
    writes its exit status, then the pool's manager thread marks the pool broken (the next batch
    handed out starts new worker processes), unless a batch has already found it broken and
    replaced it. Both need a turn on a core, which a loaded machine can hold back for longer than
    a fixed sleep; until then batches are still handed to the broken pool, where they fail and
    are analysed in this process, and the pool keeps its dead workers' pids."""
    def seen() -> bool:
        broken = getattr(pipeline.analyser._pool, "_broken", False)
        return bool(broken) or killed not in pipeline.analyser.worker_pids()

    wait_for(seen, what=f"the pool to see worker {killed} die")


def killing(items: Iterable[RawArticle | IngestFailure], pipeline: Pipeline, at: int,
            killed: list[int], *, late: bool) -> Iterator[RawArticle | IngestFailure]:
    """The items, with a worker process killed just before item ``at`` is read (earlier
    batches are then in flight; the next may be handed to the pool before it has seen the
    death, or find it broken and replace it)."""
    for number, item in enumerate(items):
        if number == at:
            killed.append(kill_a_worker(pipeline, late=late))
        yield item


@pytest.mark.parametrize(("processes", "late"), [
    pytest.param(1, False, id="1"), pytest.param(2, False, id="2"),
    pytest.param(2, True, id="2-seen-late")])
def test_a_killed_worker_process_loses_nothing_and_is_replaced(tmp_path, settings, nlp,
                                                               processes, late):
    """Killed while batches are in flight, and killed while idle (the pool has seen the death
    before the next batch is handed out): every article is analysed once, as on the analysis
    thread, and the first batch after the pool has seen a death starts new worker processes.
    How soon the pool sees a death depends on the load, so the test waits for it (``noticed``)
    after each kill, and a batch between the two kills replaces a pool still broken by the
    first (the second kill needs a live worker). Seen late: the pool sees each death a second
    after the kill, as on a loaded machine, where a fixed sleep was not enough."""
    expected = list(replay(stream(), db_path=tmp_path / "thread.db", nlp=nlp,
                           settings=settings.with_overrides(nlp_processes=0, nlp_batch_size=1)))
    run = settings.with_overrides(db_path=tmp_path / "workers.db", nlp_processes=processes,
                                  nlp_batch_size=1, story_stream_clock=True)
    db = open_db(run.db_path)
    pipeline = Pipeline(db, run)
    items = list(records(stream()))
    killed: list[int] = []
    try:
        lines = [result_line(db, o) for o in pipeline.ingest(killing(items[:4], pipeline, 3,
                                                                      killed, late=late))]
        noticed(pipeline, killed[0])
        lines += [result_line(db, o) for o in pipeline.ingest(items[4:5])]
        killed.append(kill_a_worker(pipeline, late=late))
        noticed(pipeline, killed[1])
        lines += [result_line(db, o) for o in pipeline.ingest(items[5:])]
        workers = pipeline.analyser.worker_pids()
    finally:
        pipeline.close()
        db.close()
    assert lines == expected
    assert not set(killed) & set(workers) and len(workers) == processes


def shared_dirty_mb(pid: int) -> float:
    """Pages of the process that it wrote (or a process it was forked from wrote) and that
    another process maps too: memory shared copy-on-write."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Shared_Dirty:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux /proc only")
def test_worker_processes_share_the_preloaded_model_copy_on_write(tmp_path, settings):
    """The workers are forked from a forkserver that loaded spaCy, not from this process and not
    spawned with a model each: the model's memory is one copy shared between them."""
    run = settings.with_overrides(db_path=tmp_path / "w.db", nlp_processes=2, nlp_batch_size=1)
    db = open_db(run.db_path)
    pipeline = Pipeline(db, run)
    try:
        outcomes = list(pipeline.ingest(raws()[:2]))
        workers = pipeline.analyser.worker_pids()
        shared = [shared_dirty_mb(pid) for pid in workers]
        parents = {psutil.Process(pid).ppid() for pid in workers}
    finally:
        pipeline.close()
        db.close()
    assert [o.status for o in outcomes] == [Status.STORED] * 2
    assert not pipeline.analyser.loaded and len(workers) == 2
    assert os.getpid() not in parents
    assert min(shared) > 40, f"MB shared copy-on-write by each worker: {shared}"


STORING_PROCESS = """
import json, sys
import bot.cli, bot.runner
from bot.config import load_settings
from bot.pipeline import Pipeline
from bot.replay import records
from storage.db import open_db

settings = load_settings().with_overrides(nlp_batch_size=2)
db = open_db(settings.db_path)
pipeline = Pipeline(db, settings)
try:
    outcomes = list(pipeline.ingest(records(sys.stdin.read().splitlines())))
finally:
    pipeline.close()
print(json.dumps({"stored": sum(o.status == "stored" for o in outcomes),
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))}))
"""


def test_with_worker_processes_the_storing_process_never_imports_spacy(tmp_path):
    """Only the workers need spaCy (importing it alone costs a process about 80 MB): with the
    default, one worker process, the process that stores what it sends back, with everything the
    command line imports, never loads it."""
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_NLP_PROCESSES"}
    env["WIREWATCH_DB"] = str(tmp_path / "s.db")
    done = subprocess.run([sys.executable, "-c", STORING_PROCESS], input="\n".join(stream()),
                          capture_output=True, text=True, env=env, timeout=LAST_RESORT_S,
                          check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert found == {"stored": 7, "loaded": []}, done.stderr


def test_analysis_processes_setting_defaults_to_one_worker_and_takes_zero():
    assert load_settings({}).nlp_processes == 1
    assert load_settings({"WIREWATCH_NLP_PROCESSES": "0"}).nlp_processes == 0
    with pytest.raises(ConfigError, match="WIREWATCH_NLP_PROCESSES must be 0 or more"):
        load_settings({"WIREWATCH_NLP_PROCESSES": "-1"})


OWNER_PROCESS = """
import sys, time
from bot.config import load_settings
from bot.pipeline import Pipeline
from storage.db import open_db

settings = load_settings()
pipeline = Pipeline(open_db(settings.db_path), settings)
pipeline.analyser.start()
print(*pipeline.analyser.worker_pids(), flush=True)
time.sleep(300)
"""


def test_a_killed_storing_process_leaves_no_worker_or_forkserver_behind(tmp_path):
    """Killed without stopping its pool (SIGKILL), the process that started the analysis
    worker takes it with it, and the forkserver then stops too."""
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_NLP_PROCESSES"}
    env["WIREWATCH_DB"] = str(tmp_path / "k.db")
    owner = subprocess.Popen([sys.executable, "-c", OWNER_PROCESS], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert owner.stdout is not None
    workers = [psutil.Process(int(pid)) for pid in owner.stdout.readline().split()]
    family = workers + [psutil.Process(w.ppid()) for w in workers]
    assert len(workers) == 1
    owner.kill()
    owner.wait()
    wait_for(lambda: all(map(dead, family)), what=f"pids {[p.pid for p in family]} to end")
