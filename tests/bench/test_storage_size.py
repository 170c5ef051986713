"""bench.storage_size replays a stream with and without compaction into files it measures."""

from __future__ import annotations

import json
from pathlib import Path

from bench.storage_size import replay_into
from bench.stories_eval import GOLD_FIELDS, OWN_STREAM


def test_compaction_shrinks_the_matching_tables_and_keeps_the_verdicts(tmp_path, settings, nlp):
    rows = [json.loads(line) for line in OWN_STREAM.open(encoding="utf-8") if line.strip()]
    lines = [json.dumps({k: v for k, v in r.items() if k not in GOLD_FIELDS}) for r in rows]
    # running stories: with events, a closed story stays the quiet-spell fallback's 14 days,
    # longer than this 10-day stream (bot.stories.retention.kept_days)
    stream = settings.with_overrides(story_stream_clock=True, story_data_days=1,
                                     story_half_life_hours=0)

    def run(name: str, every: int):
        path: Path = tmp_path / f"{name}.db"
        return replay_into(path, lines, stream.with_overrides(db_path=path), nlp,
                           every=every)

    plain, compacted = run("plain", 0), run("compacted", 10)
    assert plain.verdicts == compacted.verdicts
    assert plain.compacted == 0 < compacted.compacted
    assert compacted.tables["story_features"] < plain.tables["story_features"]
    assert compacted.tables["articles"] == plain.tables["articles"]
