"""bench.ingest_throughput's --one-worker arm: the one-process pipeline with its analysis in a
worker process stores exactly what it stores with the analysis thread."""

from __future__ import annotations

import os

import psutil

from bench.corpus import generate
from bench.ingest_throughput import OneWorker, _essence, _timed_arrivals
from bot.pipeline import Pipeline, Status
from storage.db import open_db


def test_one_worker_stores_what_the_analysis_thread_stores(tmp_path, settings, nlp):
    raws = _timed_arrivals(list(generate(6, seed=3)))
    outcomes = {}
    for arm in ("thread", "worker"):
        run = settings.with_overrides(db_path=tmp_path / f"{arm}.db", nlp_processes=1,
                                      nlp_batch_size=2)
        pipeline = Pipeline(open_db(run.db_path), run, nlp=nlp)
        if arm == "worker":
            pipeline.analyser = OneWorker(None, stories=pipeline.stories, settings=run)
        try:
            outcomes[arm] = [_essence(o) for o in pipeline.ingest(raws)]
            parents = [psutil.Process(pid).ppid() for pid in pipeline.analyser.worker_pids()]
        finally:
            pipeline.close()
            pipeline.db.close()
        if arm == "worker":  # one process, forked by the forkserver, and no model loaded here
            assert len(parents) == 1 and parents[0] != os.getpid()
            assert not pipeline.analyser.loaded
    assert outcomes["worker"] == outcomes["thread"]
    assert all(essence[1] == Status.STORED for essence in outcomes["thread"])
